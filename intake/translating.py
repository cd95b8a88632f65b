"""Translate messages, reading each one from the catalog once per language, not once per use."""

from babel import Locale
from flask.globals import _cv_app
from flask_babel import get_locale, get_translations
from flask_babel import gettext as babel_gettext
from flask_babel.speaklater import LazyString

# A page shows about 165 translated labels, and Flask-Babel finds the locale, the domain and the
# catalog through a dozen context lookups for each one. The catalogs are read once per process
# (as Flask-Babel itself caches them), so a message's translation in a language never changes.
# Keyed by the locale's parts, not the Locale: each request parses a new one, and comparing two
# costs several times the lookup itself.
_TRANSLATED: dict[tuple[str, str | None, str | None, str], str] = {}


def current_locale() -> Locale | None:
    """Return the locale of the page being made (None outside a request or app context).

    Once Flask-Babel has chosen it, read from where it keeps it (on ``g``) in one step rather
    than through its proxies, about a dozen for each of a page's hundred or more messages;
    until then (or if a later Flask-Babel keeps it elsewhere), Flask-Babel chooses it.
    """
    app_context = _cv_app.get(None)
    kept = getattr(app_context.g, "_flask_babel", None) if app_context is not None else None
    return getattr(kept, "babel_locale", None) or get_locale()


def gettext(string: str, **variables) -> str:
    """Return a message in the current language, with its %(name)s variables filled in."""
    locale = current_locale()
    if locale is None:
        translated = babel_gettext(string)
    else:
        key = (locale.language, locale.territory, locale.script, string)
        try:
            translated = _TRANSLATED[key]
        except KeyError:
            translated = _TRANSLATED[key] = babel_gettext(string)
    return translated % variables if variables else translated


def lazy_gettext(string: str, **variables) -> LazyString:
    """Return a message translated when shown, in the language of the page showing it."""
    return LazyString(gettext, string, **variables)


def install(jinja_env) -> None:
    """Make templates' ``_()`` use the once-per-language lookup."""
    jinja_env.install_gettext_callables(
        gettext=gettext,
        # Plural forms as Flask-Babel installs them: no page uses one often.
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
    )
