"""Calendar arithmetic on the dates clients give: full dates or just a month and year."""

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PartialDate:
    """A date a client gave, where the day may be unknown."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def from_iso(cls, text: str) -> "PartialDate":
        """Read "YYYY-MM-DD" or "YYYY-MM"; raise ValueError on anything else."""
        parts = text.split("-")
        if len(parts) not in (2, 3) or not all(p.isascii() and p.isdigit() for p in parts):
            raise ValueError(f"not an ISO date or month: {text!r}")
        year, month = int(parts[0]), int(parts[1])
        day = int(parts[2]) if len(parts) == 3 else None
        # Constructing the date checks that the day exists in that month.
        date(year, month, day or 1)
        return cls(year, month, day)

    def iso(self) -> str:
        """Return "YYYY-MM-DD", or "YYYY-MM" when the day is unknown."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> date:
        """Return the first day this date could be."""
        return date(self.year, self.month, self.day or 1)

    def latest(self, today: date) -> date:
        """Return the last day this date could be, never after today.

        Time since a month-only date is counted from the month's end: the elapsed time is
        then never overstated, so a safety window is never passed too early.
        """
        if self.day is not None:
            return date(self.year, self.month, self.day)
        last = date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return min(last, today)


def whole_years(start: date, end: date) -> int:
    """Count completed years from start to end (someone born on 29 February turns older
    on 1 March in common years)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def whole_months(start: date, end: date) -> int:
    """Count completed calendar months from start to end (0 if end is not later)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day and end.day < calendar.monthrange(end.year, end.month)[1]:
        # Not a full month yet, unless end is the last day of a shorter month.
        months -= 1
    return max(months, 0)


def days_between(start: date, end: date) -> int:
    """Count days from start to end (0 if end is not later)."""
    return max((end - start).days, 0)
