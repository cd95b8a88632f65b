"""Pages for administrators: the audit trail."""

from flask import current_app, render_template, request
from sqlalchemy import select

from intake import db
from intake.models import AuditEvent
from intake.specialist import bp
from intake.specialist.access import admin_required
from intake.specialist.forms import AuditFilterForm

_KEPT_FILTERS = ("reference", "action")


@bp.get("/audit")
@admin_required
def audit_trail():
    """List audit events newest first, optionally for one reference or action."""
    form = AuditFilterForm(request.args)
    size = current_app.config["DASHBOARD_PAGE_SIZE"] * 2
    events: list[AuditEvent] = []
    if form.validate():
        query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(size + 1)
        if form.reference.data:
            query = query.where(AuditEvent.reference == form.reference.data.strip().upper())
        if form.action.data:
            query = query.where(AuditEvent.action == form.action.data.strip())
        if form.before.data:
            query = query.where(AuditEvent.id < form.before.data)
        events = list(db.session().scalars(query))
    older = events[size - 1].id if len(events) > size else None
    # Only the filters travel on: url_for takes arguments such as _scheme and _external.
    kept = {name: request.args[name] for name in _KEPT_FILTERS if request.args.get(name)}
    return render_template(
        "specialist/audit.html", form=form, events=events[:size], older=older, kept=kept
    ), (200 if not form.errors else 400)
