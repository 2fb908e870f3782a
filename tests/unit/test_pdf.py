"""The PDF building blocks: embedded CJK fonts, the entry form (报名表), QR codes as one path.

The PDFs are checked with poppler (pdffonts, pdftotext, pdftoppm, pdfinfo). Without poppler or
the CJK fonts these tests fail when CI is set, and are skipped with the reason otherwise.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from certificates.fonts import SANS, SONG, FontNotFound, has_glyph, locate_fonts, register_fonts
from certificates.pdf import QRCodeFlowable, build_pdf, draw_qr, markup, para, qr_matrix
from registrations.entry_form_pdf import render_entry_form, sample_entry_form_data

RARE_NAMES = ("李龑", "张堃", "赵喆", "刘䶮")


def unavailable(reason: str) -> None:
    """Fail under CI (the environment must provide it), skip with the reason elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    warnings.warn(f"skipped: {reason}", stacklevel=2)  # shown in the summary even without -rs
    pytest.skip(reason)


def run(tool: str, *args: str) -> str:
    """Run a poppler tool and return its standard output."""
    if shutil.which(tool) is None:
        unavailable(f"{tool} not found: install poppler-utils (apt-get install poppler-utils)")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


@pytest.fixture(scope="module")
def cjk_fonts():
    """The registered CJK fonts, or a failure (CI) or skip naming the packages to install."""
    try:
        return register_fonts()
    except FontNotFound as error:
        unavailable(str(error))


@pytest.fixture(scope="module")
def form_pdf(tmp_path_factory, cjk_fonts) -> Path:
    """The sample entry form, in Chinese, written to a file."""
    path = tmp_path_factory.mktemp("pdf") / "entry_form.pdf"
    path.write_bytes(render_entry_form(sample_entry_form_data()))
    return path


