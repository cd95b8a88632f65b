"""Steps never saved: unfinished without being checked, and read back as not answered yet."""

import re

import pytest

from intake.questionnaire import QUESTION_STEPS, step_form, unfinished_steps
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers

NOT_YET = "You have not answered these questions yet."


@pytest.mark.parametrize("step", QUESTION_STEPS)
def test_a_step_left_unsaved_fails_its_checks_so_it_need_not_be_checked(app, step):
    # unfinished_steps takes a step never saved as unfinished without building its form;
    # that is only right while its checks, with or without the other steps, say the same.
    today = clinic_today()
    others = {s: a for s, a in full_answers(today).items() if s != step}
    with app.test_request_context():
        for answers in ({}, others):
            assert not step_form(step, answers, today).check()
            every_form_checked = [
                s for s in QUESTION_STEPS if not step_form(s, answers, today).check()
            ]
            assert unfinished_steps(answers, today) == every_form_checked


def _section(html: str, step: str) -> str:
    return html.split(f'aria-labelledby="section-{step}"', 1)[1].split("</section>", 1)[0]


def test_the_review_reads_a_step_never_saved_as_not_answered_yet(intake):
    answers = full_answers(clinic_today())
    intake.start()
    assert intake.post("about", answers["about"]).status_code == 302
    # Saved, but with nothing answered: its questions were asked.
    assert intake.post("medicines", {}, button="save").status_code == 302
    review = intake.client.get("/intake/review").text

    about = _section(review, "about")
    assert NOT_YET not in about and answers["about"]["full_name"] in about
    for step in ("skin", "health", "skin_health"):
        section = _section(review, step)
        assert NOT_YET in section and "<dd>" not in section
        assert f'href="/intake/{step}?back_to=review"' in section
    medicines = _section(review, "medicines")
    assert NOT_YET not in medicines
    assert re.search(r"<dt>[^<]+</dt><dd>Not answered</dd>", medicines)
