"""Serve an intake's PDF summary to the specialist, and have it ready before they ask."""

import logging

from flask import Flask, abort, after_this_request, current_app, render_template, request
from sqlalchemy import select

from intake import audit, db
from intake.models import Submission
from intake.pdf.summary import PdfRenderError, summary_pdf
from intake.specialist import bp

log = logging.getLogger(__name__)


@bp.get("/intakes/<reference>/summary.pdf")
def summary(reference: str):
    """Send the summary PDF; ``?download=1`` saves it as a file instead of showing it."""
    submission = db.session().scalar(select(Submission).where(Submission.reference == reference))
    if submission is None:
        abort(404)
    download = request.args.get("download") == "1"
    try:
        content = summary_pdf(db.session(), submission)
    except PdfRenderError:
        # 503 rolls back this request's transaction; the submission was committed long before.
        return render_template("specialist/summary_unavailable.html", submission=submission), 503
    audit.record("pdf_download" if download else "pdf_view", submission)
    # Reading the summary is reading the intake.
    if submission.status == "new":
        submission.status = "viewed"
    disposition = "attachment" if download else "inline"
    return (
        content,
        200,
        {
            "Content-Type": "application/pdf",
            "Content-Disposition": f'{disposition}; filename="{submission.reference}-summary.pdf"',
            "Cache-Control": "no-store",
        },
    )


def prepare_after_response(submission_id: int) -> None:
    """Once this response has been sent, render the summary for the intake's current state.

    A render takes a few hundred milliseconds; done while the specialist reads the intake
    page, their click on the PDF finds it stored. Nobody waits for it, and a failure only
    means the PDF is rendered when asked for, as it would have been anyway.
    """
    app = current_app._get_current_object()

    @after_this_request
    def _hook(response):
        if response.status_code == 200:
            response.call_on_close(lambda: _prepare(app, submission_id))
        return response


def _prepare(app: Flask, submission_id: int) -> None:
    # Runs after the request's transaction and context are gone: a context and session of its own.
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        try:
            submission = session.get(Submission, submission_id)
            if submission is not None:
                summary_pdf(session, submission)
                session.commit()
        except PdfRenderError:
            pass  # summary_pdf logged it, by id; the specialist's own request will retry.
        except Exception as error:
            log.error(
                "pdf preparation failed for submission %s (%s)",
                submission_id,
                type(error).__name__,
            )
