"""The suite drops the test database's schema, so it refuses a database not named for tests."""

import os
import subprocess
import sys

import pytest

from intake.config import PROJECT_ROOT
from tests.support.database import refuse_unless_test_database


@pytest.mark.parametrize("name", ["intake", "clinic_production", "", None])
def test_a_database_not_named_for_tests_stops_the_run(name):
    with pytest.raises(pytest.exit.Exception, match="contains 'test'"):
        refuse_unless_test_database(name)


@pytest.mark.parametrize("name", ["test", "test_db", "intake_test"])
def test_a_test_database_is_accepted(name):
    refuse_unless_test_database(name)


def test_the_suite_refuses_to_run_on_a_production_named_database(tmp_path):
    # The guard runs before anything touches the database: the server need not even exist.
    environment = {"INTAKE_TEST_DATABASE_URL": "postgresql+psycopg://u@127.0.0.1:1/intake"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_foundation.py::test_migrations_match_the_models"],
        env={**os.environ, **environment},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "the suite drops its schema" in result.stdout + result.stderr
