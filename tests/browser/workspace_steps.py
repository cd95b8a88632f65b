"""Use the signed-in workspace in Chromium: its screen sizes, and signing in by hand."""

from playwright.sync_api import Page

from tests.support.workspace import PASSWORD

DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 800, "height": 1180}


def fill_sign_in(page: Page, username: str = "meera", password: str = PASSWORD) -> None:
    """Type into the sign-in form on screen and press Sign in."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def sign_in_on(page: Page, username: str = "meera", password: str = PASSWORD) -> None:
    """Open the sign-in page and sign in."""
    page.goto("/specialist/sign-in")
    fill_sign_in(page, username, password)
