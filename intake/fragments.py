"""Parts of pages that read the same for every client in a language, rendered once."""

from markupsafe import Markup

# Keyed by what a part shows: a form's question, the language, and which part (an option,
# ticked or not). Questions are fixed when the process starts, so the keys are few (a few
# thousand) and a part never changes once rendered.
_RENDERED: dict[tuple, Markup] = {}
# Whole questions, kept by their ticks: a few states for most questions, more for those with
# many boxes. Kept only up to this many, so that ticks posted to fill memory cannot.
_WHOLE_LIMIT = 5000
_WHOLE: dict[tuple, Markup] = {}


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


def field_once(field, render) -> Markup:
    """Return a question rendered whole by ``render``: once per state if its state is shared.

    A question whose page part depends only on which of its options are ticked (its
    ``shown_state``; None for one showing typed text or an error) is rendered once per state.
    """
    state = field.shown_state()
    if state is None:
        return render(field)
    key = (field.fragment_key, state)
    rendered = _WHOLE.get(key)
    if rendered is None:
        rendered = render(field)
        if len(_WHOLE) < _WHOLE_LIMIT:
            _WHOLE[key] = rendered
    return rendered
