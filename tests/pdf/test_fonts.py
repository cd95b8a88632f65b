"""The shipped faces draw every character the rule set and the summary's own wording print."""

from fontTools.ttLib import TTFont

from intake.config import PROJECT_ROOT
from intake.pdf.fetcher import ASSET_DIR

LATIN_FACES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")


def _missing(text: str, face: str) -> set[str]:
    font = TTFont(ASSET_DIR / "fonts" / face)
    covered = set(font.getBestCmap())
    return {char for char in text if char != "\n" and ord(char) not in covered}


def test_latin_faces_cover_the_rule_files_and_the_template():
    # A character no shipped face has sends the renderer to whatever the server has
    # installed, or to a face shipped for one symbol (a 590 KB maths font once did this).
    template = PROJECT_ROOT / "templates" / "pdf" / "summary.html"
    paths = [*sorted((PROJECT_ROOT / "rules").glob("*.toml")), template]
    text = "".join(path.read_text(encoding="utf-8") for path in paths)
    for face in LATIN_FACES:
        assert _missing(text, face) == set(), face


def test_only_the_faces_the_stylesheet_uses_are_shipped():
    stylesheet = (ASSET_DIR / "summary.css").read_text(encoding="utf-8")
    shipped = {path.name for path in (ASSET_DIR / "fonts").glob("*.ttf")}
    assert shipped == {name for name in shipped if f"fonts/{name}" in stylesheet}
    assert len(shipped) == 6
