"""The intake questionnaire: the six step forms and the answers they produce."""

from intake.questionnaire.answers import (
    QUESTION_STEPS,
    IncompleteAnswers,
    answer_sections,
    client_goals,
    final_answers,
    first_unfinished_step,
    review_sections,
    step_form,
    step_sections,
    unfinished_steps,
)
from intake.questionnaire.forms import (
    CONSENT_TEXTS,
    CONSENT_VERSIONS,
    FORM_VERSION,
    STEPS,
    consent_language,
)

__all__ = [
    "CONSENT_TEXTS",
    "CONSENT_VERSIONS",
    "FORM_VERSION",
    "QUESTION_STEPS",
    "STEPS",
    "IncompleteAnswers",
    "answer_sections",
    "client_goals",
    "consent_language",
    "final_answers",
    "first_unfinished_step",
    "review_sections",
    "step_form",
    "step_sections",
    "unfinished_steps",
]
