"""The dashboard: urgent first, then visits to come, then newest; filters, search, pages."""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from intake.models import Appointment, DashboardSearch
from tests.support.bookings import book, post, visit_fields
from tests.support.factories import (
    add_visit,
    make_submission,
    reviewed_submission,
    typical_answers,
)
from tests.support.forms import page_token

BROWSER = {"Accept": "text/html"}
KOLKATA = ZoneInfo("Asia/Kolkata")


def _search(client, text: str, **filters):
    """Post the filter form as the page does and follow it; the URL never holds the text."""
    token = page_token(client, "/specialist/")
    posted = client.post(
        "/specialist/", data={"csrf_token": token, "q": text, **filters}, headers=BROWSER
    )
    assert posted.status_code == 303, posted.status_code
    assert "q=" not in posted.location
    return client.get(posted.location)


def _references(response) -> list[str]:
    return re.findall(
        r'class="reference-link" href="[^"]+">([^<]+)<', response.get_data(as_text=True)
    )


def test_lists_intakes_newest_first_with_their_summary(signed_in, db_session):
    older = reviewed_submission(db_session, full_name="Older Client", overall="suitable")
    newer = reviewed_submission(
        db_session, full_name="Newer Client", submitted_at=datetime.now(UTC), status="decided"
    )
    response = signed_in.get("/specialist/")
    assert response.status_code == 200
    assert _references(response) == [newer.reference, older.reference]
    html = response.get_data(as_text=True)
    assert "Newer Client" in html and "Acne scars, Skin texture" in html
    # Outcomes carry words as well as colour.
    assert '<span class="badge badge--suitable">Suitable</span>' in html
    assert (
        '<span class="badge badge--needs_specialist_review">Needs specialist review</span>' in html
    )
    assert "Decided" in html and ">New<" in html


def test_filters_by_outcome_status_and_concern(signed_in, db_session):
    a = reviewed_submission(db_session, overall="not_suitable", concerns=["pigmentation"])
    b = reviewed_submission(db_session, overall="suitable", status="decided", concerns=["wrinkles"])
    c = reviewed_submission(db_session, overall="suitable", concerns=["wrinkles", "texture"])
    assert _references(signed_in.get("/specialist/?outcome=not_suitable")) == [a.reference]
    assert _references(signed_in.get("/specialist/?outcome=suitable&status=new")) == [c.reference]
    assert _references(signed_in.get("/specialist/?concern=wrinkles")) == [b.reference, c.reference]
    assert _references(signed_in.get("/specialist/?concern=wrinkles&status=decided")) == [
        b.reference
    ]


def test_filters_by_date_range_in_clinic_days(signed_in, db_session):
    # 20:00 UTC on 1 March is already 2 March in Kolkata (UTC+5:30).
    late = reviewed_submission(db_session, submitted_at=datetime(2026, 3, 1, 20, 0, tzinfo=UTC))
    early = reviewed_submission(db_session, submitted_at=datetime(2026, 3, 1, 10, 0, tzinfo=UTC))
    reviewed_submission(db_session, submitted_at=datetime(2026, 3, 5, 10, 0, tzinfo=UTC))
    day_one = signed_in.get("/specialist/?submitted_from=2026-03-01&submitted_to=2026-03-01")
    assert _references(day_one) == [early.reference]
    day_two = signed_in.get("/specialist/?submitted_from=2026-03-02&submitted_to=2026-03-04")
    assert _references(day_two) == [late.reference]


def test_a_wrong_date_range_says_what_to_fix(signed_in, db_session):
    reviewed_submission(db_session)
    response = signed_in.get("/specialist/?submitted_from=2026-03-05&submitted_to=2026-03-01")
    assert response.status_code == 400
    assert "Choose an end date on or after the start date" in response.get_data(as_text=True)
    response = signed_in.get("/specialist/?submitted_from=yesterday")
    assert response.status_code == 400
    assert "Not a valid date value" in response.get_data(as_text=True)


def test_an_unknown_filter_value_is_refused(signed_in):
    response = signed_in.get("/specialist/?outcome=maybe")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_searches_names_by_their_start_in_any_case(signed_in, db_session):
    priya = reviewed_submission(db_session, full_name="Priya  Das")
    reviewed_submission(db_session, full_name="Ananya Priyadarshini")
    assert _references(_search(signed_in, "PRIYA")) == [priya.reference]
    assert _references(_search(signed_in, "priya d")) == [priya.reference]
    assert _references(_search(signed_in, "das")) == []


