"""What a client reads on a page, and any English left in it, in each language."""

import re
from html.parser import HTMLParser

from flask_babel import force_locale

from intake.config import DEFAULTS
from intake.i18n import LANGUAGES

BROWSER_LANGUAGE = {"en": "en-GB,en;q=0.9", "bn": "bn-IN,bn;q=0.9", "hi": "hi-IN,hi;q=0.9"}

# Words a Bengali or Hindi reader sees in Latin letters on purpose: brand names as printed on
# the pack, abbreviations doctors and reports use, a unit, and the example email address.
KEPT_IN_LATIN = frozenset(
    {
        "Botox",
        "Isotroin",
        "Accutane",
        "Roaccutane",
        "Sotret",
        "Tretiva",
        "HIV",
        "SMS",
        "CD",
        "DVT",
        "SLE",
        "IPL",
        "CO",
        "mg",
        "name",
        "example",
        "com",
        # File formats a phone's gallery names them by.
        "JPEG",
        "PNG",
        "HEIC",
        "WebP",
    }
)
# The digits a Bengali or Hindi page writes numbers in: str.translate tables from 0-9.
PAGE_DIGITS = {
    "bn": str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"),
    "hi": str.maketrans("0123456789", "०१२३४५६७८९"),
}
# Text that is the same in every language: the clinic's name and each language's own name.
_EVERY_LANGUAGE = (DEFAULTS["CLINIC_NAME"], *LANGUAGES.values())
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_URL = re.compile(r"https?://\S+")
# Attributes whose text a client reads or hears.
_READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "data-copied"}


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value for name, value in attrs if name in _READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Return the text of a page a client reads or hears, entities decoded."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def english_left(html: str, typed: tuple[str, ...] = ()) -> list[str]:
    """Return the Latin-letter words on the page, apart from those expected in any language.

    ``typed`` holds what the client wrote (and codes the app made for them): it is shown as
    written, whatever its script.
    """
    text = _URL.sub(" ", visible_text(html))
    for same in sorted((*_EVERY_LANGUAGE, *typed), key=len, reverse=True):
        text = text.replace(same, " ")
    return [word for word in _LATIN_WORD.findall(text) if word not in KEPT_IN_LATIN]


def in_language(app, language: str, text) -> str:
    """Return a message as a client reading the language sees it."""
    with app.test_request_context(), force_locale(language):
        return str(text)
