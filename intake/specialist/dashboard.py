"""The dashboard: what needs a look first, then newest; filtered, searched, paged."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, redirect, render_template, request, url_for
from sqlalchemy import Select, and_, exists, or_, select, tuple_
from sqlalchemy.orm import load_only, selectinload
from werkzeug.datastructures import MultiDict

from intake import db
from intake.models import Submission, SubmissionConcern
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
    """A position in the list: the (urgency, submitted_at, id) of a row."""

    urgency: int
    submitted_at: datetime
    id: int

    def encode(self) -> str:
        micros = (self.submitted_at - _EPOCH) // timedelta(microseconds=1)
        return f"{self.urgency}.{micros}.{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        try:
            urgency, micros, row_id = (int(part) for part in (text or "").split("."))
        except ValueError:
            return None
        if not 0 <= micros < 2**53 or row_id < 0 or not 0 <= urgency < 100:
            return None
        return cls(urgency, _EPOCH + timedelta(microseconds=micros), row_id)

    @classmethod
    def of(cls, submission: Submission) -> "Cursor":
        return cls(submission.urgency, submission.submitted_at, submission.id)

    def key(self):
        return tuple_(self.urgency, self.submitted_at, self.id)


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


def page_of(query: Select, before: Cursor | None, after: Cursor | None, size: int) -> Page:
    """Fetch one page, most urgent then newest first, keyed on (urgency, submitted_at, id):
    no offset, no count.

    One row more than the page is fetched to learn whether another page follows.
    """
    key = tuple_(Submission.urgency, Submission.submitted_at, Submission.id)
    # The list shows a few columns: leave the answers and facts JSON unread.
    query = query.options(load_only(*_LISTED), selectinload(Submission.concerns)).limit(size + 1)
    if after is not None:
        # Going back towards newer intakes: read upwards from the cursor, then flip.
        query = query.where(key > after.key()).order_by(
            Submission.urgency, Submission.submitted_at, Submission.id
        )
        rows = list(db.session().scalars(query))
        more_newer = len(rows) > size
        rows = list(reversed(rows[:size]))
        newer = Cursor.of(rows[0]) if rows and more_newer else None
        older = Cursor.of(rows[-1]) if rows else None
        return Page(rows, newer, older)
    if before is not None:
        query = query.where(key < before.key())
    query = query.order_by(
        Submission.urgency.desc(), Submission.submitted_at.desc(), Submission.id.desc()
    )
    rows = list(db.session().scalars(query))
    more_older = len(rows) > size
    rows = rows[:size]
    newer = Cursor.of(rows[0]) if rows and before is not None else None
    older = Cursor.of(rows[-1]) if rows and more_older else None
    return Page(rows, newer, older)


# The filters that travel in the URL: none of them can name a client.
_URL_FILTERS = ("outcome", "status", "concern", "submitted_from", "submitted_to")


@bp.get("/")
def dashboard():
    """List intakes, newest first, with filters, search and pages.

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
