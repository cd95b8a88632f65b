"""One render per (submission, assessment, decision); a failed render changes nothing."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from intake.models import Assessment, PdfDocument, Submission
from intake.pdf.summary import PdfRenderError, summary_pdf
from tests import factories


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
