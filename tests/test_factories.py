"""The stored answers the suites build on are what the journey's step forms would store."""

import pytest

from intake.questionnaire import final_answers
from tests.support import factories


@pytest.mark.parametrize(
    "answers", [factories.typical_answers(), factories.worst_answers(), factories.REVIEWED_ANSWERS]
)
def test_the_step_forms_keep_the_stored_answers_as_they_are(app, answers):
    with app.test_request_context():
        assert final_answers(answers, factories.SUBMITTED_ON) == answers
