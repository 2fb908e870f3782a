"""The entry form (报名表) of one delegation as a PDF, signed by the leader and sealed by the unit.

Pure: plain dicts in, PDF bytes out; the service that loads the delegation builds the dict.
"""
from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from certificates.pdf import (HEAD_FILL, build_pdf, data_table, frame_width, para,
                              signature_block, table_style)

LABELS = {
    "zh": {
        "title": "报名表", "event": "赛事", "delegation": "参赛单位", "division": "组别",
        "leader": "领队", "phone": "联系电话", "status": "状态", "no_roster": "（未报名单）",
        "no_contest": "（本单位尚未报名任何项目）", "entry": "报名",
        "roster": ("序号", "姓名", "性别", "出生日期", "身份证号", "角色", "手机"),
        "declaration": "本单位承诺以上人员均为本单位在职职工，所填信息真实有效，"
                       "并已知悉和遵守本次比赛的竞赛规程。如有不实，愿承担由此产生的一切后果。",
    },
    "en": {
        "title": "Entry Form", "event": "Event", "delegation": "Delegation", "division": "Division",
        "leader": "Leader", "phone": "Phone", "status": "Status", "no_roster": "(no roster yet)",
        "no_contest": "(this delegation has not entered any contest)", "entry": "Entry",
        "roster": ("No.", "Name", "Sex", "Date of birth", "ID number", "Role", "Mobile"),
        "declaration": "We confirm that all persons listed above are current employees of our "
                       "unit, that the information given is true, and that we know and accept "
                       "the competition rules of this event.",
    },
}
STATUS = {
    "zh": {"draft": "草稿", "submitted": "待审核", "pending": "待审核", "approved": "已通过",
           "waitlisted": "候补", "rejected": "未通过", "withdrawn": "已退出"},
    "en": {"draft": "Draft", "submitted": "Submitted", "pending": "Pending",
           "approved": "Approved", "waitlisted": "Waiting list", "rejected": "Rejected",
           "withdrawn": "Withdrawn"},
}
ROLES = {
    "zh": {"player": "运动员", "captain": "队长", "coach": "教练", "leader": "领队",
           "reserve": "替补", "drummer": "鼓手", "steerer": "舵手", "author": "作者"},
    "en": {"player": "Player", "captain": "Captain", "coach": "Coach", "leader": "Leader",
           "reserve": "Reserve", "drummer": "Drummer", "steerer": "Steerer", "author": "Author"},
}
GENDERS = {"zh": {"M": "男", "F": "女"}, "en": {"M": "M", "F": "F", "男": "M", "女": "F"}}
ROSTER_WIDTHS = (11, 26, 11, 24, 46, 24, 32)  # mm, the 174 mm of an A4 portrait frame
CHINESE_NUMERALS = "一二三四五六七八九十"


def _numbered(index: int, text: str, lang: str) -> str:
    """A contest heading numbered "一、…" in Chinese, "1. …" in English."""
    if lang != "en" and index <= len(CHINESE_NUMERALS):
        return f"{CHINESE_NUMERALS[index - 1]}、{text}"
    return f"{index}. {text}" if lang == "en" else f"{index}、{text}"


def _birth(value: dt.date | str | None) -> str:
    """A birth date as printed in the roster: 1985-03-02."""
    return value.isoformat() if isinstance(value, dt.date) else (value or "")


