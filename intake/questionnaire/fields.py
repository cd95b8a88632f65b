"""The question types of the intake, their checks, and the base every step form shares."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, ClassVar, NamedTuple

from babel.dates import format_date
from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import StopValidation, ValidationError

from intake.dates import PartialDate, whole_years
from intake.i18n import page_digits
from intake.questionnaire.typed_values import DateInputError, parse_date_parts
from intake.text_cleaning import CleanText, clean, clean_text, cut
from intake.translating import current_locale
from intake.translating import lazy_gettext as _l

# A typed date box holds a few characters; anything longer is kept only this far.
_DATE_PART_LIMIT = 20


class Choice(NamedTuple):
    value: str
    label: Any
    hint: Any = None


class AnswerField(Field):
    """A question whose answer is kept; ``summary_label`` names it where it stands alone.

    ``examples``: the description only lists examples (names of drugs or diseases), so it
    opens on request and keeps a long step short on a phone.
    """

    def __init__(
        self, label=None, validators=None, *, summary_label=None, examples=False, **kwargs
    ):
        super().__init__(label, validators, **kwargs)
        self.summary_label = summary_label
        self.examples = examples

    def summary_question(self) -> str:
        """Return the question as the review page and the specialist read it."""
        return _in_language(self, "question", lambda: str(self.summary_label or self.label.text))

    @property
    def stored_name(self) -> str:
        """Return the name this question's answer is stored under."""
        return self.name

    def shown_state(self) -> tuple | None:
        """Return all that the question's part of a page depends on beyond the question itself
        and the language, if that is the same for other clients; None if it is not."""
        return None


# A question's words in a language, as the answers are read back (the review page, the
# specialist's page, the PDF): by the question's fragment key (its form, name and language).
_WORDS: dict[tuple, Any] = {}


def _in_language(field: AnswerField, part: str, words: Callable[[], Any]) -> Any:
    key = (field.fragment_key, part)
    kept = _WORDS.get(key)
    if kept is None:
        kept = _WORDS[key] = words()
    return kept


class TextField(AnswerField):
    """A short or long free-text answer with a maximum length."""

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        max_length: int,
        multiline: bool = False,
        input_type: str = "text",
        autocomplete: str | None = None,
        input_class: str = "",
        normalise: Callable[[str], str] | None = None,
        **kwargs,
    ):
        super().__init__(label, validators, **kwargs)
        self.normalise = normalise
        self.max_length = max_length
        self.multiline = multiline
        self.input_type = input_type
        self.autocomplete = autocomplete
        self.input_class = input_class
        # What cleaning the posted text changed, for the notice the client is shown.
        self.cleaned = CleanText("")

    def process_data(self, value):
        # Stored text is cleaned again as it is read, so answers kept before a cleaning rule
        # existed are shown (and submitted) the same way; an over-long one is refused, not cut.
        text = value if isinstance(value, str) else ""
        self.data = clean(text, multiline=self.multiline).text

    def process_formdata(self, valuelist):
        self.cleaned = clean(valuelist[0] if valuelist else "", multiline=self.multiline)
        text = self.cleaned.text
        self.data = self.normalise(text) if self.normalise else text

    def pre_validate(self, form):
        if len(self.data) > self.max_length:
            raise StopValidation(
                _l(
                    "Shorten this answer to %(limit)d characters or fewer (it has %(count)d).",
                    limit=self.max_length,
                    count=len(self.data),
                )
            )

    def is_empty(self) -> bool:
        return not self.data

    def is_shortened(self) -> bool:
        """Say whether saving cuts this answer (the box still shows all of it to shorten)."""
        return len(self.data) > self.max_length

    def stored(self):
        return cut(self.data, self.max_length)

    def display(self) -> str:
        return self.data