def test_the_browser_is_asked_not_to_remember_searched_names(signed_in):
    page = signed_in.get("/specialist/").text
    search = re.search(r'<input[^>]*name="q"[^>]*>', page).group(0)
    assert 'autocomplete="off"' in search


def test_a_searched_name_never_reaches_a_url(app, signed_in, db_session):
    app.config["DASHBOARD_PAGE_SIZE"] = 1
    start = datetime(2026, 5, 1, tzinfo=UTC)
    older, newer = (
        reviewed_submission(
            db_session, full_name="Priya Das", submitted_at=start + timedelta(hours=h)
        )
        for h in (1, 2)
    )
    reviewed_submission(db_session, full_name="Asha Roy", submitted_at=start + timedelta(hours=3))
    reviewed_submission(db_session, full_name="Priya Sen", overall="not_suitable")

    first = _search(signed_in, "priya das", outcome="needs_specialist_review")
    assert _references(first) == [newer.reference]
    html = first.get_data(as_text=True)
    # The box still shows the search; no link or address on the page carries it.
    assert 'value="priya das"' in html
    links = re.findall(r'(?:href|action)="([^"]*)"', html)
    assert not [link for link in links if "priya" in link.lower() or "q=" in link]
    older_link = re.search(r'href="([^"]+)">Older', html).group(1).replace("&amp;", "&")
    assert "search=1" in older_link and "outcome=needs_specialist_review" in older_link
    assert _references(signed_in.get(older_link)) == [older.reference]


def test_a_searched_name_never_reaches_the_session_cookie(app, signed_in, db_session):
    priya = reviewed_submission(db_session, full_name="Priya Das")
    reviewed_submission(db_session, full_name="Asha Roy")
    assert _references(_search(signed_in, "Priya Das")) == [priya.reference]
    cookie = signed_in.get_cookie(app.config["SESSION_COOKIE_NAME"])
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert "priya" not in repr(session).lower()
    assert len(session["dashboard_search"]) >= 40
    # The search ends when the specialist leaves it, and with it the stored text.
    signed_in.get("/specialist/")
    assert db_session.query(DashboardSearch).count() == 0


def test_a_name_typed_into_the_address_is_not_searched(signed_in, db_session):
    made = [reviewed_submission(db_session, full_name=name) for name in ("Priya Das", "Asha Roy")]
    assert sorted(_references(signed_in.get("/specialist/?q=Priya"))) == sorted(
        s.reference for s in made
    )


def test_leaving_the_search_forgets_it(signed_in, db_session):
    priya = reviewed_submission(db_session, full_name="Priya Das")
    asha = reviewed_submission(db_session, full_name="Asha Roy")
    assert _references(_search(signed_in, "asha")) == [asha.reference]
    # "Clear filters" and the menu link lead to the plain page, which drops the search ...
    assert len(_references(signed_in.get("/specialist/"))) == 2
    # ... so an old "search=1" link no longer narrows anything.
    shown = _references(signed_in.get("/specialist/?search=1"))
    assert sorted(shown) == sorted([priya.reference, asha.reference])
    # An empty search is no search.
    assert len(_references(_search(signed_in, "  "))) == 2


def test_a_wrong_filter_in_a_posted_search_is_explained_not_followed(signed_in, db_session):
    token = page_token(signed_in, "/specialist/")
    response = signed_in.post(
        "/specialist/",
        data={"csrf_token": token, "q": "priya", "submitted_from": "2026-05-02",
              "submitted_to": "2026-05-01"},
        headers=BROWSER,
    )  # fmt: skip
    assert response.status_code == 400
    assert "Choose an end date on or after the start date." in response.get_data(as_text=True)


def test_searches_names_in_other_scripts(signed_in, db_session):
    bengali = reviewed_submission(db_session, full_name="প্রিয়া দাস")
    assert _references(_search(signed_in, "প্রিয়া")) == [bengali.reference]


def test_finds_a_name_typed_with_invisible_characters_by_its_plain_spelling(signed_in, db_session):
    hidden = reviewed_submission(db_session, full_name="Pri\u200bya\u2060 D\u00adas")
    found = _search(signed_in, "priya das")
    assert _references(found) == [hidden.reference]
    # A name stored before cleaning existed is shown cleaned too.
    assert 'title="Priya Das">Priya Das</td>' in found.get_data(as_text=True)
    # And the other way round: a search pasted with a zero-width space finds the plain name.
    plain = reviewed_submission(db_session, full_name="Ananya Sen")
    assert _references(_search(signed_in, "Ana\u200bnya")) == [plain.reference]


