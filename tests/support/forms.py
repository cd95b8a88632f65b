"""Read the forms a page renders, so tests post back exactly what a browser would.

Every test, benchmark and the load test reads its CSRF token here: CSRF stays on.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    """One named control: its kind, the values it offers, and what the page pre-filled."""

    name: str
    kind: str  # text, email, tel, date, number, textarea, radio, checkbox, select, hidden, ...
    # For several controls of one name (a hidden list, checkboxes): all their values.
    options: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)


@dataclass
class Form:
    """A form's action and its fields by name, with the buttons kept apart."""

    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def prefilled(self) -> dict[str, list[str]]:
        """Return what a browser would send as the page stands (without pressing a button)."""
        return {name: list(f.values) for name, f in self.fields.items() if f.values}

    def hidden(self) -> dict[str, list[str]]:
        """Return the hidden inputs a post must carry back (token, consent version, ...)."""
        return {
            n: list(f.values) for n, f in self.fields.items() if f.kind == "hidden" and f.values
        }


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: Field | None = None
        self._option: str | None = None
        self._option_selected = False
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(Form(a.get("action") or "", (a.get("method") or "get").lower()))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "button" or (tag == "input" and a.get("type") in ("submit", "image")):
            if name:
                form.buttons.append((name, a.get("value") or ""))
        elif tag == "input" and name:
            kind = a.get("type", "text")
            control = form.fields.setdefault(name, Field(name, kind))
            value = a.get("value", "on" if kind in ("radio", "checkbox") else "")
            # Every value the page offers; a browser sends only the enabled, chosen ones.
            control.options.append(value)
            chosen = "checked" in a if kind in ("radio", "checkbox") else True
            if chosen and "disabled" not in a:
                control.values.append(value)
        elif tag == "select" and name:
            self._select = form.fields.setdefault(name, Field(name, "select"))
        elif tag == "option" and self._select is not None:
            self._option_selected = "selected" in a
            if "value" in a:
                self._finish_option(a["value"] or "")
            else:
                # Without a value attribute, the option's text is its value.
                self._option = ""
        elif tag == "textarea" and name:
            self._textarea = form.fields.setdefault(name, Field(name, "textarea", values=[""]))

    def _finish_option(self, value: str):
        self._select.options.append(value)
        if self._option_selected:
            self._select.values = [value]
        self._option = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.values[0] += data
        elif self._option is not None:
            self._option += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._finish_option(self._option.strip())
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_forms(html: str | bytes) -> list[Form]:
    """Return every form on the page, in order."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def main_form(html: str | bytes) -> Form:
    """Return the page's form that carries a CSRF token and the most fields."""
    forms = [f for f in parse_forms(html) if "csrf_token" in f.fields]
    assert forms, "no form with a CSRF token on the page"
    return max(forms, key=lambda f: len(f.fields))


def csrf_token(page) -> str:
    """Return the CSRF token the page's main form carries; ``page`` is HTML or a response."""
    if hasattr(page, "text"):
        page = page.text
    return main_form(page).fields["csrf_token"].values[0]


def page_token(client, url: str = "/specialist/sign-in") -> str:
    """Open a page as a browser does and return the CSRF token of its form."""
    return csrf_token(client.get(url, headers={"Accept": "text/html"}))


def form_posting_to(html: str | bytes, action: str) -> Form:
    """Return the page's form that posts to the given path."""
    for form in parse_forms(html):
        if form.action == action:
            return form
    raise AssertionError(f"no form posting to {action}")
