"""The draw sheet (抽签表) of one contest as a PDF: the draw's facts, then its bracket, groups, rounds or heats.

Pure: plain dicts in, PDF bytes out; ``scheduling.draw_sheet`` loads the draw and builds the dict, with the
groups, rounds and races already named (``competitions.result_words``); the labels of the sheet itself are here.
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from certificates.fonts import SANS, SONG, has_glyph
from certificates.pdf import GRID, HEAD_FILL, build_pdf, data_table, fit_text, frame_width, para, signature_block
from certificates.pdf import table_style

LABELS = {
    "zh": {
        "title": "抽签表", "contest": "项目", "sport": "运动项目", "format": "赛制", "entries": "参赛数",
        "seed": "随机种子", "made_at": "抽签时间", "separate": "同单位分开", "status": "状态",
        "published": "已公布", "draft": "未公布（预览）", "yes": "是", "no": "否", "bye": "轮空",
        "line": "签位", "mark": "种子", "name": "参赛者", "delegation": "单位", "lane": "道次",
        "match": "场次", "side_a": "甲方", "side_b": "乙方", "resting": "本轮轮空",
        "round_head": "轮次", "members": "序号", "top": "上半区", "bottom": "下半区", "section": "第{}区",
        "knockout": "淘汰赛对阵", "losers": "败者组对阵由比赛结果产生。", "later": "后续赛次的名单由比赛结果产生。",
        "empty": "（无）", "signatures": ("抽签人签字", "监督人签字"), "versus": "对",
    },
    "en": {
        "title": "Draw sheet", "contest": "Contest", "sport": "Sport", "format": "Format", "entries": "Entries",
        "seed": "Random seed", "made_at": "Drawn at", "separate": "Delegations separated", "status": "Status",
        "published": "Published", "draft": "Not published (preview)", "yes": "Yes", "no": "No", "bye": "Bye",
        "line": "Line", "mark": "Seed", "name": "Entry", "delegation": "Delegation", "lane": "Lane",
        "match": "Match", "side_a": "Side A", "side_b": "Side B", "resting": "Sits out",
        "round_head": "Round", "members": "No.", "top": "Top half", "bottom": "Bottom half",
        "section": "Section {}",
        "knockout": "Knockout", "losers": "The losers' bracket follows from the results.",
        "later": "Later races are filled from the results.", "empty": "(none)",
        "signatures": ("Drawn by", "Witness"), "versus": "v",
    },
}
#: first-round lines drawn together in one bracket block (16 lines fill half a page)
CHUNK = 16
ROW = 7 * mm
HEAD = 6 * mm
#: bracket block columns: line number, seed mark, entry name, delegation (mm); the rest is rounds
COLUMNS = (10, 10, 52, 44)


def _runs(text: str) -> list[tuple[str, str]]:
    """``text`` split into runs of one face: the sans face, or the Song face where the sans one lacks a glyph."""
    runs: list[tuple[str, str]] = []
    for char in text:
        font = SONG if ord(char) > 0x2E7F and not has_glyph(SANS, char) and has_glyph(SONG, char) else SANS
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + char, font)
        else:
            runs.append((char, font))
    return runs


def _seed_mark(seed: int | None) -> str:
    return f"[{seed}]" if seed else ""


class BracketBlock(Flowable):
    """Lines ``lines`` of a knockout's first round, with the connectors of the rounds inside the block."""

    def __init__(self, lines: list[dict], lang: str, width: float) -> None:
        super().__init__()
        self.lines, self.lang = lines, lang
        self.width, self.height = width, HEAD + len(lines) * ROW
        self.rounds = max(1, (len(lines) - 1).bit_length())

    def _text(self, x: float, y: float, text: str, width: float, size: float = 9, grey: bool = False) -> None:
        """``text`` cut to ``width``, each character the sans face lacks (䶮) set in the Song face."""
        c = self.canv
        c.setFillColor(colors.HexColor("#777777") if grey else colors.black)
        for run, font in _runs(fit_text(text, SANS, size, width - 1.5 * mm)):
            c.setFont(font, size)
            c.drawString(x, y, run)
            x += c.stringWidth(run, font, size)

    def _header(self) -> None:
        labels, c = LABELS[self.lang], self.canv
        c.setFillColor(HEAD_FILL)
        c.rect(0, self.height - HEAD, sum(COLUMNS) * mm, HEAD, stroke=0, fill=1)
        x = 0.0
        for key, w in zip(("line", "mark", "name", "delegation"), COLUMNS):
            self._text(x + 1 * mm, self.height - HEAD + 1.8 * mm, labels[key], w * mm, 8.5)
            x += w * mm

    def draw(self) -> None:
        """Each line on a rule, then each round joins two rules and runs on to the next column."""
        c, labels = self.canv, LABELS[self.lang]
        self._header()
        left = sum(COLUMNS) * mm
        step = (self.width - left) / self.rounds
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        ys = []
        for i, line in enumerate(self.lines):
            base = self.height - HEAD - (i + 1) * ROW + 1.6 * mm
            x = 0.0
            values = (str(line["line"]), _seed_mark(line.get("seed")),
                      labels["bye"] if line.get("bye") else line.get("name") or "", line.get("delegation") or "")
            greys = (False, False, bool(line.get("bye")), True)
            for text, w, grey in zip(values, COLUMNS, greys):
                self._text(x + 1 * mm, base, text, w * mm, 9, grey)
                x += w * mm
            rule = base - 1.4 * mm
            c.line(0, rule, left, rule)
            ys.append(rule)
        x = left
        while len(ys) > 1:
            joined = []
            for a, b in zip(ys[::2], ys[1::2]):
                c.line(x, a, x, b)
                c.line(x, (a + b) / 2, x + step, (a + b) / 2)
                joined.append((a + b) / 2)
            ys, x = joined, x + step


