"""Fixtures for the language tests: a browser that prefers a language."""

import pytest

from tests.support.page_text import BROWSER_LANGUAGE


@pytest.fixture
def speaking(client):
    """Return a function that sets the browser's preferred language for later requests."""

    def prefer(language: str):
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = BROWSER_LANGUAGE[language]
        return client

    return prefer
