"""Photos made in the test, like the ones phones produce, and files that only pretend to be."""

import io
import struct
import zlib

from PIL import Image, ImageCms

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
# A marker that must not survive cleaning, wherever the metadata block holding it sits.
SECRET = "Ballygunge-22.5N"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf'
    f'-syntax-ns#"><rdf:Description about="{SECRET}"/></rdf:RDF></x:xmpmeta>'
).encode()


def scene(width: int, height: int) -> Image.Image:
    """Return an RGB picture with detail, darker at the top than at the bottom."""
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (gradient, noise, Image.new("L", (width, height), 128)))


def phone_jpeg(width: int = 4000, height: int = 3000, orientation: int = 6) -> bytes:
    """Return a JPEG as a phone writes it: EXIF with GPS and maker, XMP, an ICC profile."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X " + SECRET  # Model
    exif[ORIENTATION] = orientation
    exif.get_ifd(EXIF_IFD)[0x927C] = b"MAKERNOTE" + SECRET.encode()  # MakerNote
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (22.0, 31.0, 12.0)
    gps[3] = "E"
    gps[4] = (88.0, 21.0, 36.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    scene(width, height).save(
        out, "JPEG", quality=80, exif=exif.tobytes(), xmp=XMP, icc_profile=icc
    )
    return out.getvalue()


def png(width: int = 64, height: int = 48, mode: str = "RGBA") -> bytes:
    """Return a small PNG."""
    out = io.BytesIO()
    Image.new(mode, (width, height), (200, 120, 90, 128)).save(out, "PNG")
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    scene(300, 200).save(out, "WEBP")
    return out.getvalue()


def heic() -> bytes:
    out = io.BytesIO()
    scene(300, 200).save(out, "HEIF")
    return out.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with_text(text_bytes: int) -> bytes:
    """Return a tiny PNG carrying a tEXt chunk of ``text_bytes`` bytes before its pixels."""
    plain = png(8, 8, "RGB")
    # Signature and IHDR (8 + 25 bytes), then the text, then the rest.
    head, rest = plain[:33], plain[33:]
    return head + _png_chunk(b"tEXt", b"Comment\0" + b"A" * text_bytes) + rest


def bomb_png(side: int = 60_000) -> bytes:
    """Return a small PNG whose header claims side x side pixels of one colour."""
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\0" + b"\0" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(200)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )
