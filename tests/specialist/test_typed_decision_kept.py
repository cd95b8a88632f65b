"""A decision typed when the idle timeout struck is kept in the database and restored."""

import html
import re
import time
from datetime import timedelta

from intake.db import utcnow
from intake.models import Decision, DecisionDraft
from tests.support.factories import reviewed_submission
from tests.support.forms import page_token
from tests.support.workspace import PASSWORD, sign_in

TYPED_MARKER = "Quillfeather-5512"
NOTES = "Peel 3 weeks ago; see again in January."


def _post_after_idle(app, client, submission, **fields):
    """Open the intake, let the session go idle, then post the decision form."""
    detail = f"/specialist/intakes/{submission.reference}"
    page = client.get(detail).get_data(as_text=True)
    assessment_id = re.search(r'name="assessment_id" type="hidden" value="(\d+)"', page).group(1)
    token = page_token(client, detail)
    with client.session_transaction() as session:
        session["seen_at"] = int(time.time()) - app.config["SESSION_IDLE_MINUTES"] * 60 - 5
    data = {"csrf_token": token, "assessment_id": assessment_id, **fields}
    return client.post(f"{detail}/decision", data=data, headers={"Accept": "text/html"})


def test_typed_decision_survives_the_idle_timeout(app, signed_in, db_session):
    submission = reviewed_submission(db_session)
    fields = {"outcome": "needs_consultation", "notes": NOTES, "override_reason": ""}
    response = _post_after_idle(app, signed_in, submission, **fields)
    assert response.status_code == 303
    assert "/specialist/sign-in?next=" in response.location
    assert db_session.query(Decision).count() == 0
    # Kept in the database, never in the (signed, readable) session cookie.
    (draft,) = db_session.query(DecisionDraft).all()
    assert draft.fields["notes"] == NOTES
    with signed_in.session_transaction() as session:
        assert NOTES not in str(dict(session))
    assert NOTES not in response.headers.get("Set-Cookie", "")

    signed_back = sign_in(signed_in, "meera", PASSWORD, next_url=_next(response.location))
    assert signed_back.location.endswith(f"/specialist/intakes/{submission.reference}")
    page = html.unescape(signed_in.get(signed_back.location).get_data(as_text=True))
    assert "Restored: what you had typed before you were signed out." in page
    assert f">\r\n{NOTES}</textarea>" in page
    assert re.search(
        r'value="needs_consultation"[^>]*checked|checked[^>]*value="needs_consultation"', page
    )
    # Restored once: the draft is gone, and the next visit shows an empty form.
    db_session.expire_all()
    assert db_session.query(DecisionDraft).count() == 0
    again = signed_in.get(signed_back.location).get_data(as_text=True)
    assert NOTES not in again and "Restored:" not in again


def _next(location: str) -> str:
    return re.search(r"next=([^&]+)", location).group(1).replace("%2F", "/")


def test_an_expired_draft_is_not_restored(app, signed_in, db_session):
    submission = reviewed_submission(db_session)
    _post_after_idle(app, signed_in, submission, outcome="decline", notes=TYPED_MARKER)
    db_session.query(DecisionDraft).update({"expires_at": utcnow() - timedelta(minutes=1)})
    db_session.commit()
    sign_in(signed_in, "meera", PASSWORD)
    page = signed_in.get(f"/specialist/intakes/{submission.reference}").get_data(as_text=True)
    assert TYPED_MARKER not in page


def test_a_post_without_a_valid_token_keeps_nothing(app, signed_in, db_session):
    submission = reviewed_submission(db_session)
    response = _post_after_idle(app, signed_in, submission, outcome="decline", csrf_token="x")
    assert response.status_code == 400
    assert db_session.query(DecisionDraft).count() == 0
