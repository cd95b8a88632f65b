"""Browser fixtures: the app served on loopback, Debian's Chromium, a phone-sized page, axe."""

import json
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from intake.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
AXE_SCRIPT = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    """Mark every test in this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def live_server(app):
    """Serve the test app on a free loopback port for the length of one test; yield its URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    # server_close() then waits for every request thread, so none runs into the next test
    # (the app fixture waits for the work responses left behind).
    server.daemon_threads = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Launch Debian's Chromium once for the session (browsers cannot be downloaded here)."""
    # Screenshots are this run's record: none left over from an earlier run.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Browsing:
    """Open phone-sized pages, keep their screenshots, and check them with axe."""

    def __init__(self, browser, base_url: str, test_name: str):
        self.browser = browser
        self.base_url = base_url
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
        self.contexts = []
        self.problems: list[str] = []
        self._shots = 0
        self._checker: Page | None = None

    def new_page(
        self, javascript: bool = True, locale: str = "en-GB", viewport: dict = PHONE
    ) -> Page:
        """Open a page in a fresh context (no shared cookies), as a new browser would."""
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport,
            java_script_enabled=javascript,
            locale=locale,
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        # The CSP forbids inline script and style; a refusal means a page is broken somewhere.
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        return page

    def _console(self, message):
        # A missing favicon or an error page is an expected failed load; a CSP refusal is not.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"console error: {message.text}")

    def screenshot_path(self, name: str) -> Path:
        """Return the next artifact's path (a PNG) beside the screenshots."""
        self._shots += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS / f"{self.test_name}-{self._shots:02d}-{name}.png"

    def screenshot(self, page: Page, name: str) -> Path:
        """Save a full-page screenshot as a test artifact."""
        path = self.screenshot_path(name)
        page.screenshot(path=str(path), full_page=True)
        return path

    def check(self, page: Page, name: str) -> None:
        """Screenshot the page as it is now and assert axe finds no WCAG 2.2 A/AA violation."""
        self.screenshot(page, name)
        self.assert_accessible(page, name)

    def check_without_script(self, page: Page, name: str) -> None:
        """Check a page open with JavaScript off: axe runs on the same HTML in a scripted page.

        axe is itself a script, and Chromium runs none with JavaScript off, so the served
        HTML is replayed at the same address in a page that may run it.
        """
        self.screenshot(page, name)
        html = page.content()
        if self._checker is None:
            self._checker = self.new_page()
        self._checker.route(
            page.url, lambda route: route.fulfill(body=html, content_type="text/html")
        )
        self._checker.goto(page.url)
        self._checker.unroute(page.url)
        self.assert_accessible(self._checker, f"{name} (JavaScript off)")

    @staticmethod
    def assert_accessible(page: Page, state: str) -> None:
        """Run axe-core on the page's current state; fail listing every violation readably."""
        if not page.evaluate("() => typeof window.axe === 'object'"):
            # evaluate() is not subject to the page's CSP, unlike an injected <script> tag.
            page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;0")
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = results["violations"]
        assert not violations, f"axe found violations on {state} ({page.url}):\n" + "\n".join(
            _describe(violation) for violation in violations
        )

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def _describe(violation: dict) -> str:
    targets = [json.dumps(node["target"]) for node in violation["nodes"][:5]]
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"  {violation['helpUrl']}\n  on: {', '.join(targets)}"
    )


@pytest.fixture
def browsing(browser, live_server, request):
    """Give a test phone-sized pages on the live server; fail it on any console error."""
    session = Browsing(browser, live_server, request.node.name)
    yield session
    session.close()
    assert not session.problems, "\n".join(session.problems)


@pytest.fixture
def page(browsing) -> Page:
    """A 360 x 740 page with JavaScript on, in its own browser context."""
    return browsing.new_page()