def _info_table(data: dict, lang: str) -> Table:
    """The facts of the draw as label/value pairs, two pairs a row."""
    labels = LABELS[lang]
    yes_no = labels["yes"] if data.get("separate_delegations", True) else labels["no"]
    pairs = [("contest", data.get("contest", "")), ("sport", data.get("sport", "")),
             ("format", data.get("format", "")), ("entries", str(data.get("entries", ""))),
             ("seed", str(data.get("random_seed", ""))), ("made_at", data.get("made_at", "")),
             ("separate", yes_no), ("status", labels["published"] if data.get("published") else labels["draft"])]
    rows = [[para(labels[k], "label", lang), para(v, "body", lang), para(labels[k2], "label", lang),
             para(v2, "body", lang)] for (k, v), (k2, v2) in zip(pairs[::2], pairs[1::2])]
    width = frame_width()
    return Table(rows, colWidths=[24 * mm, width / 2 - 24 * mm] * 2, style=table_style(0, zebra=False, extra=[
        ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL), ("BACKGROUND", (2, 0), (2, -1), HEAD_FILL)]))


def _chunk_title(index: int, count: int, lang: str) -> str:
    labels = LABELS[lang]
    if count == 2:
        return labels["top"] if index == 0 else labels["bottom"]
    return labels["section"].format(index + 1)


def _bracket(lines: list[dict], lang: str) -> list[Flowable]:
    """The first round in blocks of 16 lines (halves or sections of the draw), each with its rounds."""
    chunks = [lines[i:i + CHUNK] for i in range(0, len(lines), CHUNK)]
    story: list[Flowable] = []
    for i, chunk in enumerate(chunks):
        block: list[Flowable] = [BracketBlock(chunk, lang, frame_width())]
        if len(chunks) > 1:
            block.insert(0, para(_chunk_title(i, len(chunks), lang), "subheading", lang))
        story += [KeepTogether(block), Spacer(1, 4 * mm)]
    return story


def _who(side: dict | None, lang: str) -> str:
    """An entry as "Name (Delegation) [seed]", or the bye label."""
    if not side or not side.get("name"):
        return LABELS[lang]["bye"]
    text = side["name"]
    if side.get("delegation"):
        text += f" ({side['delegation']})" if lang == "en" else f"（{side['delegation']}）"
    return f"{text} {_seed_mark(side.get('seed'))}".strip()


def _rounds(rounds: list[dict], lang: str) -> list[Flowable]:
    """One table of the rounds: round, match number, side A, side B; who sits a round out after its matches."""
    labels, width = LABELS[lang], frame_width()
    rows = []
    for r in rounds:
        title = r.get("name", "")
        for m in r.get("matches") or []:
            rows.append([title, str(m.get("position", "")), _who(m.get("home"), lang), _who(m.get("away"), lang)])
            title = ""
        rows += [[title, "", labels["resting"], _who(e, lang)] for e in r.get("resting") or []]
    if not rows:
        return []
    side = (width - 34 * mm) / 2
    return [data_table([labels["round_head"], labels["match"], labels["side_a"], labels["side_b"]], rows,
                       [20 * mm, 14 * mm, side, side], centred=(0, 1), lang=lang)]


