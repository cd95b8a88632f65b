"""Translate messages, reading each one from the catalog once per language, not once per use."""

from babel import Locale
from flask.globals import _cv_app
from flask_babel import get_locale, get_translations
from flask_babel import gettext as babel_gettext
from flask_babel.speaklater import LazyString
from jinja2 import pass_context
from markupsafe import Markup

# A page shows about 165 translated labels, and Flask-Babel finds the locale, the domain and the
# catalog through a dozen context lookups for each one. The catalogs are read once per process
# (as Flask-Babel itself caches them), so a message's translation in a language never changes.
# Keyed by the locale's parts, not the Locale: each request parses a new one, and comparing two
# costs several times the lookup itself.
_TRANSLATED: dict[tuple[str, str | None, str | None, str], str] = {}
# Templates' messages without variables, formatted as Jinja formats them: by locale, message
# and whether the template escapes.
_FORMATTED: dict[tuple, str] = {}


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
        key = (*_parts(locale), string)
        try:
            translated = _TRANSLATED[key]
        except KeyError:
            translated = _TRANSLATED[key] = babel_gettext(string)
    return translated % variables if variables else translated


def _parts(locale: Locale) -> tuple[str, str | None, str | None]:
    return locale.language, locale.territory, locale.script


def lazy_gettext(string: str, **variables) -> LazyString:
    """Return a message translated when shown, in the language of the page showing it."""
    return LazyString(gettext, string, **variables)


@pass_context
def _template_gettext(context, string: str, **variables):
    """Translate as Jinja's newstyle ``_()`` does, keeping the result for a message without
    variables: the same Markup for every page in a language, where Jinja formats it anew."""
    autoescape = context.eval_ctx.autoescape
    locale = current_locale()
    key = None if variables or locale is None else (*_parts(locale), string, autoescape)
    if key is not None:
        kept = _FORMATTED.get(key)
        if kept is not None:
            return kept
    translated = gettext(string)
    # Our catalogs' words, marked safe as Jinja marks them; formatted even without variables,
    # as Jinja does, so "%%" reads "%" either way.
    formatted = (Markup(translated) if autoescape else translated) % variables  # noqa: S704
    if key is not None:
        _FORMATTED[key] = formatted
    return formatted


def install(jinja_env) -> None:
    """Make templates' ``_()`` use the once-per-language lookup."""
    jinja_env.install_gettext_callables(
        gettext=gettext,
        # Plural forms as Flask-Babel installs them: no page uses one often.
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
    )
    # ``_()`` resolves "gettext" when called: this one replaces Jinja's wrapper of the above.
    jinja_env.globals["gettext"] = _template_gettext
