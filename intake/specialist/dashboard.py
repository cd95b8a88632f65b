"""The dashboard: what needs a look first, then visits to come, then newest; filtered,
searched, paged."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, redirect, render_template, request, url_for
from sqlalchemy import (
    Select,
    and_,
    exists,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import joinedload, load_only
from werkzeug.datastructures import MultiDict

from intake import db
from intake.clinic_time import clinic_today
from intake.models import Submission, SubmissionConcern
from intake.review_state import URGENCIES
from intake.specialist import bp, searches
from intake.specialist.forms import DashboardFilterForm
from intake.specialist.references import reference_candidates
from intake.submission import name_key

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LISTED = (
    Submission.reference,
    Submission.full_name,
    Submission.age,
    Submission.submitted_at,
    Submission.outcome,
    Submission.status,
    Submission.urgency,
    Submission.reasons,
)


@dataclass
class Cursor:
    """A position in the list: the order keys of a row.

    ``visit`` is the start of the row's visit still to come; None for a row without one.
    """

    urgency: int
    visit: datetime | None
    submitted_at: datetime
    id: int

    def encode(self) -> str:
        visit = "-" if self.visit is None else str(_micros(self.visit))
        return f"{self.urgency}.{visit}.{_micros(self.submitted_at)}.{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        try:
            urgency, visit, micros, row_id = (text or "").split(".")
            urgency, micros, row_id = int(urgency), int(micros), int(row_id)
            visit = None if visit == "-" else _moment(int(visit))
            submitted_at = _moment(micros)
        except ValueError:
            return None
        if row_id < 0 or not 0 <= urgency < 100:
            return None
        return cls(urgency, visit, submitted_at, row_id)


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _moment(micros: int) -> datetime:
    if not 0 <= micros < 2**53:
        raise ValueError(micros)
    return _EPOCH + timedelta(microseconds=micros)


@dataclass
class Page:
    rows: list[Submission]
    newer: Cursor | None
    older: Cursor | None


def _clinic_midnight(day: date) -> datetime:
    zone = ZoneInfo(current_app.config["CLINIC_TIMEZONE"])
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def _name_starts_with(prefix: str):
    # PostgreSQL serves LIKE 'x%' from the text_pattern_ops index; SQLite serves a range
    # from its ordinary index (its LIKE ignores case and so cannot use it).
    if db.engine().dialect.name == "postgresql":
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return Submission.name_key.like(escaped + "%", escape="\\")
    return and_(Submission.name_key >= prefix, Submission.name_key < prefix + "\U0010ffff")


def _search(text: str):
    references = reference_candidates(text)
    by_name = _name_starts_with(name_key(text))
    if references:
        return or_(Submission.reference.in_(references), by_name)
    return by_name


def filtered(form: DashboardFilterForm) -> Select:
    """Return the dashboard's query with the form's filters applied, unordered."""
    query = select(Submission)
    if form.outcome.data:
        query = query.where(Submission.outcome == form.outcome.data)
    if form.status.data:
        query = query.where(Submission.status == form.status.data)
    if form.concern.data:
        query = query.where(
            exists().where(
                SubmissionConcern.submission_id == Submission.id,
                SubmissionConcern.concern == form.concern.data,
            )
        )
    if form.submitted_from.data:
        query = query.where(Submission.submitted_at >= _clinic_midnight(form.submitted_from.data))
    if form.submitted_to.data:
        end = _clinic_midnight(form.submitted_to.data + timedelta(days=1))
        query = query.where(Submission.submitted_at < end)
    if form.q.data and form.q.data.strip():
        query = query.where(_search(form.q.data))
    return query


def _beyond(cursor: Cursor, upcoming: bool, backward: bool):
    """Return the condition of the rows after the cursor's within its part (before it if
    ``backward``), in a shape each database seeks to in the part's index."""
    newest = tuple_(Submission.submitted_at, Submission.id)
    mark = tuple_(cursor.submitted_at, cursor.id)
    beyond = newest > mark if backward else newest < mark
    if not upcoming:
        return beyond
    visit, at = Submission.visit_at, cursor.visit
    # Soonest first, then newest at one moment: the first term bounds the index range, the
    # rest settles the rows at the cursor's own moment.
    if backward:
        return and_(visit <= at, or_(visit < at, and_(visit == at, beyond)))
    return and_(visit >= at, or_(visit > at, and_(visit == at, beyond)))


