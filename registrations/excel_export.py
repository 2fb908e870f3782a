"""Entries exported to .xlsx, one line per member, in Chinese or English. Pure: no Flask, no models."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from registrations.excel import GENDER_NAMES, HEADERS, ROLE_NAMES, cell_text, save_workbook
from registrations.idcard import mask_id_number
from registrations.roster import parse_day

STATUS_NAMES = {"zh": {"pending": "待审核", "approved": "已通过", "rejected": "未通过", "waitlisted": "候补",
                       "withdrawn": "已退出"}, "en": {"waitlisted": "Waiting list"}}
EXPORT_HEADERS = {"zh": ("项目", "代表队", "队名", "状态") + HEADERS["zh"][1:],
                  "en": ("Contest", "Delegation", "Team", "Status") + HEADERS["en"][1:]}


def _bold(cell: WriteOnlyCell) -> WriteOnlyCell:
    cell.font = Font(bold=True)
    return cell


def export_entries(rows: list[dict], lang: str = "zh", full: bool = False) -> bytes:
    """Entries as .xlsx, one line per member; ID numbers masked unless ``full``.

    Each entry: ``{contest?, delegation, team (or name), status, members: [member]}``.
    """
    lang = lang if lang in EXPORT_HEADERS else "zh"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("报名" if lang == "zh" else "Entries")
    for letter, width in zip("ABCDEFGHIJ", (16, 18, 18, 10, 12, 6, 12, 22, 8, 15)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append([_bold(WriteOnlyCell(ws, title)) for title in EXPORT_HEADERS[lang]])
    genders, roles, statuses = GENDER_NAMES[lang], ROLE_NAMES[lang], STATUS_NAMES[lang]
    for entry in rows:
        status = entry.get("status")
        head = [cell_text(entry.get("contest")), cell_text(entry.get("delegation")),
                cell_text(entry.get("team", entry.get("name"))), statuses.get(status, str(status or "").capitalize())]
        for m in entry.get("members") or [{}]:
            number, role, born = m.get("id_number"), m.get("role"), m.get("birth_date")
            number = number if full else mask_id_number(number)
            ws.append(head + [cell_text(m.get("name")), genders.get(m.get("gender"), m.get("gender")),
                              parse_day(born) or born, number or None, roles.get(role, role), cell_text(m.get("phone"))])
    return save_workbook(wb)
