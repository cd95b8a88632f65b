"""Fill in the summary template in the app process; the render child makes the PDF of it."""

import functools
import hashlib

from flask import current_app, render_template

from intake.config import PROJECT_ROOT
from intake.pdf.assets import ASSET_DIR, STYLESHEET_PATH
from intake.pdf.render_process import renderer

TEMPLATE = "pdf/summary.html"
TEMPLATE_PATH = PROJECT_ROOT / "templates" / TEMPLATE


@functools.cache
def asset_version() -> str:
    """Fingerprint the template, stylesheet and fonts, so a new look renders anew."""
    digest = hashlib.sha256()
    for path in [TEMPLATE_PATH, STYLESHEET_PATH, *sorted(ASSET_DIR.glob("fonts/*.ttf"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def render_summary_pdf(context: dict) -> bytes:
    """Render the summary template (autoescaped) with ``context`` to PDF bytes, in the child.

    The child's fetcher is handed the photos in ``context["photo_files"]`` (private URL to
    bytes): the only images it can reach.
    """
    html = render_template(TEMPLATE, **context)
    timeout = current_app.config["PDF_RENDER_TIMEOUT_SECONDS"]
    return renderer().render(html, timeout, context.get("photo_files") or {})
