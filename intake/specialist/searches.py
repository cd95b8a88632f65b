"""The dashboard's search text, kept in the database under a random id the session holds.

A search is usually a client's name; the session cookie is signed, not encrypted, so
anyone holding it could read what it carries.
"""

import secrets
from datetime import datetime

from flask import session
from flask_login import current_user
from sqlalchemy import delete

from intake import db
from intake.models import DashboardSearch

_KEY = "dashboard_search"


def kept() -> str | None:
    """Return the signed-in specialist's kept search, if the session points to one."""
    search_id = session.get(_KEY)
    if not isinstance(search_id, str):
        return None
    row = db.session().get(DashboardSearch, search_id)
    if row is None or row.user_id != current_user.id:
        return None
    return row.text


def keep(text: str) -> None:
    """Keep this search in place of any earlier one."""
    forget()
    search_id = secrets.token_urlsafe(32)
    db.session().add(DashboardSearch(id=search_id, user_id=current_user.id, text=text))
    session[_KEY] = search_id


def forget() -> None:
    """Drop the kept search, if any."""
    search_id = session.pop(_KEY, None)
    if isinstance(search_id, str):
        db.session().execute(delete(DashboardSearch).where(DashboardSearch.id == search_id))


def delete_before(cutoff: datetime) -> int:
    """Delete searches kept since before the cutoff; return how many."""
    result = db.session().execute(
        delete(DashboardSearch).where(DashboardSearch.created_at < cutoff)
    )
    return result.rowcount
