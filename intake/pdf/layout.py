"""Lay out the summary's HTML as a tagged PDF with WeasyPrint, fetching only our own assets.

Only the render child imports this module (see render_process): the app process never
loads WeasyPrint's native libraries, whose crashes are the child's alone.
"""

import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from intake.pdf.assets import STYLESHEET_PATH, asset_url
from intake.pdf.fetcher import AssetFetcher

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
