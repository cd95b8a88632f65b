"""Windows counted to the as-of date: which findings fire, and the day each window ends."""

from datetime import date, timedelta

import pytest

from intake.assessing import assess_answers
from intake.facts import facts_from_answers
from intake.rules import get_ruleset
from intake.wording import window_end
from tests.support import factories

VISIT = date(2026, 12, 15)


def answers(medicines: dict | None = None, health: dict | None = None) -> dict:
    """Return the typical intake with only the given medicines and health answers changed."""
    stored = factories.typical_answers()
    stored["medicines"] = {**factories.QUIET_MEDICINES, **(medicines or {})}
    stored["health"] = {**stored["health"], **(health or {})}
    return stored


def toxin(on: date) -> dict:
    return answers({"procedures": ["botulinum_toxin"], "botulinum_toxin_date": on.isoformat()})


def isotretinoin(last_dose: str) -> dict:
    return answers({"isotretinoin": "stopped", "isotretinoin_last_dose": last_dose})


def flag(result: dict, flag_id: str) -> dict | None:
    return next((f for f in result["flags"] if f["id"] == flag_id), None)


def assessed(stored: dict, as_of: date) -> dict:
    return assess_answers(get_ruleset(), stored, as_of)[1]


# The shipped rules: botulinum toxin under 2 weeks ago -> review (botulinum_toxin_window_weeks).
@pytest.mark.parametrize(
    ("days_before_visit", "ends"),
    [
        (15, None),  # the window ended the day before the visit
        (14, None),  # ... on the visit day: treat that day
        (13, VISIT + timedelta(days=1)),  # ... the day after: still inside on the visit date
    ],
)
def test_toxin_window_at_the_visit_date(days_before_visit, ends):
    result = assessed(toxin(VISIT - timedelta(days=days_before_visit)), VISIT)
    found = flag(result, "recent_botulinum_toxin")
    if ends is None:
        assert found is None
    else:
        assert found["clears_on"] == ends.isoformat()
        assert "then_severity" not in found
        assert result["overall"] == "needs_specialist_review"


# Isotretinoin: last dose under 6 whole months ago -> review (isotretinoin_window_months).
@pytest.mark.parametrize(
    ("visit", "fires"),
    [
        (date(2026, 12, 16), False),  # the window ended on 15 December, the day before
        (date(2026, 12, 15), False),  # ... on the visit day
        (date(2026, 12, 14), True),  # ... the day after the visit
    ],
)
def test_isotretinoin_window_at_the_visit_date(visit, fires):
    found = flag(assessed(isotretinoin("2026-06-15"), visit), "isotretinoin_within_6_months")
    assert (found is not None) is fires
    if fires:
        assert found["clears_on"] == "2026-12-15"
        assert found["because"] == {"isotretinoin_last_dose_months_ago": 5}


@pytest.mark.parametrize(
    ("last_dose", "ends"),
    [
        # Six whole months from 31 August end on the last day of February.
        ("2026-08-31", "2027-02-28"),
        # A month without a day counts from the month's last day: never too early.
        ("2026-09", "2027-03-30"),
    ],
)
def test_isotretinoin_window_ends_at_month_ends(last_dose, ends):
    found = flag(
        assessed(isotretinoin(last_dose), date(2026, 11, 20)), "isotretinoin_within_6_months"
    )
    assert found["clears_on"] == ends


def test_the_window_of_a_client_sent_early_is_counted_to_the_visit():
    # The client: toxin 10 days before sending the form, the visit 3 weeks later.
    sent = date(2026, 11, 20)
    stored = toxin(sent - timedelta(days=10))
    on_sending = flag(assessed(stored, sent), "recent_botulinum_toxin")
    assert on_sending["clears_on"] == "2026-11-24"
    assert flag(assessed(stored, sent + timedelta(weeks=3)), "recent_botulinum_toxin") is None


def test_a_medicine_still_taken_has_no_window_end():
    found = flag(assessed(answers({"isotretinoin": "now"}), VISIT), "isotretinoin_within_6_months")
    assert found is not None
    assert "clears_on" not in found


def test_a_flag_that_drops_to_a_lower_severity_says_which():
    stored = answers(
        health={
            "cancer_treatment": "yes",
            "cancer_last_treatment": "2026-11-01",
            "cancer_radiotherapy_face": "yes",
        }
    )
    result = assessed(stored, VISIT)
    radiotherapy = flag(result, "radiotherapy_to_treatment_area")
    assert radiotherapy["severity"] == "absolute"
    assert radiotherapy["clears_on"] == "2027-02-01"
    assert radiotherapy["then_severity"] == "review"
    assert window_end(radiotherapy, VISIT) == (
        "Clears on 1 February 2027. Still inside the window on 15 December 2026, the as-of "
        "date: from 1 February 2027 it stands as specialist review instead."
    )
    active = flag(result, "active_cancer_treatment")
    assert active["clears_on"] == "2027-02-01"
    assert "then_severity" not in active


def test_findings_without_a_time_fact_get_no_window():
    result = assessed(toxin(VISIT - timedelta(days=3)), VISIT)
    assert flag(result, "herpes_history_antiviral_prophylaxis") is not None
    timeless = [f for f in result["flags"] if f["id"] != "recent_botulinum_toxin"]
    assert timeless and all("clears_on" not in f for f in timeless)


def test_window_wording_names_the_end_and_the_as_of_date():
    found = flag(assessed(toxin(VISIT - timedelta(days=1)), VISIT), "recent_botulinum_toxin")
    assert window_end(found, VISIT) == (
        "Clears on 28 December 2026. Still inside the window on 15 December 2026, the as-of "
        "date: treat from 28 December 2026."
    )
    assert window_end({"id": "keloid_history"}, VISIT) is None


def test_every_window_end_is_the_first_day_its_finding_stops():
    # The worst intake has a finding for every kind of window; check each day, not a search.
    stored = factories.worst_answers()
    sent = date(2026, 11, 20)
    result = assessed(stored, sent)
    windows = {(f["id"], f["concern"]): f for f in result["flags"] if "clears_on" in f}
    assert {key[0] for key in windows} >= {
        "recent_botulinum_toxin",
        "recent_filler",
        "recent_chemical_peel",
        "recent_laser",
        "recent_microneedling",
        "cancer_treatment_3_to_12_months",
        "retinoid_or_aha_recent",
    }
    last = max(date.fromisoformat(f["clears_on"]) for f in windows.values())
    ruleset = get_ruleset()
    day = sent
    while day <= last:
        raised = {
            (f["id"], f["concern"]): f
            for f in ruleset.assess(facts_from_answers(stored, day))["flags"]
        }
        for key, found in windows.items():
            inside = day < date.fromisoformat(found["clears_on"])
            assert (key in raised and raised[key]["severity"] == found["severity"]) is inside, (
                key,
                day,
            )
        day += timedelta(days=1)
