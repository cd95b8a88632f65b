"""Configuration the app cannot start with is refused in one clear line, never a traceback."""

import threading

import pytest

from intake import create_app
from intake.config import _instance_secret_key

UNREACHABLE = "postgresql+psycopg://intake@127.0.0.1:1/intake"


@pytest.fixture(autouse=True)
def _no_settings_from_the_environment(monkeypatch):
    for name in ("INTAKE_SECRET_KEY", "INTAKE_DATABASE_URL", "INTAKE_ENV"):
        monkeypatch.delenv(name, raising=False)


def _refusal(tmp_path, **config) -> str:
    with pytest.raises(SystemExit) as stopped:
        create_app(config, instance_path=str(tmp_path / "instance"))
    message = str(stopped.value.code)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    "config",
    [
        {"DATABASE_URL": UNREACHABLE},
        {"ENV": "production"},
    ],
    ids=["postgresql", "INTAKE_ENV=production"],
)
def test_a_production_start_needs_a_secret_key(tmp_path, config):
    config = {"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "SECRET_KEY": None} | config
    assert "production needs INTAKE_SECRET_KEY" in _refusal(tmp_path, **config)
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_workers_starting_at_once_all_read_one_whole_key(tmp_path):
    keys: list[str] = []
    barrier = threading.Barrier(16)

    def start():
        barrier.wait()
        keys.append(_instance_secret_key(tmp_path))

    threads = [threading.Thread(target=start) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 16 and len(set(keys)) == 1 and len(keys[0]) == 64
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]


def test_a_postgres_url_is_answered_with_the_one_to_use(tmp_path):
    message = _refusal(
        tmp_path, SECRET_KEY="x", DATABASE_URL="postgres://intake:hunter2@db.internal/intake"
    )
    assert "use postgresql+psycopg://intake:***@db.internal/intake" in message
    assert "hunter2" not in message


def test_a_malformed_database_url_is_one_line(tmp_path):
    message = _refusal(tmp_path, SECRET_KEY="x", DATABASE_URL="db.internal:5432")
    assert message == "intake cannot start: INTAKE_DATABASE_URL is not a database URL"


@pytest.mark.parametrize(
    "command", [["init-db"], ["purge"], ["ensure-admin"], ["unlock-specialist", "meera"]]
)
def test_an_unreachable_database_is_named_with_the_setting(tmp_path, command):
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": UNREACHABLE}, instance_path=str(tmp_path))
    result = app.test_cli_runner().invoke(args=command)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: cannot reach the database at 127.0.0.1:1 (INTAKE_DATABASE_URL)"
    )


def test_the_connection_pool_is_a_setting(tmp_path):
    app = create_app(
        {"SECRET_KEY": "x", "DATABASE_URL": UNREACHABLE, "DB_POOL_SIZE": 3, "DB_MAX_OVERFLOW": 7},
        instance_path=str(tmp_path),
    )
    pool = app.extensions["db_engine"].pool
    assert (pool.size(), pool._max_overflow) == (3, 7)
