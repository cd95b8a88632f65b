"""Assessments as of a date: the date shown and recorded, re-assessing as of today, the CLI."""

import copy
import html
import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest

from intake.clinic_time import clinic_today
from intake.config import PROJECT_ROOT
from intake.models import Assessment, AuditEvent, Submission
from intake.rules import get_ruleset
from intake.wording import long_date
from tests.support.factories import (
    REVIEWED_ANSWERS,
    reviewed_submission,
    sent_before_toxin_window_ended,
)
from tests.support.workspace import post_form

TOXIN = "recent_botulinum_toxin"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def sent_early(db_session):
    return sent_before_toxin_window_ended(db_session)


def _flag(assessment: Assessment, flag_id: str) -> dict | None:
    return next((f for f in assessment.result["flags"] if f["id"] == flag_id), None)


def _reassess(client, reference: str, **data):
    detail = f"/specialist/intakes/{reference}"
    return post_form(client, f"{detail}/reassess", data, token_from=detail)


def _assessments(db_session, submission) -> list[Assessment]:
    db_session.expire_all()
    return db_session.get(Submission, submission.id).assessments


def test_the_page_shows_the_as_of_date_and_the_day_a_window_ends(signed_in, sent_early):
    submission, sent_on = sent_early
    ends = sent_on + timedelta(days=4)
    assert _flag(submission.latest_assessment, TOXIN)["clears_on"] == ends.isoformat()
    page = _text(signed_in.get(f"/specialist/intakes/{submission.reference}").text)
    assert f"as of {long_date(sent_on)}: ages and waiting periods are counted to that date" in page
    assert (
        f"Clears on {long_date(ends)}. Still inside the window on {long_date(sent_on)}, the "
        f"as-of date: treat from {long_date(ends)}."
    ) in page
    assert "Re-assess as of today" in page


def test_reassess_as_of_today_adds_an_assessment_beside_the_old(
    app, signed_in, db_session, sent_early, audit_rows
):
    submission, sent_on = sent_early
    with app.app_context():
        today = clinic_today()
    before = copy.deepcopy(submission.latest_assessment.result)
    response = _reassess(signed_in, submission.reference, as_of="today")
    assert response.status_code == 303
    old, new = _assessments(db_session, submission)
    assert (old.as_of, new.as_of) == (sent_on, today)
    assert _flag(old, TOXIN) is not None
    # Counted to today the toxin is 30 days ago: its 2-week window is over.
    assert _flag(new, TOXIN) is None
    assert old.result == before
    event = next(e for e in audit_rows() if e.action == "reassessed")
    assert event.username == "meera"
    assert event.detail["as_of_before"] == sent_on.isoformat()
    assert event.detail["as_of"] == today.isoformat()
    page = _text(signed_in.get(response.headers["Location"]).text)
    assert f"Re-assessed with the current rules as of {long_date(today)}" in page
    assert f"as of {long_date(sent_on)} → {long_date(today)}" in page
    assert "No longer found: Botulinum toxin in the last 2 weeks" in page
    assert f"as of {long_date(sent_on)} ·" in page and f"as of {long_date(today)} ·" in page


def test_reassess_as_of_today_twice_adds_nothing_the_second_time(signed_in, db_session, sent_early):
    submission, _sent_on = sent_early
    _reassess(signed_in, submission.reference, as_of="today")
    response = _reassess(signed_in, submission.reference, as_of="today")
    page = signed_in.get(response.headers["Location"]).text
    assert "already assessed with the current rules as of" in page
    assert len(_assessments(db_session, submission)) == 2


def test_the_default_reassessment_counts_to_the_sending_date(signed_in, db_session, sent_early):
    submission, sent_on = sent_early
    _reassess(signed_in, submission.reference, as_of="today")
    _reassess(signed_in, submission.reference)
    *_, latest = _assessments(db_session, submission)
    assert latest.as_of == sent_on
    assert _flag(latest, TOXIN) is not None


def test_reassess_refuses_an_unknown_as_of_choice(signed_in, db_session, sent_early):
    submission, _sent_on = sent_early
    response = _reassess(signed_in, submission.reference, as_of="2020-01-01")
    assert response.status_code == 400
    assert len(_assessments(db_session, submission)) == 1


