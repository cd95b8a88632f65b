"""Where an intake stands: the dashboard's order and reasons, and statuses that follow the work."""

import copy
import re
from datetime import timedelta

from intake.db import utcnow
from intake.models import PdfDocument, Submission
from tests.support import pdftools
from tests.support.factories import OLDER_ASSESSMENT, reviewed_submission
from tests.support.workspace import post_form

REVIEW_TITLE = "Isotretinoin now or in the last 6 months"


def _references(client, query: str = "") -> list[str]:
    page = client.get(f"/specialist/{query}").get_data(as_text=True)
    return re.findall(r'class="reference-link" href="[^"]+">([^<]+)<', page)


def _flag(title: str, severity: str) -> dict:
    return {
        "id": title.lower().replace(" ", "_"),
        "severity": severity,
        "concern": None,
        "title": title,
        "explanation": "",
        "because": {},
        "sources": [],
        "contested": False,
    }


def _assessment(overall: str, *flags: dict) -> dict:
    return dict(copy.deepcopy(OLDER_ASSESSMENT), overall=overall, flags=list(flags))


def _at(minutes_ago: int):
    return utcnow() - timedelta(minutes=minutes_ago)


def test_needs_a_look_first_then_newest(signed_in, db_session):
    suitable_new = reviewed_submission(db_session, overall="suitable", submitted_at=_at(1))
    decided_not_suitable = reviewed_submission(
        db_session, overall="not_suitable", status="decided", submitted_at=_at(2)
    )
    review_old = reviewed_submission(
        db_session, overall="needs_specialist_review", submitted_at=_at(9)
    )
    not_suitable = reviewed_submission(db_session, overall="not_suitable", submitted_at=_at(5))
    again = reviewed_submission(
        db_session, overall="suitable", status="re_review", submitted_at=_at(30)
    )
    assert _references(signed_in) == [
        again.reference,
        not_suitable.reference,
        review_old.reference,
        suitable_new.reference,
        decided_not_suitable.reference,
    ]


def test_pages_follow_the_same_order(app, signed_in, db_session):
    app.config["DASHBOARD_PAGE_SIZE"] = 2
    made = [
        reviewed_submission(db_session, overall=overall, submitted_at=_at(minutes))
        for overall, minutes in (
            ("suitable", 1),
            ("not_suitable", 8),
            ("suitable", 3),
            ("needs_specialist_review", 4),
            ("suitable", 2),
        )
    ]
    seen, query = [], ""
    for _ in range(3):
        page = signed_in.get(f"/specialist/{query}").get_data(as_text=True)
        seen += re.findall(r'class="reference-link" href="[^"]+">([^<]+)<', page)
        older = re.search(r'rel="next" href="[^"]*\?([^"]+)"', page)
        query = "?" + older.group(1).replace("&amp;", "&") if older else ""
    expected = [made[i].reference for i in (3, 1, 0, 4, 2)]
    assert seen == expected


def test_each_row_says_why_with_the_first_two_serious_titles(signed_in, db_session):
    flags = [
        _flag("Pregnant", "absolute"),
        _flag(REVIEW_TITLE, "review"),
        _flag("Keloid history", "review"),
        _flag("Immunosuppressed", "review"),
        _flag("Cold sores", "precaution"),
    ]
    reviewed_submission(db_session, assessment=_assessment("not_suitable", *flags))
    page = signed_in.get("/specialist/").get_data(as_text=True)
    reasons = re.search(r'<td class="reasons clip"[^>]*>(.*?)</td>', page, re.S).group(1)
    assert reasons == (
        'Pregnant; Isotretinoin now or in the last 6 months <span class="muted">+2</span>'
    )


def test_opening_or_downloading_the_pdf_marks_a_new_intake_viewed(signed_in, db_session):
    opened = reviewed_submission(db_session)
    downloaded = reviewed_submission(db_session)
    signed_in.get(f"/specialist/intakes/{opened.reference}")
    signed_in.get(f"/specialist/intakes/{downloaded.reference}/summary.pdf?download=1")
    db_session.expire_all()
    assert db_session.get(Submission, opened.id).status == "viewed"
    assert db_session.get(Submission, downloaded.id).status == "viewed"
    assert _references(signed_in, "?status=viewed") == [opened.reference, downloaded.reference]


def _decide(client, submission, outcome: str):
    detail = f"/specialist/intakes/{submission.reference}"
    page = client.get(detail).get_data(as_text=True)
    assessment_id = re.search(r'name="assessment_id" type="hidden" value="(\d+)"', page)
    return post_form(
        client,
        f"{detail}/decision",
        {
            "assessment_id": assessment_id.group(1),
            "outcome": outcome,
            "override_reason": "Seen the history.",
            "confirm_replace": "y",
        },
        token_from=detail,
    )


def test_a_consultation_decision_leaves_the_client_still_to_be_seen(signed_in, db_session):
    consult = reviewed_submission(db_session)
    decided = reviewed_submission(db_session)
    assert _decide(signed_in, consult, "needs_consultation").status_code == 303
    assert _decide(signed_in, decided, "proceed_with_precautions").status_code == 303
    db_session.expire_all()
    assert db_session.get(Submission, consult.id).status == "consultation"
    assert db_session.get(Submission, decided.id).status == "decided"
    page = signed_in.get("/specialist/?status=consultation").get_data(as_text=True)
    assert consult.reference in page and decided.reference not in page
    assert "Needs in-person consultation</span>" in page


def _reassess(client, submission):
    detail = f"/specialist/intakes/{submission.reference}"
    return post_form(client, f"{detail}/reassess", token_from=detail)


def test_a_worse_reassessment_of_a_decided_intake_asks_for_re_review(signed_in, db_session):
    # Decided on an older assessment without the isotretinoin finding the shipped rules raise.
    older = _assessment("suitable_with_precautions", _flag("Cold sores", "precaution"))
    worse = reviewed_submission(db_session, assessment=older, submitted_at=_at(60))
    newer = reviewed_submission(db_session, overall="not_suitable", submitted_at=_at(1))
    assert _decide(signed_in, worse, "proceed_with_precautions").status_code == 303
    assert _reassess(signed_in, worse).status_code == 303
    db_session.expire_all()
    stored = db_session.get(Submission, worse.id)
    assert stored.status == "re_review"
    assert REVIEW_TITLE in stored.reasons
    assert _references(signed_in)[:2] == [worse.reference, newer.reference]
    page = signed_in.get(f"/specialist/intakes/{worse.reference}").get_data(as_text=True)
    assert "New finding:</strong> " + REVIEW_TITLE in page


def test_a_reassessment_that_changes_nothing_serious_keeps_the_decision(signed_in, db_session):
    # The shipped rules add only a precaution (darker-skin PIH risk) to the stored assessment.
    submission = reviewed_submission(db_session)
    assert _decide(signed_in, submission, "proceed_with_precautions").status_code == 303
    assert _reassess(signed_in, submission).status_code == 303
    db_session.expire_all()
    assert db_session.get(Submission, submission.id).status == "decided"


def test_a_decision_has_its_summary_rendered_once_the_redirect_is_sent(
    finish, signed_in, db_session
):
    submission = reviewed_submission(db_session)
    decided = _decide(signed_in, submission, "proceed_with_precautions")
    assert decided.status_code == 303
    assert db_session.query(PdfDocument).filter(PdfDocument.content.is_not(None)).count() == 0
    finish(decided)
    (stored,) = db_session.query(PdfDocument).all()
    assert "Proceed with precautions, by Dr Meera Sen" in pdftools.text(stored.content)
