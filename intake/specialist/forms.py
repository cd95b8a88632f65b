"""The specialist workspace's forms; each field is checked on the server."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from intake.passwords import MAX_LENGTH
from intake.questionnaire.fields import clean_text
from intake.wording import CONCERNS, DECISIONS, OUTCOMES, STATUSES

# The dates a filter may name: the app's records lie well within them, and the clinic's
# midnight of each still fits in a datetime once moved to UTC.
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2999, 12, 31)
# Audit rows are numbered by a 64-bit column.
LARGEST_ID = 2**63 - 1


def no_control_characters(form, field):
    """Refuse text holding control characters other than tabs and line breaks.

    Nobody types them, and PostgreSQL refuses NUL in any text (a 500 for a pasted NUL).
    """
    if isinstance(field.data, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in field.data):
        raise ValidationError(
            _l("This text holds invisible control characters; please type it again.")
        )


class SignInForm(FlaskForm):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(_l("Enter your username.")),
            Length(max=80, message=_l("Usernames are at most 80 characters.")),
            no_control_characters,
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Enter your password.")),
            Length(max=MAX_LENGTH, message=_l("Passwords are at most 1024 characters.")),
        ],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter the password you signed in with."))],
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Enter a new password."))],
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Enter the new password again.")),
            EqualTo("new_password", _l("The two new passwords are not the same; type both again.")),
        ],
    )


def _choices(vocabulary: dict, anything: str | None = None) -> list[SelectChoice]:
    options = [SelectChoice(code, words) for code, words in vocabulary.items()]
    return [SelectChoice("", anything), *options] if anything else options


def _searchable(value):
    # A search box never sends control characters, and PostgreSQL refuses NUL in a query
    # parameter (a 500 for "?q=%00"): drop them as the intake's own text fields do.
    return clean_text(value) if isinstance(value, str) else value


def _in_range(form, field):
    if field.data is not None and not FIRST_DATE <= field.data <= LAST_DATE:
        raise ValidationError(_l("Choose a date between 1900 and 2999."))


class DashboardFilterForm(FlaskForm):
    """Filters travel in the query string: a bookmarkable GET form, so no CSRF token."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Name or reference"),
        validators=[Optional(), Length(max=200, message=_l("Search for at most 200 characters."))],
        filters=[_searchable],
    )
    # A filter left out of the query string means "any".
    outcome = SelectField(_l("Outcome"), choices=_choices(OUTCOMES, _l("Any outcome")), default="")
    status = SelectField(
        _l("Review status"), choices=_choices(STATUSES, _l("Any status")), default=""
    )
    concern = SelectField(_l("Concern"), choices=_choices(CONCERNS, _l("Any concern")), default="")
    submitted_from = DateField(_l("Submitted from"), validators=[Optional(), _in_range])
    submitted_to = DateField(_l("Submitted until"), validators=[Optional(), _in_range])

    def validate_submitted_to(self, field):
        start = self.submitted_from.data
        if field.data and start and field.data < start:
            raise ValidationError(_l("Choose an end date on or after the start date."))


class DecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Decision"),
        choices=_choices(DECISIONS),
        validators=[InputRequired(_l("Choose a decision."))],
    )
    notes = TextAreaField(
        _l("Notes"),
        validators=[
            Optional(),
            Length(max=5000, message=_l("Keep notes under 5000 characters.")),
            no_control_characters,
        ],
    )
    override_reason = TextAreaField(
        _l("Reason for deciding differently from the rules"),
        validators=[
            Optional(),
            Length(max=5000, message=_l("Keep the reason under 5000 characters.")),
            no_control_characters,
        ],
    )
    # Which assessment the specialist was looking at, so a re-assessment in between is noticed.
    assessment_id = HiddenField()


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=40)])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=40)])
    before = IntegerField(validators=[Optional(), NumberRange(min=1, max=LARGEST_ID)])
