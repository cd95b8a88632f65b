"""Read a PDF the way the tests check it: poppler's command-line tools over a temporary file."""

import re
import subprocess
import tempfile
import zlib
from pathlib import Path


def _run(tool: list[str], pdf: bytes, *after: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summary.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(
            [*tool, str(path), *after], capture_output=True, text=True, check=True
        )
        return done.stdout


def text(pdf: bytes) -> str:
    """Return the text pdftotext reads, page after page (pages split by form feeds)."""
    return _run(["pdftotext", "-raw"], pdf, "-")


def squash(value: str) -> str:
    """Drop all whitespace, so text that wrapped or split across pages still compares."""
    return re.sub(r"\s+", "", value)


def info(pdf: bytes) -> dict[str, str]:
    """Return pdfinfo's fields."""
    lines = _run(["pdfinfo"], pdf).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def metadata(pdf: bytes) -> str:
    """Return the XMP metadata stream."""
    return _run(["pdfinfo", "-meta"], pdf)


def struct_text(pdf: bytes) -> str:
    """Return the structure tree (tags) with its text, in the order a screen reader follows."""
    return _run(["pdfinfo", "-struct-text"], pdf)


def fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """Return (font name without subset prefix, embedded) for each font pdffonts lists."""
    rows = _run(["pdffonts"], pdf).splitlines()[2:]
    listed = []
    for row in rows:
        parts = row.split()
        # Columns from the right: emb sub uni object-number generation.
        listed.append((parts[0].split("+", 1)[-1], parts[-5] == "yes"))
    return listed


def attachments(pdf: bytes) -> str:
    """Return pdfdetach's list of embedded files."""
    return _run(["pdfdetach", "-list"], pdf)


def catalog_language(pdf: bytes) -> str | None:
    """Return the document catalog's /Lang, looking inside compressed object streams too."""
    chunks = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode()
    return None
