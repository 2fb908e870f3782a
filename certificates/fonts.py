"""Find and register the embedded CJK TrueType fonts every printed artefact uses.

Two faces, both registered with ReportLab as embedded TrueType subsets:

- ``SANS`` (黑体 role): WenQuanYi Micro Hei, Debian package fonts-wqy-microhei;
- ``SONG`` (宋体 role): AR PL UMing CN, Debian package fonts-arphic-uming.

If only one face is found it stands in for both. If neither is found :class:`FontNotFound`
says which packages to install. The built-in CID font STSong-Light is never used: it is not
embedded, and machines without Chinese fonts show its text as empty boxes. Noto CJK (CFF
outlines) is refused by ReportLab, so it is not searched for.

Search path: the directories of ``PODIUM_FONT_DIRS`` (``os.pathsep``-separated, searched first,
recursively), then the system font directories unless ``PODIUM_FONT_DEFAULTS=0``.

Bold: a TrueType Collection face has no bold member and ReportLab does not synthesise bold, so
headings use the sans face, whose strokes are heavier than the Song face's, and both families
map ``<b>`` to the sans face (``<b>`` inside Song body text switches to 黑体, as Chinese
documents do). For a heavier title on a canvas, ``certificates.pdf.draw_heavy_string`` fills
and strokes the glyph outlines.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "PodiumSans"
SONG = "PodiumSong"
DEFAULT_DIRS = (
    "/usr/share/fonts/truetype/wqy",
    "/usr/share/fonts/truetype/arphic",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)


@dataclass(frozen=True)
class Face:
    """A font face we look for: the name it is registered under and where it comes from."""

    name: str
    files: tuple[str, ...]
    subfont: int
    package: str


FACES = (
    Face(SANS, ("wqy-microhei.ttc",), 0, "fonts-wqy-microhei"),
    Face(SONG, ("uming.ttc",), 0, "fonts-arphic-uming"),
)


@dataclass(frozen=True)
class CJKFonts:
    """The registered font names: ``sans`` for headings and labels, ``song`` for body text."""

    sans: str
    song: str
    files: dict[str, tuple[Path, int]]

    @property
    def bold(self) -> str:
        """The face that stands in for bold (the sans face: see the module docstring)."""
        return self.sans


class FontNotFound(RuntimeError):
    """No embeddable CJK TrueType font was found in the search path."""


_lock = threading.Lock()
_registered: CJKFonts | None = None


def search_dirs(use_defaults: bool | None = None) -> list[Path]:
    """The directories searched, ``PODIUM_FONT_DIRS`` first, then the system ones."""
    extra = [d for d in os.environ.get("PODIUM_FONT_DIRS", "").split(os.pathsep) if d.strip()]
    if use_defaults is None:
        use_defaults = os.environ.get("PODIUM_FONT_DEFAULTS", "1") != "0"
    dirs = extra + (list(DEFAULT_DIRS) if use_defaults else [])
    return [Path(d).expanduser() for d in dirs]


def _find_file(names: tuple[str, ...], dirs: list[Path]) -> Path | None:
    """The first file called one of ``names``: directly in a directory, then below it."""
    for directory in dirs:
        for name in names:
            if (directory / name).is_file():
                return directory / name
    for directory in dirs:
        if not directory.is_dir():
            continue
        for root, _, files in os.walk(directory):
            for name in names:
                if name in files:
                    return Path(root) / name
    return None


def locate_fonts(use_defaults: bool | None = None) -> dict[str, tuple[Path, int]]:
    """Map each face name to (font file, subfont index); one face may stand in for the other."""
    dirs = search_dirs(use_defaults)
    found = {face.name: (path, face.subfont) for face in FACES
             if (path := _find_file(face.files, dirs))}
    if not found:
        packages = " ".join(face.package for face in FACES)
        files = ", ".join(name for face in FACES for name in face.files)
        searched = ", ".join(str(d) for d in dirs) or "(no directory)"
        raise FontNotFound(
            f"No embeddable CJK TrueType font found (looked for {files} in: {searched}). "
            f"Install one with `apt-get install {packages}`, or point PODIUM_FONT_DIRS at a "
            f"directory that holds {files}. STSong-Light is not used: it is not embedded.")
    first = next(iter(found.values()))
    return {face.name: found.get(face.name, first) for face in FACES}


def _register(files: dict[str, tuple[Path, int]]) -> CJKFonts:
    """Register both faces and their families with ReportLab."""
    for name, (path, subfont) in files.items():
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont))
    for name in (SANS, SONG):
        pdfmetrics.registerFontFamily(name, normal=name, bold=SANS, italic=name, boldItalic=SANS)
    return CJKFonts(sans=SANS, song=SONG, files=dict(files))


def register_fonts() -> CJKFonts:
    """Register the CJK faces once per process and return their names (cheap on repeat calls)."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            _registered = _register(locate_fonts())
    return _registered


def has_glyph(font_name: str, char: str) -> bool:
    """Whether the registered TrueType font ``font_name`` has a glyph for ``char``."""
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph
