"""Dates and numbers typed with Bengali or Devanagari digits are understood."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from intake.dates import PartialDate
from intake.models import Draft
from intake.questionnaire.fields import DATE_PROBLEMS
from intake.questionnaire.typed_values import ascii_digits, parse_date_parts
from tests.support.client_journey import Intake, clinic_today
from tests.support.factories import date_fields, full_answers
from tests.support.page_text import english_left, in_language

BENGALI = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [("২৭", "৩", "১৯৯০"), ("२७", "३", "१९९०"), ("27", "03", "1990"), ("২7", "३", "19৯০")],
)
def test_date_boxes_read_digits_in_any_script(day, month, year):
    assert parse_date_parts(day, month, year) == PartialDate(1990, 3, 27)


def test_month_only_dates_read_native_digits():
    assert parse_date_parts("", "১১", "২০২৫") == PartialDate(2025, 11)
    assert parse_date_parts("", "११", "२०२५") == PartialDate(2025, 11)


def test_digits_are_written_as_0_to_9_and_nothing_else_changes():
    assert ascii_digits("+৯১ ৯৮৩০০-১২৩৪৫") == "+91 98300-12345"
    assert ascii_digits("(०३३) २४५६ ७८९०") == "(033) 2456 7890"
    assert ascii_digits("আশা 12") == "আশা 12"


def _native(value: date, table) -> dict:
    return {
        "day": str(value.day).translate(table),
        "month": str(value.month).translate(table),
        "year": str(value.year).translate(table),
    }


@pytest.mark.parametrize(("language", "table"), [("bn", BENGALI), ("hi", DEVANAGARI)])
def test_a_whole_step_typed_in_native_digits_is_saved_as_dates_and_numbers(
    app, client, speaking, language, table
):
    speaking(language)
    intake = Intake(client)
    intake.start()
    today = clinic_today()
    about = full_answers(today)["about"]
    born = date(1990, 3, 27)
    about |= date_fields("date_of_birth", **_native(born, table))
    about["phone"] = "+91 98300 12345".translate(table)
    assert intake.post("about", about).status_code == 302

    medicines = full_answers(today)["medicines"]
    peel = today - timedelta(days=45)
    medicines |= date_fields("chemical_peel_date", **_native(peel, table))
    assert intake.post("medicines", medicines).status_code == 302

    with app.extensions["db_sessionmaker"]() as db:
        answers = db.scalars(select(Draft)).one().answers
    assert answers["about"]["date_of_birth"] == "1990-03-27"
    assert answers["about"]["phone"] == "+91 98300 12345"
    assert answers["medicines"]["chemical_peel_date"] == peel.isoformat()


@pytest.mark.parametrize(("language", "table"), [("bn", BENGALI), ("hi", DEVANAGARI)])
def test_wrong_native_digit_dates_get_the_right_message_and_stay_as_typed(
    client, speaking, language, table
):
    speaking(language)
    intake = Intake(client)
    intake.start()
    typed = {"day": "31".translate(table), "month": "2".translate(table), "year": "2000"}
    page = intake.post("about", date_fields("date_of_birth", **typed))
    assert page.status_code == 200
    assert f'value="{typed["day"]}"' in page.text and f'value="{typed["month"]}"' in page.text
    assert in_language(client.application, language, DATE_PROBLEMS["no_such_day"]) in page.text
    assert english_left(page.text) == []


@pytest.mark.parametrize(
    ("language", "parts", "problem"),
    [
        ("bn", ("১", "৩", ""), "missing_year"),
        ("hi", ("१", "", "१९९०"), "missing_month"),
        ("bn", ("", "৩", "১৯৯০"), "missing_day"),
        ("bn", ("ক", "খ", "গ"), "not_numbers"),
        ("hi", ("१", "२", "९०"), "year_digits"),
        ("bn", ("১", "৩", "১৮৫০"), "too_long_ago"),
        ("hi", ("१", "१३", "१९९०"), "no_such_month"),
    ],
)
def test_every_date_problem_is_explained_in_the_language(
    client, speaking, language, parts, problem
):
    speaking(language)
    intake = Intake(client)
    intake.start()
    day, month, year = parts
    page = intake.post("about", date_fields("date_of_birth", day=day, month=month, year=year))
    assert in_language(client.application, language, DATE_PROBLEMS[problem]) in page.text
    assert english_left(page.text, typed=parts) == []
