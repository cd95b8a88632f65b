"""The search key of a client's name, shared by whoever stores a name and whoever searches."""

import unicodedata


def name_key(full_name: str) -> str:
    """Return a name folded for prefix search: one compatibility form, no case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", full_name).casefold().split())
