"""One intake: answers, findings with their reasons and sources, candidacy, versions, status."""

import html
import re

from intake.models import Submission
from intake.questionnaire import CONSENT_VERSIONS, FORM_VERSION
from tests.support.factories import reviewed_submission


def _page(client, submission) -> str:
    response = client.get(f"/specialist/intakes/{submission.reference}")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_shows_every_answer_grouped_by_step(signed_in, db_session):
    submission = reviewed_submission(db_session)
    page = _page(signed_in, submission)
    answers = page[
        page.index('id="answers"') : page.index("</section>", page.index('id="answers"'))
    ]
    headings = re.findall(r"<h3>([^<]+)</h3>", answers)
    assert headings == [
        "About you",
        "Your skin",
        "Your health",
        "Your skin now, and allergies",
        "Medicines and recent treatments",
        "Consent",
    ]
    # Questions in the client's words, answers in words rather than codes.
    assert "<dt>Full name</dt><dd>Priya Das</dd>" in page
    assert (
        "<dt>What do your scars look like?</dt><dd>Narrow, deep pits\nWide, soft dips</dd>" in page
    )
    assert "Zebraquine-7731" in page


def test_shows_findings_by_severity_with_reasons_sources_and_contested_marker(
    signed_in, db_session
):
    page = _page(signed_in, reviewed_submission(db_session))
    review = page.index("Specialist review</span></h3>")
    precaution = page.index("Precaution</span></h3>")
    advisory = page.index("Advisory</span></h3>")
    assert review < precaution < advisory
    assert "Isotretinoin now or in the last 6 months" in page
    assert "Sources disagree on the waiting time" in page
    # The answer that triggered it, in words.
    assert "Isotretinoin: <strong>last dose 5 months ago, on 10 Jun 2026</strong>" in page
    assert "Scar types for acne scars: <strong>Rolling; Ice pick</strong>" in page
    # Full citation from the rule set's sources, not only the id.
    assert "<strong>S9</strong> Waldman A et al. ASDS Guidelines Task Force" in page
    assert "Contested: sources disagree</span>" in page
    contested_markers = page.count('class="badge badge--contested"')
    assert contested_markers == 1


def test_shows_candidacy_and_plan_per_concern(signed_in, db_session):
    page = _page(signed_in, reviewed_submission(db_session))
    assert 'Acne scars <span class="badge badge--rating-fair_candidate">Fair candidate' in page
    assert "1.5–2 mm" in page
    assert "3–6" in page
    assert "4–6 weeks" in page
    assert "TCA CROSS for ice pick scars" in page
    assert "Good candidate" in page


def test_shows_the_versions(signed_in, db_session):
    page = _page(signed_in, reviewed_submission(db_session))
    assert FORM_VERSION in page
    assert CONSENT_VERSIONS["en"] in page
    assert "2026.10.0+test000000" in page


def test_has_a_place_for_the_pdf_summary(signed_in, db_session):
    page = _page(signed_in, reviewed_submission(db_session))
    assert 'id="pdf-summary"' in page


def test_first_view_moves_a_new_intake_into_review(signed_in, db_session):
    submission = reviewed_submission(db_session)
    _page(signed_in, submission)
    db_session.expire_all()
    assert db_session.get(Submission, submission.id).status == "viewed"


def test_a_reference_typed_loosely_leads_to_the_intake(signed_in, db_session):
    submission = reviewed_submission(db_session)
    loose = submission.reference.replace("-", "").lower()
    response = signed_in.get(f"/specialist/intakes/{loose}")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/specialist/intakes/{submission.reference}"


def test_an_unknown_reference_is_not_found(signed_in):
    assert signed_in.get("/specialist/intakes/NOPE-0000").status_code == 404


def test_text_stored_before_cleaning_is_shown_cleaned(signed_in, db_session):
    # Sent before cleaning existed: controls and invisible characters kept as typed.
    submission = reviewed_submission(db_session, full_name="Pri\u200bya\u2060 Das")
    answers = dict(submission.answers)
    answers["skin"] = {**answers["skin"], "goals": "\u2067Smooth\u2069\u202d cheeks\u200b"}
    submission.answers = answers
    db_session.commit()

    page = _page(signed_in, submission)

    assert "<h1>Priya Das</h1>" in page
    assert "<blockquote>Smooth cheeks</blockquote>" in page
    assert "<dt>Full name</dt><dd>Priya Das</dd>" in page
    assert not set(page) & {"\u200b", "\u2060", "\u2067", "\u2069", "\u202d"}
