"""The test database's guard: the suite drops a schema only where its name says "test"."""

import pytest


def refuse_unless_test_database(name: str | None) -> None:
    """Stop the run unless the database's name says it is for tests: its schema is dropped."""
    if not name or "test" not in name.lower():
        pytest.exit(
            f"INTAKE_TEST_DATABASE_URL names the database {name!r}; the suite drops its schema, "
            "so it runs only on a database whose name contains 'test'",
            returncode=2,
        )
