"""Shared building blocks of every printed artefact: pages, styles, tables, signatures, QR codes.

Everything here uses the embedded CJK faces of :mod:`certificates.fonts`; no PDF made with these
helpers references a font that is not embedded (the canvas's initial font is the sans face too).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table
from reportlab.platypus import TableStyle

from certificates.fonts import SANS, SONG, has_glyph, register_fonts

MARGIN = 18 * mm
HEADER_GAP = 8 * mm
GRID = colors.HexColor("#555555")
HEAD_FILL = colors.HexColor("#E8ECF2")
QR_LEVELS = {"L": 1, "M": 0, "Q": 3, "H": 2}
BLANK_DATE = {"zh": "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日", "en": "______________"}


def page_size(orientation: str = "portrait") -> tuple[float, float]:
    """A4 in the given orientation ("portrait" or "landscape")."""
    return landscape(A4) if orientation == "landscape" else portrait(A4)


def frame_width(orientation: str = "portrait") -> float:
    """The width of the text frame of an A4 page in the given orientation."""
    return page_size(orientation)[0] - 2 * MARGIN


def page_label(page: int, total: int, lang: str = "zh") -> str:
    """The footer page label: "第 N 页 / 共 M 页" or "Page N of M"."""
    return f"Page {page} of {total}" if lang == "en" else f"第 {page} 页 / 共 {total} 页"


def format_date(value: dt.date | str | None, lang: str = "zh") -> str:
    """A date as printed: "2025年6月18日", "18 June 2025"; blanks to fill in by hand when None."""
    if value is None:
        return BLANK_DATE["en" if lang == "en" else "zh"]
    if isinstance(value, str):
        return value
    if lang == "en":
        return f"{value.day} {value:%B %Y}"
    return f"{value.year}年{value.month}月{value.day}日"


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with "…" so that it fits in ``width`` points."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class _NumberedCanvas(Canvas):
    """A canvas that holds its pages until save, then draws header and "page N of M" on each."""

    def __init__(self, *args, header: tuple[str, str] = ("", ""), lang: str = "zh", **kwargs):
        kwargs["initialFontName"] = SANS
        super().__init__(*args, **kwargs)
        self._header, self._lang, self._pages = header, lang, []

    def showPage(self) -> None:
        """Keep the page to decorate at save time (the total is known only then)."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw header and footer on every kept page, then write the file."""
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize
        left, right = self._header
        self.saveState()
        self.setFont(SANS, 8)
        self.setFillColor(GRID)
        top = height - MARGIN + 3 * mm
        half = (width - 2 * MARGIN - 10 * mm) / 2
        self.drawString(MARGIN, top, fit_text(left, SANS, 8, half))
        self.drawRightString(width - MARGIN, top, fit_text(right, SANS, 8, half))
        self.setStrokeColor(GRID)
        self.setLineWidth(0.4)
        self.line(MARGIN, top - 1.5 * mm, width - MARGIN, top - 1.5 * mm)
        self.drawCentredString(width / 2, MARGIN - 8 * mm, page_label(number, total, self._lang))
        self.restoreState()


def _page_template(orientation: str) -> PageTemplate:
    """A page template of that orientation with one frame inside the margins."""
    width, height = page_size(orientation)
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN - HEADER_GAP,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    return PageTemplate(id=orientation, frames=[frame], pagesize=(width, height))


def build_pdf(story: list[Flowable], *, title: str, header: tuple[str, str] = ("", ""),
              lang: str = "zh", orientation: str = "portrait", author: str = "Podium") -> bytes:
    """Lay out ``story`` on A4 pages (switch with NextPageTemplate("landscape"/"portrait"))."""
    register_fonts()
    buffer = BytesIO()
    templates = [_page_template(orientation)]
    templates.append(_page_template("landscape" if orientation == "portrait" else "portrait"))
    doc = BaseDocTemplate(buffer, pagesize=page_size(orientation), pageTemplates=templates,
                          title=title, author=author, creator="Podium",
                          lang="en" if lang == "en" else "zh-CN")
    doc.build(story, canvasmaker=partial(_NumberedCanvas, header=header, lang=lang))
    return buffer.getvalue()


@lru_cache(maxsize=2)
def styles(lang: str = "zh") -> dict[str, ParagraphStyle]:
    """Paragraph styles with CJK wrapping, by name (title, heading, body, label, cell...).

    Chinese body text is set in the Song face, English in the sans face (UMing's Latin letters
    are monospaced); headings and labels always use the sans face.
    """
    register_fonts()
    face = SANS if lang == "en" else SONG
    body = ParagraphStyle("body", fontName=face, fontSize=10.5, leading=15, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", body, fontName=SANS, fontSize=20, leading=26,
                                alignment=TA_CENTER, spaceAfter=2 * mm),
        "subtitle": ParagraphStyle("subtitle", body, fontName=SANS, fontSize=12, leading=16,
                                   alignment=TA_CENTER, spaceAfter=5 * mm),
        "heading": ParagraphStyle("heading", body, fontName=SANS, fontSize=12.5, leading=17,
                                  spaceBefore=5 * mm, spaceAfter=2 * mm, keepWithNext=1),
        "subheading": ParagraphStyle("subheading", body, fontName=SANS, fontSize=10.5,
                                     leading=14, spaceBefore=2 * mm, spaceAfter=1.5 * mm),
        "body": body,
        "label": ParagraphStyle("label", body, fontName=SANS, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", body, fontSize=9, leading=12),
        "cell_centre": ParagraphStyle("cell_centre", body, fontSize=9, leading=12,
                                      alignment=TA_CENTER),
        "cell_head": ParagraphStyle("cell_head", body, fontName=SANS, fontSize=9, leading=12,
                                    alignment=TA_CENTER),
    }


