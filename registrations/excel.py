"""Excel (.xlsx) for registrations: the entry template, the upload of a filled one, the export. Pure.

The upload is all or nothing: every team, or ``UploadError`` reporting every bad cell (row, column,
message). Oversized files are refused before unzipping; reading is one read-only
``iter_rows(values_only=True)`` pass. Read-only sheets hide merged cells, so the sheet's XML part
(the worksheet's ``_worksheet_path``, stable since openpyxl 2.4) is read again from the zip and its
``<mergeCells>`` element, after ``sheetData``, found with ``bytes.find`` and a regular expression: a
few milliseconds, no XML parse. The unchanged example row is skipped; 1,000 blank rows end the data.
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any, Callable

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation

from common.errors import N_, ErrorBag, Invalid, Message
from competitions.sports.base import RosterRule
from registrations.idcard import check_char
from registrations.roster import clean_member, person_keys, validate_members

FIELDS = ("team", "name", "gender", "birth_date", "id_number", "role", "phone")
HEADERS = {"zh": ("队名", "姓名", "性别", "出生日期", "身份证号", "角色", "手机"),
           "en": ("Team", "Name", "Gender", "Birth date", "ID number", "Role", "Mobile")}
REQUIRED = ("team", "name", "gender")
_ZH_ROLES = {"player": "队员", "coach": "教练", "paddler": "划手", "drummer": "鼓手", "steerer": "舵手",
             "reserve": "替补", "author": "作者"}
ROLE_NAMES = {"zh": _ZH_ROLES, "en": {code: code.capitalize() for code in _ZH_ROLES}}
GENDER_NAMES = {"zh": {"M": "男", "F": "女"}, "en": {"M": "M", "F": "F"}}
MAX_BYTES, MAX_UNZIPPED = 5 * 2 ** 20, 100 * 2 ** 20  # the upload, and all its parts unpacked
MAX_ROWS = 5000
TEAM_MAX = 100
TEMPLATE_ROWS = 2000
EXAMPLE = {"team": "示例队", "name": "张三", "birth_date": date(1990, 5, 1),
           "id_number": "11010119900501123" + check_char("11010119900501123")}
NOTES = {"zh": ("项目：{contest}", "运动：{sport}", "每名成员填一行；队名相同的行组成一支队伍。",
                "性别填 男 或 女；出生日期如 1990-05-01；身份证号请按文本填写18位。", "角色：{roles}（不填则为{default}）。",
                "请勿合并单元格。第2行为示例，原样保留时导入会跳过。"),
         "en": ("Contest: {contest}", "Sport: {sport}",
                "One row per member; rows with the same team name form one team.",
                "Gender M or F; birth date like 1990-05-01; the 18-character ID number as text.",
                "Roles: {roles} (blank: {default}).",
                "Do not merge cells. Row 2 is an example and is skipped if left unchanged.")}
_ALIASES = {**{h.casefold(): f for hs in HEADERS.values() for h, f in zip(hs, FIELDS)},
            "队伍": "team", "队伍名称": "team", "队名称": "team", "性别(男/女)": "gender", "sex": "gender",
            "出生年月": "birth_date", "出生年月日": "birth_date", "生日": "birth_date", "dateofbirth": "birth_date",
            "身份证号码": "id_number", "身份证": "id_number", "证件号码": "id_number", "手机号": "phone",
            "手机号码": "phone", "联系电话": "phone", "电话": "phone", "phone": "phone", "teamname": "team"}
_IGNORED = {"序号", "no.", "no", "备注", "notes", "代表队", "delegation", "参赛单位", "状态", "status", "项目", "contest"}
_ROLES = {**{n.casefold(): c for names in ROLE_NAMES.values() for c, n in names.items()},
          "运动员": "player", "球员": "player", "选手": "player"}
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
_BLANK_RUN_END = 1000


@dataclass(frozen=True)
class Problem:
    """One bad cell (or the whole file when ``row`` is None): where, and what is wrong."""

    row: int | None
    column: str | None
    header: str | None
    message: Message

    @property
    def ref(self) -> str:
        """The cell reference (C5), the row (row 5) or "file"."""
        return f"{self.column or ''}{self.row}" if self.row else "file"

    def as_dict(self, gettext: Callable[[str], str] | None = None) -> dict:
        """The problem as plain data, its message rendered with ``gettext`` (English without)."""
        return {"row": self.row, "column": self.column, "header": self.header, "message": self.message.render(gettext)}


class UploadError(Invalid):
    """A refused upload; ``problems`` lists every bad cell, ``errors`` maps cell references to messages."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        errors: dict[str, list[Message]] = {}
        for p in self.problems:
            errors.setdefault(p.ref, []).append(p.message)
        super().__init__(errors, Message(N_("The file has %(count)s problems; nothing was imported."),
                                         {"count": len(self.problems)}))


