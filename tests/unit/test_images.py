"""Uploaded photographs: format by content, size and edge limits, decompression bombs, clean public copies."""
import io
import struct
import warnings
import zlib

import pytest
from PIL import Image

from common.errors import Invalid
from registrations.images import MAX_PIXELS, FileRules, file_rules, process

RULES = FileRules(max_bytes=5 * 1024 * 1024, min_long_edge=600)
GPS_IFD, ORIENTATION = 0x8825, 0x0112


def jpeg(width=800, height=600, colour=(200, 40, 40), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", **save)
    return out.getvalue()


def png(width=800, height=600, mode="RGB", colour=(20, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), colour).save(out, "PNG")
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(width: int, height: int) -> bytes:
    """A real 1-bit PNG of ``width`` x ``height`` black pixels: megabytes of pixels in a small file."""
    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", data) + png_chunk(b"IEND", b"")


def refusal(data: bytes, rules=RULES, name="photo.jpg") -> str:
    with pytest.raises(Invalid) as caught:
        process(data, rules, name, "files.0")
    assert list(caught.value.errors) == ["files.0"]
    return caught.value.errors["files.0"][0].render()


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "Camera maker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (43.0, 52.0, 30.0), 3: "E", 4: (125.0, 19.0, 0.0)})
    return exif


def test_a_jpeg_is_accepted_with_its_size_format_and_hash():
    data = jpeg(800, 600)
    photo = process(data, RULES, "a.jpg")
    assert (photo.format, photo.width, photo.height, photo.size_bytes) == ("JPEG", 800, 600, len(data))
    assert len(photo.sha256) == 64 and photo.sha256 == __import__("hashlib").sha256(data).hexdigest()


def test_a_png_is_accepted_and_its_copies_are_jpegs_with_transparency_on_white():
    photo = process(png(800, 600, "RGBA", (0, 0, 0, 0)), RULES, "a.png")
    assert photo.format == "PNG"
    public = Image.open(io.BytesIO(photo.public))
    assert public.format == "JPEG" and public.mode == "RGB" and public.size == (800, 600)
    assert all(c > 245 for c in public.getpixel((10, 10)))


def test_the_format_comes_from_the_content_not_the_name():
    assert process(png(), RULES, "named-like-a.jpg").format == "PNG"
    assert process(jpeg(), RULES, "named-like-a.png").format == "JPEG"


def test_an_html_file_renamed_jpg_is_refused():
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    assert refusal(html, name="photo.jpg") == (
        "photo.jpg is not a JPEG or PNG image (its content was checked, not its name).")


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "WEBP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    out = io.BytesIO()
    Image.new("RGB", (800, 600)).save(out, fmt)
    assert "is not a JPEG or PNG image" in refusal(out.getvalue())


def test_a_real_decompression_bomb_png_is_refused_before_decoding():
    data = bomb_png(30000, 30000)  # 900 million pixels in a file of about 100 KB
    assert len(data) < 200_000
    message = refusal(data, FileRules(max_bytes=len(data) + 1, min_long_edge=0), name="bomb.png")
    assert message.startswith("bomb.png declares more pixels than can be opened safely (a decompression bomb?)")


def test_the_explicit_pixel_limit_refuses_what_pillow_would_open():
    data = bomb_png(2000, 1500)  # 3 MP, far below Pillow's own limit
    message = refusal(data, FileRules(max_bytes=10**6, min_long_edge=0, max_pixels=2_000_000), name="big.png")
    assert message == "big.png declares 3000000 pixels, more than the 2000000 accepted (a decompression bomb?)."
    assert process(data, FileRules(max_bytes=10**6, min_long_edge=0)).width == 2000


def test_pillows_bomb_warning_is_a_refusal_whether_or_not_warnings_are_errors():
    data = bomb_png(10000, 10000)  # 100 MP: above our limit and Pillow's warning level
    rules = FileRules(max_bytes=10**7, min_long_edge=0)
    with pytest.warns(Image.DecompressionBombWarning):
        assert f"more than the {MAX_PIXELS} accepted" in refusal(data, rules)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "more pixels than can be opened safely" in refusal(data, rules)


def test_a_long_edge_below_the_minimum_is_refused_with_the_sizes():
    assert refusal(jpeg(599, 400), name="小图.jpg") == "小图.jpg is 599 × 400 px; its long edge must be at least 600 px."
    assert process(jpeg(400, 600), RULES).height == 600  # the long edge may be the height


def test_files_over_the_size_limit_and_empty_files_are_refused():
    data = jpeg(800, 600, quality=100)
    assert refusal(data, FileRules(max_bytes=len(data) - 1, min_long_edge=0)).endswith("MB accepted per file.")
    assert refusal(b"") == "photo.jpg is empty."


def test_a_truncated_jpeg_is_refused_as_damaged():
    data = jpeg(1200, 900, quality=95)
    assert refusal(data[: len(data) // 2]) == "photo.jpg is damaged or truncated and cannot be read."


def test_the_public_copy_has_no_exif_gps_and_is_upright():
    data = jpeg(800, 600, exif=exif_with_gps(orientation=6))
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the original has GPS
    photo = process(data, RULES)
    assert (photo.width, photo.height) == (600, 800)  # orientation 6: displayed turned a quarter
    for copy in (photo.public, photo.thumb):
        image = Image.open(io.BytesIO(copy))
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD) and GPS_IFD not in exif and len(exif) == 0
        assert image.height > image.width
        assert "xmp" not in image.info and "comment" not in image.info


def test_comments_and_xmp_do_not_reach_the_public_copy():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>43,52N</exif:GPSLatitude></x:xmpmeta>'
    data = jpeg(800, 600, comment=b"taken at home, 12 Renmin St", xmp=xmp)
    assert Image.open(io.BytesIO(data)).info.get("comment")
    public = process(data, RULES).public
    assert b"Renmin" not in public and b"GPSLatitude" not in public


def test_copies_are_reduced_to_1600_and_400_px_and_never_enlarged():
    photo = process(jpeg(4000, 3000), FileRules(max_bytes=10**7, min_long_edge=3000))
    assert Image.open(io.BytesIO(photo.public)).size == (1600, 1200)
    assert Image.open(io.BytesIO(photo.thumb)).size == (400, 300)
    small = process(jpeg(800, 600), RULES)
    assert Image.open(io.BytesIO(small.public)).size == (800, 600)


def test_sixteen_bit_greys_and_cmyk_become_sensible_rgb():
    grey = io.BytesIO()
    Image.new("I;16", (800, 600), 32768).save(grey, "PNG")
    pixel = Image.open(io.BytesIO(process(grey.getvalue(), RULES).public)).getpixel((5, 5))
    assert all(120 <= c <= 136 for c in pixel)
    cmyk = io.BytesIO()
    Image.new("CMYK", (800, 600), (0, 255, 255, 0)).save(cmyk, "JPEG")
    red = Image.open(io.BytesIO(process(cmyk.getvalue(), RULES).public)).getpixel((5, 5))
    assert red[0] > 200 and red[1] < 60 and red[2] < 60


def test_file_rules_come_from_the_contest_settings():
    rules = file_rules({"max_file_mb": 20, "min_long_edge_px": 3000})
    assert rules == FileRules(max_bytes=20 * 1024 * 1024, min_long_edge=3000, max_pixels=MAX_PIXELS)
