"""The draw sheet (抽签表) PDF: embedded CJK TrueType fonts, the lines of a knockout, groups, rounds, races.

Checked with poppler (pdffonts, pdftotext, pdftoppm, pdfinfo); without poppler or the CJK fonts the
tests fail when CI is set and are skipped with the reason otherwise (as in test_pdf).
"""
from __future__ import annotations

import re

import pytest

from certificates.fonts import FontNotFound, register_fonts
from scheduling.draw_sheet_pdf import render_draw_sheet
from tests.unit.test_pdf import font_rows, run, unavailable

NAMES = ["李龑", "张堃", "赵喆", "刘䶮", "陈鑫", "王磊", "周犇", "欧阳淼", "孙悦", "吴昊", "郑爽", "冯巩"]
DELEGATIONS = ["长春市代表队", "吉林市代表队", "哈尔滨电机厂有限责任公司"]
HEAD = {"event": "2025年吉林省职工运动会", "contest": "羽毛球男子单打", "sport": "羽毛球 · 男子单打",
        "format": "单败淘汰", "entries": 12, "random_seed": 918273, "made_at": "2025-12-01 10:00",
        "published": True, "separate_delegations": True}
BYES = (1, 6, 9, 14)


@pytest.fixture(scope="module", autouse=True)
def cjk_fonts():
    try:
        return register_fonts()
    except FontNotFound as error:
        unavailable(str(error))


def side(i: int, **extra) -> dict:
    return {"name": NAMES[i % 12], "delegation": DELEGATIONS[i % 3], "seed": 1 if i == 0 else None, **extra}


def lines(size: int) -> list[dict]:
    """``size`` first-round lines: seeds 1 and 2 at the ends, byes on the lines BYES of each 16."""
    out = []
    for i in range(size):
        bye = i % 16 in BYES
        out.append({"line": i + 1, **({} if bye else side(i)), "seed": {0: 1, size - 1: 2}.get(i), "bye": bye})
    return out


def pdf(tmp_path, data: dict, lang: str = "zh", name: str = "sheet.pdf"):
    path = tmp_path / name
    path.write_bytes(render_draw_sheet({**HEAD, **data}, lang))
    return path, run("pdftotext", "-enc", "UTF-8", str(path), "-")


def test_a_knockout_sheet_embeds_truetype_cjk_fonts_and_lists_the_lines(tmp_path):
    path, text = pdf(tmp_path, {"bracket": lines(16)})
    rows = font_rows(path)
    assert rows and all(emb == "yes" for _, emb in rows), rows
    assert not any("STSong" in n or "Helvetica" in n for n, _ in rows), rows
    assert "TrueType" in run("pdffonts", str(path))
    for expected in ("抽签表", "2025年吉林省职工运动会", "羽毛球男子单打", "单败淘汰", "918273", "2025-12-01 10:00",
                     "已公布", "签位", "轮空", "[1]", "[2]", "抽签人签字", "监督人签字",
                     *(NAMES[i % 12] for i in range(16) if i not in BYES)):
        assert expected in text, expected
    assert text.count("轮空") == len(BYES) and re.search(r"第\s*1\s*页\s*/\s*共\s*1\s*页", text)


def test_a_large_draw_is_split_into_sections_in_english(tmp_path):
    path, text = pdf(tmp_path, {"bracket": lines(32), "published": False, "losers_bracket": True}, "en")
    for expected in ("Draw sheet", "Random seed", "Not published (preview)", "Top half", "Bottom half", "Bye",
                     "The losers' bracket follows from the results.", "Drawn by", "Witness"):
        assert expected in text, expected
    assert text.count("Bye") == 2 * len(BYES) and "32" in text
    pages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path)))[1])
    assert f"Page {pages} of {pages}" in text


def test_groups_with_their_rounds_and_the_knockout_labels(tmp_path):
    rounds = [{"round": r, "name": f"第{r}轮", "matches": [{"position": 1, "home": side(0), "away": side(1)},
                                                         {"position": 2, "home": side(2), "away": side(3)}]}
              for r in (1, 2, 3)]
    groups = [{"name": g, "title": f"{g}组", "members": [side(i) for i in range(4)], "rounds": rounds} for g in "AB"]
    knockout = [{"position": 1, "labels": ["A1", "B2"]}, {"position": 2, "labels": ["B1", None]}]
    _, text = pdf(tmp_path, {"format": "小组赛+淘汰赛", "groups": groups, "knockout": knockout,
                             "knockout_name": "淘汰赛"})
    for expected in ("A组", "B组", "第1轮", "第3轮", "李龑（长春市代表队） [1]", "淘汰赛对阵", "A1 对 B2", "B1 对 轮空"):
        assert expected in text, expected


def test_round_robin_rounds_show_who_sits_out(tmp_path):
    rounds = [{"round": r, "name": f"第{r}轮", "matches": [{"position": 1, "home": side(r), "away": side(r + 1)}],
               "resting": [side(r + 2)]} for r in (1, 2, 3)]
    _, text = pdf(tmp_path, {"format": "单循环", "rounds": rounds}, name="rr.pdf")
    assert "轮次" in text and "本轮轮空" in text and text.count("本轮轮空") == 3 and "第2轮" in text


def test_races_list_their_crews_by_lane(tmp_path):
    races = [{"name": f"预赛第{h}组 · 第{run_}轮", "lanes": [side(i, lane=i + 2) for i in range(3)]}
             for h in (1, 2) for run_ in (1, 2)]
    _, text = pdf(tmp_path, {"format": "计时赛", "races": races}, name="races.pdf")
    for expected in ("预赛第1组 · 第1轮", "预赛第2组 · 第2轮", "道次", "后续赛次的名单由比赛结果产生。", "赵喆"):
        assert expected in text, expected


def test_page_one_renders_to_an_a4_png_with_ink(tmp_path):
    path, _ = pdf(tmp_path, {"bracket": lines(16)})
    run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "page"))
    png = (tmp_path / "page.png").read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and 490 < width < 500 and abs(height / width - 842 / 595) < 0.01
