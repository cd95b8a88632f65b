"""Parts of pages that read the same for every client in a language, rendered once."""

from markupsafe import Markup

# Keyed by what a part shows: a form's question, the language, and which part (an option,
# ticked or not). Questions are fixed when the process starts, so the keys are few (a few
# thousand) and a part never changes once rendered.
_RENDERED: dict[tuple, Markup] = {}


def once(*key, caller) -> Markup:
    """Return the part of a page a ``{% call once(...) %}`` block renders, the first time only."""
    return _kept(key, caller)


def choices_once(field, render) -> Markup:
    """Return a choice question's options, each rendered by ``render`` once, ticked and not."""
    options = []
    for index, choice in enumerate(field.offered()):
        checked = field.is_selected(choice.value)
        key = (field.fragment_key, index, checked)
        options.append(_kept(key, render, field, index, choice, checked))
    # Every part is Markup already: joined as it is, not escaped once more.
    return Markup("".join(options))  # noqa: S704


def _kept(key: tuple, render, *args) -> Markup:
    rendered = _RENDERED.get(key)
    if rendered is None:
        rendered = _RENDERED[key] = render(*args)
    return rendered
