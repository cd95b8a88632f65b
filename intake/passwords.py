"""Hash and check account passwords (argon2id), refuse weak new ones, make one-time ones."""

import re
import secrets
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app

MIN_LENGTH = 12
# Long passphrases are welcome; the cap only stops a megabyte "password" tying up a worker.
MAX_LENGTH = 1024
COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common-passwords.txt"

# Letters and digits that cannot be misread for one another when copied from a screen.
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
# Digits and punctuation people wrap around a weak word ("Password@123").
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _hasher_for(profile: str) -> PasswordHasher:
    if profile == "cheap":
        # Tests only: the smallest cost argon2id accepts, so a suite signs in hundreds of times.
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    if profile == "default":
        return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)
    raise ValueError(f"unknown ARGON2_PROFILE {profile!r}: use 'default' or 'cheap'")


def init_app(app: Flask) -> None:
    """Build the app's password hasher from ARGON2_PROFILE."""
    hasher = _hasher_for(app.config["ARGON2_PROFILE"])
    app.extensions["password_hasher"] = hasher
    # Checked against when the username is unknown, so both cases cost the same time.
    app.extensions["password_decoy_hash"] = hasher.hash("decoy password never issued")


def _hasher() -> PasswordHasher:
    return current_app.extensions["password_hasher"]


def hash_password(password: str) -> str:
    """Return the argon2id hash of a password."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password against a hash; with no hash, spend the same time and say no."""
    if password_hash is None:
        password_hash, expected = current_app.extensions["password_decoy_hash"], False
    else:
        expected = True
    try:
        _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    return expected


def needs_rehash(password_hash: str) -> bool:
    """Say whether a hash was made with other parameters than the current profile's."""
    return _hasher().check_needs_rehash(password_hash)


@cache
def _common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, username: str = "") -> str | None:
    """Return what is wrong with a new password, in words a person can act on, or None."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters; a few unrelated words make a good one."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    folded = password.casefold()
    core = _DECORATION.sub("", folded)
    if folded in _common_passwords() or core in _common_passwords() or not core:
        return "That password is too common or too easy to guess; choose another."
    if len(set(folded)) < 5:
        return "That password uses too few different characters; choose another."
    if len(username) >= 3 and username.casefold() in folded:
        return "Do not include your username in your password."
    return None


def one_time_password() -> str:
    """Return a random password to hand over once; its owner must replace it at sign-in."""
    groups = ("".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(5)) for _ in range(4))
    return "-".join(groups)