def font_rows(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for each font pdffonts lists."""
    lines = run("pdffonts", str(path)).splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines if line.strip()]


def grey_pixels(path: Path, resolution: int) -> tuple[int, int, bytes]:
    """Page 1 rendered by pdftoppm as 8-bit grey: width, height and the pixel bytes."""
    run("pdftoppm", "-gray", "-r", str(resolution), "-f", "1", "-l", "1", "-singlefile",
        str(path), str(path.with_suffix("")))
    data = path.with_suffix(".pgm").read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert match, "pdftoppm did not write an 8-bit PGM"
    width, height = int(match[1]), int(match[2])
    return width, height, data[match.end():]


def test_the_cjk_fonts_are_embedded_and_nothing_else_is_used(form_pdf):
    rows = font_rows(form_pdf)
    assert any("WenQuanYi" in name for name, _ in rows), rows
    assert any("UMing" in name for name, _ in rows), rows
    assert all(emb == "yes" for _, emb in rows), f"a font is not embedded: {rows}"
    assert not any("STSong" in name or "Helvetica" in name for name, _ in rows), rows


def test_the_text_holds_the_title_delegation_and_rare_names(form_pdf):
    text = run("pdftotext", "-enc", "UTF-8", str(form_pdf), "-")
    for expected in ("报名表", "哈尔滨电机厂有限责任公司", "企业组", "王喆", "羽毛球 混合团体",
                     "已通过", "待审核", "候补", "230102********1234", "领队签字", "单位盖章",
                     "本单位承诺以上人员均为本单位在职职工", *RARE_NAMES):
        assert expected in text, expected
    assert re.search(r"第\s*1\s*页\s*/\s*共\s*1\s*页", text)


def test_the_form_renders_to_png_with_ink_on_the_page(form_pdf, tmp_path):
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(form_pdf),
        str(tmp_path / "page"))
    png = (tmp_path / "page.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert 490 < width < 500 and abs(height / width - 842 / 595) < 0.01  # A4 at 60 dpi
    _, _, pixels = grey_pixels(form_pdf, 30)
    dark = sum(1 for value in pixels if value < 128) / len(pixels)
    assert 0.01 < dark < 0.3, dark


@pytest.mark.usefixtures("cjk_fonts")
def test_english_labels_and_page_numbers_over_several_pages(tmp_path):
    data = sample_entry_form_data()
    entry = data["contests"][0]["entries"][0]
    entry["roster"] = entry["roster"] * 20
    path = tmp_path / "long.pdf"
    path.write_bytes(render_entry_form(data, lang="en"))
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path)))[1])
    assert pages >= 2
    text = run("pdftotext", "-enc", "UTF-8", str(path), "-")
    for expected in ("Entry Form", "Delegation", "Status: Approved", "Captain", "Unit seal",
                     "Leader's signature", "current employees", f"Page {pages} of {pages}"):
        assert expected in text, expected
    assert text.count("ID number") >= pages - 1  # the roster header repeats on new pages
    assert all(emb == "yes" for _, emb in font_rows(path))


@pytest.mark.usefixtures("cjk_fonts")
def test_glyphs_missing_from_a_face_are_set_in_the_other_face():
    assert not has_glyph(SANS, "䶮") and has_glyph(SONG, "䶮")
    assert markup("刘䶮", SANS) == f'刘<font name="{SONG}">䶮</font>'
    assert markup("<A & B>", SONG) == "&lt;A &amp; B&gt;"


def test_the_qr_code_is_one_path_that_renders_module_for_module(tmp_path):
    data = "https://podium.example/verify/2025-000123"
    matrix = qr_matrix(data)
    count, quiet, module = len(matrix), 4, 4
    assert count == 21 + 4 * ((count - 21) // 4) and all(matrix[0][:7]) and all(matrix[6][:7])
    size = (count + 2 * quiet) * module
    path = tmp_path / "qr.pdf"
    canvas = Canvas(str(path), pagesize=(size, size), pageCompression=0)
    draw_qr(canvas, data, 0, 0, size)
    canvas.showPage()
    canvas.save()
    stream = path.read_bytes()
    runs = sum(len(re.findall(r"1+", "".join("1" if m else "0" for m in row))) for row in matrix)
    assert len(re.findall(rb" re\b", stream)) == runs + 1  # each dark run, and the background
    assert len(re.findall(rb"\sf\*?\n", stream)) == 2  # the background and one fill of the path
    width, height, pixels = grey_pixels(path, 72)
    assert (width, height) == (size, size)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            x, y = (c + quiet) * module + module // 2, (r + quiet) * module + module // 2
            assert (pixels[y * width + x] < 128) == dark, (r, c)


@pytest.mark.usefixtures("cjk_fonts")
def test_the_qr_flowable_goes_into_a_story(tmp_path):
    path = tmp_path / "story.pdf"
    path.write_bytes(build_pdf([para("证书验证"), QRCodeFlowable("PODIUM-2025-000123")],
                               title="QR", header=("赛事", "验证")))
    _, _, pixels = grey_pixels(path, 30)
    assert sum(1 for value in pixels if value < 128) > 100
    assert "证书验证" in run("pdftotext", "-enc", "UTF-8", str(path), "-")


def test_missing_fonts_name_the_packages_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PODIUM_FONT_DIRS", str(tmp_path))
    monkeypatch.setenv("PODIUM_FONT_DEFAULTS", "0")
    with pytest.raises(FontNotFound) as info:
        locate_fonts()
    message = str(info.value)
    for expected in ("apt-get install", "fonts-wqy-microhei", "fonts-arphic-uming",
                     "PODIUM_FONT_DIRS", str(tmp_path), "STSong-Light is not used"):
        assert expected in message, expected


def test_a_font_dir_from_the_environment_is_searched_below(monkeypatch, tmp_path, cjk_fonts):
    source, _ = cjk_fonts.files[SANS]
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / source.name).symlink_to(source)
    monkeypatch.setenv("PODIUM_FONT_DIRS", str(tmp_path))
    found = locate_fonts(use_defaults=False)
    assert found[SANS] == (tmp_path / "deep" / source.name, 0)
    assert found[SONG] == found[SANS] or found[SONG][0].name == "uming.ttc"


@pytest.mark.usefixtures("cjk_fonts")
def test_registration_happens_once():
    assert register_fonts() is register_fonts()
