"""Read the numbers and dates clients type: the one place that turns their text into values."""

import unicodedata
from datetime import date

from intake.dates import PartialDate

# No answer on this form is about a date this old; it is a typing mistake.
EARLIEST_YEAR = 1900


class DateInputError(ValueError):
    """A typed date that cannot be read; ``problem`` names what to fix."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def ascii_digits(text: str) -> str:
    """Write every decimal digit as 0-9, whatever its script; leave the rest as typed.

    Bengali (০-৯) and Devanagari (०-९) digits are as natural to type as 0-9 on a phone
    keyboard in those languages; the clinic reads and dials them as 0-9.
    """
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def parse_number(text: str) -> int:
    """Read a whole number written in digits; raise ValueError otherwise.

    Any script's decimal digits count (Python's int reads them), so a client typing in
    Bengali or Devanagari digits is understood too.
    """
    text = text.strip()
    if not text or len(text) > 8 or not text.isdecimal():
        raise ValueError("not a whole number")
    return int(text)


def parse_date_parts(day: str, month: str, year: str) -> PartialDate:
    """Read a date typed as day, month and year boxes; the day may be left empty."""
    if not year.strip():
        raise DateInputError("missing_year")
    if not month.strip():
        raise DateInputError("missing_month")
    try:
        year_number = parse_number(year)
        month_number = parse_number(month)
        day_number = parse_number(day) if day.strip() else None
    except ValueError:
        raise DateInputError("not_numbers") from None
    if len(year.strip()) != 4:
        raise DateInputError("year_digits")
    if year_number < EARLIEST_YEAR:
        raise DateInputError("too_long_ago")
    if not 1 <= month_number <= 12:
        raise DateInputError("no_such_month")
    try:
        date(year_number, month_number, day_number or 1)
    except ValueError:
        raise DateInputError("no_such_day") from None
    return PartialDate(year_number, month_number, day_number)
