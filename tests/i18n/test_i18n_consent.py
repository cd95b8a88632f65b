"""Consent: versioned per language; the submission records the wording the client agreed to."""

import hashlib

import pytest
from sqlalchemy import select

from intake.models import Consent, Submission
from intake.questionnaire import CONSENT_TEXTS, CONSENT_VERSIONS, STEPS, consent_language
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token
from tests.support.page_text import in_language

# The wording each consent version stands for. A changed consent text (in English or in a
# translation) fails here: give that language a new version in CONSENT_VERSIONS, then pin it.
PINNED_WORDING = {
    "2026-11-v1-en": "4da6a9e5a25bffbc",
    "2026-11-v1-bn": "ee0c2565f81426d3",
    "2026-11-v1-hi": "01240eb59cb2a1cd",
    "2026-12-v2-en": "f2a0c4558d318d73",
    "2026-12-v2-bn": "b752c36925bd604d",
    "2026-12-v2-hi": "ff3be6ea821105dc",
}


def wording_hash(app, language: str) -> str:
    texts = [in_language(app, language, CONSENT_TEXTS[kind]) for kind in sorted(CONSENT_TEXTS)]
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]


@pytest.mark.parametrize("language", sorted(CONSENT_VERSIONS))
def test_each_language_consent_wording_is_pinned_to_its_version(app, language):
    assert PINNED_WORDING[CONSENT_VERSIONS[language]] == wording_hash(app, language)


def test_every_version_names_one_language():
    for language, version in CONSENT_VERSIONS.items():
        assert consent_language(version) == language
    assert consent_language("2026-11-v0-bn") is None
    assert consent_language("") is None


def _ready_to_send(client, language: str) -> Intake:
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    intake = Intake(client)
    intake.start()
    fields = full_answers(clinic_today())
    for step in STEPS[:-1]:
        assert intake.post(step, fields[step]).status_code == 302
    return intake


def test_the_consent_recorded_is_the_one_on_the_page_even_after_switching_elsewhere(app, client):
    _ready_to_send(client, "bn")
    review = client.get("/intake/review").text
    assert f'name="consent_version" value="{CONSENT_VERSIONS["bn"]}"' in review
    assert in_language(app, "bn", CONSENT_TEXTS["treatment_data"]) in review
    # Another tab switches to Hindi; the Bengali page is then sent.
    client.post("/language", data={"csrf_token": csrf_token(review), "lang": "hi", "next": "/"})
    posted = {
        "csrf_token": csrf_token(review),
        "consent_version": CONSENT_VERSIONS["bn"],
        "consent_treatment_data": "yes",
        "consent_photos": "yes",
        "next": "1",
    }
    assert client.post("/intake/review", data=posted).status_code == 302
    with app.extensions["db_sessionmaker"]() as db:
        assert db.scalars(select(Submission)).one().language == "bn"
        consents = {c.kind: c for c in db.scalars(select(Consent))}
        assert consents["treatment_data"].given and consents["photos"].given
        for consent in consents.values():
            assert (consent.language, consent.text_version) == ("bn", CONSENT_VERSIONS["bn"])


def test_a_consent_page_older_than_the_current_wording_is_shown_again(app, client):
    intake = _ready_to_send(client, "hi")
    review = client.get("/intake/review").text
    posted = {
        "csrf_token": csrf_token(review),
        "consent_version": "2026-01-v0-hi",
        "consent_treatment_data": "yes",
        "consent_photos": "no",
        "next": "1",
    }
    page = client.post("/intake/review", data=posted)
    assert page.status_code == 200
    assert '<html lang="hi">' in page.text
    assert "सहमति की शर्तें बदल दी गईं" in page.text
    # The ticks stay; the page now carries the current wording's version.
    assert 'name="consent_treatment_data" value="yes" checked' in page.text
    assert f'value="{CONSENT_VERSIONS["hi"]}"' in page.text
    with app.extensions["db_sessionmaker"]() as db:
        assert db.scalars(select(Submission)).all() == []
    assert (
        intake.post("review", {"consent_treatment_data": "yes", "consent_photos": "no"}).status_code
        == 302
    )
    with app.extensions["db_sessionmaker"]() as db:
        consent = db.scalars(select(Consent).where(Consent.kind == "treatment_data")).one()
        assert (consent.language, consent.text_version) == ("hi", CONSENT_VERSIONS["hi"])
