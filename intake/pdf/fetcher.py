"""The only way the PDF renderer reaches a resource: the app's own files, and photos it chose."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from intake.pdf.assets import ASSET_DIR, asset_url

log = logging.getLogger(__name__)

mimetypes.add_type("font/ttf", ".ttf")


class RefusedFetch(FatalURLFetchingError):
    """A URL outside the allowlist; fatal, so a document that asks for one is never produced."""


def _allowlist() -> dict[str, Path]:
    files = [*ASSET_DIR.glob("*.css"), *ASSET_DIR.glob("fonts/*.ttf")]
    return {asset_url(path.relative_to(ASSET_DIR).as_posix()): path for path in files}


def _without_query(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparseable URL)"
    return parts._replace(query="", fragment="").geturl()


class AssetFetcher(URLFetcher):
    """Serve the allowlisted PDF assets; refuse every other URL and remember what was asked.

    ``photos`` maps photo_url(id) to the JPEG bytes the caller loaded for this render: the
    renderer can reach a photo only by an id the app put there, never by a URL in the HTML
    alone (no data: URI, no file path, no network).
    """

    def __init__(self, photos: dict[str, bytes] | None = None):
        # Fatal errors: a missing font or stylesheet must fail the render, not degrade it.
        super().__init__(allow_redirects=False, fail_on_errors=True)
        self.allowed = _allowlist()
        self.photos = dict(photos or {})
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url in self.photos:
            self.served.append(url)
            return URLFetcherResponse(url, self.photos[url], {"Content-Type": "image/jpeg"})
        path = self.allowed.get(url)
        if path is None:
            # Client text is in the HTML this fetcher serves; should escaping ever fail, a URL
            # it smuggled in must neither be fetched nor reach the logs: they get its scheme.
            shown = _without_query(url)
            self.refused.append(shown)
            log.warning("pdf asset refused (scheme %r)", urlsplit(url).scheme)
            raise RefusedFetch(f"refused {shown}")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
