"""Decisions: recorded with notes, kept as a history, a reason required against the rules."""

import html
import re

import pytest

from intake.models import Decision, Submission
from intake.specialist.decisions import goes_against
from tests.support.factories import reviewed_submission
from tests.support.forms import page_token


def _decide(client, submission, **fields):
    detail = f"/specialist/intakes/{submission.reference}"
    page = client.get(detail).get_data(as_text=True)
    assessment_id = re.search(r'name="assessment_id" type="hidden" value="(\d+)"', page)
    data = {
        "csrf_token": page_token(client, detail),
        "assessment_id": assessment_id.group(1),
        "notes": "",
        "override_reason": "",
    }
    data.update(fields)
    return client.post(f"{detail}/decision", data=data)


@pytest.mark.parametrize(
    "decision, overall, against",
    [
        ("proceed", "suitable", False),
        ("proceed", "suitable_with_precautions", True),
        ("proceed", "needs_specialist_review", True),
        ("proceed", "not_suitable", True),
        ("proceed_with_precautions", "suitable", False),
        ("proceed_with_precautions", "suitable_with_precautions", False),
        ("proceed_with_precautions", "needs_specialist_review", True),
        ("proceed_with_precautions", "not_suitable", True),
        ("decline", "suitable", True),
        ("decline", "suitable_with_precautions", True),
        ("decline", "needs_specialist_review", False),
        ("decline", "not_suitable", False),
        ("needs_consultation", "suitable", False),
        ("needs_consultation", "not_suitable", False),
    ],
)
def test_which_decisions_go_against_the_rules(decision, overall, against):
    assert goes_against(decision, overall) is against


def test_a_decision_in_line_with_the_rules_is_recorded(signed_in, db_session, specialist):
    submission = reviewed_submission(db_session, overall="suitable")
    response = _decide(signed_in, submission, outcome="proceed", notes="Book 3 sessions.")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#decisions")
    db_session.expire_all()
    stored = db_session.get(Submission, submission.id)
    assert stored.status == "decided"
    (decision,) = stored.decisions
    assert (decision.outcome, decision.notes, decision.override_reason) == (
        "proceed",
        "Book 3 sessions.",
        None,
    )
    assert decision.user_id == specialist.id
    assert decision.assessment_id == stored.latest_assessment.id
    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Decision recorded." in page
    assert "Book 3 sessions." in page and "by Dr Meera Sen" in page


def test_a_decision_against_the_rules_without_a_reason_is_refused(signed_in, db_session):
    submission = reviewed_submission(db_session, overall="not_suitable")
    response = _decide(signed_in, submission, outcome="proceed", notes="Keep my note")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "differs from the rules&#39; outcome: write why" in page
    # Nothing typed is lost.
    assert "Keep my note" in page
    assert re.search(r'<input checked[^>]*value="proceed"', page)
    blank = _decide(signed_in, submission, outcome="proceed", override_reason="   ")
    assert blank.status_code == 400
    assert db_session.query(Decision).count() == 0


def test_a_decision_against_the_rules_with_a_reason_is_recorded(signed_in, db_session):
    submission = reviewed_submission(db_session, overall="needs_specialist_review")
    reason = "Isotretinoin course was 10 mg for 2 months; superficial depth only."
    response = _decide(signed_in, submission, outcome="proceed", override_reason=reason)
    assert response.status_code == 303
    decision = db_session.query(Decision).one()
    assert decision.override_reason == reason


def test_a_decision_must_be_chosen(signed_in, db_session):
    submission = reviewed_submission(db_session)
    response = _decide(signed_in, submission, notes="forgot to choose")
    assert response.status_code == 400
    assert "Choose a decision." in response.get_data(as_text=True)
    bogus = _decide(signed_in, submission, outcome="maybe")
    assert bogus.status_code == 400


def test_decisions_are_kept_as_a_history(signed_in, db_session):
    submission = reviewed_submission(db_session, overall="needs_specialist_review")
    _decide(signed_in, submission, outcome="needs_consultation", notes="See in person first.")
    second = {"outcome": "decline", "notes": "Seen: active eczema flare."}
    # A second decision replaces the first only when the specialist confirms it.
    unconfirmed = _decide(signed_in, submission, **second)
    assert unconfirmed.status_code == 400
    refusal = html.unescape(unconfirmed.get_data(as_text=True))
    assert "This replaces the decision of " in refusal
    assert "by Dr Meera Sen (Needs in-person consultation)." in refusal
    assert "Tick the box to confirm" in refusal
    assert "Seen: active eczema flare." in refusal  # what was typed is kept
    assert db_session.query(Decision).count() == 1
    assert _decide(signed_in, submission, **second, confirm_replace="y").status_code == 303
    db_session.expire_all()
    decisions = db_session.get(Submission, submission.id).decisions
    assert [d.outcome for d in decisions] == ["needs_consultation", "decline"]
    page = signed_in.get(f"/specialist/intakes/{submission.reference}").get_data(as_text=True)
    assert page.index("Seen: active eczema flare.") < page.index("See in person first.")


def test_a_decision_on_an_outdated_assessment_is_sent_back(signed_in, db_session):
    submission = reviewed_submission(db_session, overall="suitable")
    response = _decide(signed_in, submission, outcome="proceed", assessment_id="999999")
    assert response.status_code == 409
    assert "re-assessed while you were deciding" in response.get_data(as_text=True)
    assert db_session.query(Decision).count() == 0
