"""The summary PDF over HTTP: signed-in specialists only, inline or download, audited, no-store."""

import logging
import threading

from sqlalchemy import func, select

from intake import after_response
from intake.models import AuditEvent, PdfDocument, Submission
from intake.pdf import render
from tests.support import factories, pdftools
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers

URL = "/specialist/intakes/K7QH-3MWD/summary.pdf"


def _audit(db) -> list[tuple[str, int | None, str | None]]:
    db.expire_all()
    rows = db.scalars(select(AuditEvent).where(AuditEvent.action.like("pdf_%")))
    return [(row.action, row.submission_id, row.username) for row in rows]


def test_signed_out_visitor_gets_no_pdf(client, db, typical):
    response = client.get(URL)
    assert response.status_code == 401
    assert not response.data.startswith(b"%PDF")
    assert _audit(db) == []


def test_view_inline_and_download_are_audited_and_never_stored(signed_in, db, typical):
    view = signed_in.get(URL)
    assert view.status_code == 200
    assert view.mimetype == "application/pdf"
    assert view.headers["Content-Disposition"] == 'inline; filename="K7QH-3MWD-summary.pdf"'
    assert view.headers["Cache-Control"] == "no-store"
    assert "Microneedling consultation summary" in pdftools.text(view.data)

    download = signed_in.get(URL + "?download=1")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == (
        'attachment; filename="K7QH-3MWD-summary.pdf"'
    )
    assert download.headers["Cache-Control"] == "no-store"
    assert download.data == view.data

    assert _audit(db) == [
        ("pdf_view", typical.id, "meera"),
        ("pdf_download", typical.id, "meera"),
    ]


def test_second_request_is_served_from_the_cache(signed_in, db, typical, renders):
    first = signed_in.get(URL)
    second = signed_in.get(URL)
    assert first.data == second.data
    assert renders == ["K7QH-3MWD"]
    assert db.scalar(select(func.count()).select_from(PdfDocument)) == 1


def test_unknown_intake_is_not_found(signed_in, db):
    assert signed_in.get("/specialist/intakes/ZZZZ-ZZZZ/summary.pdf").status_code == 404


def test_render_failure_shows_a_retry_page_and_keeps_the_intake(
    signed_in, db, typical, broken_renderer, caplog
):
    caplog.set_level(logging.INFO)
    response = signed_in.get(URL, headers={"Accept": "text/html"})

    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "The PDF summary could not be made just now" in page
    assert f'href="{URL}"' in page and "Try again" in page
    assert f"pdf render failed for submission {typical.id}" in caplog.text
    assert "Priya" not in caplog.text and "Adapalene" not in caplog.text
    db.expire_all()
    stored = db.get(Submission, typical.id)
    assert stored.answers["medicines"]["medicines_list"] == "Adapalene gel at night"
    assert (stored.full_name, stored.outcome, stored.status) == (
        "Priya Sen",
        typical.outcome,
        typical.status,
    )
    assert db.scalar(select(func.count()).select_from(PdfDocument)) == 0
    assert _audit(db) == []

    broken_renderer.undo()
    retry = signed_in.get(URL)
    assert retry.status_code == 200 and retry.data.startswith(b"%PDF")


def test_intake_page_links_to_the_pdf(signed_in, typical):
    page = signed_in.get("/specialist/intakes/K7QH-3MWD").get_data(as_text=True)
    assert f'href="{URL}"' in page
    assert f'href="{URL}?download=1"' in page


DETAIL = "/specialist/intakes/K7QH-3MWD"


def test_opening_the_intake_prepares_its_pdf_for_the_click_that_follows(
    finish, signed_in, db, typical, renders
):
    page = signed_in.get(DETAIL)
    assert page.status_code == 200
    # The render waits until the page has gone out: nothing is stored before the server
    # closes the response.
    assert db.scalar(select(func.count()).select_from(PdfDocument)) == 0
    finish(page)
    assert renders == ["K7QH-3MWD"]
    assert db.scalar(select(func.count()).select_from(PdfDocument)) == 1

    pdf = signed_in.get(URL)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert renders == ["K7QH-3MWD"]
    # Preparing is not reading: only the specialist's own request is audited.
    assert _audit(db) == [("pdf_view", typical.id, "meera")]


def test_the_preparation_runs_off_the_request_and_frees_the_worker_at_once(
    app, signed_in, db, typical, monkeypatch
):
    release, started = threading.Event(), threading.Event()
    real = render.render_summary_pdf

    def slow(context):
        started.set()
        release.wait(timeout=30)
        return real(context)

    monkeypatch.setattr(render, "render_summary_pdf", slow)
    page = signed_in.get(DETAIL)
    # Closing the response (the server's side of "sent") returns while the render is held:
    # the worker is free for the next request, which is served meanwhile.
    page.close()
    assert started.wait(timeout=30)
    assert signed_in.get("/specialist/").status_code == 200
    assert db.scalar(select(func.count()).where(PdfDocument.content.is_not(None))) == 0

    release.set()
    after_response.worker(app).join()
    db.expire_all()
    assert db.scalar(select(func.count()).where(PdfDocument.content.is_not(None))) == 1


def test_a_new_decision_is_prepared_when_the_intake_page_shows_it(finish, signed_in, db, typical):
    finish(signed_in.get(DETAIL))
    db.expire_all()
    before = db.scalar(select(PdfDocument.cache_key))

    factories.add_decision(db, typical, factories.make_specialist(db), notes="Patch test first.")
    db.commit()
    finish(signed_in.get(DETAIL))

    db.expire_all()
    stored = list(db.scalars(select(PdfDocument)))
    assert len(stored) == 1 and stored[0].cache_key != before
    assert "Patch test first." in pdftools.text(stored[0].content)


def test_a_failed_preparation_leaves_the_page_and_the_intake_alone(
    finish, signed_in, db, typical, broken_renderer, caplog
):
    caplog.set_level(logging.INFO)
    page = signed_in.get(DETAIL)
    finish(page)

    assert page.status_code == 200 and "Priya Sen" in page.get_data(as_text=True)
    assert f"pdf render failed for submission {typical.id}" in caplog.text
    assert "Priya" not in caplog.text
    assert db.scalar(select(func.count()).select_from(PdfDocument)) == 0
    broken_renderer.undo()
    assert signed_in.get(URL).data.startswith(b"%PDF")


def test_a_sent_intake_has_its_summary_rendered_once_the_client_is_answered(
    finish, app, db, renders
):
    intake = Intake(app.test_client())
    intake.start()
    answers = full_answers(clinic_today())
    for step, fields in answers.items():
        response = intake.post(step, fields)
        assert response.status_code == 302, step
    # The client's answer went out before any render started.
    assert renders == []
    finish(response)
    assert len(renders) == 1
    stored = db.scalars(select(PdfDocument)).one()
    assert stored.content.startswith(b"%PDF") and stored.cache_key
    submission = db.scalars(select(Submission)).one()
    assert stored.submission_id == submission.id
