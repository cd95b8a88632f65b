"""Turn the summary's context into PDF bytes with WeasyPrint, fetching only our own assets."""

import functools
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from flask import render_template
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from intake.config import PROJECT_ROOT
from intake.pdf.fetcher import ASSET_DIR, AssetFetcher, asset_url

TEMPLATE = "pdf/summary.html"
TEMPLATE_PATH = PROJECT_ROOT / "templates" / TEMPLATE
STYLESHEET_PATH = ASSET_DIR / "summary.css"
# Relative URLs in the document resolve against nothing the fetcher would serve.
BASE_URL = asset_url("summary.html")


@functools.cache
def _resources() -> tuple[FontConfiguration, CSS]:
    """Load the fonts and parse the stylesheet once per process; every render reuses them."""
    font_config = FontConfiguration()
    stylesheet = CSS(
        string=STYLESHEET_PATH.read_text(encoding="utf-8"),
        base_url=BASE_URL,
        url_fetcher=AssetFetcher(),
        font_config=font_config,
    )
    return font_config, stylesheet


@functools.cache
def asset_version() -> str:
    """Fingerprint the template, stylesheet and fonts, so a new look renders anew."""
    digest = hashlib.sha256()
    for path in [TEMPLATE_PATH, STYLESHEET_PATH, *sorted(ASSET_DIR.glob("fonts/*.ttf"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector for the duration of one render."""
    # A render allocates hundreds of thousands of short-lived objects, which sets off
    # collections that walk the whole long-lived heap of the app (a tenth of the render's
    # time). Its garbage is collected as usual once the collector runs again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_html(html: str, fetcher: AssetFetcher | None = None) -> bytes:
    """Render HTML to a tagged PDF/UA-1 document; any fetch goes through ``fetcher``."""
    font_config, stylesheet = _resources()
    with _collector_paused():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or AssetFetcher())
        return document.write_pdf(
            pdf_variant="pdf/ua-1",
            font_config=font_config,
            stylesheets=[stylesheet],
        )


def render_summary_pdf(context: dict, fetcher: AssetFetcher | None = None) -> bytes:
    """Render the summary template (autoescaped) with ``context`` to PDF bytes.

    The fetcher serves the photos in ``context["photo_files"]`` (private URL to bytes) too.
    """
    fetcher = fetcher or AssetFetcher(context.get("photo_files"))
    return render_html(render_template(TEMPLATE, **context), fetcher)
