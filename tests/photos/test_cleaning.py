"""Every photo is re-encoded without metadata; what is not a safe photo is refused, never a 500."""

import io

import pytest
from PIL import Image

from intake.photos.cleaning import LONGEST_SIDE, PhotoRefused, clean_photo
from tests.support import images


def _read_back(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def test_a_phone_photo_keeps_no_exif_gps_xmp_or_profile():
    original = images.phone_jpeg()
    assert images.SECRET.encode() in original  # the marker is there to be dropped

    clean = clean_photo(original)
    stored = _read_back(clean.content)

    assert stored.format == "JPEG"
    assert not stored.getexif()
    assert not stored.getexif().get_ifd(images.GPS_IFD)
    assert "exif" not in stored.info
    assert "xmp" not in stored.info
    assert "icc_profile" not in stored.info
    assert images.SECRET.encode() not in clean.content
    assert b"Exif" not in clean.content
    assert b"http://ns.adobe.com/xap" not in clean.content


def test_a_phone_photo_is_turned_upright_and_shrunk():
    # Orientation 6: the camera stored it on its side, landscape; it shows as portrait.
    clean = clean_photo(images.phone_jpeg(4000, 3000, orientation=6))
    assert (clean.width, clean.height) == (1536, 2048)
    assert (clean.width, clean.height) == _read_back(clean.content).size
    # The scene is dark at its top; turned clockwise, that edge is now on the right.
    upright = _read_back(clean.content).convert("L")
    assert upright.getpixel((clean.width - 5, clean.height // 2)) < upright.getpixel(
        (5, clean.height // 2)
    )


def test_a_small_photo_keeps_its_size():
    clean = clean_photo(images.phone_jpeg(800, 600, orientation=1))
    assert (clean.width, clean.height) == (800, 600)
    assert clean_photo(images.phone_jpeg(3000, 3000, 1)).width == LONGEST_SIDE


@pytest.mark.parametrize(
    "make", [images.png, images.webp, images.heic], ids=["png", "webp", "heic"]
)
def test_png_webp_and_heic_become_jpeg(make):
    clean = clean_photo(make())
    assert clean.media_type == "image/jpeg"
    assert _read_back(clean.content).format == "JPEG"
    assert len(clean.sha256) == 64


def _sixty_megapixels() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (9000, 6700)).save(out, "JPEG")
    return out.getvalue()


def _renamed_text() -> bytes:
    return b"Dear clinic, this is a text file renamed to photo.jpg\n" * 20


def _polyglot() -> bytes:
    # A document first, a valid JPEG after it: a browser or a PDF reader would see the first.
    return b"%PDF-1.4\n<script>alert(1)</script>\n" + images.phone_jpeg(40, 30)


REFUSED = {
    "decompression bomb": (images.bomb_png, "too large"),
    "60 megapixels": (_sixty_megapixels, "too large"),
    "truncated": (lambda: images.phone_jpeg(400, 300)[:9000], "could not be read"),
    "text renamed .jpg": (_renamed_text, "not a photo"),
    "PNG with a huge text chunk": (lambda: images.png_with_text(2_000_000), "hidden data"),
    "polyglot": (_polyglot, "not a photo"),
    "GIF": (lambda: b"GIF89a" + images.png()[6:], "not a photo"),
    "empty": (lambda: b"", "not a photo"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_unsafe_files_are_refused_with_a_reason(name):
    make, reason = REFUSED[name]
    with pytest.raises(PhotoRefused) as refused:
        clean_photo(make())
    assert reason in str(refused.value.message)


def test_a_truncated_photo_is_refused_even_where_weasyprint_fills_them_in():
    import weasyprint  # noqa: F401 (importing it sets Pillow's LOAD_TRUNCATED_IMAGES)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    with pytest.raises(PhotoRefused):
        clean_photo(images.phone_jpeg(400, 300)[:9000])
    assert ImageFile.LOAD_TRUNCATED_IMAGES


def test_a_payload_appended_to_a_real_jpeg_does_not_survive():
    payload = b"PK\x03\x04" + b"zip-payload" * 100
    clean = clean_photo(images.phone_jpeg(400, 300) + payload)
    assert b"zip-payload" not in clean.content
