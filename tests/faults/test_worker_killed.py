"""A gunicorn worker killed (SIGKILL) in the middle of a submission leaves no partial record.

The submit request is timed once, then the worker is killed at points spread across that
time, again and again. Whatever the moment, the database holds either the whole
submission (answers, assessment, consents, concerns, the draft linked) or none of it with
the draft untouched; and the client, retrying from the same browser, ends with exactly one.
"""

import os
import signal
import threading
import time

import requests
from sqlalchemy import func, select

from intake.models import Draft, Submission
from intake.questionnaire import STEPS
from loadtest.server import gunicorn
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers
from tests.support.http_client import HttpClient

KILL_POINTS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def _state(app) -> tuple[int, list[tuple]]:
    with app.extensions["db_sessionmaker"]() as session:
        submissions = session.scalar(select(func.count()).select_from(Submission))
        drafts = [
            (d.id, sorted(d.answers), d.submission_id)
            for d in session.scalars(select(Draft).order_by(Draft.id))
        ]
    return submissions, drafts


def _assert_whole(app) -> None:
    with app.extensions["db_sessionmaker"]() as session:
        for submission in session.scalars(select(Submission)):
            assert submission.assessments, submission.reference
            assert len(submission.consents) == 2, submission.reference
            assert submission.concerns, submission.reference
            linked = session.scalars(select(Draft).where(Draft.submission_id == submission.id))
            assert len(linked.all()) == 1, submission.reference


def _submit_in_background(client: HttpClient, data: dict) -> tuple[threading.Thread, dict]:
    outcome = {}

    def send():
        try:
            outcome["status"] = client.post("/intake/review", data).status_code
        except requests.ConnectionError:
            outcome["status"] = "connection lost"

    thread = threading.Thread(target=send)
    thread.start()
    return thread, outcome


def test_worker_killed_mid_submission_leaves_all_or_nothing(app, tmp_path):
    answers = full_answers(clinic_today())
    with gunicorn(app.config["DATABASE_URL"], tmp_path / "gunicorn.log", workers=1) as server:
        # How long a submission takes here, so the kills land across it.
        client = HttpClient(server.base_url)
        client.start()
        client.answer_all(answers, STEPS[:-1])
        data = client.step_data("review", answers["review"])
        started = time.perf_counter()
        assert client.post("/intake/review", data).status_code == 302
        duration = time.perf_counter() - started

        lost_in_flight = 0
        for point in KILL_POINTS:
            client = HttpClient(server.base_url)
            client.start()
            client.answer_all(answers, STEPS[:-1])
            data = client.step_data("review", answers["review"])
            submissions_before, drafts_before = _state(app)
            (worker,) = server.worker_pids()
            thread, outcome = _submit_in_background(client, data)
            time.sleep(duration * point)
            os.kill(worker, signal.SIGKILL)
            thread.join(timeout=30)
            server.wait_until_up()

            submissions_after, drafts_after = _state(app)
            _assert_whole(app)
            if outcome["status"] == "connection lost":
                lost_in_flight += 1
            if submissions_after == submissions_before:
                # Nothing was submitted: the draft is exactly as it was, every step kept.
                assert drafts_after == drafts_before, point
            else:
                assert submissions_after == submissions_before + 1, point
            # The client presses Send again (or reloads): one submission, never two.
            retry = client.get("/intake/review")
            if retry.status_code == 200:
                assert client.answer("review", answers["review"]).status_code == 302
            assert client.get("/intake/done").status_code == 200
            assert _state(app)[0] == submissions_before + 1, point
            _assert_whole(app)

    # Some kills must have cut a request off, or this proved nothing.
    assert lost_in_flight >= 1, f"no kill landed during a request ({duration * 1000:.0f} ms)"
