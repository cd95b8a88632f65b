"""The dashboard: intakes newest first, filtered and searched, one page at a time."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, render_template, request
from sqlalchemy import Select, and_, exists, or_, select, tuple_
from sqlalchemy.orm import load_only, selectinload

from intake import db
from intake.models import Submission, SubmissionConcern
from intake.specialist import bp
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
)


@dataclass
class Cursor:
    """A position in the newest-first list: the (submitted_at, id) of a row."""

    submitted_at: datetime
    id: int

    def encode(self) -> str:
        micros = (self.submitted_at - _EPOCH) // timedelta(microseconds=1)
        return f"{micros}.{self.id}"

    @classmethod
    def decode(cls, text: str | None) -> "Cursor | None":
        try:
            micros, row_id = (int(part) for part in (text or "").split("."))
        except ValueError:
            return None
        if not 0 <= micros < 2**53 or row_id < 0:
            return None
        return cls(_EPOCH + timedelta(microseconds=micros), row_id)

    @classmethod
    def of(cls, submission: Submission) -> "Cursor":
        return cls(submission.submitted_at, submission.id)


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
    """Fetch one page newest first, keyed on (submitted_at, id): no offset, no count.

    One row more than the page is fetched to learn whether another page follows.
    """
    key = tuple_(Submission.submitted_at, Submission.id)
    # The list shows a few columns: leave the answers and facts JSON unread.
    query = query.options(load_only(*_LISTED), selectinload(Submission.concerns)).limit(size + 1)
    if after is not None:
        # Going back towards newer intakes: read upwards from the cursor, then flip.
        query = query.where(key > tuple_(after.submitted_at, after.id)).order_by(
            Submission.submitted_at, Submission.id
        )
        rows = list(db.session().scalars(query))
        more_newer = len(rows) > size
        rows = list(reversed(rows[:size]))
        newer = Cursor.of(rows[0]) if rows and more_newer else None
        older = Cursor.of(rows[-1]) if rows else None
        return Page(rows, newer, older)
    if before is not None:
        query = query.where(key < tuple_(before.submitted_at, before.id))
    query = query.order_by(Submission.submitted_at.desc(), Submission.id.desc())
    rows = list(db.session().scalars(query))
    more_older = len(rows) > size
    rows = rows[:size]
    newer = Cursor.of(rows[0]) if rows and before is not None else None
    older = Cursor.of(rows[-1]) if rows and more_older else None
    return Page(rows, newer, older)


@bp.get("/")
def dashboard():
    """List intakes, newest first, with filters, search and pages."""
    form = DashboardFilterForm(request.args)
    size = current_app.config["DASHBOARD_PAGE_SIZE"]
    if form.validate():
        page = page_of(
            filtered(form),
            Cursor.decode(request.args.get("before")),
            Cursor.decode(request.args.get("after")),
            size,
        )
        status = 200
    else:
        page, status = Page([], None, None), 400
    # The filters stay in the page links, without the old page position.
    kept = {k: v for k, v in request.args.items() if k not in ("before", "after") and v}
    return render_template("specialist/dashboard.html", form=form, page=page, kept=kept), status
