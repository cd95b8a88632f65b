"""Read a mobile number as the front desk types it and store it in one form (E.164)."""

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

# A number typed without a country code is Indian: the clinic is in Kolkata.
DEFAULT_REGION = "IN"
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class PhoneError(ValueError):
    """The text is not a mobile number a message can be sent to."""


def to_e164(typed: str) -> str:
    """Return the typed mobile number as E.164 (+919830012345); raise PhoneError otherwise.

    Accepts what people type: spaces, hyphens, a leading 0 or +91.
    """
    text = (typed or "").strip()
    if not text or len(text) > 32:
        raise PhoneError("Enter a mobile number, for example 98300 12345 or +91 98300 12345.")
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except NumberParseException as error:
        raise PhoneError(
            "That is not a phone number: use digits, for example 98300 12345."
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("That number does not exist: check the digits (an Indian mobile has 10).")
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise PhoneError("That is a landline: the invitation goes to a mobile number.")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def readable(e164: str) -> str:
    """Write a stored number for people to read: +91 98300 12345."""
    number = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
