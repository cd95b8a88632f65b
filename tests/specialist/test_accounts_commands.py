"""Operator commands for accounts: create a specialist, and the first administrator."""

import re

from intake.models import AuditEvent, User
from tests.support.workspace import sign_in


def test_create_specialist_reads_the_password_from_standard_input(runner, client, db_session):
    result = runner.invoke(
        args=["create-specialist", "Anita", "--name", "Dr Anita Roy", "--password-stdin"],
        input="marble falcon orbit 58\n",
    )
    assert result.exit_code == 0, result.output
    assert "marble falcon" not in result.output
    user = db_session.query(User).filter_by(username="anita").one()
    assert (user.display_name, user.role, user.must_change_password) == (
        "Dr Anita Roy",
        "specialist",
        False,
    )
    assert user.password_hash.startswith("$argon2id$")
    assert "marble" not in user.password_hash
    assert sign_in(client, "anita", "marble falcon orbit 58").status_code == 303


def test_create_specialist_refuses_a_weak_password(runner, db_session):
    for weak, reason in [
        ("short one", "at least 12 characters"),
        ("qwertyuiop123!", "too common"),
        ("Password123456", "too common"),
        ("anita-anita-anita-2", "username"),
        ("abababababababab", "too few different characters"),
    ]:
        result = runner.invoke(args=["create-specialist", "anita"], input=weak + "\n")
        assert result.exit_code != 0, weak
        assert reason in result.output, (weak, result.output)
    assert db_session.query(User).count() == 0


def test_create_specialist_accepts_a_long_passphrase(runner, db_session):
    phrase = "the monsoon came early to howrah bridge that year " * 10
    result = runner.invoke(args=["create-specialist", "ravi", "--admin"], input=phrase + "\n")
    assert result.exit_code == 0, result.output
    assert db_session.query(User).filter_by(username="ravi").one().role == "admin"


def test_create_specialist_refuses_a_duplicate_username(runner, specialist):
    result = runner.invoke(args=["create-specialist", "MEERA"], input="marble falcon orbit 58\n")
    assert result.exit_code != 0
    assert "already an account" in result.output


def test_create_specialist_has_no_password_argument(runner):
    result = runner.invoke(args=["create-specialist", "anita", "--password", "x" * 20])
    assert result.exit_code != 0
    assert "No such option" in result.output


def test_ensure_admin_creates_a_one_time_admin_only_on_an_empty_database(runner, client):
    first = runner.invoke(args=["ensure-admin"])
    assert first.exit_code == 0
    password = re.search(r"password: (\S+)", first.output).group(1)
    assert len(password) >= 12
    second = runner.invoke(args=["ensure-admin"])
    assert second.exit_code == 0
    assert "password" not in second.output
    assert sign_in(client, "admin", password).status_code == 303
    # The one-time password leads straight to choosing a new one.
    assert client.get("/specialist/").headers["Location"] == "/specialist/password"


def test_each_empty_database_gets_a_different_admin_password(app, runner, db_session):
    first = re.search(r"password: (\S+)", runner.invoke(args=["ensure-admin"]).output).group(1)
    db_session.query(AuditEvent).delete()
    db_session.query(User).delete()
    db_session.commit()
    second = re.search(r"password: (\S+)", runner.invoke(args=["ensure-admin"]).output).group(1)
    assert first != second
