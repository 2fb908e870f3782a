"""Entry files: template, upload (all or nothing, every bad cell reported), exports, the 报名表 PDF."""
import subprocess
from datetime import date
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from common.db import db
from registrations.models import Entry, EntryMember
from registrations.services import create_delegation
from tests.factories import PASSWORD, members

ZH = ["队名", "姓名", "性别", "出生日期", "身份证号", "角色", "手机"]


def rows_for(team: str, people: list[dict]) -> list[list]:
    return [[team, p["name"], "男" if p["gender"] == "M" else "女", date.fromisoformat(p["birth_date"]),
             p["id_number"], "队员", p["phone"]] for p in people]


def xlsx(rows, headers=ZH, edit=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    if headers:
        ws.append(headers)
    for row in rows:
        ws.append(row)
    if edit:
        edit(ws)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def good_file() -> bytes:
    return xlsx(rows_for("长春一队", members(6)) + rows_for("长春二队", members(5, start=10)))


def upload(client, contest_id, data: bytes, name="entries.xlsx", **extra):
    return client.post(f"/contests/{contest_id}/entries/upload", data={"file": (BytesIO(data), name), **extra},
                       content_type="multipart/form-data")


def count() -> tuple[int, int]:
    db.session.rollback()
    return db.session.scalar(select(func.count(Entry.id))), db.session.scalar(select(func.count(EntryMember.id)))


@pytest.fixture
def as_leader(client, dummy_delegation, login):
    login("leader1")
    client.get("/lang/en")
    return client


def test_template_has_chinese_headers_an_example_row_and_lists(client, basketball_contest, dummy_delegation, login):
    login("leader1")
    r = client.get(f"/contests/{basketball_contest.id}/entries/template.xlsx")
    assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
    ws = load_workbook(BytesIO(r.data)).worksheets[0]
    assert [c.value for c in ws[1]] == ZH
    assert [c.value for c in ws[2]][:3] == ["示例队", "张三", "男"]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"C2:C2000": '"男,女"', "F2:F2000": '"队员,教练"'}


def test_template_needs_a_signed_in_user(client, basketball_contest):
    r = client.get(f"/contests/{basketball_contest.id}/entries/template.xlsx")
    assert r.status_code in (302, 401) and count() == (0, 0)


def test_upload_page_has_the_file_input_and_the_button(as_leader, basketball_contest):
    page = as_leader.get(f"/contests/{basketball_contest.id}/entries/upload").get_data(as_text=True)
    assert 'name="file"' in page and "Upload" in page and 'name="delegation_id"' not in page


def test_a_good_file_enters_every_team(as_leader, basketball_contest):
    r = upload(as_leader, basketball_contest.id, good_file())
    assert r.status_code == 302, r.get_data(as_text=True)
    assert count() == (2, 11)
    names = db.session.scalars(select(Entry.name).order_by(Entry.id)).all()
    assert names == ["长春一队", "长春二队"]
    assert db.session.scalar(select(Entry.status).limit(1)) == "pending"


def test_the_template_filled_in_is_accepted(as_leader, basketball_contest):
    wb = load_workbook(BytesIO(as_leader.get(f"/contests/{basketball_contest.id}/entries/template.xlsx").data))
    for row in rows_for("一队", members(5)):
        wb.worksheets[0].append(row)
    buf = BytesIO()
    wb.save(buf)
    assert upload(as_leader, basketball_contest.id, buf.getvalue()).status_code == 302
    assert count() == (1, 5)  # the example row was skipped


def problems_of(r, saved="nothing was saved") -> str:
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert 'id="problems"' in page and saved in page
    return page


def merged(ws):
    ws.merge_cells("A2:A3")


@pytest.mark.parametrize("data, words", [
    (xlsx(rows_for("一队", members(5)), headers=["Team", "Person", "Sex"]), ["Unknown column Person", "Missing column 姓名"]),
    (xlsx(rows_for("一队", members(6)), edit=merged), ["Merged cells A2:A3"]),
    (xlsx([r[:3] + ["1990年13月1日"] + r[4:] for r in rows_for("一队", members(5))]), ["<td>2</td>", "D"]),
    (xlsx(rows_for("一队", members(4)) + [[None] * 7] * 3 + rows_for("一队", members(1, start=4))[:1]
          + [["一队", "王五", "X", None, None, None, None]]), ["<td>10</td>", "M or F"]),
    (xlsx(rows_for("一队", members(3))), ["5 to 12"]),
    (b"name,gender\n\xe5\xbc\xa0\xe4\xb8\x89,M\n", ["not an Excel .xlsx file"]),
    (xlsx([]), ["no members below the headers"]),
])
def test_bad_files_list_every_problem_and_save_nothing(as_leader, basketball_contest, data, words):
    page = problems_of(upload(as_leader, basketball_contest.id, data))
    for w in words:
        assert w in page, (w, page[page.find('id="problems"'):][:1500])
    assert count() == (0, 0)


