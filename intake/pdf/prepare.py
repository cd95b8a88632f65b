"""Render an intake's summary ahead of time, once the response that changed it has gone out.

After the response, in the worker that sent it: the person who clicked is not kept waiting,
nothing else has to be deployed or kept running, and summary_pdf's claim makes sure two
workers never render the same state twice. (The renderer itself runs out of process; see
intake/pdf/render.py.)
"""

import logging

from flask import Flask, after_this_request, current_app

from intake.models import Submission
from intake.pdf.summary import PdfRenderError, summary_pdf

log = logging.getLogger(__name__)


def prepare_after_response(submission_id: int) -> None:
    """Once this response has been sent, render the summary for the intake's current state.

    A render takes a few hundred milliseconds; done while the specialist reads the intake
    page, their click on the PDF finds it stored. Nobody waits for it, and a failure only
    means the PDF is rendered when asked for, as it would have been anyway.
    """
    app = current_app._get_current_object()

    @after_this_request
    def _hook(response):
        # A page, or the redirect after a decision, a re-assessment or a sent intake.
        if response.status_code < 400:
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
