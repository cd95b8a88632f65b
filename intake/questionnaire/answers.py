"""The stored answers seen through the step forms: what is finished, what is final, how it reads."""

from datetime import date

from intake.questionnaire.fields import FormContext, StepForm
from intake.questionnaire.forms import STEP_FORMS
from intake.text_cleaning import clean_text
from intake.translating import gettext as _

# The steps that collect answers; the last step only reviews them and asks for consent.
QUESTION_STEPS = ("about", "skin", "health", "skin_health", "medicines")
# Steps split from another: answers of older form versions keep their questions there.
SPLIT_FROM = {"skin_health": "health"}


class IncompleteAnswers(ValueError):
    """Answers that cannot be submitted yet; ``steps`` lists the steps to finish."""

    def __init__(self, steps: list[str]):
        super().__init__(", ".join(steps))
        self.steps = steps


def stored_answers(step: str, answers: dict) -> dict | None:
    """Return a step's stored answers, from the step it was split from in older answers."""
    stored = answers.get(step)
    if not isinstance(stored, dict) and step in SPLIT_FROM:
        stored = answers.get(SPLIT_FROM[step])
    return stored if isinstance(stored, dict) else None


def step_form(step: str, answers: dict, today: date | None, formdata=None) -> StepForm:
    """Build a step's form from the posted data, or from the stored answers."""
    form_class = STEP_FORMS[step]
    stored = stored_answers(step, answers)
    return form_class(
        formdata,
        context=FormContext(answers=answers, today=today),
        data=stored or {},
    )


def unfinished_steps(
    answers: dict,
    today: date,
    forms: dict[str, StepForm] | None = None,
    steps: tuple[str, ...] = QUESTION_STEPS,
) -> list[str]:
    """Return those of ``steps`` whose stored answers do not pass their checks yet.

    ``forms``: the question steps' forms, already built from these answers.
    """
    forms = forms or {}
    return [s for s in steps if not _is_finished(s, answers, today, forms.get(s))]


def first_unfinished_step(answers: dict, today: date) -> str:
    """Return the step a returning client should continue at."""
    return next((s for s in QUESTION_STEPS if not _is_finished(s, answers, today)), "review")


def _is_finished(step: str, answers: dict, today: date, form: StepForm | None = None) -> bool:
    # A step never saved is unfinished without building its form: every question step asks
    # something that must be answered (tests/client/test_unfinished_steps.py holds them to it).
    if stored_answers(step, answers) is None:
        return False
    return (form or step_form(step, answers, today)).check()


def final_answers(answers: dict, today: date) -> dict:
    """Return every step's answers that apply, checked; raise IncompleteAnswers otherwise."""
    forms = {step: step_form(step, answers, today) for step in STEP_FORMS}
    failing = [step for step, form in forms.items() if not form.check()]
    if failing:
        raise IncompleteAnswers(failing)
    return {step: form.answers(applicable_only=True) for step, form in forms.items()}


def step_sections(
    answers: dict,
    today: date | None,
    steps=QUESTION_STEPS,
    forms: dict[str, StepForm] | None = None,
    assumed: dict[str, str] | None = None,
) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Return (step, title, [(question, answer)]) for the questions that apply.

    ``forms``: steps' forms already built from these answers (the others are built here).
    ``assumed`` names, by question, what the rules took a "not sure" answer to mean: it is
    shown beside the answer.
    """
    forms = forms or {}
    sections = []
    for step in steps:
        form = forms.get(step) or step_form(step, answers, today)
        stored = stored_answers(step, answers)
        rows = []
        for name in form.applicable_fields():
            field = form[name]
            if stored is not None and field.stored_name not in stored:
                # The step was answered on an older form that did not ask this question:
                # "Not answered" would suggest the client skipped it.
                continue
            shown = field.display()
            if assumed and name in assumed and field.data == "not_sure":
                shown = f"{shown} ({assumed[name]})"
            rows.append((field.summary_question(), shown if shown else _("Not answered")))
        sections.append((step, section_title(step), rows))
    return sections


def section_title(step: str) -> str:
    """Return the heading a step's answers are read back under."""
    form_class = STEP_FORMS[step]
    return str(form_class.summary_title or form_class.title)


def review_sections(answers: dict, today: date) -> tuple[list, dict[str, StepForm]]:
    """Return the review page's (step, title, rows) for every question step, and the forms
    built to list them.

    A step never saved has None for rows: its questions were not asked yet, and a list of
    them each "Not answered" would bury the answers that were given.
    """
    saved = tuple(s for s in QUESTION_STEPS if stored_answers(s, answers) is not None)
    forms = {step: step_form(step, answers, today) for step in saved}
    listed = {step: rows for step, _title, rows in step_sections(answers, today, saved, forms)}
    sections = [(step, section_title(step), listed.get(step)) for step in QUESTION_STEPS]
    return sections, forms


def answer_sections(
    answers: dict, today: date | None = None, assumed: dict[str, str] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the answers grouped as the client saw them, in the current language.

    Without ``today``, questions that depend on age (the guardian's) are shown when answered,
    which is how they were asked at submission. ``assumed``: see step_sections.
    """
    steps = (*QUESTION_STEPS, "review") if answers.get("review") else QUESTION_STEPS
    sections = step_sections(answers, today, steps, assumed=assumed)
    return [(title, rows) for _step, title, rows in sections]


def client_goals(answers: dict) -> str:
    """Return what the client wrote they want to change about their skin ("" if nothing)."""
    skin = answers.get("skin")
    goals = skin.get("goals") if isinstance(skin, dict) else None
    return clean_text(goals) if isinstance(goals, str) else ""