def _problem(row: int | None, column: str | None, header: str | None, msgid: str, /, **params: Any) -> Problem:
    return Problem(row, column, header, Message(msgid, params))


def _file_error(msgid: str, **params: Any) -> UploadError:
    return UploadError([_problem(None, None, None, msgid, **params)])


def save_workbook(wb: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cell_text(value: Any) -> Any:
    """A value safe to write: text starting with "=" stays text instead of becoming a formula."""
    return "'" + value if isinstance(value, str) and value.startswith("=") else value


def build_template(contest_name: str, sport_label: str, roles: list[str] | tuple[str, ...],
                   genders: tuple[str, ...] = ("M", "F"), lang: str = "zh") -> bytes:
    """The .xlsx entry template of a contest: headers, an example row, lists for gender and role."""
    lang = lang if lang in HEADERS else "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "报名表" if lang == "zh" else "Entries"
    ws.append(HEADERS[lang])
    role_names = [ROLE_NAMES[lang].get(r, r) for r in roles]
    ws.append([EXAMPLE["team"], EXAMPLE["name"], GENDER_NAMES[lang]["M"], EXAMPLE["birth_date"],
               EXAMPLE["id_number"], role_names[0] if role_names else None, "13800000000"])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[2]:
        cell.font = Font(italic=True, color="808080")
    for letter, width in zip("ABCDEFG", (18, 12, 8, 14, 22, 10, 15)):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["D"].number_format = "yyyy-mm-dd"
    ws.column_dimensions["E"].number_format = ws.column_dimensions["G"].number_format = "@"
    ws.freeze_panes = "A2"
    for letter, names in (("C", [GENDER_NAMES[lang][g] for g in genders]), ("F", role_names)):
        if names:
            dv = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True,
                                showErrorMessage=True, error="请从列表中选择" if lang == "zh" else "Choose from the list")
            dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
            ws.add_data_validation(dv)
    notes = wb.create_sheet("说明" if lang == "zh" else "Notes")
    notes.column_dimensions["A"].width = 80
    for line in NOTES[lang]:
        notes.append([cell_text(line.format(contest=contest_name, sport=sport_label, default=(role_names or [""])[0],
                                        roles=("、" if lang == "zh" else ", ").join(role_names)))])
    return save_workbook(wb)


def parse_upload(data: bytes, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES,
                 rule: RosterRule | None = None, on_date: date | None = None) -> list[dict]:
    """Teams of a filled template: ``[{name, row, members, rows, columns, headers}]``, or UploadError.

    ``rows`` gives each member's row; ``columns`` and ``headers`` map each field to its column
    letter and header as written (shared by all teams), to point later reports at the right cell.

    Members are cleaned as by ``registrations.roster``; with ``rule`` every team is also checked
    against the roster rule (ages on ``on_date``) and the report points at the offending cells.
    """
    archive = _open_zip(data, max_bytes)
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)  # formulas: their cached values
        ws = wb.worksheets[0]
    except Exception:  # untrusted input: openpyxl raises many kinds of errors on a broken package
        raise _file_error(N_("This file could not be read as an .xlsx workbook: save it again from Excel or WPS."))
    try:
        ws.reset_dimensions()  # a stale <dimension> would otherwise cut rows off
        merged = _merged_ranges(archive, getattr(ws, "_worksheet_path", ""))
        header_row, columns, labels = _read_headers(ws, merged)
        reader = _Reader(columns, labels, rule, on_date or date.today())
        reader.problems.extend(merged)
        skip = {row for p in merged for row in range(p.row, p.row + int(p.message.params["rows"]))}
        reader.read(ws.iter_rows(min_row=header_row + 1, max_col=max(columns.values()) + 1, values_only=True),
                    header_row + 1, max_rows, skip)
    finally:
        wb.close()
    return reader.finish()


