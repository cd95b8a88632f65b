"""Questions bound from the state kept when first bound are the questions WTForms binds."""

import pytest
from wtforms.fields.core import Flags, Label

from intake.questionnaire import STEPS, step_form
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers


def _state(field) -> dict:
    # Labels and flags have no equality of their own: compared by what they hold.
    return {
        name: vars(value) if isinstance(value, Label | Flags) else value
        for name, value in vars(field).items()
        if name != "fragment_key"
    }


@pytest.mark.parametrize("step", STEPS)
def test_each_question_of_a_form_built_again_is_the_one_wtforms_binds(app, step):
    answers = full_answers(clinic_today())
    with app.test_request_context():
        for form in [step_form(step, answers, clinic_today()) for _ in range(3)]:
            translations = form.meta.get_translations(form)
            gates = [f for f in form if getattr(f, "gates", None)]
            settled = {f.name for f in gates} | {f.gates for f in gates}
            for name, unbound in form._unbound_fields:
                bound = form[name]
                fresh = unbound.bind(form=form, name=name, prefix="", translations=translations)
                fresh.process(None, bound.object_data)
                expected, got = _state(fresh), _state(bound)
                if name in settled:
                    # A Yes/No question and its list agree after binding (test_health_questions).
                    del expected["data"], got["data"]
                assert got == expected, name
                assert bound._form is form and bound.meta is form.meta
