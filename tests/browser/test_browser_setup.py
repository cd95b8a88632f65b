"""The browser setup itself: loopback keeps Secure cookies, and axe really finds violations."""

from flask import session


def test_chromium_keeps_secure_session_cookie_on_loopback(app, browsing):
    # The app sets Secure cookies; over plain HTTP only a "potentially trustworthy" origin such
    # as 127.0.0.1 may keep them, which is what lets the browser tests run without TLS.
    assert app.config["SESSION_COOKIE_SECURE"] is True

    def remember():
        session["seen"] = session.get("seen", 0) + 1
        return str(session["seen"])

    app.add_url_rule("/test-remember", view_func=remember)
    page = browsing.new_page()
    page.goto("/test-remember")
    page.goto("/test-remember")
    assert page.inner_text("body") == "2"


def test_error_page_has_no_accessibility_violations(browsing):
    page = browsing.new_page()
    response = page.goto("/no-such-page")
    assert response.status == 404
    browsing.check(page, "not-found")


def test_axe_reports_a_real_violation(browsing):
    page = browsing.new_page()
    page.goto("/no-such-page")
    # An image without a text alternative: axe must catch it, or the checks above prove nothing.
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    try:
        browsing.assert_accessible(page, "broken on purpose")
    except AssertionError as error:
        assert "image-alt" in str(error)
    else:
        raise AssertionError("axe did not report an image without alt text")


def test_content_security_policy_refusal_fails_the_test(browsing):
    page = browsing.new_page()
    page.goto("/no-such-page")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.ran") is None
    assert any("Content Security Policy" in problem for problem in browsing.problems)
    browsing.problems.clear()
