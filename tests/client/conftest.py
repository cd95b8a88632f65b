"""Helpers that fill the intake through HTTP, reading the CSRF token from each page."""

import re
from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_SHOWN = re.compile(r'<input type="hidden" name="shown" value="([^"]+)"(\s*disabled)?>')
_RESUME = re.compile(r'id="resume-link">([^<]+)<')


def clinic_today() -> date:
    return datetime.now(ZoneInfo("Asia/Kolkata")).date()


def csrf_token(html: str) -> str:
    return _CSRF.search(html).group(1)


def date_fields(name: str, value: date | None = None, *, day="", month="", year="") -> dict:
    """Return the three boxes of a date question."""
    if value is not None:
        day, month, year = str(value.day), str(value.month), str(value.year)
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


class Intake:
    """A client filling the intake: each post first GETs the page, like a browser."""

    def __init__(self, client):
        self.client = client

    def start(self):
        page = self.client.get("/")
        response = self.client.post("/start", data={"csrf_token": csrf_token(page.text)})
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
        data = {"csrf_token": csrf_token(page.text), button: value, "shown": shown, **fields}
        return self.client.post(f"/intake/{step}", data=data)

    def resume_link(self, step: str) -> str:
        response = self.post(step, {}, button="save")
        assert response.status_code == 302
        page = self.client.get(response.location)
        return unescape(_RESUME.search(page.text).group(1)).strip()


@pytest.fixture
def intake(client):
    return Intake(client)


def full_answers(today: date) -> dict[str, dict]:
    """Return the posted fields of a complete adult intake, step by step."""
    return {
        "about": {
            "full_name": "Asha Roy",
            **date_fields("date_of_birth", today.replace(year=today.year - 30)),
            "sex": "female",
            "phone": "98300 12345",
            "email": "asha@example.com",
        },
        "skin": {
            "concerns": ["acne_scars", "pigmentation"],
            "acne_scars_areas": ["cheeks"],
            "acne_scars_types": ["ice_pick", "rolling"],
            "acne_scars_main_type": "rolling",
            "acne_scars_visibility": "visible_flatten",
            "pigmentation_areas": ["cheeks", "forehead"],
            "pigmentation_type": "melasma",
            "sun_reaction": "rarely_burns_tans_easily",
        },
        "health": {
            "pregnant": "no",
            "breastfeeding": "no",
            "hormonal_contraception": "yes",
            "diabetes": "controlled",
            "bleeding_disorder": "no",
            "thrombosis": "no",
            "immune_weakened": "no",
            "autoimmune": "no",
            "cancer_treatment": "no",
            "keloids": "no",
            "cold_sores": "yes",
            "infection_now": "none",
            "active_acne": "mild",
            "sunburn_now": "no",
            "moles": "benign",
            "skin_conditions": ["eczema"],
            "condition_eczema_where": "elsewhere",
            "condition_eczema_now": "calm",
            "allergies": ["nickel"],
        },
        "medicines": {
            "isotretinoin": "stopped",
            **date_fields("isotretinoin_last_dose", today - timedelta(days=400)),
            "anticoagulant": "no",
            "antiplatelet": "yes",
            "topical_retinoid": "yes",
            **date_fields("topical_retinoid_last_used", today - timedelta(days=3)),
            "procedures": ["chemical_peel"],
            **date_fields("chemical_peel_date", today - timedelta(days=21)),
            "chemical_peel_depth": "not_sure",
            "medicines_list": "metformin 500 mg twice a day\ncetirizine",
        },
        "review": {"consent_treatment_data": "yes", "consent_photos": "no"},
    }
