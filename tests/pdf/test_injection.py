"""Whatever a client types prints as text: no markup, no fetch outside the allowlist, no files."""

import logging

import pytest

from intake.pdf import layout
from intake.pdf.fetcher import AssetFetcher, RefusedFetch, asset_url
from intake.pdf.render_process import RenderFailed, renderer
from intake.pdf.summary import summary_pdf
from tests.support import factories, pdftools

PAYLOADS = [
    '<link rel=attachment href="file:///etc/passwd">',
    '<img src="http://127.0.0.1:9/x">',
    "<style>@import url(file:///etc/hostname)</style>",
    "</td></tr></table><h1>",
]
HOSTILE = " ".join(PAYLOADS)


@pytest.fixture
def hostile(db):
    """A submission with the payloads in every free-text answer, the name and the decision."""
    submission = factories.typical_submission(db, free_text=HOSTILE)
    submission.full_name = HOSTILE
    factories.add_decision(
        db, submission, factories.make_specialist(db), reason=HOSTILE, notes=HOSTILE
    )
    db.commit()
    return submission


def test_payloads_print_as_literal_text(db, hostile, caplog):
    caplog.set_level(logging.WARNING)
    pdf = summary_pdf(db, hostile)

    text = pdftools.text(pdf)
    flat = pdftools.squash(text)
    # Eight typed answers among the answers, the name, allergies and medicines on page 1,
    # the decision's reason and notes: each shows all four payloads.
    for payload in PAYLOADS:
        assert flat.count(pdftools.squash(payload)) >= 8 + 3 + 2
    # The markup did not take effect: the tags print, and the document's tables stay whole.
    assert text.count("</td></tr></table><h1>") >= 1
    assert pdftools.attachments(pdf).strip() == "0 embedded files"
    # A refused fetch stops the render, so a PDF means nothing tried to reach anything else;
    # the render child's warnings are logged by the app too, and there were none.
    assert "pdf asset refused" not in caplog.text


def test_the_render_child_fetches_through_the_allowlist(app, caplog):
    html = '<html lang="en"><title>t</title><p>Before</p><img src="file:///etc/hostname">'
    with pytest.raises(RenderFailed) as failed:
        renderer().render(html, timeout=60)
    assert failed.value.kind == "RefusedFetch"
    # The child's warning reaches the app's log, with the scheme and not the path.
    assert "pdf asset refused (scheme 'file')" in caplog.text
    assert "hostname" not in caplog.text


def test_no_embedded_files(db, hostile):
    listing = pdftools.attachments(summary_pdf(db, hostile))
    assert listing.strip() == "0 embedded files"


@pytest.mark.parametrize(
    ("markup", "refused"),
    [
        ('<link rel=attachment href="file:///etc/passwd">', "file:///etc/passwd"),
        ('<img src="http://127.0.0.1:9/x">', "http://127.0.0.1:9/x"),
        ("<style>@import url(file:///etc/hostname)</style>", "file:///etc/hostname"),
        ('<img src="x.png">', "x.png"),
        (f'<img src="{asset_url("../../intake/config.py")}">', "intake-pdf:../../intake/config.py"),
    ],
)
def test_unescaped_markup_cannot_fetch_anything(app, markup, refused, caplog):
    # Should escaping ever fail, the fetcher still stands between the HTML and the world.
    fetcher = AssetFetcher()
    html = f'<html lang="en"><title>t</title><body><p>Before</p>{markup}<p>After</p></body></html>'
    with pytest.raises(RefusedFetch):
        layout.render_html(html, fetcher)
    assert fetcher.refused == [refused]
    assert "pdf asset refused" in caplog.text
    assert refused.split(":")[-1].strip("/.") not in caplog.text


def test_refusal_log_leaves_out_the_query(app, caplog):
    fetcher = AssetFetcher()
    html = '<html lang="en"><title>t</title><img src="http://127.0.0.1:9/x?name=Priya+Sen#dob">'
    with pytest.raises(RefusedFetch):
        layout.render_html(html, fetcher)
    assert fetcher.refused == ["http://127.0.0.1:9/x"]
    assert "Priya" not in caplog.text and "dob" not in caplog.text
    assert "127.0.0.1" not in caplog.text


def test_fetcher_serves_only_the_shipped_assets():
    fetcher = AssetFetcher()
    font = fetcher.fetch(asset_url("fonts/NotoSansBengali-Regular.ttf"))
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch(asset_url("summary.css")).read().startswith(b"/*")
    stylesheet = layout.STYLESHEET_PATH.resolve().as_uri()
    for url in (
        stylesheet,
        asset_url("fonts/OFL.txt"),
        asset_url("fonts/../summary.css"),
        "data:text/css,body{}",
    ):
        with pytest.raises(RefusedFetch):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4
