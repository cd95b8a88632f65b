"""The specialist's intake page and PDF show the new health answers and what they found."""

import html

from intake.pdf.summary import summary_pdf
from tests.support import factories, pdftools


def test_the_intake_page_shows_the_new_answers_and_findings(signed_in, db_session):
    submission = factories.worst_submission(db_session)
    db_session.commit()
    response = signed_in.get(f"/specialist/intakes/{submission.reference}")
    page = html.unescape(response.get_data(as_text=True))
    raised = "Have you ever had a raised, thick scar that stayed within the edges of the wound?"
    assert f"<dt>{raised}</dt><dd>Yes</dd>" in page
    assert "<dt>Do you have an infection on your face right now?</dt><dd>Yes</dd>" in page
    assert (
        "<dt>Which of these do you have on your face now?</dt>"
        "<dd>A cold sore (fever blister)\nWarts</dd>"
    ) in page
    assert "Is the skin you want treated tanned, or has it had a lot of strong sun lately?" in page
    assert "skin cancer on the parts of your face you want treated?</dt><dd>Yes</dd>" in page
    for title in (
        "Known skin cancer in the treatment area",
        "Hypertrophic (raised) scar history",
        "Tanned or recently sun-exposed skin in the area",
    ):
        assert title in page
    assert "Infection in the area now: <strong>Cold sore; Warts</strong>" in page


def test_none_of_these_reads_as_the_no_it_was_given_as(signed_in, db_session):
    submission = factories.typical_submission(db_session)
    db_session.commit()
    page = html.unescape(
        signed_in.get(f"/specialist/intakes/{submission.reference}").get_data(as_text=True)
    )
    assert "<dt>Do you have any allergies?</dt><dd>No</dd>" in page
    assert "What are you allergic to?" not in page


def test_the_pdf_shows_the_new_answers_and_findings(app, db_session):
    submission = factories.worst_submission(db_session)
    db_session.commit()
    with app.app_context():
        text = pdftools.squash(pdftools.text(summary_pdf(db_session, submission)))
    for words in (
        "Known skin cancer in the treatment area",
        "Hypertrophic (raised) scar history",
        "Tanned or recently sun-exposed skin in the area",
        "a raised, thick scar that stayed within the edges of the wound",
        "skin cancer on the parts of your face you want treated",
        # A list is read after the Yes that opened it, as the client answered.
        "Do you have an infection on your face right now? Yes",
        "Which of these do you have on your face now? A cold sore (fever blister)",
    ):
        assert pdftools.squash(words) in text
