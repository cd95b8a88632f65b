"""Re-encode an uploaded photo: sniff its type, refuse what is unsafe, drop every metadata block."""

import hashlib
import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pillow_heif
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageCms, ImageFile, ImageOps

pillow_heif.register_heif_opener()

# Sniffed from the bytes, never from the name or the browser's Content-Type.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# The largest phone photos are 48-50 MP; anything bigger is refused before it is decoded, so a
# small file that would decode to gigabytes (a decompression bomb) never stalls a worker.
MAX_PIXELS = 50_000_000
LONGEST_SIDE = 2048
# Text a camera or editor writes is a few hundred bytes; more is a payload riding along.
MAX_TEXT_BYTES = 64 * 1024
JPEG_QUALITY = 85
MEDIA_TYPE = "image/jpeg"


class PhotoRefused(Exception):
    """An upload that is not a photo we can keep; ``message`` says why, in the client's words."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


NOT_A_PHOTO = _l("This file is not a photo. Choose a JPEG, PNG, HEIC or WebP photo.")
UNREADABLE = _l(
    "This photo could not be read. It may be damaged: take it again, or choose another."
)
HIDDEN_DATA = _l(
    "This photo carries a lot of hidden data besides the picture, so it cannot be kept. "
    "Take the photo again with the camera, or choose another."
)
TOO_LARGE = _l("This photo is too large. Choose a photo of at most 50 megapixels.")


@dataclass(frozen=True)
class CleanPhoto:
    """The re-encoded photo and what is stored about it."""

    content: bytes
    media_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def clean_photo(data: bytes) -> CleanPhoto:
    """Return the upload re-encoded as an sRGB JPEG without metadata; raise PhotoRefused."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own bomb limit and twice that: make it refuse.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except Image.UnidentifiedImageError as error:
        raise PhotoRefused(NOT_A_PHOTO) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRefused(TOO_LARGE) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoRefused(UNREADABLE) from error
    with image:
        if image.width * image.height > MAX_PIXELS:
            raise PhotoRefused(TOO_LARGE)
        try:
            with _truncation_refused():
                return _reencode(image)
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            # Truncated or corrupt data shows only when the pixels are decoded.
            raise PhotoRefused(UNREADABLE) from error


@contextmanager
def _truncation_refused() -> Iterator[None]:
    # WeasyPrint turns on Pillow's process-wide "fill in truncated images" when imported; a
    # half-sent photo must be refused, not kept half grey. Its renders read only our own
    # complete JPEGs, so a render overlapping this block loses nothing.
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _reencode(image: Image.Image) -> CleanPhoto:
    icc = image.info.get("icc_profile")
    # Shrink before turning upright: the decoder can skip detail (a JPEG decodes at a smaller
    # scale), and the turn then moves a quarter of the pixels.
    image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    if _text_bytes(image) > MAX_TEXT_BYTES:
        raise PhotoRefused(HIDDEN_DATA)
    rgb = _to_srgb(_flatten(ImageOps.exif_transpose(image)), icc)
    # A fresh image with no info: nothing of the original's EXIF, GPS, XMP or ICC is carried.
    bare = Image.new("RGB", rgb.size)
    bare.paste(rgb)
    out = io.BytesIO()
    bare.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return CleanPhoto(out.getvalue(), MEDIA_TYPE, bare.width, bare.height)


def _text_bytes(image: Image.Image) -> int:
    # PNG text chunks land in info as strings; a photo needs none, a hiding place needs many.
    return sum(len(value) for value in image.info.values() if isinstance(value, str))


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "L", "CMYK"):
        return image
    # Transparency becomes white, as on the page it would be shown on.
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            # A broken profile is dropped like any other metadata; the colours stay as stored.
            pass
    return image.convert("RGB")
