"""The client's answers as the summary shows them: all of them, and those in their own words."""

from intake.questionnaire import QUESTION_STEPS, answer_sections, step_form
from intake.questionnaire.fields import TextField

# Contact details are typed too, but they are not what the client wrote about their skin and
# health; the header and the appendix show them.
_CONTACT_FIELDS = {"full_name", "phone", "email", "guardian_phone"}

__all__ = ["answer_sections", "free_text_answers"]


def free_text_answers(answers: dict) -> list[tuple[str, str]]:
    """Return (question, text) for every answer the client typed in their own words."""
    texts = []
    for step in QUESTION_STEPS:
        form = step_form(step, answers, None)
        for name in form.applicable_fields():
            field = form[name]
            if isinstance(field, TextField) and name not in _CONTACT_FIELDS and field.data:
                texts.append((str(field.label.text), field.data))
    return texts