def test_cli_prints_the_assessment_as_of_a_date_without_storing_it(runner, db_session, sent_early):
    submission, sent_on = sent_early
    inside = sent_on + timedelta(days=3)
    result = runner.invoke(args=["reassess", submission.reference, "--as-of", inside.isoformat()])
    assert result.exit_code == 0, result.output
    assessment = json.loads(result.stdout)
    assert assessment["overall"] == "needs_specialist_review"
    toxin = next(f for f in assessment["flags"] if f["id"] == TOXIN)
    assert toxin["because"] == {
        "recent_procedures": [{"type": "botulinum_toxin", "weeks_ago": 1.86}]
    }
    assert toxin["clears_on"] == (sent_on + timedelta(days=4)).isoformat()
    assert "Not saved" in result.stderr
    assert len(_assessments(db_session, submission)) == 1
    # The day the window ends, it no longer fires.
    result = runner.invoke(
        args=["reassess", submission.reference.lower(), "--as-of", toxin["clears_on"]]
    )
    assert TOXIN not in {f["id"] for f in json.loads(result.stdout)["flags"]}


def test_cli_save_stores_the_assessment_and_audits_it(runner, db_session, sent_early, audit_rows):
    submission, _sent_on = sent_early
    result = runner.invoke(
        args=["reassess", submission.reference, "--as-of", "2027-01-05", "--save"]
    )
    assert result.exit_code == 0, result.output
    old, new = _assessments(db_session, submission)
    assert new.as_of == date(2027, 1, 5)
    assert new.result == json.loads(result.stdout)
    assert old.as_of != new.as_of
    event = db_session.query(AuditEvent).filter_by(action="reassessed").one()
    assert (event.username, event.reference) == ("cli", submission.reference)
    assert event.detail["as_of"] == "2027-01-05"


def test_cli_without_a_date_counts_to_the_sending_date(runner, sent_early):
    submission, sent_on = sent_early
    result = runner.invoke(args=["reassess", submission.reference])
    assert result.exit_code == 0, result.output
    assert f"as of {sent_on.isoformat()}" in result.stderr
    assert submission.latest_assessment.result["flags"] == json.loads(result.stdout)["flags"]


def test_cli_names_an_unknown_reference(runner):
    result = runner.invoke(args=["reassess", "NOPE-1234"])
    assert result.exit_code == 1
    assert "No intake with reference 'NOPE-1234'" in result.output


@pytest.mark.parametrize("typed", ["2026-13-01", "1 Dec 2026", "tomorrow"])
def test_cli_refuses_a_bad_date(runner, db_session, sent_early, typed):
    submission, _sent_on = sent_early
    result = runner.invoke(args=["reassess", submission.reference, "--as-of", typed, "--save"])
    assert result.exit_code == 2
    assert "Invalid value for '--as-of'" in result.output and "%Y-%m-%d" in result.output
    assert len(_assessments(db_session, submission)) == 1


def test_python_m_intake_reaches_the_command(database_url, sent_early):
    submission, _sent_on = sent_early
    result = subprocess.run(
        [sys.executable, "-m", "intake", "reassess", submission.reference, "--as-of", "2026-12-01"],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(PROJECT_ROOT),
            "INTAKE_DATABASE_URL": database_url,
            "INTAKE_SECRET_KEY": "test-only-secret-key",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rules_version"] == get_ruleset().version
    assert f"{submission.reference} as of 2026-12-01" in result.stderr


def test_an_intake_from_the_first_form_version_reassesses_from_its_stored_answers(
    runner, db_session
):
    # Form v1 had no goals question: its stored answers lack the key altogether.
    answers = copy.deepcopy(REVIEWED_ANSWERS)
    del answers["skin"]["goals"]
    submission = reviewed_submission(db_session, answers=answers, form_version="2026-11-v1")
    result = runner.invoke(args=["reassess", submission.reference, "--as-of", "2026-12-09"])
    assert result.exit_code == 0, result.output
    flag = next(
        f for f in json.loads(result.stdout)["flags"] if f["id"] == "isotretinoin_within_6_months"
    )
    # Last dose 10 June 2026: 5 whole months on 9 December, the window ends on the 10th.
    assert flag["because"] == {"isotretinoin_last_dose_months_ago": 5}
    assert flag["clears_on"] == "2026-12-10"
