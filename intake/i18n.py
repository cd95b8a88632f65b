"""Languages the client journey speaks, and how the current one is chosen."""

from datetime import time

from babel.dates import format_time, get_period_id, get_period_names
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import Babel, get_locale
from markupsafe import Markup

from intake import fragments, translating

# Each language is named in its own script so a client can find theirs.
LANGUAGES = {"en": "English", "bn": "বাংলা", "hi": "हिन्दी"}
DEFAULT_LANGUAGE = "en"
# The digits each language's pages are written in (English keeps 0-9).
_PAGE_DIGITS = {
    "bn": str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"),
    "hi": str.maketrans("0123456789", "०१२३४५६७८९"),
}

# Bengali and Hindi name the part of the day before the time, as it is said ("সকাল ১০:০০",
# "शाम ४:३०"): CLDR's Bengali AM/PM is in Latin letters, and am/pm is not how Hindi says it.
# The names are Babel's (CLDR's), except two that CLDR writes in formal (sadhu) Bengali:
# Kolkata writes them as it says them.
_SPOKEN_DAY_PERIODS = {
    "bn": {"afternoon2": "বিকেল", "night1": "রাত"},
    "hi": {},
}

babel = Babel()


def english_only_under(app: Flask, url_prefix: str) -> None:
    """Make every page under ``url_prefix`` the specialist side: English, for the clinic.

    The specialist package says where it lives, so this module need not import it.
    """
    app.extensions["specialist_url_prefix"] = url_prefix


def specialist_side() -> bool:
    """Say whether the request is for the specialist side, which is English only."""
    # By path, not by view: error pages for URLs no view matched (404, 405, a refused CSRF
    # token) belong to the side their URL is on.
    if not has_request_context():
        return False
    prefix = current_app.extensions.get("specialist_url_prefix")
    if prefix is None:
        return False
    return request.path == prefix or request.path.startswith(prefix + "/")


def select_locale() -> str:
    """Pick the language: the specialist side is English; clients get their choice."""
    if getattr(g, "force_locale", None):
        return g.force_locale
    if specialist_side():
        return DEFAULT_LANGUAGE
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def page_digits(text):
    """Write a shown number (a step, a count of days) in the digits of the page's language."""
    table = _PAGE_DIGITS.get(str(translating.current_locale()))
    if table is None:
        return text
    written = str(text).translate(table)
    # Only digits change, so text that was safe HTML stays safe.
    return Markup(written) if isinstance(text, Markup) else written  # noqa: S704


def clock_time(moment: time) -> str:
    """Write a time of day as the page's language reads it: 4:30 PM, বিকেল ৪:৩০, शाम ४:३०."""
    locale = get_locale()
    spoken = _SPOKEN_DAY_PERIODS.get(str(locale))
    if spoken is None:
        return format_time(moment, "h:mm a", locale=locale)
    period = get_period_id(moment, locale=locale)
    # The abbreviated names are the ones Babel's own "B" pattern writes.
    name = spoken.get(period) or get_period_names("abbreviated", "format", locale)[period]
    return page_digits(f"{name} {format_time(moment, 'h:mm', locale=locale)}")


def init_app(app: Flask) -> None:
    """Attach Flask-Babel with the language selector and the once-per-language lookups."""
    babel.init_app(app, locale_selector=select_locale)
    translating.install(app.jinja_env)
    app.jinja_env.filters["page_digits"] = page_digits
    app.jinja_env.globals.update(
        LANGUAGES=LANGUAGES,
        get_locale=get_locale,
        specialist_side=specialist_side,
        # Parts of pages rendered once per language (the words of each question).
        once=fragments.once,
        choices_once=fragments.choices_once,
        field_once=fragments.field_once,
    )
