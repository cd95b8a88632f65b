"""What a specialist reads first about a client, for the intake page and the PDF alike."""

from dataclasses import dataclass

import phonenumbers
from flask_babel import force_locale

from intake import questionnaire
from intake.clinic_time import clinic_zone
from intake.models import Submission
from intake.questionnaire.answers import stored_answers
from intake.questionnaire.forms import ALLERGIES, SEX, SUN_REACTIONS
from intake.text_cleaning import clean_text
from intake.wording import (
    ASSUMED_WHEN_NOT_SURE,
    LANGUAGE_NAMES,
    SERVICES,
    VISIT_STATUSES,
    long_date,
    roman,
    words,
)

# The clinic is in Kolkata: a number written without +91 is an Indian one.
_HOME_REGION = "IN"


@dataclass(frozen=True)
class Phone:
    """A phone number as written, with links to call it and to message it on WhatsApp."""

    shown: str
    tel: str
    whatsapp: str | None


@dataclass(frozen=True)
class Guardian:
    """The parent or guardian of a client under 18."""

    name: str
    relationship: str
    phone: Phone | None


@dataclass(frozen=True)
class Visit:
    """The client's visit the intake belongs to, in the clinic's time zone."""

    day: str
    time: str
    service: str
    status: str


@dataclass(frozen=True)
class Header:
    """The facts at the top of the intake page and of the PDF's first page."""

    name: str
    age: int
    sex: str
    fitzpatrick: str
    skin_in_own_words: str
    language: str
    phone: Phone | None
    allergies: str
    medicines: str
    guardian: Guardian | None
    visit: Visit | None


def answer_sections(answers: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the client's answers as the specialist reads them: each "not sure" as the
    client gave it, with what the rules assumed it to mean."""
    return questionnaire.answer_sections(answers, assumed=ASSUMED_WHEN_NOT_SURE)


def phone_links(text: str | None) -> Phone | None:
    """Return a phone number with tel: and WhatsApp links; None when nothing was given."""
    text = clean_text(text or "")
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, _HOME_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        digits = "".join(c for c in text if c.isdigit() or c == "+")
        return Phone(text, f"tel:{digits}", None)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Phone(text, f"tel:{e164}", f"https://wa.me/{e164.lstrip('+')}")


def _labels(choices) -> dict[str, str]:
    return {choice[0]: str(choice[1]) for choice in choices}


def _allergies(health: dict) -> str:
    if "allergies" not in health:
        return "Not answered"
    chosen = health["allergies"]
    if not chosen or chosen == ["none"]:
        return "None"
    labels = _labels(ALLERGIES)
    named = [labels.get(code, code) for code in chosen if code != "other"]
    if "other" in chosen:
        named.append(clean_text(health.get("allergy_other", "")) or labels["other"])
    return ", ".join(named)


def visit_of(submission: Submission) -> Visit | None:
    """Return the visit the intake is attached to, in words; None when it has none."""
    appointment = submission.appointment
    if appointment is None:
        return None
    local = appointment.starts_at.astimezone(clinic_zone())
    return Visit(
        day=f"{local:%a} {long_date(local.date())}",
        time=f"{local:%H:%M}",
        service=words(SERVICES, appointment.service),
        status=words(VISIT_STATUSES, appointment.status),
    )


def client_header(submission: Submission) -> Header:
    """Gather the client's header facts from the stored answers and facts."""
    answers = submission.answers
    about = answers.get("about", {})
    # Allergies are asked on the skin-health step (form v4), on the health step before it.
    health = stored_answers("skin_health", answers) or {}
    medicines = answers.get("medicines", {})
    fitzpatrick = submission.facts.get("fitzpatrick")
    # The specialist's side reads in English whatever language the client answered in.
    with force_locale("en"):
        sex = _labels(SEX).get(about.get("sex"), "Not answered")
        in_own_words = _labels(SUN_REACTIONS).get(answers.get("skin", {}).get("sun_reaction"), "")
        allergies = _allergies(health)
    guardian = None
    if submission.age < 18 and about.get("guardian_name"):
        guardian = Guardian(
            clean_text(about["guardian_name"]),
            clean_text(about.get("guardian_relationship", "")),
            phone_links(about.get("guardian_phone")),
        )
    listed = clean_text(medicines.get("medicines_list") or "")
    return Header(
        name=clean_text(submission.full_name),
        age=submission.age,
        sex=sex,
        fitzpatrick=f"Type {roman(fitzpatrick)}" if fitzpatrick else "Not answered",
        skin_in_own_words=in_own_words,
        language=words(LANGUAGE_NAMES, submission.language),
        phone=phone_links(about.get("phone")),
        allergies=allergies,
        medicines=listed or ("None listed" if "medicines" in answers else "Not answered"),
        guardian=guardian,
        visit=visit_of(submission),
    )
