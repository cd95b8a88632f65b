"""The committed catalogs: up to date with the code, complete in Bengali and Hindi, well formed."""

import re
from collections import Counter

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from intake.config import PROJECT_ROOT
from tests.support.page_text import KEPT_IN_LATIN

TRANSLATIONS = PROJECT_ROOT / "translations"
CLIENT_LANGUAGES = ("bn", "hi")
# The keywords `make extract-messages` passes to pybabel, on top of Babel's own.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_SCRIPT = {"bn": re.compile(r"[\u0980-\u09ff]"), "hi": re.compile(r"[\u0900-\u097f]")}


def catalog(language: str):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def messages(language: str) -> list:
    return [m for m in catalog(language) if m.id]


def source_messages() -> set[str]:
    """Extract the client-facing messages from the code now, as pybabel does with babel.cfg."""
    with (PROJECT_ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, "babel.cfg")
    found = set()
    for _file, _line, message, *_ in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", ["en", *CLIENT_LANGUAGES])
def test_catalog_holds_every_message_the_code_uses(language):
    in_catalog = {m.id for m in messages(language)}
    missing = source_messages() - in_catalog
    assert not missing, f"run `make extract-messages` and translate: {sorted(missing)}"


@pytest.mark.parametrize("language", CLIENT_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    untranslated = [m.id for m in messages(language) if not m.string or not str(m.string).strip()]
    fuzzy = [m.id for m in messages(language) if m.fuzzy]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.parametrize("language", CLIENT_LANGUAGES)
def test_translations_keep_every_placeholder(language):
    for message in messages(language):
        expected = Counter(_PLACEHOLDER.findall(message.id))
        assert Counter(_PLACEHOLDER.findall(message.string)) == expected, message.id
        # A stray % would make the formatting fail at run time.
        assert "%" not in _PLACEHOLDER.sub("", message.string), message.id


@pytest.mark.parametrize("language", CLIENT_LANGUAGES)
def test_translations_are_in_the_language_script_with_only_deliberate_latin(language):
    for message in messages(language):
        text = _PLACEHOLDER.sub("", message.string)
        assert _SCRIPT[language].search(text), message.id
        latin = set(re.findall(r"[A-Za-z]{2,}", text)) - KEPT_IN_LATIN
        assert not latin, (message.id, latin)


def test_catalogs_and_template_list_the_same_messages():
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    for language in ("en", *CLIENT_LANGUAGES):
        assert {m.id for m in messages(language)} == template, language
