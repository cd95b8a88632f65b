"""Anonymous abuse: drafts and saves are limited per address, unclaimed drafts last a day."""

from datetime import timedelta

from sqlalchemy import select

from intake import create_app
from intake.models import AddressCount, Draft
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import full_answers
from tests.support.forms import csrf_token

CLINIC_WIFI = {"REMOTE_ADDR": "203.0.113.7"}
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.9"}


def _client(app, address: dict):
    client = app.test_client()
    client.environ_base.update(address)
    return client


def _drafts(app) -> list[Draft]:
    with app.extensions["db_sessionmaker"]() as session:
        return list(session.scalars(select(Draft).order_by(Draft.id)))


def test_new_drafts_per_address_are_limited_with_a_clear_page(app):
    app.config["DRAFTS_PER_ADDRESS_PER_HOUR"] = 3
    for _ in range(3):
        Intake(_client(app, CLINIC_WIFI)).start()

    client = _client(app, CLINIC_WIFI)
    page = client.get("/")
    refused = client.post("/start", data={"csrf_token": csrf_token(page.text)})
    assert refused.status_code == 429
    assert "Too many forms from this connection" in refused.text
    assert "try again in an hour" in refused.text
    assert len(_drafts(app)) == 3
    # Another address is not held back by this one.
    Intake(_client(app, ELSEWHERE)).start()
    assert len(_drafts(app)) == 4


def test_the_count_is_shared_by_every_app_process(app, tmp_path):
    app.config["DRAFTS_PER_ADDRESS_PER_HOUR"] = 2
    Intake(_client(app, CLINIC_WIFI)).start()
    other_process = create_app(
        {key: app.config[key] for key in ("TESTING", "SECRET_KEY", "DATABASE_URL")}
        | {"DRAFTS_PER_ADDRESS_PER_HOUR": 2},
        instance_path=str(tmp_path / "other"),
    )
    Intake(_client(other_process, CLINIC_WIFI)).start()
    client = _client(other_process, CLINIC_WIFI)
    page = client.get("/")
    assert client.post("/start", data={"csrf_token": csrf_token(page.text)}).status_code == 429
    other_process.extensions["db_engine"].dispose()
    with app.extensions["db_sessionmaker"]() as session:
        assert session.scalars(select(AddressCount.count)).all() == [3]


def test_saved_steps_per_address_are_limited_and_the_refused_one_changes_nothing(app):
    app.config["SAVES_PER_ADDRESS_PER_HOUR"] = 2
    answers = full_answers(clinic_today())
    intake = Intake(_client(app, CLINIC_WIFI))
    intake.start()
    assert intake.post("about", answers["about"]).status_code == 302
    assert intake.post("skin", answers["skin"]).status_code == 302
    before = _drafts(app)[0].answers

    refused = intake.post("health", answers["health"])
    assert refused.status_code == 429
    assert "answers you saved earlier are kept" in refused.text
    assert _drafts(app)[0].answers == before


def test_the_limit_page_speaks_the_clients_language(app):
    app.config["DRAFTS_PER_ADDRESS_PER_HOUR"] = 0
    client = _client(app, CLINIC_WIFI)
    page = client.get("/", headers={"Accept-Language": "bn"})
    refused = client.post(
        "/start", data={"csrf_token": csrf_token(page.text)}, headers={"Accept-Language": "bn"}
    )
    assert refused.status_code == 429
    assert 'lang="bn"' in refused.text
    assert "Too many forms" not in refused.text


def test_a_draft_never_named_nor_taken_past_one_step_lasts_a_day(app, runner):
    answers = full_answers(clinic_today())
    unclaimed = Intake(_client(app, CLINIC_WIFI))
    unclaimed.start()
    unclaimed.post("about", {"full_name": ""}, button="save")
    named = Intake(_client(app, CLINIC_WIFI))
    named.start()
    named.post("about", {"full_name": answers["about"]["full_name"]}, button="save")

    first, second = _drafts(app)
    assert first.expires_at == first.created_at + timedelta(hours=24)
    # The draft's row is touched again in the same request (its continue point).
    assert abs(second.expires_at - second.updated_at - timedelta(days=14)) < timedelta(seconds=5)

    # A day and an hour later: the purge removes the unclaimed draft, and only that one.
    with app.extensions["db_sessionmaker"].begin() as session:
        for draft in session.scalars(select(Draft)):
            draft.created_at -= timedelta(hours=25)
            draft.updated_at -= timedelta(hours=25)
            draft.expires_at -= timedelta(hours=25)
    assert unclaimed.client.get("/intake/about").status_code == 302
    assert runner.invoke(args=["purge"]).exit_code == 0
    assert [draft.id for draft in _drafts(app)] == [second.id]
