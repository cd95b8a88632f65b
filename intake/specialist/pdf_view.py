"""Serve an intake's PDF summary to the specialist."""

from flask import abort, render_template, request
from sqlalchemy import select

from intake import audit, db
from intake.models import Submission
from intake.pdf.summary import PdfRenderError, summary_pdf
from intake.specialist import bp


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
