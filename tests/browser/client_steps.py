"""Drive the client's intake in Chromium: fill steps by mouse or by keyboard alone."""

import re

from playwright.sync_api import Page

from intake.questionnaire import STEPS

STEP_URL = re.compile(r"/intake/(\w+)$")


def current_step(page: Page) -> str | None:
    found = STEP_URL.search(page.url)
    return found.group(1) if found else None


def _values(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def fill(page: Page, fields: dict) -> dict:
    """Fill every field on screen; return those not on screen (follow-ups still hidden)."""
    hidden = {}
    for name, value in fields.items():
        controls = page.locator(f'[name="{name}"]')
        if not controls.first.is_visible():
            hidden[name] = value
            continue
        if controls.first.get_attribute("type") in ("radio", "checkbox"):
            for choice in _values(value):
                page.check(f'input[name="{name}"][value="{choice}"]')
        else:
            controls.first.fill(value)
    return hidden


def press(page: Page, button: str = "next") -> None:
    """Press one of the step's buttons (next, back, save) and wait for the next page."""
    with page.expect_navigation():
        page.locator(f'.actions button[name="{button}"]').click()


def complete_step(page: Page, fields: dict, on_page=None, skip_photos: bool = True) -> None:
    """Fill a step and continue; without JavaScript, answer follow-ups the server then shows.

    The optional photo page after the skin step is passed without photos, unless
    ``skip_photos`` is false: then the page is left on it.
    """
    step = current_step(page)
    pending = fill(page, fields)
    for _attempt in range(3):
        press(page)
        if current_step(page) == "photos" and skip_photos:
            press(page)
        if current_step(page) != step:
            return
        if on_page is not None:
            on_page(page, f"{step}-follow-ups")
        pending = fill(page, pending)
    errors = page.locator(".error-summary").all_inner_texts()
    raise AssertionError(f"step {step} was not accepted: {errors}")


def start(page: Page) -> None:
    """Open the landing page and press Start."""
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start").click()
    assert current_step(page) == STEPS[0]


def error_summary_links(page: Page) -> list[str]:
    """Return the targets of the error summary's links, checking each reaches a control."""
    targets = page.eval_on_selector_all(
        ".error-summary a[href^='#']", "links => links.map(a => a.getAttribute('href').slice(1))"
    )
    for target in targets:
        element = page.locator(f'[id="{target}"]')
        assert element.count() == 1, f"error link #{target} leads nowhere"
        has_control = element.evaluate(
            "e => e.matches('input, textarea, select, fieldset')"
            " || !!e.querySelector('input, textarea, select')"
        )
        assert has_control, f"error link #{target} does not lead to a question"
    return targets


# Keyboard alone: Tab to each control, Space or arrows to choose, type, Enter to continue.


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the selector."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def keyboard_fill(page: Page, fields: dict) -> None:
    """Fill a step using only the keyboard."""
    for name, value in fields.items():
        kind = page.locator(f'[name="{name}"]').first.get_attribute("type")
        if kind == "radio":
            tab_to(page, f'input[name="{name}"]')
            wanted = f'input[name="{name}"][value="{value}"]'
            if not page.is_checked(wanted):
                page.keyboard.press("Space")
            for _ in range(20):
                if page.is_checked(wanted):
                    break
                # Arrows move through a radio group, choosing as they go.
                page.keyboard.press("ArrowDown")
            assert page.is_checked(wanted), f"could not choose {value} for {name}"
        elif kind == "checkbox":
            for choice in _values(value):
                tab_to(page, f'input[name="{name}"][value="{choice}"]')
                page.keyboard.press("Space")
        else:
            tab_to(page, f'[name="{name}"]')
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(value)


def keyboard_continue(page: Page) -> None:
    """Tab to the Continue (or Send) button and press Enter; pass the photo page the same way."""
    tab_to(page, '.actions button[name="next"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if current_step(page) == "photos":
        keyboard_continue(page)