@lru_cache(maxsize=8)
def _ideographic_space(font: str) -> str:
    """No-break spaces as wide as one ideographic space (Paragraph collapses U+3000)."""
    return "\xa0" * max(1, round(1 / pdfmetrics.stringWidth("\xa0", font, 1)))


def markup(text: object, font: str = SONG) -> str:
    """Escape ``text`` for a Paragraph; characters the face lacks are set in the other CJK face."""
    other = SANS if font == SONG else SONG
    out = []
    for char in escape("" if text is None else str(text)):
        if char == "\u3000":
            out.append(_ideographic_space(font))
        elif ord(char) > 0x2E7F and not has_glyph(font, char) and has_glyph(other, char):
            out.append(f'<font name="{other}">{char}</font>')
        else:
            out.append(char)
    return "".join(out)


def para(text: object, style: str = "body", lang: str = "zh") -> Paragraph:
    """A Paragraph of plain ``text`` (escaped, with glyph fallback) in one of :func:`styles`."""
    chosen = styles(lang)[style]
    return Paragraph(markup(text, chosen.fontName), chosen)


def table_style(header_rows: int = 1, zebra: bool = True, extra: list | None = None) -> TableStyle:
    """The grid style of data tables: shaded header rows, thin grid, optional zebra rows."""
    commands = [
        ("FONT", (0, 0), (-1, -1), SONG, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1),
                         [colors.white, colors.HexColor("#F7F7F7")]))
    return TableStyle(commands + (extra or []))


def data_table(header: list[str], rows: list[list[object]], widths: list[float],
               centred: tuple[int, ...] = (), lang: str = "zh") -> Table:
    """A table of Paragraph cells (so Chinese text wraps) whose header repeats on each page."""
    cells = [[para(text, "cell_head", lang) for text in header]]
    cells += [[para(text, "cell_centre" if i in centred else "cell", lang)
               for i, text in enumerate(row)] for row in rows]
    return Table(cells, colWidths=widths, repeatRows=1, style=table_style())


def signature_block(lang: str = "zh", width: float | None = None, date: dt.date | str | None = None,
                    labels: tuple[str, ...] | None = None, height: float = 38 * mm) -> Table:
    """Boxes to sign and seal ("领队签字", "单位盖章"), each with a date line at the bottom."""
    if labels is None:
        labels = ("Leader's signature", "Unit seal") if lang == "en" else ("领队签字", "单位盖章")
    width = width or frame_width()
    prefix = "Date: " if lang == "en" else "日期："
    date_style = ParagraphStyle("date", styles(lang)["label"], alignment=TA_RIGHT)
    date_line = markup(prefix + format_date(date, lang), SANS)
    colon = "" if lang == "en" else "："
    cells = [[para(label + colon, "label", lang) for label in labels],
             [Paragraph(date_line, date_style) for _ in labels]]
    style = TableStyle([
        ("BOX", (i, 0), (i, 1), 0.8, GRID) for i in range(len(labels))] + [
        ("FONT", (0, 0), (-1, -1), SANS, 10),
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
    ])
    date_height = 10 * mm
    return Table(cells, colWidths=[width / len(labels)] * len(labels),
                 rowHeights=[height - date_height, date_height], style=style)


def qr_matrix(data: str, level: str = "M") -> list[list[bool]]:
    """The module matrix of a QR code holding ``data`` (UTF-8 bytes), True for dark modules."""
    code = qrencoder.QRCode(None, QR_LEVELS[level])
    code.addData(qrencoder.QR8bitByte(data))
    code.make()
    return [[bool(module) for module in row] for row in code.modules]


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float, level: str = "M",
            quiet: int = 4, background: bool = True) -> None:
    """Draw a QR code at (x, y) (lower left), ``size`` wide with its quiet zone, as one path."""
    matrix = qr_matrix(data, level)
    module = size / (len(matrix) + 2 * quiet)
    canvas.saveState()
    if background:
        canvas.setFillColor(colors.white)
        canvas.rect(x, y, size, size, stroke=0, fill=1)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = y + size - (r + quiet + 1) * module
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(x + (start + quiet) * module, top, (c - start) * module, module)
            else:
                c += 1
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
    canvas.restoreState()


class QRCodeFlowable(Flowable):
    """A square QR code in a story, drawn by :func:`draw_qr`."""

    def __init__(self, data: str, size: float = 30 * mm, level: str = "M") -> None:
        super().__init__()
        self.data, self.size, self.level = data, size, level
        self.width = self.height = size

    def draw(self) -> None:
        """Draw the code at the flowable's origin."""
        draw_qr(self.canv, self.data, 0, 0, self.size, self.level)


def draw_heavy_string(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
                      weight: float = 0.035, centred: bool = False) -> None:
    """Draw ``text`` filled and stroked, a heavier look for titles (TTC faces have no bold)."""
    canvas.saveState()
    text_object = canvas.beginText()
    text_object.setTextRenderMode(2)
    text_object.setFont(font, size)
    width = canvas.stringWidth(text, font, size)
    text_object.setTextOrigin(x - width / 2 if centred else x, y)
    canvas.setLineWidth(size * weight)
    text_object.textOut(text)
    canvas.drawText(text_object)
    canvas.restoreState()
