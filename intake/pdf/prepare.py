"""Render an intake's summary ahead of time, once the response that changed it has gone out.

Off the request (intake/after_response.py): the person who clicked is not kept waiting and
the worker that answered them is free at once, and summary_pdf's claim makes sure two
workers never render the same state twice. The renderer itself runs out of process
(intake/pdf/render_process.py).
"""

from flask import Flask

from intake.after_response import run_after_response
from intake.models import Submission
from intake.pdf.summary import PdfRenderError, summary_pdf


def prepare_after_response(submission_id: int) -> None:
    """Once this response has been sent, render the summary for the intake's current state.

    A render takes a few hundred milliseconds; done while the specialist reads the intake
    page, their click on the PDF finds it stored. Nobody waits for it, and a failure only
    means the PDF is rendered when asked for, as it would have been anyway.
    """
    run_after_response(lambda app: _prepare(app, submission_id))


def _prepare(app: Flask, submission_id: int) -> None:
    # Runs after the request's transaction and context are gone: a context and session of its own.
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        submission = session.get(Submission, submission_id)
        if submission is None:
            return
        try:
            summary_pdf(session, submission)
        except PdfRenderError:
            return  # summary_pdf logged it, by id; the specialist's own request will retry.
        session.commit()
