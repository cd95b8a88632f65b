"""Mobile numbers are read as the front desk types them and stored as E.164."""

import pytest

from intake.visits.phones import PhoneError, readable, to_e164


@pytest.mark.parametrize(
    "typed", ["98300 12345", "+91 98300-12345", "098300 12345", "9830012345", "+919830012345"]
)
def test_indian_mobile_numbers_are_accepted_as_typed(typed):
    assert to_e164(typed) == "+919830012345"


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Enter a mobile number"),
        ("call me", "not a phone number"),
        ("12345", "does not exist"),
        ("98300 1234", "does not exist"),
        ("033 2222 3333", "landline"),
        ("9" * 40, "Enter a mobile number"),
    ],
)
def test_anything_else_is_refused_with_a_reason(typed, says):
    with pytest.raises(PhoneError, match=says):
        to_e164(typed)


def test_a_stored_number_reads_in_groups():
    assert readable("+919830012345") == "+91 98300 12345"