def test_searches_references_however_typed(signed_in, db_session):
    target = reviewed_submission(db_session)
    reviewed_submission(db_session)
    compact = target.reference.replace("-", "")
    for typed in (target.reference, target.reference.lower(), compact, f" {compact.lower()} "):
        assert _references(_search(signed_in, typed)) == [target.reference], typed


def test_search_treats_wildcards_as_text(signed_in, db_session):
    reviewed_submission(db_session, full_name="Rina Sen")
    assert _references(_search(signed_in, "%")) == []
    assert _references(_search(signed_in, "_ina")) == []


def test_pages_through_older_and_newer_intakes_keeping_filters(app, signed_in, db_session):
    app.config["DASHBOARD_PAGE_SIZE"] = 2
    start = datetime(2026, 5, 1, tzinfo=UTC)
    made = [
        reviewed_submission(db_session, submitted_at=start + timedelta(hours=i), overall="suitable")
        for i in range(5)
    ]
    reviewed_submission(db_session, submitted_at=start, overall="not_suitable")
    newest_first = [s.reference for s in reversed(made)]

    first = signed_in.get("/specialist/?outcome=suitable")
    assert _references(first) == newest_first[:2]
    assert "← Newer" not in first.get_data(as_text=True)
    older = re.search(r'href="([^"]+)">Older', first.get_data(as_text=True)).group(1)
    second = signed_in.get(older.replace("&amp;", "&"))
    assert _references(second) == newest_first[2:4]
    older = re.search(r'href="([^"]+)">Older', second.get_data(as_text=True)).group(1)
    third = signed_in.get(older.replace("&amp;", "&"))
    assert _references(third) == newest_first[4:]
    assert "Older →" not in third.get_data(as_text=True)
    newer = re.search(r'href="([^"]+)">← Newer', third.get_data(as_text=True)).group(1)
    assert "outcome=suitable" in newer
    back = signed_in.get(newer.replace("&amp;", "&"))
    assert _references(back) == newest_first[2:4]


def test_intakes_submitted_in_the_same_instant_are_all_paged(app, signed_in, db_session):
    app.config["DASHBOARD_PAGE_SIZE"] = 2
    moment = datetime(2026, 6, 1, tzinfo=UTC)
    made = {reviewed_submission(db_session, submitted_at=moment).reference for _ in range(5)}
    seen, url = [], "/specialist/"
    while url:
        page = signed_in.get(url)
        seen += _references(page)
        link = re.search(r'href="([^"]+)">Older', page.get_data(as_text=True))
        url = link.group(1).replace("&amp;", "&") if link else None
    assert sorted(seen) == sorted(made)


def test_a_malformed_page_position_shows_the_first_page(signed_in, db_session):
    made = reviewed_submission(db_session)
    assert _references(signed_in.get("/specialist/?before=not-a-cursor")) == [made.reference]


def _in_clinic(days: int, hour: int) -> datetime:
    """Return a UTC moment ``days`` from today at ``hour`` o'clock in the clinic (Kolkata)."""
    today = datetime.now(KOLKATA).date() + timedelta(days=days)
    return datetime.combine(today, time(hour), tzinfo=KOLKATA).astimezone(UTC)


def _visits_and_not(db_session) -> list[str]:
    """Store intakes with and without visits; return their references in the expected order."""
    start = datetime(2026, 5, 1, tzinfo=UTC)
    made = {}
    for name, hours, overall in [
        ("urgent_old", 0, "not_suitable"),
        ("past_visit", 1, "suitable"),
        ("cancelled", 2, "suitable"),
        ("in_3_days", 3, "suitable"),
        ("tomorrow", 4, "suitable"),
        ("no_visit_newest", 5, "suitable"),
        ("later_today", 6, "suitable"),
    ]:
        made[name] = reviewed_submission(
            db_session, submitted_at=start + timedelta(hours=hours), overall=overall
        )
    add_visit(db_session, made["past_visit"], _in_clinic(-1, 10), status="arrived")
    add_visit(db_session, made["cancelled"], _in_clinic(1, 9), status="cancelled")
    add_visit(db_session, made["in_3_days"], _in_clinic(3, 9))
    add_visit(db_session, made["tomorrow"], _in_clinic(1, 11))
    add_visit(db_session, made["later_today"], _in_clinic(0, 23))
    order = ["urgent_old", "later_today", "tomorrow", "in_3_days", "no_visit_newest"]
    order += ["cancelled", "past_visit"]
    return [made[name].reference for name in order]


