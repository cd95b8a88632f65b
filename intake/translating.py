"""Translate messages, reading each one from the catalog once per language, not once per use."""

from flask_babel import get_locale, get_translations
from flask_babel import gettext as babel_gettext
from flask_babel.speaklater import LazyString

# A page shows about 165 translated labels, and Flask-Babel finds the locale, the domain and the
# catalog through a dozen context lookups for each one. The catalogs are read once per process
# (as Flask-Babel itself caches them), so a message's translation in a language never changes.
_TRANSLATED: dict[tuple[object, str], str] = {}


def gettext(string: str, **variables) -> str:
    """Return a message in the current language, with its %(name)s variables filled in."""
    key = (get_locale(), string)
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