def _part(
    query: Select,
    urgency: int,
    upcoming: bool,
    since: datetime,
    cursor: Cursor | None,
    backward: bool,
    size: int,
) -> list[Cursor]:
    """Return the keys of one part's first rows past the cursor, in the part's order.

    A part is the intakes of one urgency with a visit to come (soonest first), or those
    without (newest first): one range of an index, read in its order and cut at ``size``,
    so no part sorts all its rows. A part wholly before the cursor gives nothing.
    """
    here = (urgency, upcoming)
    at = None if cursor is None else (cursor.urgency, cursor.visit is not None)
    if at is not None and (here < at if backward else here > at):
        return []
    query = query.where(Submission.urgency == urgency)
    if upcoming:
        query = query.where(Submission.visit_at >= since)
        order = [(Submission.visit_at, False)]
    else:
        # A past visit counts no more: the intake takes its place among the newest.
        query = query.where(or_(Submission.visit_at.is_(None), Submission.visit_at < since))
        order = []
    if here == at:
        query = query.where(_beyond(cursor, upcoming, backward))
    order += [(Submission.submitted_at, True), (Submission.id, True)]
    keys = query.with_only_columns(
        Submission.visit_at, Submission.submitted_at, Submission.id, maintain_column_froms=True
    )
    rows = db.session().execute(keys.order_by(*_ordered(order, backward)).limit(size))
    return [
        Cursor(urgency, visit if upcoming else None, submitted_at, row_id)
        for visit, submitted_at, row_id in rows
    ]


def page_of(query: Select, before: Cursor | None, after: Cursor | None, size: int) -> Page:
    """Fetch one page in the dashboard's order, by keyset: no offset, no count.

    Most urgent first; within one urgency, the intakes with a visit to come (soonest
    first), then the others (newest first). The parts (see _part) are read in turn until
    the page is full: the first page usually needs one or two. One row more than the page
    is fetched to learn whether another page follows.
    """
    # Going back towards the top, read upwards from the cursor, then flip.
    backward = after is not None
    cursor = after if backward else before
    # A visit to come is on the clinic's today or later: from its midnight on.
    since = _clinic_midnight(clinic_today())
    parts = [(urgency, upcoming) for urgency in URGENCIES for upcoming in (True, False)]
    keys: list[Cursor] = []
    for urgency, upcoming in reversed(parts) if backward else parts:
        if len(keys) > size:
            break
        keys += _part(query, urgency, upcoming, since, cursor, backward, size + 1 - len(keys))
    more = len(keys) > size
    keys = keys[:size]
    if backward:
        keys.reverse()
    # The list shows a few columns: leave the answers and facts JSON unread. The concerns
    # come joined in the same statement (a row per concern, at most a few per intake): on
    # PostgreSQL a second statement for them was one more round trip per page.
    rows = db.session().scalars(
        select(Submission)
        .where(Submission.id.in_([key.id for key in keys]))
        .options(
            load_only(*_LISTED),
            joinedload(Submission.concerns),
            joinedload(Submission.appointment),
        )
    )
    by_id = {row.id: row for row in rows.unique()}
    newer = keys[0] if keys and (more if backward else before is not None) else None
    older = keys[-1] if keys and (backward or more) else None
    # A row purged between the two reads is left out.
    return Page([by_id[key.id] for key in keys if key.id in by_id], newer, older)


def _ordered(keys: list[tuple], backward: bool) -> list:
    return [key.desc() if descending != backward else key.asc() for key, descending in keys]


# The filters that travel in the URL: none of them can name a client.
_URL_FILTERS = ("outcome", "status", "concern", "submitted_from", "submitted_to")


@bp.get("/")
def dashboard():
    """List intakes in the dashboard's order (see _keys), with filters, search and pages.

    The search never travels in the URL: a client's name in a query string stays in the
    browser's history and in every proxy's access log. It is posted, kept server-side (the
    session holds only its id), and the page's links say only ``search=1``; a page without
    it forgets the search.
    """
    formdata = MultiDict((k, v) for k, v in request.args.items(multi=True) if k != "q")
    if request.args.get("search") == "1" and (text := searches.kept()) is not None:
        formdata["q"] = text
    else:
        searches.forget()
    form = DashboardFilterForm(formdata)
    if not form.validate():
        return _render(form, Page([], None, None), 400)
    page = page_of(
        filtered(form),
        Cursor.decode(request.args.get("before")),
        Cursor.decode(request.args.get("after")),
        current_app.config["DASHBOARD_PAGE_SIZE"],
    )
    return _render(form, page, 200)


@bp.post("/")
def search():
    """Take the filter form: keep the search server-side, the other filters in the URL."""
    form = DashboardFilterForm(request.form)
    if not form.validate():
        return _render(form, Page([], None, None), 400)
    text = (form.q.data or "").strip()
    target = _filters(request.form)
    if text:
        searches.keep(text)
        target["search"] = "1"
    else:
        searches.forget()
    return redirect(url_for("specialist.dashboard", **target), 303)


def _filters(source) -> dict[str, str]:
    return {name: source[name] for name in _URL_FILTERS if source.get(name)}


def _render(form: DashboardFilterForm, page: Page, status: int):
    # The page links keep the filters (from the query or the posted form) and the search
    # flag, never a page position.
    kept = _filters(request.values)
    if form.q.data:
        kept["search"] = "1"
    return render_template("specialist/dashboard.html", form=form, page=page, kept=kept), status
