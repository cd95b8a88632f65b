"""The day each time-window finding ends: the first day after the as-of date it stops firing."""

from collections.abc import Callable
from datetime import date, timedelta

from intake.facts import SINCE_FACTS
from intake.rules.vocabulary import severity_rank

# Searched this far ahead; a finding still raised then has no end by waiting (isotretinoin
# taken now, say) and gets no date.
HORIZON_DAYS = 3 * 366

SeverityOn = Callable[[dict, date], str | None]


def add_window_ends(result: dict, as_of: date, severity_on: SeverityOn) -> None:
    """Give each flag of ``result`` that reads a time-since fact the day its window ends.

    ``severity_on(flag, day)`` is the severity the same answers raise that flag at as of
    ``day`` (None: not raised). A flag's window ends on the first day after ``as_of`` on
    which it is no longer raised, or only at a lower severity: stored as ``clears_on`` (ISO
    date), with ``then_severity`` when it stays at a lower one.
    """
    for flag in result["flags"]:
        if SINCE_FACTS.intersection(flag["because"]):
            _mark_end(flag, as_of, severity_on)


def _mark_end(flag: dict, as_of: date, severity_on: SeverityOn) -> None:
    rank = severity_rank(flag["severity"])

    def raised(days: int) -> bool:
        severity = severity_on(flag, as_of + timedelta(days=days))
        return severity is not None and severity_rank(severity) <= rank

    if raised(HORIZON_DAYS):
        return
    # Times since only grow, so once a window has ended it stays ended: a binary search
    # over the days finds its end in about a dozen looks.
    inside, ended = 0, HORIZON_DAYS
    while ended - inside > 1:
        middle = (inside + ended) // 2
        if raised(middle):
            inside = middle
        else:
            ended = middle
    ends = as_of + timedelta(days=ended)
    flag["clears_on"] = ends.isoformat()
    then = severity_on(flag, ends)
    if then is not None:
        flag["then_severity"] = then
