"""How the journey ends: what happens next, the clinic's contact details, and aftercare."""

from html import unescape

import pytest

from tests.support.client_journey import clinic_today
from tests.support.factories import full_answers
from tests.support.page_text import visible_text

CLINIC = {
    "CLINIC_PHONE": "+91 33 4000 1234",
    "CLINIC_WHATSAPP": "+91 98300 12345",
    "CLINIC_ADDRESS": {"en": "12 Park Street, Kolkata 700016", "bn": "১২ পার্ক স্ট্রিট, কলকাতা"},
    "CLINIC_HOURS": "Mon-Sat 10:00-19:00",
}


def _sent(intake) -> str:
    intake.submit(full_answers(clinic_today()))
    return unescape(intake.client.get("/intake/done").text)


def test_the_confirmation_says_what_happens_next_and_how_to_reach_the_clinic(app, intake):
    app.config.update(CLINIC)
    page = _sent(intake)
    assert "The clinic will call or message you to confirm the day and time of your visit." in page
    assert '<a class="contact__link" href="tel:+913340001234">' in page
    assert "Call the clinic: +91 33 4000 1234" in page
    assert 'href="https://wa.me/919830012345"' in page
    assert "12 Park Street, Kolkata 700016" in page
    assert "Opening hours: Mon-Sat 10:00-19:00" in page
    # Said once, in the page: the footer does not repeat it here.
    assert page.count("tel:+913340001234") == 1


def test_the_confirmation_gives_the_aftercare(intake):
    page = _sent(intake)
    for advice in (
        "like a mild sunburn. This is normal and settles within a few days",
        "Ordinary pain relief from a pharmacy can help if you need it.",
        "Protect your skin from the sun every day with sunscreen and shade",
        "No make-up for about a day. Pause retinoid, acid and vitamin C products",
        "Call the clinic straight away if the pain gets worse, or you see pus",
    ):
        assert advice in page


def test_nothing_about_contact_is_shown_when_the_clinic_has_set_none(intake):
    page = _sent(intake)
    assert "tel:" not in page and "wa.me" not in page
    assert "contact the clinic:" not in page
    assert 'class="site-footer"' not in intake.client.get("/").text


def test_every_client_page_has_the_contact_footer_but_the_specialist_side_does_not(
    app, client, intake
):
    app.config.update(CLINIC_PHONE="+91 33 4000 1234")
    intake.start()
    for url in ("/", "/intake/about"):
        footer = client.get(url).text.split('<footer class="site-footer">', 1)[1]
        assert 'href="tel:+913340001234"' in footer
    assert "site-footer" not in client.get("/specialist/sign-in").text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("bn", ("এরপর কী হবে", "ট্রিটমেন্টের পরে", "১২ পার্ক স্ট্রিট, কলকাতা", "২ থেকে ৩ দিন")),
        ("hi", ("आगे क्या होगा", "ट्रीटमेंट के बाद", "12 Park Street", "२ से ३ दिन")),
    ],
)
def test_the_confirmation_reads_in_the_clients_language(app, intake, language, words):
    app.config.update(CLINIC)
    intake.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    page = visible_text(_sent(intake))
    for word in words:
        assert word in page
