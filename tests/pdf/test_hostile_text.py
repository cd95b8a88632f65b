"""Hostile Unicode in every typed answer and the name: the real renderer still makes the PDF."""

import pytest

from intake.pdf.render_process import renderer
from intake.pdf.summary import summary_pdf
from tests.support import factories, pdftools
from tests.support.factories import CRASH

# (text stored as typed before cleaning existed, words the PDF must show)
CORPUS = {
    "crash string": (CRASH, ["abcdabcdabcd"]),
    "unbalanced bidi controls around every script": (
        "\u202eمرحبا\u202a שלום \u2066দাগ\u2069 निशान scars\u202c\u202c\u2067 \u202dend",
        ["scars", "end"],
    ),
    "nested isolates and overrides": (
        "\u2067\u2066\u202e" * 50 + "Nested" + "\u2069" * 20,
        ["Nested"],
    ),
    "combining-mark flood": ("Zalgo e" + "\u0301\u0316\u0489" * 400 + " done", ["Zalgo", "done"]),
    "right-to-left beside Bengali, Devanagari and Latin": (
        "الندبات على خدي והכתמים ব্রণের দাগ मुंहासों के निशान acne scars 2024 ১২ १२",
        ["acne scars 2024"],
    ),
    "emoji ZWJ sequences": (
        "👩\u200d⚕\ufe0f 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 1\ufe0f\u20e3 Emoji",
        ["Emoji"],
    ),
    "joiners inside Bengali and Devanagari": ("র\u200d্যাব ক্\u200cষ क्\u200dष Joined", ["Joined"]),
    "invisible and control characters": (
        "P\u200br\u2060i\ufeffy\u00ada\x1b \x07Sen\u180e",
        ["Priya Sen"],
    ),
}


@pytest.mark.parametrize(("text", "words"), list(CORPUS.values()), ids=list(CORPUS))
def test_hostile_text_renders_in_the_real_renderer(db, text, words):
    answers = factories.typical_answers(free_text=text)
    # As long as a name can be: the form's limit.
    answers["about"]["full_name"] = text[:120]
    submission = factories.make_submission(db, answers, reference="K7QH-3MWD")
    db.commit()

    pdf = summary_pdf(db, submission)

    assert pdf.startswith(b"%PDF-")
    shown = pdftools.squash(pdftools.text(pdf))
    for expected in words:
        assert pdftools.squash(expected) in shown


def test_a_10000_character_word_wraps_in_the_real_renderer(app):
    # No answer may be this long, but the renderer must not depend on the limits holding.
    word = (factories.LONG_WORD * 42)[:10_000]
    html = f'<html lang="en"><title>t</title><p class="written client-text">{word}</p></html>'

    pdf = renderer().render(html, timeout=120)

    # Wrapped over lines and pages: the lines of the word, page header and footer left out,
    # give the whole word back in order.
    lines = [line.strip() for line in pdftools.text(pdf).splitlines()]
    assert "".join(line for line in lines if line and set(line) <= set(word)) == word