def _info_table(data: dict, lang: str) -> Table:
    """The head of the form: event, delegation, division, leader and phone, as label/value pairs."""
    labels, leader = LABELS[lang], data.get("leader") or ""
    rows = [
        [labels["event"], data.get("event", ""), "", ""],
        [labels["delegation"], data.get("delegation", ""), labels["division"],
         data.get("division", "")],
        [labels["leader"], leader, labels["phone"], data.get("leader_phone", "")],
    ]
    width = frame_width()
    widths = [24 * mm, width / 2 - 24 * mm, 24 * mm, width / 2 - 24 * mm]
    cells = [[para(text, "label" if i % 2 == 0 else "body", lang) for i, text in enumerate(row)]
             for row in rows]
    return Table(cells, colWidths=widths, style=table_style(0, zebra=False, extra=[
        ("SPAN", (1, 0), (3, 0)),
        ("BACKGROUND", (0, 0), (0, -1), HEAD_FILL),
        ("BACKGROUND", (2, 1), (2, -1), HEAD_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))


def _roster_rows(roster: list[dict], lang: str) -> list[list[str]]:
    """The rows of one roster table, numbered from 1."""
    genders, roles = GENDERS[lang], ROLES[lang]
    return [[str(number), person.get("name", ""),
             genders.get(person.get("gender") or "", person.get("gender") or ""),
             _birth(person.get("birth_date")), person.get("id_number", ""),
             roles.get(person.get("role") or "", person.get("role") or ""),
             person.get("phone", "")]
            for number, person in enumerate(roster, 1)]


def _entry_flowables(entry: dict, lang: str) -> list[Flowable]:
    """An entry's line (label and status) and its roster table."""
    labels = LABELS[lang]
    status = STATUS[lang].get(entry.get("status") or "", entry.get("status") or "")
    sep = ": " if lang == "en" else "："
    title = entry.get("label") or labels["entry"]
    line = para(f"{title}\u3000\u3000{labels['status']}{sep}{status}", "subheading", lang)
    roster = entry.get("roster") or []
    if not roster:
        return [CondPageBreak(15 * mm), line, para(labels["no_roster"], "body", lang)]
    widths = [w * mm for w in ROSTER_WIDTHS]
    rows = _roster_rows(roster, lang)
    table = data_table(list(labels["roster"]), rows, widths, centred=(0, 2, 3), lang=lang)
    return [CondPageBreak(30 * mm), line, table]


def _contest_flowables(contests: list[dict], lang: str) -> list[Flowable]:
    """One numbered section per contest with its entries."""
    story: list[Flowable] = []
    for index, contest in enumerate(contests, 1):
        story.append(CondPageBreak(40 * mm))
        story.append(para(_numbered(index, contest.get("name", ""), lang), "heading", lang))
        for entry in contest.get("entries") or []:
            story += _entry_flowables(entry, lang)
            story.append(Spacer(1, 2 * mm))
    return story or [para(LABELS[lang]["no_contest"], "body", lang)]


def render_entry_form(data: dict, lang: str = "zh") -> bytes:
    """Render the entry form (报名表) of one delegation as PDF bytes ("zh" or "en" labels).

    ``data`` holds plain values (strings unless said otherwise; missing keys print blank)::

        {"event": "2025年哈尔滨市职工冬季运动会", "delegation": "哈尔滨电机厂",
         "division": "企业组", "leader": "王喆", "leader_phone": "139****5678",
         "signed_on": date(2025, 6, 18) | "2025年6月18日" | None,   # None: blank date line
         "contests": [
             {"name": "羽毛球 混合团体",
              "entries": [
                  {"label": "一队", "status": "approved",  # draft, submitted, pending,
                   # approved, waitlisted, rejected, withdrawn; other text is printed as given
                   "roster": [
                       {"name": "李龑", "gender": "M",  # "M"/"F" (or 男/女)
                        "birth_date": date(1988, 5, 2) | "1988-05-02",
                        "id_number": "230102********1234",  # already masked, printed as given
                        "role": "captain",  # player, captain, coach, leader, reserve,
                        # drummer, steerer, author; other text is printed as given
                        "phone": "138****0000"}]}]}]}
    """
    lang = "en" if lang == "en" else "zh"
    labels = LABELS[lang]
    story: list[Flowable] = [
        para(labels["title"], "title", lang),
        para(data.get("event", ""), "subtitle", lang),
        _info_table(data, lang),
    ]
    story += _contest_flowables(data.get("contests") or [], lang)
    story.append(KeepTogether([
        Spacer(1, 6 * mm),
        para(labels["declaration"], "body", lang),
        Spacer(1, 4 * mm),
        signature_block(lang, date=data.get("signed_on")),
    ]))
    title = f"{labels['title']} · {data.get('delegation', '')}"
    header = (data.get("event", ""), title)
    return build_pdf(story, title=title, header=header, lang=lang)


def sample_entry_form_data() -> dict:
    """A filled-in example of the data shape, used by the tests and for a look at the layout."""
    player = {"gender": "M", "role": "player"}
    return {
        "event": "2025年哈尔滨市职工冬季运动会", "delegation": "哈尔滨电机厂有限责任公司",
        "division": "企业组", "leader": "王喆", "leader_phone": "139****5678", "signed_on": None,
        "contests": [
            {"name": "羽毛球 混合团体", "entries": [
                {"label": "一队", "status": "approved", "roster": [
                    {**player, "name": "李龑", "birth_date": dt.date(1988, 5, 2),
                     "id_number": "230102********1234", "role": "captain", "phone": "138****0001"},
                    {**player, "name": "张堃", "birth_date": dt.date(1991, 11, 20),
                     "id_number": "230103********2317", "phone": "138****0002"},
                    {"name": "赵喆", "gender": "F", "birth_date": "1993-02-14",
                     "id_number": "230104********3526", "role": "player", "phone": "138****0003"},
                    {"name": "欧阳淼", "gender": "F", "birth_date": "1995-07-08",
                     "id_number": "230105********4747", "role": "reserve", "phone": "138****0004"},
                ]}]},
            {"name": "冰上龙舟 12人 混合", "entries": [
                {"label": "男女混合队", "status": "submitted", "roster": [
                    {**player, "name": "刘䶮", "birth_date": dt.date(1986, 1, 9),
                     "id_number": "230106********5117", "role": "drummer", "phone": "138****0005"},
                    {**player, "name": "陈鑫", "birth_date": dt.date(1990, 3, 30),
                     "id_number": "230107********6633", "role": "steerer", "phone": "138****0006"},
                ]}]},
            {"name": "职工摄影大赛 单幅", "entries": [
                {"label": "周犇", "status": "waitlisted", "roster": []}]},
        ],
    }
