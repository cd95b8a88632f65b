"""The client's answers as the summary lists them, until the questionnaire module provides them.

The journey branch's ``intake.questionnaire.answer_sections`` replaces ``answer_sections`` here
once merged; the stored shape is one dict per step, as that branch saves it.
"""

from intake.pdf.wording import fact_value, humanise

STEP_TITLES = {
    "about": "About you",
    "skin": "Your skin",
    "health": "Your health",
    "medicines": "Medicines and recent treatments",
    "review": "Check your answers",
}
# Answers the client wrote in their own words, shown as written.
FREE_TEXT_FIELDS = (
    ("skin", "goals", "Goals for treatment"),
    ("medicines", "medicines_list", "Medicines, vitamins or supplements"),
    ("health", "autoimmune_name", "Autoimmune condition, as named by the client"),
    ("health", "condition_other_name", "Other skin condition"),
    ("health", "allergy_other", "Other allergy"),
)


def answer_sections(answers: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return each step's answers as (title, [(question, answer)])."""
    sections = []
    for step, values in answers.items():
        if not isinstance(values, dict):
            continue
        rows = [(humanise(name), _answer_text(value)) for name, value in values.items()]
        sections.append((STEP_TITLES.get(step, humanise(step)), rows))
    return sections


def free_text_answers(answers: dict) -> list[tuple[str, str]]:
    """Return the answers the client typed in their own words, unchanged."""
    texts = []
    for step, name, label in FREE_TEXT_FIELDS:
        value = (answers.get(step) or {}).get(name)
        if isinstance(value, str) and value.strip():
            texts.append((label, value))
    return texts


def _answer_text(value: object) -> str:
    # Typed text stays as written; codes and lists read as words.
    if isinstance(value, str):
        return value
    return fact_value(value)