class ChoiceField(AnswerField):
    """One answer from a list (radio buttons), or several (checkboxes)."""

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        choices,
        multiple=False,
        compact=False,
        exclusive: str | None = None,
        gates: str | None = None,
        **kwargs,
    ):
        super().__init__(label, validators, **kwargs)
        self.choices = tuple(Choice(*c) for c in choices)
        self.multiple = multiple
        # Short labels sit two to a row on a phone.
        self.compact = compact
        # The "None of these" answer of a multiple choice, so that "none" and "not answered"
        # stay different answers. It is not offered as a box: the Yes/No question that gates
        # the list (``gates``) gives it, and a long list stays closed for most clients.
        self.exclusive = exclusive
        self.gates = gates

    @property
    def stored_name(self) -> str:
        # A gate is not stored: its list holds the answer ("none" for its No).
        return self.gates or self.name

    def offered(self) -> tuple[Choice, ...]:
        """Return the choices shown as boxes to tick."""
        return tuple(c for c in self.choices if c.value != self.exclusive)

    def process_data(self, value):
        if self.multiple:
            if isinstance(value, str) and value:
                # Stored by an older form that asked this as a one-answer question.
                value = [value]
            self.data = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        else:
            self.data = value if isinstance(value, str) and value else None

    def process_formdata(self, valuelist):
        values = [clean_text(v) for v in valuelist]
        if self.multiple:
            # Kept in the order of the list on the page, whatever order they were posted in.
            rank = {c.value: i for i, c in enumerate(self.choices)}
            chosen = dict.fromkeys(v for v in values if v)
            self.data = sorted(chosen, key=lambda v: rank.get(v, len(rank)))
        else:
            self.data = values[0] if values and values[0] else None

    def pre_validate(self, form):
        allowed = {c.value for c in self.choices}
        chosen = self.data if self.multiple else [self.data] if self.data else []
        if any(v not in allowed for v in chosen):
            raise StopValidation(_l("Choose from the options listed."))

    def is_selected(self, value: str) -> bool:
        return value in self.data if self.multiple else value == self.data

    def shown_state(self) -> tuple | None:
        # Which options are ticked; a question with an error shows the error too, which is
        # rare enough to render each time.
        if self.errors:
            return None
        return tuple(self.is_selected(c.value) for c in self.choices)

    def is_empty(self) -> bool:
        return not self.data

    def stored(self):
        return self.data

    def display(self) -> str:
        labels = _in_language(self, "labels", lambda: {c.value: str(c.label) for c in self.choices})
        chosen = self.data if self.multiple else [self.data] if self.data else []
        return "\n".join(labels.get(v, v) for v in chosen)


DATE_PROBLEMS = {
    "missing_year": _l("Add the year, for example 2024."),
    "missing_month": _l("Add the month as a number from 1 to 12."),
    "missing_day": _l("Add the day as well as the month and year."),
    "not_numbers": _l("Write the day, month and year in numbers, for example 27 3 2024."),
    "year_digits": _l("Write the year with 4 digits, for example 2024."),
    "too_long_ago": _l("Check the year: it is too long ago."),
    "no_such_month": _l("The month must be a number from 1 to 12."),
    "no_such_day": _l("That day does not exist in that month. Check the day."),
}


