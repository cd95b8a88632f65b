"""The PDF's own files under static/pdf/, and the private URLs the renderer reaches them by."""

from intake.config import PROJECT_ROOT

ASSET_DIR = PROJECT_ROOT / "static" / "pdf"
STYLESHEET_PATH = ASSET_DIR / "summary.css"
# A scheme of our own: no handler anywhere in the stack knows it, so nothing can resolve it
# to the network or the file system except the fetcher's lookup.
SCHEME = "intake-pdf"


def asset_url(relative: str) -> str:
    """Return the private URL of a file under static/pdf/."""
    return f"{SCHEME}:{relative}"


def photo_url(photo_id: int) -> str:
    """Return the private URL under which a render is handed one photo's bytes."""
    return asset_url(f"photo/{photo_id}")
