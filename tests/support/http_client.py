"""A client of the app served over real HTTP (gunicorn on loopback), reading forms."""

import requests

from intake.questionnaire import STEPS
from tests.support.forms import form_posting_to, main_form


class HttpClient:
    """One browser: its own cookies, each post preceded by a GET of the page for its token."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base_url + path, timeout=30, allow_redirects=False)

    def post(self, path: str, data: dict) -> requests.Response:
        return self.http.post(self.base_url + path, data=data, timeout=30, allow_redirects=False)

    def start(self) -> None:
        """Press Start on the landing page."""
        form = form_posting_to(self.get("/").text, "/start")
        assert self.post("/start", form.prefilled()).status_code == 302

    def step_data(self, step: str, fields: dict, button: str = "next") -> dict:
        """Return what the step's page would post with these answers (JavaScript on)."""
        form = main_form(self.get(f"/intake/{step}").text)
        shown = form.fields["shown"].options if "shown" in form.fields else []
        return {**form.hidden(), **fields, "shown": shown, button: "1"}

    def answer(self, step: str, fields: dict) -> requests.Response:
        """Post a step's answers and press Continue."""
        return self.post(f"/intake/{step}", self.step_data(step, fields))

    def answer_all(self, answers: dict, steps=STEPS) -> None:
        """Answer the given steps in turn; each must be accepted."""
        for step in steps:
            response = self.answer(step, answers[step])
            assert response.status_code == 302, (step, response.status_code)