def _open_zip(data: bytes, max_bytes: int) -> zipfile.ZipFile:
    """The package as a zip, refused by size before anything is unpacked."""
    if len(data) > max_bytes:
        raise _file_error(N_("The file is %(size)s MB; at most %(max)s MB is accepted."),
                          size=round(len(data) / 2 ** 20, 1), max=round(max_bytes / 2 ** 20, 1))
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise _file_error(N_("This is an old .xls workbook or a password-protected file: save it as .xlsx."))
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _file_error(N_("This is not an Excel .xlsx file: download the template and fill it in."))
    if unpacked > MAX_UNZIPPED:
        raise _file_error(N_("This workbook unpacks to too much data."))
    return archive


def _merged_ranges(archive: zipfile.ZipFile, part: str) -> list[Problem]:
    """A problem for each merged range of the sheet part (its message's ``rows``: the range's height)."""
    try:
        xml = archive.read(part.lstrip("/"))
    except (KeyError, ValueError, zipfile.BadZipFile):
        return []
    start = xml.find(b"mergeCells")
    problems = []
    for ref in (_MERGE.findall(xml, start) if start >= 0 else []):
        ref = ref.decode()
        min_col, min_row, _, max_row = range_boundaries(ref)
        problems.append(_problem(min_row, get_column_letter(min_col), None, N_(
            "Merged cells %(range)s: unmerge them and fill in every cell."), range=ref, rows=max_row - min_row + 1))
    return problems


def _read_headers(ws: Any, merged: list[Problem]) -> tuple[int, dict[str, int], dict[str, str]]:
    """The header row's number, the column of each field and its header as written; UploadError if wrong."""
    for number, values in enumerate(ws.iter_rows(max_row=10, values_only=True), 1):
        if any(v is not None and str(v).strip() for v in values):
            break
    else:
        raise _file_error(N_("The first sheet is empty: fill in the template's first sheet."))
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    problems = [p for p in merged if p.row <= number]
    expected = "、".join(HEADERS["zh"])
    for col, value in enumerate(values):
        if value is None or not str(value).strip():
            continue
        key = re.sub(r"\s|\*|\(必填\)", "", unicodedata.normalize("NFKC", str(value)).casefold())
        letter = get_column_letter(col + 1)
        field = _ALIASES.get(key)
        if field in columns:
            problems.append(_problem(number, letter, str(value), N_("Column %(header)s appears twice."),
                                     header=str(value)))
        elif field:
            columns[field], labels[field] = col, str(value).strip()
        elif key not in _IGNORED:
            problems.append(_problem(number, letter, str(value), N_("Unknown column %(header)s. Use the "
                                     "template's headers: %(expected)s."), header=value, expected=expected))
    for header in (HEADERS["zh"][FIELDS.index(f)] for f in REQUIRED if f not in columns):
        problems.append(_problem(number, None, header, N_(
            "Missing column %(header)s. Use the template's headers: %(expected)s."), header=header, expected=expected))
    if problems:
        raise UploadError(problems)
    return number, columns, labels