def test_text_file_renamed_xlsx_is_refused_in_chinese(client, basketball_contest, dummy_delegation, login):
    login("leader1")
    page = problems_of(upload(client, basketball_contest.id, "队名,姓名\n一队,张三\n".encode()), "未保存任何内容")
    assert "上传" in page and "This is not an Excel" not in page and "xlsx" in page.split('id="problems"')[1]
    assert count() == (0, 0)


def test_5000_rows_are_refused_with_a_clear_message(as_leader, basketball_contest):
    people = [["队%d" % (i // 10), f"人{i}", "男", None, None, None, None] for i in range(5001)]
    page = problems_of(upload(as_leader, basketball_contest.id, xlsx(people)))
    assert "Too many rows: at most 5000" in page and count() == (0, 0)


def test_a_20_mb_file_is_refused_before_it_is_read(as_leader, basketball_contest):
    page = problems_of(upload(as_leader, basketball_contest.id, b"PK" + b"\0" * (20 * 2 ** 20)))
    assert "at most 5 MB" in page and count() == (0, 0)


def test_a_person_already_entered_points_at_the_cell(as_leader, basketball_contest):
    assert upload(as_leader, basketball_contest.id, xlsx(rows_for("一队", members(5)))).status_code == 302
    again = rows_for("二队", members(5, start=20)) + rows_for("二队", members(1))
    page = problems_of(upload(as_leader, basketball_contest.id, xlsx(again)))
    assert "<td>7</td>" in page and "already on the entry 一队" in page
    page = problems_of(upload(as_leader, basketball_contest.id, xlsx(rows_for("一队", members(5, start=40)))))
    assert "<td>2</td>" in page and "already has this name" in page
    assert count() == (1, 5)


def test_organiser_chooses_the_delegation(client, basketball_contest, dummy_delegation, login):
    login("org")
    page = client.get(f"/contests/{basketball_contest.id}/entries/upload").get_data(as_text=True)
    assert 'name="delegation_id"' in page and "长春市代表队" in page
    r = upload(client, basketball_contest.id, good_file(), delegation_id=str(dummy_delegation.id))
    assert r.status_code == 302 and count() == (2, 11)


def test_exports_per_contest_and_per_delegation(client, as_leader, basketball_contest, dummy_delegation, login):
    upload(as_leader, basketball_contest.id, good_file())
    mine = load_workbook(BytesIO(as_leader.get(f"/delegations/{dummy_delegation.id}/entries.xlsx").data)).active
    rows = list(mine.iter_rows(values_only=True))
    assert rows[0][:4] == ("项目", "代表队", "队名", "状态") and len(rows) == 12
    assert rows[1][2] == "长春一队" and "*" in rows[1][7]  # leaders see masked ID numbers
    assert as_leader.get(f"/contests/{basketball_contest.id}/entries.xlsx").status_code == 403
    login("org", c=client)
    r = client.get(f"/contests/{basketball_contest.id}/entries.xlsx?lang=en")
    rows = list(load_workbook(BytesIO(r.data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Contest", "Delegation", "Team") and len(rows) == 12 and "*" not in rows[1][7]


def test_leader_of_another_delegation_sees_nothing(client, organiser, dummy_event, basketball_contest, dummy_delegation,
                                                   login):
    create_delegation(organiser, dummy_event.id, {"name": "吉林市代表队", "division": "city",
                                                  "leader": {"username": "leader2", "password": PASSWORD}})
    login("leader2")
    for url in (f"/delegations/{dummy_delegation.id}/entries.xlsx", f"/delegations/{dummy_delegation.id}/entry-form.pdf"):
        assert client.get(url).status_code in (403, 404)
    r = upload(client, basketball_contest.id, good_file(), delegation_id=str(dummy_delegation.id))
    assert r.status_code == 302 and db.session.scalar(select(func.count(Entry.id)).where(
        Entry.delegation_id == dummy_delegation.id)) == 0  # always for their own delegation


def test_entry_form_pdf_embeds_a_cjk_truetype_font(as_leader, basketball_contest, dummy_delegation, tmp_path):
    upload(as_leader, basketball_contest.id, good_file())
    r = as_leader.get(f"/delegations/{dummy_delegation.id}/entry-form.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    path = tmp_path / "form.pdf"
    path.write_bytes(r.data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert any("TrueType" in line and line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "长春市代表队" in text and "长春一队" in text and "长春二队" in text
