"""Simulated clients for locust: each completes whole intakes the way a phone browser would.

Every request reads its CSRF token from the page before, follows the journey's redirects
one by one (so each step's GET and POST are timed apart), and a completed intake's
reference code is written to LOADTEST_COMPLETED_FILE for the database check afterwards.
"""

import os
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import RescheduleTask, StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from intake.questionnaire import STEPS
from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token, form_posting_to, main_form
from tests.support.images import phone_jpeg

REFERENCE = re.compile(r'class="reference">\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*<')
FIRST_ERROR = re.compile(r'class="error-summary".*?<a href="#([^"]+)"', re.S)
_budget = {"left": int(os.environ.get("LOADTEST_MAX_INTAKES", "100"))}
# A share of journeys adds one photo, as a phone that shrank it before sending would.
PHOTO_SHARE = float(os.environ.get("LOADTEST_PHOTO_SHARE", "0.2"))
PHOTO = phone_jpeg(2048, 1536)


@events.test_start.add_listener
def _reset_budget(environment, **_kwargs):
    _budget["left"] = int(os.environ.get("LOADTEST_MAX_INTAKES", "100"))


def _record(reference: str) -> None:
    with open(os.environ["LOADTEST_COMPLETED_FILE"], "a", encoding="ascii") as completed:
        completed.write(reference + "\n")


class IntakeClient(HttpUser):
    """One client on a phone: start, five steps, confirmation; then maybe another intake."""

    wait_time = between(0.2, 1.0)

    def _get(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                raise RescheduleTask()
            return response.text

    def _post(self, path: str, data: dict, name: str) -> str:
        """Post a form; it must answer with a redirect, whose target is returned."""
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                # A re-rendered step means the answers were refused: say which.
                problem = re.search(
                    r'class="error-summary".*?<a href="#([^"]+)"', response.text, re.S
                )
                detail = f" (first error: {problem.group(1)})" if problem else ""
                response.failure(f"status {response.status_code}{detail}")
                raise RescheduleTask()
            return response.headers["Location"]

    def _photo_step(self, location: str, with_photo: bool) -> str:
        """Add one photo (consent first), or say no photos; return where the page leads."""
        page = self._get(location, "photos GET")
        token = {"csrf_token": csrf_token(page)}
        if not with_photo:
            return self._post(location, {**token, "consent_photos": "no", "next": "1"}, "photos")
        self._post(location, {**token, "consent_photos": "yes", "consent_choice": "1"}, "photos")
        with self.client.post(
            location,
            data={**token, "upload": "1"},
            files={"photo_acne_scars": ("IMG_0001.jpg", PHOTO, "image/jpeg")},
            name="photo upload",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")
                raise RescheduleTask()
        return self._post(location, {**token, "next": "1"}, "photos")

    @task
    def complete_intake(self):
        if _budget["left"] <= 0:
            raise StopUser()
        _budget["left"] -= 1
        self.client.cookies.clear()
        answers = full_answers(clinic_today())
        with_photo = random.random() < PHOTO_SHARE  # noqa: S311 (picks journeys, guards nothing)
        if with_photo:
            answers["review"]["consent_photos"] = "yes"
        landing = self._get("/", "landing")
        start = form_posting_to(landing, "/start")
        location = self._post("/start", start.prefilled(), "start")
        for step in STEPS:
            if location.endswith("/intake/photos"):
                location = self._photo_step(location, with_photo)
            page = self._get(location, f"{step} GET")
            form = main_form(page)
            shown = form.fields.get("shown")
            data = {
                **form.hidden(),
                # With JavaScript on, every follow-up the answers call for is on screen.
                "shown": shown.options if shown else [],
                "next": "1",
                **answers[step],
            }
            location = self._post(f"/intake/{step}", data, f"{step} POST")
        done = self._get(location, "done")
        found = REFERENCE.search(done)
        if found is None:
            raise RescheduleTask()
        _record(found.group(1))