def _plain(value: Any) -> Any:
    """A cell's value as text when it is a whole number (phones, names typed as numbers)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class _Reader:
    """Turns the rows of the sheet into teams, collecting every problem on the way."""

    def __init__(self, columns: dict[str, int], labels: dict[str, str], rule: RosterRule | None, on_date: date):
        self.index = [columns.get(f, -1) for f in FIELDS]
        self.letters = {f: get_column_letter(c + 1) for f, c in columns.items()}
        self.labels = {f: labels.get(f, h) for f, h in zip(FIELDS, HEADERS["zh"])}
        self.rule, self.on_date = rule, on_date
        self.problems: list[Problem] = []
        self.bad_cells: set[tuple[int, str]] = set()
        self.teams: dict[str, dict] = {}
        roles = rule.roles if rule else ROLE_NAMES["en"]
        self.role_choices = "、".join(ROLE_NAMES["zh"].get(r, r) for r in roles)

    def add(self, row: int, field: str, message: Message, converting: bool = False) -> None:
        """Report a problem in the cell of ``field`` on ``row`` (once a cell failed to convert, only that)."""
        if (row, field) in self.bad_cells:
            return
        if converting:
            self.bad_cells.add((row, field))
        self.problems.append(Problem(row, self.letters.get(field), self.labels[field], message))

    def _role(self, row: int, value: Any) -> Any:
        """The role code of a role written in Chinese or English; an unknown one is reported and kept."""
        if not isinstance(value, str) or not value.strip():
            return value
        code = _ROLES.get(value.strip().casefold())
        if code is None or (self.rule is not None and code not in self.rule.roles):
            self.add(row, "role", Message(N_("Unknown role %(value)s. Choose one of: %(choices)s."),
                                          {"value": value, "choices": self.role_choices}), converting=True)
            return value
        return code

    def read(self, rows: Any, first: int, max_rows: int, skip: set[int]) -> None:
        """Read the data rows; blank rows are skipped, rows in merged ranges left to their report."""
        count = blanks = 0
        index = self.index
        for number, values in enumerate(rows, first):
            if values.count(None) == len(values) or all(v is None or str(v).strip() == "" for v in values):
                blanks += 1
                if blanks >= _BLANK_RUN_END:
                    break
                continue
            blanks = 0
            cells = [values[i] if i >= 0 else None for i in index]
            if cells[1] == EXAMPLE["name"] and cells[0] == EXAMPLE["team"] and cells[4] == EXAMPLE["id_number"]:
                continue
            count += 1
            if count > max_rows:
                raise _file_error(N_("Too many rows: at most %(max)s members in one file."), max=max_rows)
            if number not in skip:
                self._row(number, cells)

    def _row(self, number: int, cells: list) -> None:
        team = self._team(number, cells[0])
        if isinstance(cells[4], float):  # an ID number typed into a number cell has lost its last digits
            self.add(number, "id_number", Message(N_("The ID number was stored as a number and lost digits: "
                                                     "format the column as text and type it again.")), True)
        raw = {"name": _plain(cells[1]), "gender": cells[2], "birth_date": _plain(cells[3]),
               "id_number": _plain(cells[4]), "role": self._role(number, cells[5]),
               "phone": _plain(cells[6])}
        if self.rule is None:
            bag = ErrorBag()
            raw = clean_member(bag, raw, "", None, self.on_date)
            for field, messages in bag.errors.items():
                for m in messages:
                    self.add(number, field, m)
        team["members"].append(raw)
        team["rows"].append(number)

    def _team(self, number: int, value: Any) -> dict:
        name = unicodedata.normalize("NFC", str(_plain(value)).strip()) if value is not None else ""
        if not name or len(name) > TEAM_MAX:
            self.add(number, "team", Message(N_("The team name is required.")) if not name else Message(
                N_("At most %(max)s characters (got %(len)s)."), {"max": TEAM_MAX, "len": len(name)}), True)
        team = self.teams.get(name)
        if team is None:
            team = self.teams[name] = {"name": name, "row": number, "members": [], "rows": []}
        return team

    def finish(self) -> list[dict]:
        """The teams, or UploadError with every problem found."""
        if self.rule is not None:
            for team in self.teams.values():
                self._check_team(team)
        self._check_across_teams()
        if not self.teams and not self.problems:
            self.problems.append(_problem(None, None, None, N_("The file has no members below the headers.")))
        if self.problems:
            raise UploadError(self.problems)
        for team in self.teams.values():  # where each field is, for reports made after parsing
            team["columns"], team["headers"] = self.letters, self.labels
        return list(self.teams.values())

    def _check_team(self, team: dict) -> None:
        """The roster rule on one team; errors land on the member's cell or the team's first row."""
        try:
            team["members"] = validate_members(self.rule, team["members"], self.on_date)
        except Invalid as err:
            for path, messages in err.errors.items():
                parts = path.split(".")
                row, field = (team["rows"][int(parts[1])], parts[2]) if len(parts) == 3 else (team["row"], "team")
                for m in messages:
                    self.add(row, field, Message(m.msgid, {"team": team["name"], **m.params}))

    def _check_across_teams(self) -> None:
        """A person in two teams of the file (same ID, or same name and birth date without two IDs)."""
        seen: dict[tuple, tuple[str, int, Any]] = {}
        for team in self.teams.values():
            for member, row in zip(team["members"], team["rows"]):
                number = member.get("id_number")
                for key in person_keys(member):
                    other = seen.setdefault(key, (team["name"], row, number))
                    if other[0] == team["name"] or (key[0] == "name" and number and other[2] and number != other[2]):
                        continue
                    self.add(row, "id_number" if key[0] == "id" else "name", Message(
                        N_("Already in team %(team)s (row %(other)s): a person may be in one entry per contest."),
                        {"team": other[0], "other": other[1], "member": member.get("name")}))
                    break