class DatePartsField(AnswerField):
    """A date typed into day, month and year boxes; the day may be optional."""

    PARTS = ("day", "month", "year")

    def __init__(self, label=None, validators=None, *, month_only=False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.month_only = month_only
        self.parts = dict.fromkeys(self.PARTS, "")
        self.problem: str | None = None

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.raw_data = None
        self.object_data = None if data is unset_value else data
        if formdata is not None:
            self.parts = {p: self._part(formdata.get(f"{self.name}-{p}", "")) for p in self.PARTS}
        else:
            self._load(self.object_data)
        self._parse()

    def _part(self, text: str) -> str:
        return clean_text(text)[:_DATE_PART_LIMIT]

    def _load(self, value) -> None:
        if isinstance(value, str):
            try:
                known = PartialDate.from_iso(value)
            except ValueError:
                return
            day = "" if known.day is None else str(known.day)
            self.parts = {"day": day, "month": str(known.month), "year": str(known.year)}
        elif isinstance(value, dict):
            self.parts = {p: self._part(str(value.get(p, ""))) for p in self.PARTS}

    def _parse(self) -> None:
        self.data: PartialDate | None = None
        self.problem = None
        if not any(self.parts.values()):
            return
        try:
            parsed = parse_date_parts(self.parts["day"], self.parts["month"], self.parts["year"])
        except DateInputError as error:
            self.problem = error.problem
            return
        if parsed.day is None and not self.month_only:
            self.problem = "missing_day"
            return
        self.data = parsed

    def pre_validate(self, form):
        if self.problem:
            raise StopValidation(DATE_PROBLEMS[self.problem])

    def is_empty(self) -> bool:
        return not any(self.parts.values())

    def stored(self):
        """Return the ISO date; an unreadable one is kept as typed so nothing is lost."""
        if self.data is not None:
            return self.data.iso()
        return dict(self.parts) if any(self.parts.values()) else None

    def display(self) -> str:
        if self.data is not None:
            return format_partial_date(self.data)
        return " / ".join(v for v in self.parts.values() if v)


def format_partial_date(value: PartialDate) -> str:
    """Write a date the way the current language writes it, in its digits; month and year if
    no day. (Date boxes the client edits hold 0-9: they are filled from the parts, not this.)"""
    pattern = "MMMM y" if value.day is None else "d MMMM y"
    return page_digits(format_date(value.earliest(), format=pattern, locale=current_locale()))


class Required:
    """Ask for an answer, saying what is missing."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.is_empty():
            raise StopValidation(self.message)


class NotInFuture:
    """Refuse a date after today."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        today = form.context.today
        if field.data is not None and today is not None and field.data.earliest() > today:
            raise ValidationError(self.message)


class PlausibleBirthDate:
    """Refuse a date of birth that cannot be right for someone booking this treatment."""

    # Younger than this is a typing mistake (or someone the clinic would not treat).
    MIN_AGE = 10
    MAX_AGE = 110

    def __call__(self, form, field):
        today = form.context.today
        if field.data is None or today is None:
            return
        born = field.data.earliest()
        if born > today:
            raise ValidationError(_l("Your date of birth must be in the past."))
        age = whole_years(born, today)
        if age > self.MAX_AGE:
            raise ValidationError(_l("Check the year of birth: it gives an age over 110."))
        if age < self.MIN_AGE:
            raise ValidationError(
                _l("Check the year of birth: this intake is for people aged 10 and over.")
            )


@dataclass(frozen=True)
class Heading:
    """A sub-heading between questions on a long step."""

    text: Any


@dataclass(frozen=True)
class Followup:
    """Questions that apply only after an earlier answer.

    ``when`` (field, values): at least ``at_least`` of the values are chosen. It is also
    checked in the browser, so the questions can appear in place. ``test`` is decided on the
    server only and returns None when it cannot tell.
    """

    name: str
    fields: tuple[str, ...]
    title: Any = None
    when: tuple[str, frozenset[str]] | None = None
    at_least: int = 1
    test: Callable[["StepForm"], bool | None] | None = field(default=None, compare=False)


# Each question's state as WTForms' __init__ leaves it, by how it was bound; every value in it
# is shared by the forms bound after, so none is changed in place (data, errors and the
# cleaning notice are replaced whole by process() and validate()).
_BOUND_STATE: dict[tuple, dict[str, Any]] = {}
_BOUND_PER_FORM = frozenset({"_form", "meta"})


@dataclass(frozen=True)
class FormContext:
    """What a step form needs to know beyond its own answers."""

    answers: dict
    today: date | None


class StepForm(FlaskForm):
    """One step of the intake: its questions in page order and which of them apply."""

    # CSRFProtect checks every POST before a view runs (see intake.security), which lets the
    # client views re-render a step with an expired token instead of losing the answers.
    class Meta:
        csrf = False

        def bind_field(self, form, unbound_field, options):
            """Bind a question from its state as first bound, rather than through __init__.

            A page builds up to six step forms (about 75 questions); WTForms' __init__ of each
            question works out the same state every time, from arguments fixed when the form
            class was defined. What a form and a request give a question (its form, meta, data
            and errors) is set after binding, by the form and by process() and validate().
            """
            key = (unbound_field, options["name"], options["prefix"], options["translations"])
            state = _BOUND_STATE.get(key)
            if state is None:
                field = super().bind_field(form, unbound_field, options)
                # Without the form: a process-wide copy must not keep a client's answers.
                _BOUND_STATE[key] = {
                    k: v for k, v in vars(field).items() if k not in _BOUND_PER_FORM
                }
                return field
            field = object.__new__(unbound_field.field_class)
            field.__dict__.update(state)
            field._form = form
            field.meta = form.meta
            return field

    step: ClassVar[str]
    title: ClassVar[Any]
    # The heading of this step's answers where they are read back; the page title by default.
    summary_title: ClassVar[Any] = None
    intro: ClassVar[Any] = None
    layout: ClassVar[tuple]

    def __init__(self, formdata, *, context: FormContext, data: dict | None = None):
        self.context = context
        self.pending: list[Followup] = []
        super().__init__(formdata=formdata, data=data or {})
        for gate in self._fields.values():
            if getattr(gate, "gates", None):
                _settle_gate(gate, self[gate.gates])
        # A form is shown in the language it is built in; its questions' words, the same
        # for every client, are then rendered once per language (see intake.fragments).
        self.language = str(current_locale())
        for name, form_field in self._fields.items():
            form_field.fragment_key = (type(self), name, self.language)

    @classmethod
    def followups(cls) -> list[Followup]:
        return [item for item in cls.layout if isinstance(item, Followup)]

    @classmethod
    @cache
    def _holders(cls) -> dict[str, Followup]:
        """Map each follow-up question to the follow-up that asks it."""
        return {name: item for item in cls.followups() for name in item.fields}

    def applies(self, followup: Followup) -> bool:
        """Say whether the follow-up's questions apply to the answers so far."""
        if followup.when is not None:
            name, values = followup.when
            holder = self._holders().get(name)
            if holder is not None and not self.applies(holder):
                # Its answer sits in questions that no longer apply (the browser hides both).
                return False
            chosen = self[name].data
            chosen = chosen if isinstance(chosen, list) else [chosen]
            return sum(v in values for v in chosen) >= followup.at_least
        decided = followup.test(self)
        if decided is None:
            # Cannot tell (no date to judge age by): show what was answered.
            return any(not self[name].is_empty() for name in followup.fields)
        return decided

    def applicable_fields(self) -> list[str]:
        """Return the names of the questions that apply, in page order."""
        names = []
        for item in self.layout:
            if isinstance(item, str):
                names.append(item)
            elif isinstance(item, Followup) and self.applies(item):
                names.extend(item.fields)
        return names

    def check(self, shown: set[str] | None = None) -> bool:
        """Validate the questions that apply.

        ``shown`` names the follow-ups that were on screen when the page was posted (None:
        treat all as seen). A follow-up that applies but was not seen is not an error: it is
        listed in ``pending`` so the page can show it and ask again.
        """
        self.pending = []
        unseen: set[str] = set()
        for followup in self.followups():
            if shown is not None and followup.name not in shown and self.applies(followup):
                self.pending.append(followup)
                unseen.update(followup.fields)
        ok = True
        applicable = set(self.applicable_fields()) - unseen
        for name, form_field in self._fields.items():
            if name not in applicable:
                form_field.errors = []
                continue
            inline = getattr(type(self), f"validate_{name}", None)
            ok = form_field.validate(self, [inline] if inline else []) and ok
        return ok and not self.pending

    def cleaned_fields(self) -> list[TextField]:
        """Return the text questions whose posted answer is saved other than as typed."""
        return [
            f
            for f in self._fields.values()
            if isinstance(f, TextField) and (f.cleaned.removed or f.is_shortened())
        ]

    def answers(self, applicable_only: bool) -> dict:
        """Return the answers as JSON values; all of them, or only those that apply."""
        names = self.applicable_fields() if applicable_only else list(self._fields)
        stored = (self[name].stored_name for name in names)
        return {name: self[name].stored() for name in stored}

    def error_list(self) -> list[tuple[str, str]]:
        """Return (anchor id, the question and its problem) for each error, in page order.

        Each entry names its question, so a list of problems read on its own (seven "Choose
        where you have it.") still says which answer to fix.
        """
        return [
            (anchor_id(self[name]), _named(self[name].summary_question(), self[name].errors[0]))
            for name in self.applicable_fields()
            if self[name].errors
        ]


def _settle_gate(gate: ChoiceField, listed: ChoiceField) -> None:
    """Make a Yes/No gate and the list it opens say the same thing.

    The list's stored answer gives the gate (its "None of these" is No); so does a list posted
    by a page from before the gate existed. A posted gate decides the list: No stores "None
    of these", Yes keeps only real choices, so a list still asks to be filled.
    """
    none = listed.exclusive
    if gate.data is None and listed.data:
        if listed.data == [none]:
            gate.data = "no"
        elif none not in listed.data:
            gate.data = "yes"
    if gate.data == "no":
        listed.data = [none]
    elif gate.data == "yes":
        listed.data = [v for v in listed.data if v != none]


def _named(question: str, message: object) -> str:
    # A question that ends in its own mark ("Where is it?") needs no colon after it.
    joiner = " " if question.rstrip().endswith(("?", ":", "।")) else ": "
    return f"{question.rstrip()}{joiner}{message}"


def anchor_id(form_field: Field) -> str:
    """Return the id of the input a link to this question should land on."""
    if isinstance(form_field, DatePartsField):
        return f"{form_field.id}-day"
    if isinstance(form_field, ChoiceField):
        return f"{form_field.id}-0"
    return form_field.id