def _members(members: list[dict], lang: str, first: str = "members") -> Table:
    """Numbered members of a group, or the crews of a race by lane."""
    labels, width = LABELS[lang], frame_width()
    key = "lane" if first == "lane" else None
    rows = [[str(m.get(key) if key else i), m.get("name") or labels["bye"], m.get("delegation") or "",
             _seed_mark(m.get("seed"))] for i, m in enumerate(members, 1)]
    widths = [16 * mm, (width - 32 * mm) * 0.55, (width - 32 * mm) * 0.45, 16 * mm]
    return data_table([labels[first], labels["name"], labels["delegation"], labels["mark"]], rows, widths,
                      centred=(0, 3), lang=lang)


def _groups(data: dict, lang: str) -> list[Flowable]:
    """A table per group with its matches by round, then the knockout's first round as labels (A1 v B2)."""
    labels, knockout = LABELS[lang], data.get("knockout") or []
    story: list[Flowable] = []
    for g in data["groups"]:
        story += [CondPageBreak(50 * mm), para(g.get("title", ""), "heading", lang),
                  _members(g.get("members") or [], lang), Spacer(1, 3 * mm)]
        story += _rounds(g.get("rounds") or [], lang)
    if knockout:
        rows = [[str(k.get("position", "")), f" {labels['versus']} ".join(x or labels["bye"]
                                                                         for x in k.get("labels") or [])]
                for k in knockout]
        story += [CondPageBreak(40 * mm), para(data.get("knockout_name") or labels["knockout"], "heading", lang),
                  data_table([labels["match"], labels["knockout"]], rows, [14 * mm, frame_width() - 14 * mm],
                             centred=(0, 1), lang=lang)]
    return story


def _races(races: list[dict], lang: str) -> list[Flowable]:
    """A table per race with its crews by lane."""
    story: list[Flowable] = []
    for race in races:
        story.append(KeepTogether([para(race.get("name", ""), "heading", lang),
                                   _members(race.get("lanes") or [], lang, "lane")]))
    return story + [Spacer(1, 3 * mm), para(LABELS[lang]["later"], "body", lang)]


def _body(data: dict, lang: str) -> list[Flowable]:
    """The part that depends on the format."""
    labels = LABELS[lang]
    if data.get("bracket"):
        story = _bracket(data["bracket"], lang)
        return story + ([para(labels["losers"], "body", lang)] if data.get("losers_bracket") else [])
    if data.get("groups"):
        return _groups(data, lang)
    if data.get("rounds"):
        return _rounds(data["rounds"], lang)
    if data.get("races"):
        return _races(data["races"], lang)
    return [para(labels["empty"], "body", lang)]


def render_draw_sheet(data: dict, lang: str = "zh") -> bytes:
    """Render the draw sheet (抽签表) of one contest as PDF bytes ("zh" or "en" labels).

    ``data`` holds plain values (missing keys print blank); one of bracket, groups, rounds, races::

        {"event": "2025年吉林省职工运动会", "contest": "羽毛球男子单打", "sport": "羽毛球 · 男子单打",
         "format": "单败淘汰", "entries": 6, "random_seed": 42, "made_at": "2025-12-01 10:00",
         "published": True, "separate_delegations": True, "losers_bracket": False,
         "bracket": [{"line": 1, "name": "张三", "delegation": "长春市", "seed": 1, "bye": False}, ...],
         "groups": [{"name": "A", "title": "A组", "members": [{"name", "delegation", "seed"}], "rounds": [...]}],
         "knockout_name": "淘汰赛", "knockout": [{"position": 1, "labels": ["A1", "B2"]}],
         "rounds": [{"round": 1, "name": "第1轮", "matches": [{"position": 1, "home": {"name", "delegation", "seed"},
                                                             "away": {...}}], "resting": [{"name", "delegation"}]}],
         "races": [{"name": "预赛第1组", "lanes": [{"lane": 3, "name", "delegation", "seed"}]}]}
    """
    lang = "en" if lang == "en" else "zh"
    labels = LABELS[lang]
    story: list[Flowable] = [para(labels["title"], "title", lang), para(data.get("event", ""), "subtitle", lang),
                             _info_table(data, lang), Spacer(1, 5 * mm)]
    story += _body(data, lang)
    story.append(KeepTogether([Spacer(1, 8 * mm), signature_block(lang, labels=labels["signatures"],
                                                                  height=28 * mm)]))
    title = f"{labels['title']} · {data.get('contest', '')}"
    return build_pdf(story, title=title, header=(data.get("event", ""), title), lang=lang)
