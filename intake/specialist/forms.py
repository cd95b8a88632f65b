"""The specialist workspace's forms; each field is checked on the server."""

from datetime import date

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
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from intake.passwords import MAX_LENGTH
from intake.rules.vocabulary import OUTCOMES
from intake.text_cleaning import clean_text
from intake.visits.phones import PhoneError, to_e164
from intake.wording import CONCERNS, DECISIONS, LANGUAGE_NAMES, ROLES, SERVICES, STATUSES

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


def _cleaned(value):
    # Typed text is cleaned as the intake's own answers are; besides, PostgreSQL refuses NUL
    # in a query parameter or a stored string (a 500 for "?q=%00").
    return clean_text(value) if isinstance(value, str) else value


def _in_range(form, field):
    if field.data is not None and not FIRST_DATE <= field.data <= LAST_DATE:
        raise ValidationError(_l("Choose a date between 1900 and 2999."))


class DashboardFilterForm(FlaskForm):
    """The dashboard's filters, read from the query string and from the posted search.

    No token field of its own: the app-wide CSRF check covers the post, and a GET changes
    nothing.
    """

    class Meta:
        csrf = False

    q = SearchField(
        _l("Name or reference"),
        validators=[Optional(), Length(max=200, message=_l("Search for at most 200 characters."))],
        filters=[_cleaned],
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
        filters=[_cleaned],
        validators=[Optional(), Length(max=5000, message=_l("Keep notes under 5000 characters."))],
    )
    override_reason = TextAreaField(
        _l("Reason for deciding differently from the rules"),
        filters=[_cleaned],
        validators=[
            Optional(),
            Length(max=5000, message=_l("Keep the reason under 5000 characters.")),
        ],
    )
    # Which assessment the specialist was looking at, so a re-assessment in between is noticed.
    assessment_id = HiddenField()
    # Asked only when the intake already has a decision: a second one replaces it.
    confirm_replace = BooleanField(_l("Yes, replace the earlier decision"))


class ReassessForm(FlaskForm):
    # Empty: count to the assessment date (the visit, else the sending date); or "today".
    as_of = HiddenField(validators=[Optional(), AnyOf(["today"])])


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=40)])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=40)])
    before = IntegerField(validators=[Optional(), NumberRange(min=1, max=LARGEST_ID)])


class VisitForm(FlaskForm):
    """A visit as the front desk books or changes it."""

    client_name = StringField(
        _l("Client's name"),
        validators=[
            DataRequired(_l("Enter the client's name.")),
            Length(max=200, message=_l("Names are at most 200 characters.")),
        ],
        filters=[_cleaned],
    )
    mobile = StringField(_l("Mobile number"))
    language = RadioField(
        _l("Language for the invitation and intake"),
        choices=_choices(LANGUAGE_NAMES),
        default="en",
        validators=[InputRequired(_l("Choose the client's language."))],
    )
    day = DateField(_l("Date"), validators=[InputRequired(_l("Enter the date of the visit."))])
    at = TimeField(_l("Time"), validators=[InputRequired(_l("Enter the time of the visit."))])
    service = SelectField(_l("Service"), choices=_choices(SERVICES), default="microneedling")
    specialist = SelectField(_l("Specialist"), default="")

    def __init__(self, *args, specialists=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.specialist.choices = [SelectChoice("", _l("Any specialist"))] + [
            SelectChoice(str(user.id), user.display_name) for user in specialists
        ]
        self.e164: str | None = None

    def validate_mobile(self, field):
        try:
            self.e164 = to_e164(field.data or "")
        except PhoneError as error:
            raise ValidationError(str(error)) from error


class AttachForm(FlaskForm):
    reference = StringField(
        _l("Reference of an intake sent from the public link"),
        validators=[
            DataRequired(_l("Enter the reference the client was given, e.g. K7QM-4ZP9.")),
            Length(max=40, message=_l("A reference is 8 letters and digits.")),
        ],
    )


class BoardForm(FlaskForm):
    """The board's date picker: a GET form, so no CSRF token."""

    class Meta:
        csrf = False

    day = DateField(_l("Show visits on"), validators=[Optional()])


class AccountForm(FlaskForm):
    username = StringField(
        _l("Username"),
        validators=[
            DataRequired(_l("Enter a username.")),
            Length(max=80, message=_l("Usernames are at most 80 characters.")),
        ],
    )
    display_name = StringField(
        _l("Name shown in the workspace"),
        validators=[Optional(), Length(max=120, message=_l("Names are at most 120 characters."))],
    )
    role = RadioField(
        _l("Role"), choices=_choices(ROLES), validators=[InputRequired(_l("Choose a role."))]
    )
    email = StringField(
        _l("E-mail (optional)"),
        validators=[
            Optional(),
            Length(max=254, message=_l("Addresses are at most 254 characters.")),
        ],
    )

    def validate_username(self, field):
        if any(c.isspace() for c in field.data or ""):
            raise ValidationError(_l("Usernames have no spaces."))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=_choices(ROLES))


class EmailForm(FlaskForm):
    email = StringField(_l("E-mail"))
