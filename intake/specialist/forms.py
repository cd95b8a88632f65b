"""The specialist workspace's forms; each field is checked on the server."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
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
    Optional,
    ValidationError,
)

from intake.passwords import MAX_LENGTH
from intake.questionnaire.fields import clean_text
from intake.wording import CONCERNS, DECISIONS, OUTCOMES, STATUSES


class SignInForm(FlaskForm):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(_l("Enter your username.")),
            Length(max=80, message=_l("Usernames are at most 80 characters.")),
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
    submitted_from = DateField(_l("Submitted from"), validators=[Optional()])
    submitted_to = DateField(_l("Submitted until"), validators=[Optional()])

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
        validators=[Optional(), Length(max=5000, message=_l("Keep notes under 5000 characters."))],
    )
    override_reason = TextAreaField(
        _l("Reason for deciding differently from the rules"),
        validators=[
            Optional(),
            Length(max=5000, message=_l("Keep the reason under 5000 characters.")),
        ],
    )
    # Which assessment the specialist was looking at, so a re-assessment in between is noticed.
    assessment_id = HiddenField()
    # Asked only when the intake already has a decision: a second one replaces it.
    confirm_replace = BooleanField(_l("Yes, replace the earlier decision"))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=40)])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=40)])
    before = IntegerField(validators=[Optional()])
