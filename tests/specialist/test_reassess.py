"""Re-assessing with the current rules adds an assessment, keeps the old one, shows the change."""

import copy
import html
import re

from intake.models import Assessment, Submission
from intake.rules import DEFAULT_RULES_DIR, load_ruleset
from tests.support.factories import OLDER_ASSESSMENT, REVIEWED_ANSWERS, reviewed_submission
from tests.support.workspace import post_form


def _reassess(client, submission):
    detail = f"/specialist/intakes/{submission.reference}"
    return post_form(client, f"{detail}/reassess", token_from=detail)


def test_reassess_adds_an_assessment_and_keeps_the_old_one(signed_in, db_session):
    submission = reviewed_submission(db_session)
    response = _reassess(signed_in, submission)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#changes")
    db_session.expire_all()
    stored = db_session.get(Submission, submission.id)
    old, new = stored.assessments
    assert old.result == OLDER_ASSESSMENT
    assert new.rules_version.startswith("2026.12.1+")
    assert new.result["rules_version"] == new.rules_version
    assert stored.outcome == new.overall


def test_reassess_shows_what_changed(signed_in, db_session):
    submission = reviewed_submission(db_session)
    response = _reassess(signed_in, submission)
    page = html.unescape(signed_in.get(response.headers["Location"]).get_data(as_text=True))
    assert "What changed at the last re-assessment" in page
    changes = page[page.index('id="changes"') : page.index('id="findings"')]
    # The shipped rules also flag the darker-skin PIH risk the stored assessment lacked.
    assert "New finding: Fitzpatrick IV-VI" in re.sub(r"<[^>]+>", "", changes)
    assert "2026.10.0+test000000 → 2026.12.1+" in changes


def test_reassess_under_changed_rules_shows_removed_findings_and_new_outcome(
    app, signed_in, db_session, tmp_path
):
    rules = tmp_path / "rules"
    rules.mkdir()
    for source in DEFAULT_RULES_DIR.glob("*.toml"):
        text = source.read_text(encoding="utf-8")
        text = text.replace("isotretinoin_window_months = 6", "isotretinoin_window_months = 3")
        (rules / source.name).write_text(text, encoding="utf-8")
    # As if the app had started on the edited rules. (Their own example cases expect
    # 6 months, but loading and assessing do not run them.)
    app.extensions["ruleset"] = load_ruleset(rules)
    submission = reviewed_submission(db_session)
    response = _reassess(signed_in, submission)
    page = html.unescape(signed_in.get(response.headers["Location"]).get_data(as_text=True))
    changes = re.sub(r"<[^>]+>", "", page[page.index('id="changes"') : page.index('id="findings"')])
    assert "No longer found: Isotretinoin now or in the last 6 months" in changes
    assert "Outcome: Needs specialist review → Suitable with precautions" in " ".join(
        changes.split()
    )


def test_reassess_twice_with_the_same_rules_adds_nothing(signed_in, db_session):
    submission = reviewed_submission(db_session)
    _reassess(signed_in, submission)
    response = _reassess(signed_in, submission)
    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "already assessed with the current rules" in page
    assert db_session.query(Assessment).filter_by(submission_id=submission.id).count() == 2


def test_reassess_refuses_answers_whose_facts_the_rules_cannot_read(signed_in, db_session):
    # An answer code no current form offers (as if a later form had dropped the choice).
    answers = copy.deepcopy(REVIEWED_ANSWERS)
    answers["skin_health"] = {**answers["skin_health"], "active_acne": "not-a-grade"}
    submission = reviewed_submission(db_session, answers=answers)
    response = _reassess(signed_in, submission)
    page = signed_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "could not assess this intake" in page
    # Only in the answers: the message does not quote the facts.
    assert page.count("not-a-grade") == 1
    assert db_session.query(Assessment).filter_by(submission_id=submission.id).count() == 1
