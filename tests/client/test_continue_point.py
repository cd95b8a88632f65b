"""Where a returning client continues: kept on the draft when a step is saved."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from intake.models import Draft
from intake.questionnaire import STEPS
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers

CONTINUE = '<a class="button" href="/intake/{}">'


@pytest.fixture
def half_way(intake):
    """A client who answered the first step and comes back to the landing page."""
    intake.start()
    assert intake.post("about", full_answers(clinic_today())["about"]).status_code == 302
    return intake


def _set_kept(app, **values):
    with app.extensions["db_sessionmaker"].begin() as session:
        session.execute(update(Draft).values(**values))


def _kept(app) -> tuple:
    with app.extensions["db_sessionmaker"]() as session:
        draft = session.query(Draft).one()
        return draft.continue_at, draft.continue_at_on


def test_saving_a_step_keeps_the_next_unfinished_one(app, half_way):
    assert _kept(app) == ("skin", clinic_today())
    assert CONTINUE.format("skin") in half_way.client.get("/").text


def test_the_landing_page_continues_where_the_draft_says(app, half_way):
    _set_kept(app, continue_at="health")
    assert CONTINUE.format("health") in half_way.client.get("/").text


def test_a_draft_saved_before_it_was_kept_is_worked_out_again(app, half_way):
    _set_kept(app, continue_at=None, continue_at_on=None)
    assert CONTINUE.format("skin") in half_way.client.get("/").text
    assert half_way.client.get("/saved").status_code == 200


def test_a_point_kept_on_an_earlier_day_is_worked_out_again(app, half_way):
    _set_kept(app, continue_at="health", continue_at_on=clinic_today() - timedelta(days=1))
    assert CONTINUE.format("skin") in half_way.client.get("/").text


def test_the_review_lists_the_steps_to_finish_for_a_draft_kept_or_not(app, half_way):
    finish_skin = 'href="/intake/skin">Finish step 2'
    assert finish_skin in half_way.client.get("/intake/review").text
    _set_kept(app, continue_at=None, continue_at_on=None)
    assert finish_skin in half_way.client.get("/intake/review").text


def test_a_draft_that_continues_at_the_review_lists_no_step_to_finish(app, intake):
    answers = full_answers(clinic_today())
    intake.start()
    for step in STEPS[:-1]:
        assert intake.post(step, answers[step]).status_code == 302
    assert _kept(app) == ("review", clinic_today())
    assert "Finish step" not in intake.client.get("/intake/review").text


def test_the_review_checks_only_the_steps_after_the_kept_one_and_lists_the_same(app, intake):
    # Skin and its health questions skipped: the first unfinished step is kept, the steps
    # after it are checked again, and the list matches a full check's.
    answers = full_answers(clinic_today())
    intake.start()
    for step in ("about", "health", "medicines"):
        assert intake.post(step, answers[step]).status_code == 302
    assert _kept(app) == ("skin", clinic_today())
    kept = _steps_to_finish(intake.client.get("/intake/review").text)
    _set_kept(app, continue_at=None, continue_at_on=None)
    assert kept == _steps_to_finish(intake.client.get("/intake/review").text)
    assert kept == ["/intake/skin", "/intake/skin_health"]


def _steps_to_finish(html: str) -> list[str]:
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="([^"]+)">Finish step', summary)
