"""An intake that belongs to a visit is assessed as of the visit's day, however it got there."""

from datetime import date, timedelta

from sqlalchemy import select

from intake.db import utcnow
from intake.models import Submission
from intake.questionnaire import STEPS
from tests.support.bookings import (
    book,
    invitation_link,
    invitation_page,
    only_visit,
    path_of,
    post,
    visit_fields,
)
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import (
    QUIET_MEDICINES,
    date_fields,
    full_answers,
    make_submission,
    typical_answers,
)
from tests.support.forms import csrf_token

TOXIN = "recent_botulinum_toxin"  # the shipped rules: toxin under 2 weeks before -> review


def _toxin_answers(on: date) -> dict:
    answers = typical_answers()
    answers["medicines"] = {
        **QUIET_MEDICINES,
        "procedures": ["botulinum_toxin"],
        "botulinum_toxin_date": on.isoformat(),
    }
    return answers


def _flag_ids(assessment) -> set[str]:
    return {flag["id"] for flag in assessment.result["flags"]}


def _walk_in_attached(desk, db_session, visit_day: date):
    """Store a walk-in's intake sent today (toxin 5 days before), book a visit, attach it."""
    submission = make_submission(
        db_session,
        _toxin_answers(clinic_today() - timedelta(days=5)),
        reference="T0XN-WALK",
        submitted_at=utcnow(),
    )
    db_session.commit()
    book(desk, day=visit_day.isoformat())
    visit = only_visit(db_session)
    url = f"/specialist/visits/{visit.id}/attach"
    assert post(desk, url, {"reference": submission.reference}, url[:-7]).status_code == 303
    return submission, visit


def test_an_intake_sent_from_an_invitation_is_assessed_as_of_the_visit(app, desk, db_session):
    visit_day = clinic_today() + timedelta(days=20)
    path = path_of(invitation_link(invitation_page(desk, book(desk, day=visit_day.isoformat()))))
    browser = app.test_client()
    page = browser.get(path)
    browser.post(path, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    answers = full_answers(clinic_today())
    answers["medicines"] = {
        **answers["medicines"],
        "procedures": ["botulinum_toxin"],
        **date_fields("botulinum_toxin_date", clinic_today() - timedelta(days=3)),
    }
    intake = Intake(browser)
    for step in STEPS:
        assert intake.post(step, answers[step]).status_code == 302, step

    submission = db_session.get(Submission, only_visit(db_session).submission_id)
    assessment = submission.latest_assessment
    # Toxin 3 days before sending: inside its 2 weeks then, long over on the visit's day.
    assert assessment.as_of == visit_day
    assert TOXIN not in _flag_ids(assessment)
    assert len(submission.assessments) == 1


def test_moving_the_visit_assesses_as_of_the_new_day_and_keeps_the_old(desk, db_session):
    today = clinic_today()
    submission, visit = _walk_in_attached(desk, db_session, today + timedelta(days=1))

    db_session.expire_all()
    tomorrow = db_session.get(Submission, submission.id).latest_assessment
    assert tomorrow.as_of == today + timedelta(days=1)
    assert TOXIN in _flag_ids(tomorrow)

    later = today + timedelta(days=10)
    edit = f"/specialist/visits/{visit.id}"
    assert post(desk, edit, visit_fields(day=later.isoformat()), edit).status_code == 303
    db_session.expire_all()
    moved = db_session.get(Submission, submission.id)
    assert [a.as_of for a in moved.assessments][-2:] == [today + timedelta(days=1), later]
    assert TOXIN not in _flag_ids(moved.latest_assessment)
    assert TOXIN in _flag_ids(moved.assessments[-2])


def test_a_walk_ins_intake_attached_to_a_later_visit_is_assessed_as_of_it(desk, db_session):
    visit_day = clinic_today() + timedelta(days=12)
    submission, _visit = _walk_in_attached(desk, db_session, visit_day)

    db_session.expire_all()
    attached = db_session.get(Submission, submission.id)
    sent, at_visit = attached.assessments
    assert TOXIN in _flag_ids(sent)
    assert at_visit.as_of == visit_day and TOXIN not in _flag_ids(at_visit)


def test_a_walk_in_sent_while_another_visit_waits_for_its_intake_is_assessed_as_of_today(
    app, desk, db_session
):
    # A visit 40 days ahead has no intake yet; a walk-in's intake is no part of it.
    book(desk, day=(clinic_today() + timedelta(days=40)).isoformat())
    answers = full_answers(clinic_today())
    answers["medicines"] = {
        **answers["medicines"],
        "procedures": ["botulinum_toxin"],
        **date_fields("botulinum_toxin_date", clinic_today() - timedelta(days=3)),
    }
    Intake(app.test_client()).submit({step: answers[step] for step in STEPS})

    walk_in = db_session.scalars(select(Submission)).one()
    assert only_visit(db_session).submission_id is None
    assert walk_in.latest_assessment.as_of == clinic_today()
    assert TOXIN in _flag_ids(walk_in.latest_assessment)
