"""Tell the client when saving changed what they typed: no answer is cleaned silently."""

from flask_babel import format_decimal

from intake.models import Draft
from intake.questionnaire import step_form
from intake.questionnaire.fields import StepForm, TextField
from intake.questionnaire.forms import STEP_FORMS
from intake.translating import gettext as _

# Kept with the step's answers in the draft, under a name no question has, rather than in
# the session cookie (signed, not encrypted): which question was cleaned can tell what the
# client has, such as the name of an autoimmune condition.
_KEY = "_cleaned"


def remember(draft: Draft, form: StepForm) -> None:
    """Note which of the posted answers cleaning changed, for the next page the client sees."""
    cleaned = form.cleaned_fields()
    if cleaned:
        noted = {
            "removed": [f.name for f in cleaned if f.cleaned.removed],
            "shortened": [f.name for f in cleaned if f.is_shortened()],
        }
        # New dicts, so the JSON column sees the change.
        saved = {**draft.answers[form.step], _KEY: noted}
        draft.answers = {**draft.answers, form.step: saved}


def notices(draft: Draft | None) -> list[str]:
    """Return, once and in the page's language, what saving changed in the client's answers."""
    if draft is None:
        return []
    step = next((s for s, v in draft.answers.items() if isinstance(v, dict) and _KEY in v), None)
    if step not in STEP_FORMS:
        return []
    saved = dict(draft.answers[step])
    noted = saved.pop(_KEY)
    draft.answers = {**draft.answers, step: saved}
    if not isinstance(noted, dict):
        return []
    form = step_form(step, {}, None)
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
