"""Uploaded photographs: checks by content and the reduced public copy and thumbnail. Pure (Pillow only).

An upload is accepted when its bytes are a JPEG or PNG image (whatever its name says), no larger
than the contest's size limit, with a long edge of at least the contest's minimum and no more pixels
than ``MAX_PIXELS`` (checked from the header, before anything is decoded: a small file can declare a
huge image, a decompression bomb). Pillow's own DecompressionBombError (and its warning, when
warnings are errors) becomes the same refusal. The public copy and the thumbnail are re-encoded
JPEGs with the orientation applied and no metadata at all (no EXIF, so no GPS; no XMP, no comment);
only the colour profile is kept.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from common.errors import N_, Invalid

#: formats accepted, as Pillow names them, with their media types and file name endings
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png"}
#: at most 80 megapixels (full-frame and most medium-format cameras; about 240 MB once decoded);
#: below Pillow's own warning level (89.5 MP) so this check speaks first
MAX_PIXELS = 80_000_000
PUBLIC_EDGE = 1600
THUMB_EDGE = 400
_ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height
_ORIENTATION = 0x0112


@dataclass(frozen=True)
class FileRules:
    """What a contest accepts: bytes per file, the minimum long edge in pixels, the pixel ceiling."""

    max_bytes: int
    min_long_edge: int
    max_pixels: int = MAX_PIXELS


@dataclass(frozen=True)
class Photo:
    """A checked upload and its derived copies (JPEG bytes); width and height as displayed."""

    format: str
    width: int
    height: int
    size_bytes: int
    sha256: str
    public: bytes
    thumb: bytes


def file_rules(settings: dict) -> FileRules:
    """The file rules of a photography contest's settings."""
    return FileRules(max_bytes=int(settings["max_file_mb"]) * 1024 * 1024,
                     min_long_edge=int(settings["min_long_edge_px"]))


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


def process(data: bytes, rules: FileRules, name: str = "", path: str = "files") -> Photo:
    """Check one upload and make its public copy and thumbnail; Invalid on ``path`` when it is refused."""
    if not data:
        raise Invalid.one(path, N_("%(name)s is empty."), name=name)
    if len(data) > rules.max_bytes:
        raise Invalid.one(path, N_("%(name)s is larger than the %(max)s MB accepted per file."),
                          name=name, max=_mb(rules.max_bytes))
    image = _open(data, rules, name, path)
    width, height = image.size
    if max(width, height) < rules.min_long_edge:
        raise Invalid.one(path, N_("%(name)s is %(width)s × %(height)s px; its long edge must be at least "
                                   "%(min)s px."), name=name, width=width, height=height, min=rules.min_long_edge)
    try:
        orientation = image.getexif().get(_ORIENTATION, 1)
    except Exception:  # noqa: BLE001 (a damaged EXIF block is only metadata: ignore it)
        orientation = 1
    if orientation in _ROTATED:
        width, height = height, width
    public = _decode(image, name, path)
    return Photo(format=_format(image), width=width, height=height, size_bytes=len(data),
                 sha256=hashlib.sha256(data).hexdigest(), public=_jpeg(public, PUBLIC_EDGE, 85),
                 thumb=_jpeg(public, THUMB_EDGE, 80))


def _open(data: bytes, rules: FileRules, name: str, path: str) -> Image.Image:
    """Read the header only: the format by content and the declared size, refusing decompression bombs."""
    not_image = N_("%(name)s is not a JPEG or PNG image (its content was checked, not its name).")
    try:
        image = Image.open(io.BytesIO(data), formats=tuple(MEDIA_TYPES))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Invalid.one(path, N_("%(name)s declares more pixels than can be opened safely (a decompression "
                                   "bomb?); at most %(max)s are accepted."), name=name, max=rules.max_pixels) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise Invalid.one(path, not_image, name=name) from None
    width, height = image.size
    if width * height > rules.max_pixels:
        raise Invalid.one(path, N_("%(name)s declares %(pixels)s pixels, more than the %(max)s accepted "
                                   "(a decompression bomb?)."), name=name, pixels=width * height, max=rules.max_pixels)
    if width < 1 or height < 1 or _format(image) not in MEDIA_TYPES:
        raise Invalid.one(path, not_image, name=name)
    return image


def _format(image: Image.Image) -> str:
    """"JPEG" or "PNG"; a multi-picture JPEG (MPO, written by many cameras) is a JPEG."""
    return "JPEG" if image.format == "MPO" else str(image.format)


def _decode(image: Image.Image, name: str, path: str) -> Image.Image:
    """Decode the whole image (a damaged file is refused here), upright, as plain RGB without metadata."""
    try:
        if _format(image) == "JPEG":
            image.draft("RGB", (PUBLIC_EDGE, PUBLIC_EDGE))  # decode at a reduced scale: faster, less memory
        image.load()
        upright = ImageOps.exif_transpose(image)
        rgb = _rgb(upright)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, OSError, SyntaxError, ValueError,
            EOFError, MemoryError):
        raise Invalid.one(path, N_("%(name)s is damaged or truncated and cannot be read."), name=name) from None
    icc = image.info.get("icc_profile")
    rgb.info = {"icc_profile": icc} if icc else {}
    return rgb


def _rgb(image: Image.Image) -> Image.Image:
    """The image as RGB: transparency over white, 16-bit greys scaled down, palettes and CMYK converted."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
    return image.convert("RGB")


def _jpeg(image: Image.Image, edge: int, quality: int) -> bytes:
    """A JPEG of ``image`` reduced to ``edge`` px on its long side (never enlarged), without metadata."""
    copy = image.copy()
    copy.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    icc = image.info.get("icc_profile")
    copy.save(out, "JPEG", quality=quality, optimize=True, progressive=True, exif=b"",
              **({"icc_profile": icc} if icc else {}))
    return out.getvalue()
