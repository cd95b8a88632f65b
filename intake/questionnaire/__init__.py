"""The intake questionnaire: the five step forms and the answers they produce."""

from intake.questionnaire.answers import (
    QUESTION_STEPS,
    IncompleteAnswers,
    answer_sections,
    final_answers,
    first_unfinished_step,
    step_form,
    step_sections,
    unfinished_steps,
)
from intake.questionnaire.forms import CONSENT_TEXTS, CONSENT_VERSION, FORM_VERSION, STEPS

__all__ = [
    "CONSENT_TEXTS",
    "CONSENT_VERSION",
    "FORM_VERSION",
    "QUESTION_STEPS",
    "STEPS",
    "IncompleteAnswers",
    "answer_sections",
    "final_answers",
    "first_unfinished_step",
    "step_form",
    "step_sections",
    "unfinished_steps",
]
