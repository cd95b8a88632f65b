"""A client filling the intake through HTTP, reading every page as a browser would."""

import re
from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

from intake.config import DEFAULTS
from tests.support.forms import csrf_token

_SHOWN = re.compile(r'<input type="hidden" name="shown" value="([^"]+)"(\s*disabled)?>')
_REFERENCE = re.compile(r'class="reference"[^>]*>([A-Z0-9]{4}-[A-Z0-9]{4})<')
_RESUME = re.compile(r'id="resume-link"[^>]*>(.*?)</p>')
_TAG = re.compile(r"<[^>]+>")
# Other hidden inputs a browser posts back as they are (the consent version, the token).
_HIDDEN = re.compile(r'<input type="hidden" name="(?!shown")([^"]+)" value="([^"]*)">')


def clinic_today() -> date:
    """Return today in the clinic's calendar, outside any app (the default time zone)."""
    return datetime.now(ZoneInfo(DEFAULTS["CLINIC_TIMEZONE"])).date()


class Intake:
    """A client filling the intake: each post first GETs the page, like a browser."""

    def __init__(self, client):
        self.client = client

    def start(self):
        page = self.client.get("/")
        response = self.client.post("/start", data={"csrf_token": csrf_token(page)})
        assert response.status_code == 302
        return response

    def post(self, step: str, fields: dict, button: str = "next", value: str = "1", shown="all"):
        """Post a step. shown="all": follow-ups appeared in place (JavaScript on);
        shown="page": only those the server rendered visible (JavaScript off)."""
        page = self.client.get(f"/intake/{step}")
        assert page.status_code == 200, page.status_code
        markers = _SHOWN.findall(page.text)
        if shown == "all":
            shown = [name for name, _ in markers]
        elif shown == "page":
            shown = [name for name, disabled in markers if not disabled]
        hidden = dict(_HIDDEN.findall(page.text))
        data = {**hidden, button: value, "shown": shown, **fields}
        return self.client.post(f"/intake/{step}", data=data)

    def submit(self, answers: dict) -> str:
        """Start, answer every step and submit; return the reference the client was shown."""
        self.start()
        for step, fields in answers.items():
            assert self.post(step, fields).status_code == 302, step
        done = self.client.get("/intake/done")
        return _REFERENCE.search(done.text).group(1)

    def resume_link(self, step: str, fields: dict | None = None) -> str:
        response = self.post(step, fields or {}, button="save")
        assert response.status_code == 302
        page = self.client.get(response.location)
        return unescape(_TAG.sub("", _RESUME.search(page.text).group(1))).strip()
