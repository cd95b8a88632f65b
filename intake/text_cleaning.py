"""Normalise the text people type, before it is stored and again before it is shown."""

import re
import unicodedata
from dataclasses import dataclass

ZWNJ, ZWJ = "\u200c", "\u200d"
_VIRAMA = 9  # the canonical combining class of every script's virama (halant, hasanta)
_LINE_ENDS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_SINGLE_LINE = re.compile(r"[\n\t]+")
# C0 and C1 controls (browsers never send them from a text box; PostgreSQL refuses NUL in
# JSON text) and lone surrogates, which no encoder accepts.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Every bidirectional embedding, override and isolate (LRE RLE PDF LRO RLO, LRI RLI FSI PDI)
# is removed rather than balanced. Clients never need them: the pages and the PDF lay out
# each answer on its own with the Unicode bidirectional algorithm, which orders Arabic or
# Hebrew beside Bengali, Devanagari and Latin without help, and the marks that do help it
# (LRM, RLM, ALM) are kept. Phone keyboards do not type them; pasted ones arrive unpaired or
# nested, and such runs crash the PDF renderer's shaping libraries. One rule is also easier to
# trust than a balancer that must agree with every renderer about what a pair is.
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# Characters that show nothing yet make one name differ from another that looks the same:
# soft hyphen, combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian
# vowel separator, zero-width space, word joiner and invisible operators, deprecated format
# controls, zero-width no-break space (BOM), interlinear annotation marks, shorthand format
# controls, musical format controls and tag characters.
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f"
    "\u3164\ufeff\uffa0\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f"
)
_ALWAYS_REMOVED = re.compile(f"[{_BIDI_CONTROLS}{_INVISIBLE}]")
# Variation selectors and the joiners are kept only where they change what is drawn.
_CONTEXTUAL = re.compile(f"[{ZWNJ}{ZWJ}\ufe00-\ufe0f\U000e0100-\U000e01ef]")
# Scripts in which a joiner chooses between visibly different forms (a half form or a
# conjunct, a joined or separate letter): Devanagari, Bengali and Arabic.
_JOINING_SCRIPTS = ((0x0900, 0x09FF), (0x0600, 0x06FF), (0xA8E0, 0xA8FF))


@dataclass(frozen=True)
class CleanText:
    """Text as it is kept, and whether characters were removed beyond trimming the ends.

    Unified line ends and NFC are not reported: they change how the text is encoded, not
    what it shows.
    """

    text: str
    removed: bool = False


def clean(value: str, *, multiline: bool = True) -> CleanText:
    """Normalise typed text and say whether that removed anything the client typed."""
    text = _LINE_ENDS.sub("\n", value)
    if not multiline:
        text = _SINGLE_LINE.sub(" ", text)
    kept = _CONTROLS.sub("", text)
    kept = _ALWAYS_REMOVED.sub("", kept)
    kept = _CONTEXTUAL.sub(lambda match: _in_context(match.string, match.start()), kept)
    removed = len(kept) != len(text)
    return CleanText(unicodedata.normalize("NFC", kept).strip(), removed)


def clean_text(value: str) -> str:
    """Return ``value`` normalised, for where nobody needs telling what changed."""
    return clean(value).text


def _in_context(text: str, at: int) -> str:
    """Return the joiner or variation selector at ``at`` if it does something there, else ''."""
    char = text[at]
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if char in (ZWNJ, ZWJ):
        if before and unicodedata.combining(before) == _VIRAMA:
            return char
        if _joins(before) and _joins(after):
            return char
        # Emoji sequences (family, profession, flag) join pictographs with ZWJ.
        base = text[at - 2] if before == "\ufe0f" and at > 1 else before
        if char == ZWJ and _pictograph(base) and _pictograph(after):
            return char
        return ""
    return char if before and _varies(before) else ""


def _joins(char: str) -> bool:
    return bool(char) and any(low <= ord(char) <= high for low, high in _JOINING_SCRIPTS)


def _pictograph(char: str) -> bool:
    # Symbols (So) and the skin-tone modifiers (Sk) that emoji sequences are built from.
    return bool(char) and unicodedata.category(char) in ("So", "Sk")


def _varies(base: str) -> bool:
    # Emoji and text presentation (VS15, VS16) follow symbols, and digits, # and * in
    # keycaps; ideographic variants follow CJK ideographs. After a letter, a mark or another
    # selector they change nothing.
    return (
        unicodedata.category(base)[0] == "S"
        or base in "#*0123456789"
        or unicodedata.name(base, "").startswith("CJK")
    )


def cut(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters, not inside a letter's cluster."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and _continues(text[end - 1], text[end]):
        end -= 1
    return text[:end].rstrip()


def _continues(before: str, after: str) -> bool:
    # A mark, joiner, selector or skin tone belongs to the character before it, and a
    # consonant after a virama belongs to the conjunct it completes.
    return (
        unicodedata.category(after) in ("Mn", "Mc", "Me", "Sk")
        or after in (ZWNJ, ZWJ)
        or "\ufe00" <= after <= "\ufe0f"
        or before == ZWJ
        or unicodedata.combining(before) == _VIRAMA
    )
