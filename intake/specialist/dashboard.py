"""The dashboard: what needs a look first, then visits to come, then newest; filtered,
searched, paged."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, redirect, render_template, request, url_for
from sqlalchemy import (
    Select,
    and_,
    cast,
    exists,
    false,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import joinedload, load_only, selectinload
from werkzeug.datastructures import MultiDict

from intake import db
from intake.clinic_time import clinic_today
from intake.models import Appointment, Submission, SubmissionConcern
from intake.specialist import bp, searches
from intake.specialist.forms import DashboardFilterForm
from intake.specialist.references import reference_candidates
from intake.submission import name_key
from intake.visits.appointments import still_to_come

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

    def values(self, with_visit: bool) -> list:
        """Return the cursor's keys in the order of a list part's keys (see _keys)."""
        upcoming = int(self.visit is not None)
        if with_visit:
            return [self.urgency, upcoming, self.visit, self.submitted_at, self.id]
        return [self.urgency, upcoming, self.submitted_at, self.id]


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


def _keys(upcoming: int, visit=None) -> list[tuple]:
    """Return a list part's order keys as (key, descending): most urgent first, then intakes
    with a visit to come (soonest first), then newest.

    ``upcoming`` is a constant of the part, so comparing it with a cursor's is done here.
    """
    keys = [(Submission.urgency, True), (upcoming, True)]
    if visit is not None:
        keys.append((visit, False))
    return [*keys, (Submission.submitted_at, True), (Submission.id, True)]


def _ordered(keys: list[tuple], backward: bool) -> list:
    return [
        key.desc() if descending != backward else key.asc()
        for key, descending in keys
        if not isinstance(key, int)
    ]


def _past(keys: list[tuple], values: list, backward: bool):
    """Return the condition of the rows after ``values`` in the keys' order (before them if
    ``backward``), key by key: the keys do not all run the same way."""
    condition = None
    for (key, descending), value in reversed(list(zip(keys, values, strict=True))):
        if value is None:
            # The cursor's row has no visit to come: its part's constant already decided.
            later = equal = false()
        else:
            later = key < value if descending != backward else key > value
            equal = key == value
        if isinstance(key, int):
            # A part's constant against the cursor's: decided here, not in SQL.
            later, equal = true() if later else false(), true() if equal else false()
        condition = later if condition is None else or_(later, and_(equal, condition))
    return condition


def _part(query: Select, upcoming: int, cursor: Cursor | None, backward: bool, size: int):
    """Select one part's first keys past the cursor: the intakes with a visit to come, or
    the others. Each part is read in its index's order and stops at the page's size."""
    today = clinic_today()
    if upcoming:
        visit = Appointment.starts_at
        keys = _keys(1, visit)
        part = (
            query.with_only_columns(
                Submission.id,
                Submission.urgency,
                literal(1).label("upcoming"),
                visit.label("visit"),
                Submission.submitted_at,
                maintain_column_froms=True,
            )
            .join(Appointment, Appointment.submission_id == Submission.id)
            .where(still_to_come(today))
        )
    else:
        keys = _keys(0)
        part = query.with_only_columns(
            Submission.id,
            Submission.urgency,
            literal(0).label("upcoming"),
            cast(null(), Appointment.starts_at.type).label("visit"),
            Submission.submitted_at,
            maintain_column_froms=True,
        ).where(~exists().where(Appointment.submission_id == Submission.id, still_to_come(today)))
    if cursor is not None:
        part = part.where(_past(keys, cursor.values(bool(upcoming)), backward))
    return select(part.order_by(*_ordered(keys, backward)).limit(size).subquery())


def page_of(query: Select, before: Cursor | None, after: Cursor | None, size: int) -> Page:
    """Fetch one page in the dashboard's order (see _keys), by keyset: no offset, no count.

    One statement: the intakes with a visit to come are few and come from the
    appointments' index, the others from the submissions' index in order, each part cut at
    the page's size; the page is the first of both. One row more than the page is fetched
    to learn whether another page follows.
    """
    # Going back towards the top, read upwards from the cursor, then flip.
    backward = after is not None
    cursor = after if backward else before
    parts = union_all(
        *(_part(query, upcoming, cursor, backward, size + 1) for upcoming in (1, 0))
    ).subquery("keys")
    order = _ordered(
        [
            (parts.c.urgency, True),
            (parts.c.upcoming, True),
            (parts.c.visit, False),
            (parts.c.submitted_at, True),
            (parts.c.id, True),
        ],
        backward,
    )
    # The list shows a few columns: leave the answers and facts JSON unread.
    rows = (
        db.session()
        .execute(
            select(Submission, parts.c.upcoming)
            .join(parts, parts.c.id == Submission.id)
            .options(
                load_only(*_LISTED),
                selectinload(Submission.concerns),
                joinedload(Submission.appointment),
            )
            .order_by(*order)
            .limit(size + 1)
        )
        .all()
    )
    more = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()
    cursors = [_cursor_of(row, upcoming) for row, upcoming in rows]
    newer = cursors[0] if cursors and (more if backward else before is not None) else None
    older = cursors[-1] if cursors and (backward or more) else None
    return Page([row for row, _upcoming in rows], newer, older)


def _cursor_of(row: Submission, upcoming: int) -> Cursor:
    visit = row.appointment.starts_at if upcoming else None
    return Cursor(row.urgency, visit, row.submitted_at, row.id)


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
