"""The audit trail: a row for each audited action, who/when/which/where, never answer text."""

import re
from datetime import timedelta

from intake.db import utcnow
from tests.support.factories import ANSWER_MARKER, reviewed_submission
from tests.support.forms import page_token
from tests.support.workspace import ADMIN_PASSWORD, PASSWORD, post_form, sign_in


def _row_text(event) -> str:
    return (
        " ".join(
            str(getattr(event, column))
            for column in ("at", "user_id", "username", "action", "submission_id", "reference")
        )
        + f" {event.address} {event.detail}"
    )


def _do_everything(app, client, runner, db_session):
    """Sign in (failing once), view, decide, re-assess, export, purge."""
    submission = reviewed_submission(db_session, full_name="Sushmita Quixotica Roy")
    old_reference = reviewed_submission(
        db_session, submitted_at=utcnow() - timedelta(days=9 * 365)
    ).reference
    sign_in(client, "meera", "wrong password here")
    sign_in(client, "meera", PASSWORD)
    detail = f"/specialist/intakes/{submission.reference}"
    client.get(detail)
    post_form(
        client,
        f"{detail}/decision",
        {
            "outcome": "proceed",
            "assessment_id": str(submission.latest_assessment.id),
            "override_reason": "Reviewed: low-dose course, superficial only. " + ANSWER_MARKER,
            "notes": "Note with " + ANSWER_MARKER,
        },
        token_from=detail,
    )
    post_form(client, f"{detail}/reassess", token_from=detail)
    client.get(f"{detail}/export.json")
    assert runner.invoke(args=["export", submission.reference]).exit_code == 0
    assert runner.invoke(args=["purge"]).exit_code == 0
    return submission, old_reference


def test_each_audited_action_writes_a_row(app, client, runner, db_session, specialist, audit_rows):
    submission, old_reference = _do_everything(app, client, runner, db_session)
    events = audit_rows()
    actions = [e.action for e in events]
    for expected in (
        "sign_in_failed",
        "sign_in",
        "intake_viewed",
        "decision_recorded",
        "reassessed",
        "exported",
        "purged",
        "purge_run",
    ):
        assert expected in actions, expected
    by_action = {e.action: e for e in events}
    viewed = by_action["intake_viewed"]
    assert (viewed.user_id, viewed.username, viewed.reference, viewed.address) == (
        specialist.id,
        "meera",
        submission.reference,
        "127.0.0.1",
    )
    assert utcnow() - viewed.at < timedelta(minutes=1)
    decided = by_action["decision_recorded"]
    assert decided.detail["decision"] == "proceed"
    assert decided.detail["rules_outcome"] == "needs_specialist_review"
    assert decided.detail["against_rules"] is True
    assert by_action["sign_in_failed"].username == "meera"
    assert by_action["sign_in_failed"].user_id is None
    assert by_action["purged"].reference == old_reference
    exports = [e for e in events if e.action == "exported"]
    assert [e.detail["via"] for e in exports] == ["web", "cli"]


def test_no_audit_row_holds_answer_or_note_text(
    app, client, runner, db_session, specialist, audit_rows
):
    _do_everything(app, client, runner, db_session)
    rows = audit_rows()
    assert len(rows) >= 9
    for event in rows:
        text = _row_text(event)
        assert ANSWER_MARKER not in text
        assert "Quixotica" not in text
        assert "superficial" not in text


def test_the_audit_trail_is_readable_by_admins_only(app, client, db_session, specialist, admin):
    submission = reviewed_submission(db_session)
    sign_in(client, "meera", PASSWORD)
    client.get(f"/specialist/intakes/{submission.reference}")
    assert client.get("/specialist/audit").status_code == 403
    post_form(client, "/specialist/sign-out")

    assert sign_in(client, "boss", ADMIN_PASSWORD).status_code == 303
    page = client.get("/specialist/audit")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "intake_viewed" in text and submission.reference in text and "meera" in text
    only = client.get(f"/specialist/audit?reference={submission.reference.lower()}")
    assert "sign_in_failed" not in only.get_data(as_text=True)
    assert re.findall(r"<code>(\w+)</code>", only.get_data(as_text=True)) == ["intake_viewed"]
    assert 'href="/specialist/audit"' in page.get_data(as_text=True)


def test_the_audit_trail_pages_back_through_older_events(app, client, db_session, admin):
    app.config["DASHBOARD_PAGE_SIZE"] = 2
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        sign_in(app.test_client(), "boss", "wrong password here")
    sign_in(client, "boss", ADMIN_PASSWORD)
    first = client.get("/specialist/audit").get_data(as_text=True)
    assert len(re.findall(r"<code>", first)) == 4
    older = re.search(r'href="([^"]+)">Older', first).group(1).replace("&amp;", "&")
    second = client.get(older).get_data(as_text=True)
    # Four failures and one sign-in: four on the first page (twice the page size), one after.
    assert len(re.findall(r"<code>", second)) == 1
    assert "Older" not in second


def test_admin_cannot_post_to_the_audit_trail(app, client, db_session, admin):
    sign_in(client, "boss", ADMIN_PASSWORD)
    token = page_token(client, "/specialist/audit")
    assert client.post("/specialist/audit", data={"csrf_token": token}).status_code == 405
