"""The client's answers, grouped as the client saw them."""


def _words(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "Not answered"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_text(v)}" for k, v in value.items())
    return str(value)


def answer_sections(answers: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return (section title, [(question, answer)]) for every step of the stored answers."""
    sections = []
    for step, values in answers.items():
        if isinstance(values, dict):
            rows = [(_words(name), _text(value)) for name, value in values.items()]
        else:
            rows = [(_words(step), _text(values))]
        sections.append((_words(step), rows))
    return sections
