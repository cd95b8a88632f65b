"""The intake page's glance: who the client is and what was found, before any finding."""

import html
import re
from datetime import UTC, datetime

from tests.support import factories, pdftools


def _page(client, submission) -> str:
    response = client.get(f"/specialist/intakes/{submission.reference}")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _glance(page: str) -> str:
    return page[page.index('id="glance"') : page.index('id="findings"')]


def test_header_shows_who_the_client_is_and_how_to_reach_them_and_their_guardian(
    signed_in, db_session
):
    submission = factories.worst_submission(db_session)
    db_session.commit()
    glance = _glance(_page(signed_in, submission))
    assert "<h1>অনন্যা চক্রবর্তী (Ananya Chakraborty) अनन्या</h1>" in glance
    assert "<dt>Age</dt><dd>17</dd>" in glance
    assert "<dt>Sex</dt><dd>Female</dd>" in glance
    assert "<strong>Type VI</strong>" in glance
    assert "(“I never burn; my skin is naturally deep dark brown”)" in glance
    assert "<dt>Language</dt><dd>Bengali (বাংলা)</dd>" in glance
    assert '<a href="tel:+919830011111">+91 98300 11111</a>' in glance
    assert '<a href="https://wa.me/919830011111"' in glance
    assert "মিতা চক্রবর্তী (Mother (মা))" in glance
    assert '<a href="tel:+919830022222">+91 98300 22222</a>' in glance
    assert "Numbing cream or local anaesthetic, Nickel, Gold, Vitamin C serum;" in glance
    assert "I would like smoother skin" in glance  # the medicines as the client wrote them
    assert 'badge--not_suitable">Not suitable' in glance


def test_header_lists_every_finding_by_severity_linking_to_its_detail(signed_in, db_session):
    submission = factories.worst_submission(db_session)
    db_session.commit()
    page = _page(signed_in, submission)
    links = re.findall(r'<span class="badge badge--(\w+)">[^<]+</span> <a href="#([^"]+)">', page)
    flags = submission.latest_assessment.result["flags"]
    assert [severity for severity, _ in links] == [flag["severity"] for flag in flags]
    assert len(links) == len(flags) > 20
    for _, anchor in links:
        assert f'id="{anchor}"' in page


def test_allergies_read_none_or_not_answered(signed_in, db_session):
    typical = factories.typical_submission(db_session)
    answers = factories.typical_answers()
    del answers["skin_health"]["allergies"]
    unanswered = factories.make_submission(db_session, answers, reference="N0AL-LERG")
    db_session.commit()
    assert "<dt>Allergies</dt><dd>None</dd>" in _glance(_page(signed_in, typical))
    assert "<dt>Allergies</dt><dd>Not answered</dd>" in _glance(_page(signed_in, unanswered))


def _finding(page: str, title: str) -> str:
    start = page.index(f'<h4 class="finding__title">{title}')
    return page[start : page.index("</article>", start)]


def test_because_shows_only_the_answers_that_fired_the_rule_in_words(signed_in, db_session):
    answers = factories.typical_answers()
    answers["skin"]["pigmentation_type"] = "melasma"
    answers["health"]["hormonal_contraception"] = "yes"
    answers["medicines"].update(
        isotretinoin="now",
        procedures=["laser", "dermal_filler"],
        laser_date="2026-10-30",
        laser_kind="not_sure",
        dermal_filler_date="2025-12-20",
    )
    submission = factories.make_submission(db_session, answers, reference="M3LA-SMA1")
    db_session.commit()
    page = _page(signed_in, submission)
    txa = _finding(page, "Check before tranexamic acid for melasma")
    # The rule reads seven facts; only the contraception (with the melasma) fired it.
    assert re.findall(r"<li>([^<]+): <strong>", txa) == [
        "Hormonal contraception",
        "Pigmentation type for pigmentation",
    ]
    assert "Isotretinoin: <strong>still taking it</strong>" in _finding(page, "Isotretinoin")
    laser = _finding(page, "Recent laser or energy-device treatment")
    assert (
        "Laser: <strong>3 weeks ago, on 30 Oct 2026; not sure which kind "
        "(treated as ablative, the stricter window)</strong>" in laser
    )
    assert "filler" not in laser.lower()


def test_plan_names_only_the_adjuncts_that_fit_the_client(signed_in, db_session):
    shallow = factories.typical_answers()
    shallow["skin"].update(acne_scars_types=["boxcar_shallow"], acne_scars_main_type="")
    submission = factories.make_submission(db_session, shallow, reference="B0XC-AR01")
    db_session.commit()
    candidacy = _page(signed_in, submission).split('id="candidacy"')[1]
    assert "Combined chemical peel" in candidacy
    assert "Subcision for rolling scars" not in candidacy
    assert "TCA CROSS for ice pick scars" not in candidacy


def test_header_shows_the_visit_in_clinic_time_or_nothing_without_one(signed_in, db_session):
    with_visit = factories.typical_submission(db_session)
    without = factories.make_submission(
        db_session, factories.typical_answers(), reference="N0VI-SIT0"
    )
    db_session.commit()
    # 04:30 UTC is 10:00 in Kolkata, on the same day.
    factories.add_visit(db_session, with_visit, datetime(2026, 12, 3, 4, 30, tzinfo=UTC))
    when = "<strong>Thu 3 December 2026, 10:00</strong>"
    visit = f"<dt>Visit</dt><dd>{when} · Microneedling · Intake sent</dd>"
    assert visit in _glance(_page(signed_in, with_visit))
    assert "<dt>Visit</dt>" not in _glance(_page(signed_in, without))
    text = pdftools.squash(pdftools.text(signed_in.get(_pdf(with_visit)).data).split("\f")[0])
    assert pdftools.squash("Visit Thu 3 December 2026, 10:00 · Microneedling · Intake sent") in text
    assert "Visit" not in pdftools.text(signed_in.get(_pdf(without)).data).split("\f")[0]


def test_the_pdf_follows_a_changed_visit(signed_in, db_session):
    submission = factories.typical_submission(db_session)
    db_session.commit()
    visit = factories.add_visit(db_session, submission, datetime(2026, 12, 3, 4, 30, tzinfo=UTC))
    assert "Intake sent" in pdftools.text(signed_in.get(_pdf(submission)).data)
    visit.status = "cancelled"
    db_session.commit()
    assert "Cancelled" in pdftools.text(signed_in.get(_pdf(submission)).data)


def _pdf(submission) -> str:
    return f"/specialist/intakes/{submission.reference}/summary.pdf"


def test_a_not_sure_answer_shows_what_the_rules_assumed_on_the_page_and_in_the_pdf(
    signed_in, db_session
):
    answers = factories.typical_answers()
    answers["medicines"].update(
        procedures=["laser", "chemical_peel"],
        laser_date="2026-10-30",
        laser_kind="not_sure",
        chemical_peel_date="2026-10-01",
        chemical_peel_depth="not_sure",
    )
    submission = factories.make_submission(db_session, answers, reference="N0TS-URE1")
    db_session.commit()
    page = _page(signed_in, submission)
    shown = page[page.index('id="answers"') :]
    assert "I am not sure (treated as ablative, the stricter window)" in shown
    assert "I am not sure (treated as medium, the longer healing window)" in shown
    text = pdftools.squash(pdftools.text(signed_in.get(_pdf(submission)).data))
    for question, answer in [
        ("What was the laser treatment like?", "ablative, the stricter window"),
        ("How strong was the peel?", "medium, the longer healing window"),
    ]:
        assert pdftools.squash(f"{question} I am not sure (treated as {answer})") in text
