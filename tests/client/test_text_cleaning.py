"""The one cleaning every typed text goes through: what it removes, keeps, cuts and reports."""

import unicodedata

import pytest

from intake.text_cleaning import clean, clean_text, cut
from tests.support.factories import CRASH


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Pri\u200bya", "Priya"),  # zero-width space
        ("Pri\u2060ya\ufeff", "Priya"),  # word joiner, BOM
        ("Pri\u00adya", "Priya"),  # soft hyphen
        ("Priya\u180e", "Priya"),  # Mongolian vowel separator
        ("Pri\u200cya Da\u200ds", "Priya Das"),  # joiners do nothing in Latin
        ("Pri\U000e0041ya", "Priya"),  # tag character
        ("Priya\ufe0f", "Priya"),  # a selector after a letter changes nothing
        ("a\x00b\x07c\x1bd\x7fe\x85f\x9fg", "abcde\nfg"),  # C0, DEL, C1; NEL ends a line
        (CRASH, "abcd" * 120),
        ("\u202eevil\u202c \u2066isolated\u2069 \u202a\u202b", "evil isolated"),
    ],
)
def test_removes_what_shows_nothing_and_says_so(typed, kept):
    cleaned = clean(typed)
    assert cleaned.text == kept
    assert cleaned.removed


@pytest.mark.parametrize(
    "typed",
    [
        "র\u200d্যাব",  # Bengali ya-phala with ZWJ after ra
        "ক্\u200cষ",  # Bengali: ZWNJ after the hasanta keeps ka and ssa apart
        "क्\u200dष",  # Devanagari half form after the virama
        "नि\u200cशान",  # ZWNJ between Devanagari letters
        "می\u200cخواهم",  # Persian ZWNJ between Arabic letters
        "👩\u200d⚕\ufe0f 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈",  # emoji ZWJ sequences
        "❤\ufe0f 1\ufe0f\u20e3 #\ufe0f\u20e3",  # emoji presentation, keycaps
        "\u200fمرحبا\u200e Priya \u061c",  # the bidi marks (RLM, LRM, ALM) help and stay
        "Line one\n\tindented",
    ],
)
def test_keeps_what_changes_the_text(typed):
    cleaned = clean(typed)
    assert cleaned.text == typed
    assert not cleaned.removed


def test_line_ends_trimming_and_nfc_are_not_reported():
    cleaned = clean("  Caf\u0065\u0301\r\nline\rtwo\u2028three  ")
    assert cleaned.text == "Café\nline\ntwo\nthree"
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert not cleaned.removed


def test_single_line_text_turns_line_breaks_into_spaces():
    assert clean("Priya\r\nDas\tSen", multiline=False).text == "Priya Das Sen"


def test_cut_keeps_at_most_the_limit_and_never_splits_a_letter():
    assert cut("x" * 1001, 1000) == "x" * 1000
    assert cut("short", 1000) == "short"
    # The cut would fall between ka + virama and ssa: the whole conjunct goes.
    assert cut("ab" + "क्ष", 4) == "ab"
    assert cut("ab" + "e\u0301", 3) == "ab"
    assert cut("a 👨\u200d👩\u200d👧", 4) == "a"


def test_clean_text_is_the_text_alone():
    assert clean_text(" Pri\u200bya\x00 ") == "Priya"
