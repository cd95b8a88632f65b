"""One render per (submission, assessment, decision); a failed render changes nothing."""

import logging
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intake.models import Assessment, PdfDocument, Submission
from intake.pdf import render, summary
from intake.pdf.summary import PdfRenderError, cache_key, summary_pdf
from tests.support import factories


def _stored(app) -> list[PdfDocument]:
    with app.extensions["db_sessionmaker"]() as fresh:
        return list(fresh.scalars(select(PdfDocument)))


def test_second_request_serves_the_stored_pdf(app, db, typical, renders):
    first = summary_pdf(db, typical)
    db.commit()
    second = summary_pdf(db, typical)

    assert renders == ["K7QH-3MWD"]
    assert second == first
    stored = _stored(app)
    assert len(stored) == 1 and stored[0].content == first


def test_new_decision_renders_anew_and_replaces_the_old_copy(app, db, typical, renders):
    before = summary_pdf(db, typical)
    db.commit()
    factories.add_decision(
        db, typical, factories.make_specialist(db), outcome="proceed", notes="Go ahead."
    )
    db.commit()

    after = summary_pdf(db, typical)
    db.commit()

    assert len(renders) == 2
    assert after != before
    stored = _stored(app)
    assert [doc.content for doc in stored] == [after]


def test_reassessment_renders_anew(app, db, typical, renders):
    summary_pdf(db, typical)
    db.commit()
    result = dict(typical.latest_assessment.result, rules_version="2026.12.0+0000000000")
    typical.assessments.append(
        Assessment(
            created_at=factories.SUBMITTED_AT + timedelta(days=30),
            rules_version=result["rules_version"],
            as_of=factories.SUBMITTED_ON + timedelta(days=30),
            overall=result["overall"],
            result=result,
        )
    )
    db.commit()

    summary_pdf(db, typical)
    db.commit()
    summary_pdf(db, typical)

    assert len(renders) == 2
    assert len(_stored(app)) == 1


def test_render_failure_keeps_the_submission_and_logs_only_the_id(
    app, db, typical, broken_renderer, caplog
):
    with app.extensions["db_sessionmaker"]() as fresh:
        before = fresh.get(Submission, typical.id)
        snapshot = (before.answers, before.facts, before.outcome, before.status, before.full_name)

    caplog.set_level(logging.DEBUG)
    with pytest.raises(PdfRenderError):
        summary_pdf(db, typical)
    db.commit()

    assert f"pdf render failed for submission {typical.id}" in caplog.text
    for secret in ("Priya", "Sen", "Adapalene", "Smoother", "K7QH"):
        assert secret not in caplog.text
    with app.extensions["db_sessionmaker"]() as fresh:
        after = fresh.get(Submission, typical.id)
        assert (after.answers, after.facts, after.outcome, after.status, after.full_name) == (
            snapshot
        )
        assert fresh.scalar(select(func.count()).select_from(PdfDocument)) == 0

    # A retry once the renderer works again succeeds.
    broken_renderer.undo()
    assert summary_pdf(db, typical).startswith(b"%PDF-1.7")


def test_two_workers_asking_at_once_render_once(app, db, typical, monkeypatch):
    """The second worker waits for the first one's render instead of starting its own."""
    second_waiting = threading.Event()
    real_render, real_wait = render.render_summary_pdf, summary._wait_for
    renders = []

    def slow_render(context):
        renders.append(context["reference"])
        # Hold the first render until the other worker is waiting for it.
        assert second_waiting.wait(timeout=30)
        return real_render(context)

    def waiting(sessions, key):
        second_waiting.set()
        return real_wait(sessions, key)

    monkeypatch.setattr(render, "render_summary_pdf", slow_render)
    monkeypatch.setattr(summary, "_wait_for", waiting)
    results = {}

    def worker(name):
        with app.app_context(), app.extensions["db_sessionmaker"]() as session:
            results[name] = summary_pdf(session, session.get(Submission, typical.id))

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert renders == ["K7QH-3MWD"]
    assert results["one"] == results["two"] and results["one"].startswith(b"%PDF-")
    assert [doc.content for doc in _stored(app)] == [results["one"]]


def test_a_claim_left_by_a_dead_worker_is_taken_over(app, db, typical, renders):
    stale = factories.SUBMITTED_AT - timedelta(hours=1)
    db.add(PdfDocument(submission_id=typical.id, cache_key=cache_key(typical), created_at=stale))
    db.commit()
    assert summary_pdf(db, typical).startswith(b"%PDF-")
    assert renders == ["K7QH-3MWD"]
