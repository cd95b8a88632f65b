"""Tell the client when saving changed what they typed: no answer is cleaned silently."""

from flask import session
from flask_babel import format_decimal
from flask_babel import gettext as _

from intake.questionnaire import step_form
from intake.questionnaire.fields import StepForm, TextField
from intake.questionnaire.forms import STEP_FORMS

_KEY = "text_cleaned"


def remember(form: StepForm) -> None:
    """Note which of the posted answers cleaning changed, for the next page the client sees."""
    cleaned = form.cleaned_fields()
    if cleaned:
        # Question names only: the session cookie is signed, not encrypted.
        session[_KEY] = {
            "step": form.step,
            "removed": [f.name for f in cleaned if f.cleaned.removed],
            "shortened": [f.name for f in cleaned if f.is_shortened()],
        }


def notices() -> list[str]:
    """Return, once and in the page's language, what saving changed in the client's answers."""
    noted = session.pop(_KEY, None)
    if not isinstance(noted, dict) or noted.get("step") not in STEP_FORMS:
        return []
    form = step_form(noted["step"], {}, None)
    messages = []
    for name in _text_fields(form, noted.get("removed")):
        messages.append(
            _(
                "We removed invisible or control characters from your answer to “%(question)s”.",
                question=form[name].summary_question(),
            )
        )
    for name in _text_fields(form, noted.get("shortened")):
        messages.append(
            _(
                "Your answer to “%(question)s” was longer than %(limit)s characters, so we saved "
                "only the first %(limit)s.",
                question=form[name].summary_question(),
                limit=format_decimal(form[name].max_length),
            )
        )
    return messages


def _text_fields(form: StepForm, names) -> list[str]:
    names = names if isinstance(names, list) else []
    return [n for n in names if n in form._fields and isinstance(form[n], TextField)]
