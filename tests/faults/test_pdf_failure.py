"""The renderer fails while a specialist opens a real client's PDF: the intake is untouched."""

from sqlalchemy import select

from intake.models import Decision, Submission
from tests.support.client_journey import Intake, clinic_today
from tests.support.db_snapshot import snapshot
from tests.support.factories import full_answers
from tests.support.workspace import PASSWORD, add_user, post_form, sign_in

SUBMISSION_TABLES = ("submissions", "submission_concerns", "consents", "assessments", "drafts")


def test_renderer_failure_leaves_the_submission_whole_and_work_goes_on(app):
    reference = Intake(app.test_client()).submit(full_answers(clinic_today()))
    with app.extensions["db_sessionmaker"]() as session:
        add_user(app, session, "meera", PASSWORD)
    specialist = app.test_client()
    assert sign_in(specialist, "meera", PASSWORD).status_code == 303
    before = snapshot(app, SUBMISSION_TABLES)

    # No render finishes in a millisecond: each one is stopped, and its child process killed,
    # as a renderer stuck in a layout loop would be.
    app.config["PDF_RENDER_TIMEOUT_SECONDS"] = 0.001
    url = f"/specialist/intakes/{reference}/summary.pdf"
    for download in ("", "?download=1"):
        response = specialist.get(url + download, headers={"Accept": "text/html"})
        assert response.status_code == 503
        assert "Try again" in response.text
    assert snapshot(app, SUBMISSION_TABLES) == before
    assert snapshot(app, ("pdf_documents",)) == {"pdf_documents": []}

    # The intake is still there to read and decide on.
    assert specialist.get(f"/specialist/intakes/{reference}").status_code == 200
    response = post_form(
        specialist,
        f"/specialist/intakes/{reference}/decision",
        {"outcome": "needs_consultation", "assessment_id": _assessment_id(app)},
        token_from=f"/specialist/intakes/{reference}",
    )
    assert response.status_code in (302, 303)
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalars(select(Decision.outcome)).one() == "needs_consultation"

    app.config["PDF_RENDER_TIMEOUT_SECONDS"] = 60
    response = specialist.get(url)
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")


def _assessment_id(app) -> str:
    with app.extensions["db_sessionmaker"]() as session:
        submission = session.scalars(select(Submission)).one()
        return str(submission.latest_assessment.id)
