"""Every client-facing string is marked for translation: in the templates and in the forms."""

import ast
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask_babel.speaklater import LazyString

from intake.config import PROJECT_ROOT
from intake.questionnaire import CONSENT_TEXTS, STEPS, step_form
from intake.questionnaire.fields import DATE_PROBLEMS, ChoiceField, Followup, Heading

TEMPLATES = PROJECT_ROOT / "templates"
CLIENT_TEMPLATES = sorted(
    [TEMPLATES / "base.html", TEMPLATES / "error.html", *(TEMPLATES / "client").glob("*.html")]
)
# Stands in for whatever a Jinja expression or tag prints: a private-use character, not a letter.
MARK = "\ue000"
GETTEXT = {"_", "gettext", "ngettext"}
# Attributes a client reads or hears; a button's value is a code the server reads, not text.
READ_ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "data-copied",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
}
# A macro may print attributes on their own (name="..."): markup, not text.
ATTRIBUTE_TEXT = re.compile(r'[\w:-]+="[^"]*"')
# A string literal that reads as words: two words, or one capitalised word such as "Continue".
WORDS = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}|^[A-Z][a-z]+[.:!?]?$")


class _UnmarkedHtml(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in READ_ATTRIBUTES and _has_letters(value):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        data = ATTRIBUTE_TEXT.sub("", data)
        if _has_letters(data):
            self.found.append(" ".join(data.replace(MARK, " ").split()))


def _has_letters(text: str | None) -> bool:
    return any(ch.isalpha() for ch in (text or "").replace(MARK, ""))


def unmarked_strings(env, source: str) -> list[str]:
    """Return the human-readable text in a template that does not go through gettext.

    Text between tags and readable attributes must come from {{ _(...) }} or {% trans %};
    a string literal inside a tag that reads as words must be an argument of _().
    """
    html: list[str] = []
    found: list[str] = []
    calls: list[bool] = []  # for each open parenthesis: does it belong to a gettext call?
    after_gettext = in_trans = False
    previous = None
    for _line, kind, value in env.lex(source):
        if kind.startswith("comment") or kind == "whitespace":
            continue
        if kind == "data":
            html.append(MARK if in_trans else value)
        else:
            html.append(MARK)
        if kind == "name" and previous == "block_begin" and value in ("trans", "endtrans"):
            in_trans = value == "trans"
        if kind == "operator" and value == "(":
            calls.append(after_gettext)
        elif kind == "operator" and value == ")" and calls:
            calls.pop()
        elif kind == "string" and not any(calls) and WORDS.search(ast.literal_eval(value)):
            found.append(repr(ast.literal_eval(value)))
        after_gettext = kind == "name" and value in GETTEXT
        previous = kind
    parser = _UnmarkedHtml()
    parser.feed("".join(html))
    parser.close()
    return found + parser.found


@pytest.mark.parametrize("path", CLIENT_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_client_templates_mark_every_string(app, path: Path):
    assert unmarked_strings(app.jinja_env, path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Please wait</p>", ["Please wait"]),
        ('<p>{{ _("Please wait") }}</p>', []),
        ("<p>{% trans %}Please wait{% endtrans %}</p>", []),
        ('<a href="/" title="Home">{{ _("x") }}</a>', ["<a title='Home'>"]),
        ('<button aria-label="Close">×</button>', ["<button aria-label='Close'>"]),
        ('<button name="lang" value="bn">{{ name }}</button>', []),
        ('{{ "Save and go" }}', ["'Save and go'"]),
        ('{% set heading = "Continue" %}', ["'Continue'"]),
        ('{{ _("Step %(n)d", n=1) }} {{ x|default("h2") }} {% if a == "b c" %}{% endif %}', []),
        ('{% include "client/_fields.html" %}{# A comment in English #}', []),
    ],
)
def test_the_template_check_finds_unmarked_text(app, source, expected):
    assert unmarked_strings(app.jinja_env, source) == expected


def _client_texts(form):
    """Yield (where, value) for every text a step form can show a client."""
    cls = type(form)
    for name in ("title", "intro", "summary_title"):
        yield f"{cls.__name__}.{name}", getattr(cls, name)
    for item in cls.layout:
        if isinstance(item, Followup):
            yield f"follow-up {item.name}", item.title
        elif isinstance(item, Heading):
            yield "heading", item.text
    for name, field in form._fields.items():
        yield f"{name} label", field.label.text
        yield f"{name} description", field.description
        yield f"{name} summary label", getattr(field, "summary_label", None)
        for validator in field.validators:
            yield f"{name} {type(validator).__name__}", getattr(validator, "message", None)
        if isinstance(field, ChoiceField):
            for choice in field.choices:
                yield f"{name}={choice.value}", choice.label
                yield f"{name}={choice.value} hint", choice.hint


def test_every_text_of_the_step_forms_is_a_lazy_translation(app):
    with app.test_request_context():
        forms = [step_form(step, {}, date(2026, 3, 5)) for step in STEPS]
        texts = [text for form in forms for text in _client_texts(form)]
    texts += [(f"date problem {k}", v) for k, v in DATE_PROBLEMS.items()]
    texts += [(f"consent {k}", v) for k, v in CONSENT_TEXTS.items()]
    plain = [where for where, value in texts if value and not isinstance(value, LazyString)]
    assert plain == []
    # The walk reached the forms' texts, not an empty list.
    assert sum(isinstance(value, LazyString) for _where, value in texts) > 300


def _message_calls_with_plain_text(source: str) -> list[str]:
    """Return calls that would show a client untranslated or unextractable text."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        first = node.args[0]
        is_text = isinstance(first, ast.JoinedStr) or (
            isinstance(first, ast.Constant) and isinstance(first.value, str)
        )
        if name in {"ValidationError", "StopValidation", "Required", "NotInFuture"} and is_text:
            found.append(f"line {node.lineno}: {name}(...) with untranslated text")
        # pybabel extracts only literal strings: anything else is never translated.
        literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if name in GETTEXT | {"_l", "lazy_gettext"} and not literal:
            found.append(f"line {node.lineno}: {name}(...) of a non-literal")
    return found


CLIENT_CODE = sorted(
    [
        *(PROJECT_ROOT / "intake" / "questionnaire").glob("*.py"),
        PROJECT_ROOT / "intake/client/views.py",
    ]
)


@pytest.mark.parametrize("path", CLIENT_CODE, ids=lambda p: p.name)
def test_client_code_raises_and_translates_only_marked_literals(path: Path):
    assert _message_calls_with_plain_text(path.read_text(encoding="utf-8")) == []


def test_the_code_check_finds_plain_messages():
    source = (
        "raise ValidationError('Enter a date.')\n"
        "raise StopValidation(f'Too long: {n}')\n"
        "Required(_l('Enter your name.'))\n"
        "_l(message)\n"
    )
    assert [f.split(":")[0] for f in _message_calls_with_plain_text(source)] == [
        "line 1",
        "line 2",
        "line 4",
    ]
