"""The day each time-window finding ends: the first day after the as-of date it stops firing."""

from collections.abc import Callable
from datetime import date, timedelta

from intake.facts import SINCE_FACTS
from intake.rules.parsing import SEVERITIES

# Searched this far ahead; a finding still raised then has no end by waiting (isotretinoin
# taken now, say) and gets no date.
HORIZON_DAYS = 3 * 366

FlagsOn = Callable[[int], dict[tuple, str]]


def add_window_ends(result: dict, as_of: date, assess_on: Callable[[date], dict]) -> None:
    """Give each flag of ``result`` that reads a time-since fact the day its window ends.

    ``assess_on(day)`` assesses the same answers as of ``day``. A flag's window ends on the
    first day after ``as_of`` on which it is no longer raised, or only at a lower severity:
    stored as ``clears_on`` (ISO date), with ``then_severity`` when it stays at a lower one.
    """
    assessed: dict[int, dict[tuple, str]] = {}

    def flags_on(days: int) -> dict[tuple, str]:
        if days not in assessed:
            flags = assess_on(as_of + timedelta(days=days))["flags"]
            assessed[days] = {(f["id"], f["concern"]): f["severity"] for f in flags}
        return assessed[days]

    for flag in result["flags"]:
        if SINCE_FACTS.intersection(flag["because"]):
            _mark_end(flag, as_of, flags_on)


def _mark_end(flag: dict, as_of: date, flags_on: FlagsOn) -> None:
    key = (flag["id"], flag["concern"])
    rank = SEVERITIES.index(flag["severity"])

    def raised(days: int) -> bool:
        severity = flags_on(days).get(key)
        return severity is not None and SEVERITIES.index(severity) <= rank

    if raised(HORIZON_DAYS):
        return
    # Times since only grow, so once a window has ended it stays ended: a binary search
    # over the days finds its end in about a dozen assessments.
    inside, ended = 0, HORIZON_DAYS
    while ended - inside > 1:
        middle = (inside + ended) // 2
        if raised(middle):
            inside = middle
        else:
            ended = middle
    flag["clears_on"] = (as_of + timedelta(days=ended)).isoformat()
    then = flags_on(ended).get(key)
    if then is not None:
        flag["then_severity"] = then