def test_intakes_with_a_visit_to_come_follow_the_urgent_ones_soonest_first(signed_in, db_session):
    expected = _visits_and_not(db_session)
    response = signed_in.get("/specialist/")
    assert _references(response) == expected
    rows = response.get_data(as_text=True).split('class="reference-link"')[1:]
    tomorrow = _in_clinic(1, 11).astimezone(KOLKATA).strftime("%-d %b, 11:00")
    assert f">{tomorrow}</time>" in rows[2]
    # A visit that will not happen is listed for what it was, and says so.
    assert "(cancelled)" in rows[5]
    assert "</time>" in rows[0] and "<time" not in rows[0].split("</td>")[5]


def test_pages_keep_the_visit_order_both_ways(app, signed_in, db_session):
    app.config["DASHBOARD_PAGE_SIZE"] = 2
    expected = _visits_and_not(db_session)
    pages, url = [], "/specialist/"
    while url:
        page = signed_in.get(url)
        pages.append(_references(page))
        link = re.search(r'href="([^"]+)">Older', page.get_data(as_text=True))
        url = link.group(1).replace("&amp;", "&") if link else None
    assert [ref for page in pages for ref in page] == expected
    newer = re.search(r'href="([^"]+)">← Newer', page.get_data(as_text=True)).group(1)
    back = []
    while newer:
        page = signed_in.get(newer.replace("&amp;", "&"))
        back.insert(0, _references(page))
        link = re.search(r'href="([^"]+)">← Newer', page.get_data(as_text=True))
        newer = link.group(1) if link else None
    assert back == pages[:-1]


def _three_intakes(db_session) -> dict:
    """Store three alike intakes sent in the last hours, oldest first, without visits; commit.

    Sent lately and assessed by the shipped rules, so that re-assessing one as of its visit
    in the next days leaves its urgency as it is: only the visit moves it.
    """
    start = datetime.now(UTC) - timedelta(hours=3)
    made = {
        name: make_submission(
            db_session,
            typical_answers(),
            reference=f"T90{hours}-000{hours}",
            submitted_at=start + timedelta(hours=hours),
        )
        for hours, name in enumerate(("first", "second", "newest"))
    }
    db_session.commit()
    return made


def _order(client, made: dict) -> list[str]:
    names = {submission.reference: name for name, submission in made.items()}
    return [names[reference] for reference in _references(client.get("/specialist/"))]


def test_moving_a_visit_moves_its_intake_in_the_order(signed_in, db_session):
    made = _three_intakes(db_session)
    add_visit(db_session, made["first"], _in_clinic(2, 10))
    visit = add_visit(db_session, made["second"], _in_clinic(3, 10))
    assert _order(signed_in, made) == ["first", "second", "newest"]

    edit = f"/specialist/visits/{visit.id}"
    tomorrow = (datetime.now(KOLKATA).date() + timedelta(days=1)).isoformat()
    moved = post(signed_in, edit, visit_fields(day=tomorrow, at="09:00"), edit)
    assert moved.status_code == 303
    assert _order(signed_in, made) == ["second", "first", "newest"]


def test_a_cancelled_or_missed_visit_no_longer_puts_its_intake_first(signed_in, db_session):
    made = _three_intakes(db_session)
    add_visit(db_session, made["first"], _in_clinic(1, 10))
    visit = add_visit(db_session, made["second"], _in_clinic(0, 23))
    assert _order(signed_in, made) == ["second", "first", "newest"]

    mark = f"/specialist/visits/{visit.id}/mark"
    edit = f"/specialist/visits/{visit.id}"
    assert post(signed_in, mark, {"status": "no_show"}, edit).status_code == 303
    assert _order(signed_in, made) == ["first", "newest", "second"]
    assert post(signed_in, mark, {"status": "arrived"}, edit).status_code == 303
    assert _order(signed_in, made) == ["second", "first", "newest"]

    cancel = f"/specialist/visits/{visit.id}/cancel"
    assert post(signed_in, cancel, {}, edit).status_code == 303
    assert _order(signed_in, made) == ["first", "newest", "second"]


def test_attaching_an_intake_to_a_visit_puts_it_with_the_visits_to_come(signed_in, db_session):
    made = _three_intakes(db_session)
    assert _order(signed_in, made) == ["newest", "second", "first"]

    assert book(signed_in).status_code == 303
    visit = db_session.scalars(select(Appointment)).one()
    attach = f"/specialist/visits/{visit.id}/attach"
    attached = post(signed_in, attach, {"reference": made["first"].reference}, attach[:-7])
    assert attached.status_code == 303
    assert _order(signed_in, made) == ["first", "newest", "second"]
