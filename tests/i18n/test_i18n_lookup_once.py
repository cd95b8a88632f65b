"""Looking each message up (a template's formatted too), rendering the words of each question
(and a choice question whole, by its ticks, and each step's top) once per language, reading
answers back in words kept per language, and binding each question from its kept state change
no page a client sees, in any language."""

import re
from contextlib import contextmanager

import pytest

from intake import fragments, translating
from intake.questionnaire import STEPS, fields
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers

# Differ from one request to the next whatever the translations: the signed CSRF token.
_CSRF = re.compile(r'(name="csrf_token" value=")[^"]+"')


class _Forgetful(dict):
    """A cache that keeps nothing: every message goes through Flask-Babel's whole lookup,
    every question through its template and every field through WTForms' __init__."""

    def __setitem__(self, key, value):
        pass


@contextmanager
def _without_cache(monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(translating, "_TRANSLATED", _Forgetful())
        patched.setattr(translating, "_FORMATTED", _Forgetful())
        patched.setattr(fragments, "_RENDERED", _Forgetful())
        patched.setattr(fragments, "_WHOLE", _Forgetful())
        patched.setattr(fields, "_BOUND_STATE", _Forgetful())
        patched.setattr(fields, "_WORDS", _Forgetful())
        yield


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return _CSRF.sub(r'\1"', response.text)


@pytest.mark.parametrize("language", ["en", "bn", "hi"])
def test_every_client_page_is_the_same_with_and_without_the_cache(
    client, speaking, monkeypatch, language
):
    speaking(language)
    intake = Intake(client)
    answers = full_answers(clinic_today())
    compared = []

    def same(name, send):
        send()  # shows the one-time notices, and fills the cache with this page's messages
        with _without_cache(monkeypatch):
            uncached = _page(send())
        assert _page(send()) == uncached, name
        compared.append(name)

    same("landing", lambda: client.get("/"))
    intake.start()
    for step in STEPS:
        same(f"{step} empty", lambda step=step: client.get(f"/intake/{step}"))
        same(f"{step} with errors", lambda step=step: intake.post(step, {}))
        if step != "review":
            assert intake.post(step, answers[step]).status_code == 302, step
            # The same questions again, now answered: a part kept from the empty page would show.
            same(f"{step} answered", lambda step=step: client.get(f"/intake/{step}"))
        if step == STEPS[0]:
            same("review half-way", lambda: client.get("/intake/review"))
    same("photos", lambda: client.get("/intake/photos"))
    same("landing with a draft", lambda: client.get("/"))
    saved = intake.post(STEPS[0], answers[STEPS[0]], button="save")
    same("saved", lambda: client.get(saved.location))
    assert intake.post("review", answers["review"]).status_code == 302
    same("done", lambda: client.get("/intake/done"))
    assert len(compared) == 3 * len(STEPS) + 5


def test_whole_questions_kept_stop_at_the_limit_and_pages_stay_the_same(
    client, speaking, monkeypatch
):
    speaking("bn")
    Intake(client).start()
    full = _page(client.get("/intake/skin"))
    monkeypatch.setattr(fragments, "_WHOLE", {})
    monkeypatch.setattr(fragments, "_WHOLE_LIMIT", 2)
    assert _page(client.get("/intake/skin")) == full
    assert _page(client.get("/intake/skin")) == full
    assert len(fragments._WHOLE) == 2
