"""Each kind of broken rule file fails to load with a message naming the file, line and rule."""

import pytest

from intake.rules import RuleSetError, load_ruleset


def _edit(directory, name, old, new):
    path = directory / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def _problems(directory) -> list[str]:
    with pytest.raises(RuleSetError) as raised:
        load_ruleset(directory)
    return raised.value.problems


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "review.toml",
            'when = "keloid_history"',
            'when = "keloid_histroy"',
            "rule 'keloid_history': condition 'keloid_histroy': unknown fact "
            "'keloid_histroy' (did you mean 'keloid_history'?)",
        ),
        (
            "absolute.toml",
            'when = "sunburn_now"',
            'when = "sunburn_now > 2"',
            "rule 'sunburn_or_acute_irritation': condition 'sunburn_now > 2': data type mismatch",
        ),
        (
            "absolute.toml",
            'when = "sunburn_now"',
            'when = "sunburn_now and"',
            "rule 'sunburn_or_acute_irritation': condition 'sunburn_now and': syntax error",
        ),
        (
            "absolute.toml",
            'when = "sunburn_now"',
            'when = "fitzpatrick"',
            "rule 'sunburn_or_acute_irritation': condition 'fitzpatrick': the condition must be "
            "true or false",
        ),
        (
            "concerns.toml",
            'when = "concern.glogau <= 2"',
            'when = "concern.severity <= 2"',
            "case 'wrinkles_glogau_1_2': condition 'concern.severity <= 2': unknown field "
            "'severity'",
        ),
        (
            "precautions.toml",
            "${retinoid_aha_window_days}",
            "${retinoid_window}",
            "rule 'retinoid_or_aha_recent': condition uses unknown parameter ${retinoid_window}",
        ),
        (
            "absolute.toml",
            'sources = ["S62", "S63", "S64"]',
            'sources = ["S62", "S999"]',
            "rule 'pregnancy': unknown source 'S999'",
        ),
        (
            "review.toml",
            'id = "breastfeeding"',
            'id = "keloid_history"',
            "id 'keloid_history' is used by more than one rule or case",
        ),
        (
            "absolute.toml",
            'severity = "absolute"\nwhen = "pregnant"',
            'severity = "fatal"\nwhen = "pregnant"',
            "rule 'pregnancy': severity must be one of absolute, review, precaution, advisory",
        ),
        (
            "absolute.toml",
            'severity = "absolute"\nwhen = "pregnant"',
            'sevrity = "absolute"\nwhen = "pregnant"',
            "rule 'pregnancy': unknown key 'sevrity'",
        ),
        (
            "precautions.toml",
            'title = "Controlled diabetes"\nexplanation = """\\\n',
            'title = "Controlled diabetes"\nnote = """\\\n',
            "rule 'diabetes_controlled': text.en: missing explanation",
        ),
        (
            "concerns.toml",
            'id = "enlarged_pores_fair"\n',
            'id = "enlarged_pores_fair"\nwhen = "true"\n',
            "case 'enlarged_pores_fair': the last case of a concern must have no 'when'",
        ),
        (
            "concerns.toml",
            """when = '"rolling" in concern.scar_types' }""",
            """when = '"rolling" in concern.scar_typs' }""",
            "case 'acne_scars_ice_pick_predominant': condition '\"rolling\" in "
            "concern.scar_typs': unknown field 'scar_typs'",
        ),
        (
            "concerns.toml",
            '{ text = "Subcision for rolling scars (S22)", when',
            '{ txt = "Subcision for rolling scars (S22)", when',
            "plan: adjuncts must be a list of texts, or of { text = ..., when = ... } tables",
        ),
        (
            "ruleset.toml",
            'version = "2026.12.1"',
            "",
            "no file declares the rule set's version",
        ),
        (
            "examples.toml",
            'flags = ["pregnancy"]',
            'flags = ["pregnant"]',
            "example 'pregnant': expects flag 'pregnant', which no rule raises",
        ),
        (
            "examples.toml",
            "facts = { pregnant = true }",
            'facts = { pregnant = "yes" }',
            "example 'pregnant': invalid facts: pregnant: expected true or false",
        ),
    ],
)
def test_broken_rule_file_is_reported(rules_copy, name, old, new, expected):
    _edit(rules_copy, name, old, new)
    problems = _problems(rules_copy)
    assert [problem for problem in problems if expected in problem], problems


def test_a_problem_names_the_file_and_the_line_of_the_rule(rules_copy):
    path = rules_copy / "review.toml"
    line = path.read_text().splitlines().index('id = "keloid_history"') + 1
    _edit(rules_copy, "review.toml", 'when = "keloid_history"', 'when = "keloid"')
    [problem] = _problems(rules_copy)
    assert problem.startswith(f"{path}:{line}: rule 'keloid_history': ")


def test_toml_syntax_error_names_the_file_and_line(rules_copy):
    _edit(rules_copy, "review.toml", 'severity = "review"', 'severity = "review')
    [problem] = _problems(rules_copy)
    assert problem.startswith(f"{rules_copy / 'review.toml'}: TOML syntax error")
    assert "line 7" in problem


def test_a_missing_concern_is_reported(rules_copy):
    _edit(rules_copy, "concerns.toml", 'type = "texture"', 'type = "skin_tone"')
    problems = _problems(rules_copy)
    assert any("no [[concern]] rates 'texture'" in problem for problem in problems)
    assert any("concern 'skin_tone': type must be one of" in problem for problem in problems)


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("ruleset.toml", "[parameters]", "parameters = 3\n[clinic]"),
        ("sources.toml", "[sources]", "sources = 'all of them'\n[more]"),
        ("examples.toml", "facts = { pregnant = true }", "facts = 3"),
        ("examples.toml", 'flags = ["pregnancy"]', 'flags = "pregnancy"'),
        ("concerns.toml", 'notes = "Enlarged pores: fair."', "notes = 3"),
        ("concerns.toml", '[[concern.case]]\nid = "texture_good"', "[concern.case]\nid = 1"),
        ("absolute.toml", "[rule.text.en]", "[rule.text]\nen = 3\n[rule.other]"),
    ],
)
def test_malformed_structure_is_a_problem_not_a_crash(rules_copy, name, old, new):
    _edit(rules_copy, name, old, new)
    assert _problems(rules_copy)


def test_an_empty_directory_is_not_a_rule_set(tmp_path):
    assert _problems(tmp_path) == [f"{tmp_path}: no .toml rule files found"]


def test_an_example_that_no_longer_holds_is_a_failure_not_a_load_error(rules_copy):
    _edit(
        rules_copy,
        "ruleset.toml",
        "isotretinoin_window_months = 6",
        "isotretinoin_window_months = 3",
    )
    failures = load_ruleset(rules_copy).run_examples()
    assert len(failures) == 2
    assert "example 'isotretinoin 5.9 months ago (inside 6)': overall 'suitable', expected " in (
        failures[0] + failures[1]
    )
