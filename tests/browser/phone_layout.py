"""Walk every page and state of the client's journey, and measure how each sits on a phone."""

from collections.abc import Iterator

from playwright.sync_api import Page

from intake.questionnaire import STEPS
from tests.browser.client_steps import complete_step, current_step, fill, press

# Chromium's default text size is 16 px; a phone's "largest text" setting doubles it.
DEFAULT_TEXT_PX = 16


def walk_every_page(page: Page, answers: dict, language: str) -> Iterator[str]:
    """Go through the journey in one page, yielding each state's name while it is on screen.

    The states: the landing page; each step empty with its errors, then answered (with the
    follow-ups those answers open), then with every follow-up and "for example" list open;
    the photo page; the saved page with the resume link; a resumed step greeting the client;
    the confirmation.
    """
    page.goto("/")
    if language != "en":
        with page.expect_navigation():
            page.locator(f'.lang-switch button[value="{language}"]').click()
    yield "landing"
    with page.expect_navigation():
        page.locator("form[action='/start'] button").click()
    for step in STEPS:
        press(page)
        assert current_step(page) == step
        yield f"{step}-errors"
        page.goto(page.url)  # the step again, without the errors
        fill(page, answers[step])
        yield f"{step}-answered"
        open_everything(page)
        yield f"{step}-everything-open"
        if step == STEPS[2]:
            press(page, "save")
            yield "saved"
            link = page.locator("#resume-link").inner_text().strip()
            page.goto(link)
            assert page.locator(".notice[data-autofocus]").count() == 1
            yield "resumed"
            page.goto(f"/intake/{step}")
        complete_step(page, answers[step], skip_photos=False)
        if current_step(page) == "photos":
            yield "photos"
            press(page)
    assert page.url.endswith("/intake/done")
    yield "confirmation"


def open_everything(page: Page) -> None:
    """Show every follow-up question, whatever was answered, and open every example list.

    The follow-ups' "shown" markers stay as the answers set them, so the server still asks
    only the questions the answers call for.
    """
    page.evaluate(
        """() => {
          document.querySelectorAll('.followup[hidden]').forEach(e => { e.hidden = false; });
          document.querySelectorAll('details').forEach(e => { e.open = true; });
        }"""
    )


def set_text_size(page: Page, percent: int) -> None:
    """Set Chromium's text size, as a phone's accessibility setting does, for this page."""
    # The setting lasts as long as the session to the page: it stays attached.
    session = page.context.new_cdp_session(page)
    size = DEFAULT_TEXT_PX * percent // 100
    session.send("Page.enable")
    session.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size}})


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth"
    )


# Elements whose content does not fit: outside the screen, clipped, or spilling out of
# their box. Only the innermost is named (its boxes around it spill because it does), and
# screen-reader-only text is not on screen to begin with.
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const found = new Map();
  const scrolls = start => {
    for (let e = start; e && e !== document.body; e = e.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) return true;
    }
    return false;
  };
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('.visually-hidden, .skip-link, script, option')) continue;
    // Content of a box that scrolls on its own (the resume link's token) can be reached.
    if (scrolls(e.parentElement)) continue;
    const box = e.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      found.set(e, 'outside the screen');
      continue;
    }
    if (e.matches('input, textarea, select')) continue;
    const style = getComputedStyle(e);
    const clips = value => ['hidden', 'clip'].includes(value);
    if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1
        && !['auto', 'scroll'].includes(style.overflowX)) {
      found.set(e, clips(style.overflowX) ? 'cut off' : 'spills out of its box');
    } else if (e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1
        && clips(style.overflowY)) {
      found.set(e, 'cut off at the bottom');
    }
  }
  const innermost = [...found.keys()].filter(
    e => ![...found.keys()].some(other => other !== e && e.contains(other)));
  return innermost.map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.classList.length ? '.' + [...e.classList].join('.') : '')
    + ' "' + (e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50) + '": '
    + found.get(e));
}"""


def cut_off(page: Page) -> list[str]:
    """Return what does not fit the screen or its own box."""
    return page.evaluate(CUT_OFF)


def screens(page: Page) -> float:
    """Return the page's length in screens of its viewport."""
    return page.evaluate("() => document.documentElement.scrollHeight / window.innerHeight")


# What a finger can tap, and its box: a choice's whole card, since its label takes the tap.
SMALL_TARGETS = """minimum => {
  const problems = [];
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary');
  for (const control of controls) {
    if (control.closest('.visually-hidden, [aria-hidden=true]')) continue;
    const target = control.closest('label') || control;
    const box = target.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.width < minimum - 0.5 || box.height < minimum - 0.5) {
      problems.push(`${control.tagName.toLowerCase()} "${(target.textContent || control.name
        || '').trim().slice(0, 40)}": ${Math.round(box.width)} x ${Math.round(box.height)} px`);
    }
  }
  return problems;
}"""


def small_targets(page: Page, minimum: int = 44) -> list[str]:
    """Return the controls a finger cannot hit comfortably: narrower or lower than minimum."""
    return page.evaluate(SMALL_TARGETS, minimum)


# The focused control's ring against the colour behind it (WCAG's contrast formula).
FOCUS_RING = """() => {
  const e = document.activeElement;
  // Back at the start: every control has had its turn.
  if (e === document.body || window.tabbed.has(e)) return null;
  window.tabbed.add(e);
  const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let behind = [255, 255, 255];
  for (let node = e.parentElement; node; node = node.parentElement) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || colour[3] > 0) { behind = colour.slice(0, 3); break; }
  }
  const style = getComputedStyle(e);
  const ring = rgb(style.outlineColor).slice(0, 3);
  const [light, dark] = [luminance(ring), luminance(behind)].sort((a, b) => b - a);
  return {
    name: `${e.tagName.toLowerCase()} "${(e.textContent || e.name || '').trim().slice(0, 30)}"`,
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    contrast: (light + 0.05) / (dark + 0.05),
  };
}"""


def weak_focus_rings(page: Page) -> list[str]:
    """Tab through the page; return the controls whose focus ring is missing or below 3:1."""
    page.evaluate("() => { document.activeElement?.blur(); window.tabbed = new WeakSet(); }")
    problems = []
    for _ in range(400):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None:
            return problems
        if ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3:
            problems.append(
                f"{ring['name']}: {ring['style']} {ring['width']}px, {ring['contrast']:.2f}:1"
            )
    raise AssertionError("Tab never left the page")
