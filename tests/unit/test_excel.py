"""Excel template, upload and export: every bad input is reported by row, column and message."""
import zipfile
from datetime import date, datetime
from io import BytesIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from competitions.sports import roster_rule, validate_contest_definition
from registrations import excel
from registrations.excel import HEADERS, UploadError, build_template, parse_upload
from registrations.excel_export import export_entries
from registrations.idcard import check_char

ZH = list(HEADERS["zh"])


def an_id(born: str = "19900101", seq: str = "123", region: str = "220102") -> str:
    first17 = region + born + seq
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return first17 + "10X98765432"[total % 11]


def save(tmp_path, name: str, rows, headers=ZH, template: bool = False, edit=None) -> bytes:
    """Write a workbook (the template, or headers then rows) to tmp_path and return its bytes."""
    if template:
        wb = load_workbook(BytesIO(build_template("男子篮球", "篮球", ["player", "coach"])))
        ws = wb.active
    else:
        wb = Workbook()
        ws = wb.active
        if headers:
            ws.append(headers)
    for row in rows:
        ws.append(row)
    if edit:
        edit(ws)
    path = tmp_path / name
    wb.save(path)
    return path.read_bytes()


def report(data: bytes, **kwargs) -> list[tuple]:
    with pytest.raises(UploadError) as info:
        parse_upload(data, **kwargs)
    err = info.value
    assert err.status == 422 and "nothing was imported" in err.message.render()
    return [(p.row, p.column, p.header, p.message.render()) for p in err.problems]


def rule_of(sport: str, discipline: str):
    _, _, clean = validate_contest_definition(sport, discipline, {"type": "round_robin"}, {})
    return roster_rule(sport, discipline, clean)


def test_template_has_chinese_headers_an_example_lists_and_a_frozen_header():
    wb = load_workbook(BytesIO(build_template("男子篮球", "篮球", ["player", "coach"])))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == ["队名", "姓名", "性别", "出生日期", "身份证号", "角色", "手机"]
    assert [c.value for c in ws[2]][:3] == ["示例队", "张三", "男"] and ws["D2"].value.date() == date(1990, 5, 1)
    assert ws["E2"].value == excel.EXAMPLE["id_number"] and ws["F2"].value == "队员"
    assert ws.freeze_panes == "A2"
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {"C2:C2000": '"男,女"', "F2:F2000": '"队员,教练"'}
    assert ws.column_dimensions["E"].number_format == "@"
    assert "项目：男子篮球" in [c.value for c in wb["说明"]["A"]]
    boat = load_workbook(BytesIO(build_template("混合龙舟", "冰上龙舟", ["paddler", "drummer", "steerer", "reserve"])))
    formulas = [dv.formula1 for dv in boat.worksheets[0].data_validations.dataValidation]
    assert '"划手,鼓手,舵手,替补"' in formulas
    en = load_workbook(BytesIO(build_template("Women's team", "Badminton", ["player"], genders=("F",), lang="en")))
    assert en.worksheets[0]["A1"].value == "Team" and en.worksheets[0]["C2"].value == "M"
    assert '"F"' in [dv.formula1 for dv in en.worksheets[0].data_validations.dataValidation]


def test_round_trip_template_filled_and_parsed(tmp_path):
    rows = [["一队", "李雷", "男", datetime(1990, 5, 1), an_id("19900501", "123"), "队员", 13812345678],
            ["一队", "韩梅梅", "女", "1991/6/2", None, "player", None],
            ["二队", "王芳", "F", "1992年7月3日", None, "教练", "0451-86123456"],
            ["二队", "赵强", "M", "19930804", None, None, None],
            ["一队", "孙丽", "女", None, an_id("19881231", "222").lower(), "Coach", None]]
    teams = parse_upload(save(tmp_path, "filled.xlsx", rows, template=True))
    assert [(t["name"], t["row"], t["rows"]) for t in teams] == [("一队", 3, [3, 4, 7]), ("二队", 5, [5, 6])]
    first = teams[0]["members"]
    assert first[0] == {"name": "李雷", "gender": "M", "birth_date": date(1990, 5, 1),
                        "id_number": an_id("19900501", "123"), "role": "player", "phone": "13812345678"}
    assert first[1]["birth_date"] == date(1991, 6, 2) and first[1]["role"] == "player"
    assert first[2]["birth_date"] == date(1988, 12, 31) and first[2]["role"] == "coach"  # from the ID number
    assert [(m["gender"], m["role"], m["birth_date"]) for m in teams[1]["members"]] == [
        ("F", "coach", date(1992, 7, 3)), ("M", None, date(1993, 8, 4))]


def test_with_a_roster_rule_the_report_points_at_the_team_or_the_member(tmp_path):
    five = [["A队", f"甲{i}", "男", "1990-01-0%d" % (i + 1), None, "队员", None] for i in range(5)]
    four = [["B队", f"乙{i}", "男", "1990-01-0%d" % (i + 1), None, "队员", None] for i in range(4)]
    data = save(tmp_path, "rule.xlsx", five + four)
    assert [len(t["members"]) for t in parse_upload(data)] == [5, 4]  # no rule: no roster check
    problems = report(data, rule=rule_of("basketball", "5x5"))
    assert problems == [(7, "A", "队名", "Role player: 5 to 12 needed; this entry has 4.")]
    pair = [["混双", "男甲", "男", None, None, None, None], ["混双", "男乙", "男", None, None, "队员", None]]
    problems = report(save(tmp_path, "xd.xlsx", pair), rule=rule_of("badminton", "XD"))
    assert {p[3] for p in problems} == {"Men needed: exactly 1; this entry has 2.",
                                        "Women needed: exactly 1; this entry has 0."}
    assert {(p[0], p[1]) for p in problems} == {(2, "A")}


def test_wrong_or_missing_headers(tmp_path):
    problems = report(save(tmp_path, "headers.xlsx", [["x", "张三", 30]], headers=["队伍编号", "姓名", "年龄"]))
    assert [(p[0], p[1], p[2]) for p in problems] == [(1, None, "队名"), (1, None, "性别"), (1, "A", "队伍编号"),
                                                       (1, "C", "年龄")]
    assert problems[0][3].startswith("Missing column 队名. Use the template's headers: 队名、姓名、性别")
    assert problems[2][3].startswith("Unknown column 队伍编号.")
    twice = report(save(tmp_path, "twice.xlsx", [], headers=["队名", "姓名", "性别", "姓名"]))
    assert twice == [(1, "D", "姓名", "Column 姓名 appears twice.")]
    english = parse_upload(save(tmp_path, "en.xlsx", [["T", "Li Lei", "M"]], headers=["Team ", "name", "性别*", "备注"]))
    assert english[0]["members"][0]["name"] == "Li Lei"


def test_merged_cells_are_reported_and_their_rows_left_alone(tmp_path):
    rows = [["一队", "李雷", "男"], [None, "韩梅梅", "女"], ["一队", "王五", "M", "明天"]]
    problems = report(save(tmp_path, "merged.xlsx", rows, edit=lambda ws: ws.merge_cells("A2:A3")))
    assert problems == [(2, "A", None, "Merged cells A2:A3: unmerge them and fill in every cell."),
                        (4, "D", "出生日期", "Must be a date like 1990-05-01.")]
    header = report(save(tmp_path, "merged_header.xlsx", [["一队", "李雷", "男"]],
                         edit=lambda ws: ws.merge_cells("A1:B1")))
    assert (1, "A", None, "Merged cells A1:B1: unmerge them and fill in every cell.") in header


def test_dates_as_text_are_read_and_nonsense_is_reported(tmp_path):
    good = ["1990-05-01", "1990/5/1", "1990年5月1日", "1990.05.01", 19900501, datetime(1990, 5, 1), date(1990, 5, 1)]
    rows = [["队", f"人{i}", "男", value] for i, value in enumerate(good)]
    members = parse_upload(save(tmp_path, "dates.xlsx", rows))[0]["members"]
    assert {m["birth_date"] for m in members} == {date(1990, 5, 1)}
    bad = [["队", "甲", "男", "去年"], ["队", "乙", "男", "1990-02-30"], ["队", "丙", "男", 32994],
           ["队", "丁", "男", "2090-01-01"]]
    problems = report(save(tmp_path, "bad_dates.xlsx", bad))
    assert [(p[0], p[1], p[2]) for p in problems] == [(2, "D", "出生日期"), (3, "D", "出生日期"), (4, "D", "出生日期"),
                                                       (5, "D", "出生日期")]
    assert problems[-1][3] == "Must be a real birth date (after 1900, not in the future)."


def test_blank_rows_are_skipped(tmp_path):
    rows = [[None] * 7, ["队", "甲", "男"], [None, "  ", None, ""], [], ["队", "乙", "女"], [None] * 7]
    teams = parse_upload(save(tmp_path, "blank.xlsx", rows))
    assert teams[0]["rows"] == [3, 6]


def test_gender_and_role_in_chinese_or_english_and_bad_values_once(tmp_path):
    rows = [["队", "甲", "男", None, None, "队员"], ["队", "乙", "女", None, None, "Player"],
            ["队", "丙", "m", None, None, "coach"], ["队", "丁", "F", None, None, "教练"],
            ["队", "戊", "男的", None, None, "队长"]]
    problems = report(save(tmp_path, "gender.xlsx", rows))
    assert [(p[0], p[1]) for p in problems] == [(6, "C"), (6, "F")]
    assert problems[0][3] == "Must be M or F (男 or 女)."
    assert problems[1][3].startswith("Unknown role 队长. Choose one of: 队员、教练、划手")
    xd = report(save(tmp_path, "xd_role.xlsx", [["对", "甲", "男", None, None, "划手"]]), rule=rule_of("badminton", "XD"))
    assert xd == [(2, "F", "角色", "Unknown role 划手. Choose one of: 队员、教练.")]


def test_id_numbers_checked_by_cell(tmp_path):
    rows = [["队", "甲", "男", None, an_id()[:17] + "0"], ["队", "乙", "男", None, 1.1010519491231e17],
            ["队", "丙", "男", None, int(an_id(seq="125"))], ["队", "丁", "女", None, an_id(seq="127")]]
    problems = report(save(tmp_path, "ids.xlsx", rows))  # an 18-digit number is stored as a double
    assert [(p[0], p[1], p[2]) for p in problems] == [(2, "E", "身份证号"), (3, "E", "身份证号"), (4, "E", "身份证号"),
                                                       (5, "C", "性别")]
    assert "check digit" in problems[0][3] and "lost digits" in problems[1][3] and "lost digits" in problems[2][3]
    assert problems[3][3] == "Does not match the ID number, which is a man's."


def test_one_person_in_two_teams_of_the_file(tmp_path):
    rows = [["一队", "甲", "男", None, an_id()], ["二队", "甲乙", "男", None, an_id()],
            ["一队", "丙", "男", "1990-01-01"], ["二队", "丙", "男", "1990/1/1"]]
    problems = report(save(tmp_path, "twice.xlsx", rows))
    assert problems == [(3, "E", "身份证号", "Already in team 一队 (row 2): a person may be in one entry per contest."),
                        (5, "B", "姓名", "Already in team 一队 (row 4): a person may be in one entry per contest.")]


def test_five_thousand_rows_are_fine_and_more_are_refused(tmp_path):
    def rows(count):
        return [[f"队{n // 10}", f"队员{n}", "男" if n % 2 else "女", date(1980 + n % 30, 1, 1 + n % 28)]
                for n in range(count)]
    data = save(tmp_path, "5000.xlsx", rows(5000))
    teams = parse_upload(data)
    assert len(teams) == 500 and sum(len(t["members"]) for t in teams) == 5000
    assert report(save(tmp_path, "5001.xlsx", rows(5001))) == [
        (None, None, None, "Too many rows: at most 5000 members in one file.")]
    assert report(save(tmp_path, "11.xlsx", rows(11)), max_rows=10)[0][3].startswith("Too many rows")


def test_a_20_mb_file_is_refused_by_size_before_parsing(tmp_path):
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x/>" * (5 * 2 ** 20))
    assert report(path.read_bytes()) == [(None, None, None, "The file is 20.0 MB; at most 5.0 MB is accepted.")]
    # the size is checked before anything is read: 20 MB that are not even a workbook get the same answer
    assert report(b"\0" * (20 * 2 ** 20)) == [(None, None, None, "The file is 20.0 MB; at most 5.0 MB is accepted.")]


@pytest.mark.parametrize("content,expected", [
    (b"name,gender\nLi,M\n", "This is not an Excel .xlsx file"), (b"", "This is not an Excel .xlsx file"),
    (b"PK\x03\x04broken", "This is not an Excel .xlsx file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "This is an old .xls workbook")])
def test_files_that_are_not_workbooks(tmp_path, content, expected):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(content)
    problems = report(path.read_bytes())
    assert len(problems) == 1 and problems[0][:3] == (None, None, None) and problems[0][3].startswith(expected)


def test_a_zip_that_is_not_a_workbook_or_unpacks_too_far(tmp_path, monkeypatch):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert report(path.read_bytes())[0][3].startswith("This file could not be read as an .xlsx workbook")
    monkeypatch.setattr(excel, "MAX_UNZIPPED", 2 ** 20)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 2 ** 21)
    assert report(bomb.read_bytes())[0][3] == "This workbook unpacks to too much data."


def test_empty_sheets(tmp_path):
    assert report(save(tmp_path, "empty.xlsx", [], headers=None))[0][3].startswith("The first sheet is empty")
    assert report(save(tmp_path, "headers_only.xlsx", [], template=True)) == [
        (None, None, None, "The file has no members below the headers.")]
    assert report(save(tmp_path, "no_team.xlsx", [[None, "甲", "男"]])) == [
        (2, "A", "队名", "The team name is required.")]


ENTRIES = [{"contest": "男子篮球", "delegation": "哈尔滨市", "team": "=HYPERLINK(\"http://x\")", "status": "approved",
            "members": [{"name": "李雷", "gender": "M", "birth_date": date(1990, 5, 1), "id_number": an_id("19900501"),
                         "role": "player", "phone": "13812345678"},
                        {"name": "韩梅梅", "gender": "F", "birth_date": "1991-06-02", "id_number": None,
                         "role": "coach", "phone": None}]},
           {"contest": "男子篮球", "delegation": "齐齐哈尔市", "name": "二队", "status": "waitlisted", "members": []}]


def test_export_masks_id_numbers_and_keeps_formulas_out(tmp_path):
    ws = load_workbook(BytesIO(export_entries(ENTRIES))).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("项目", "代表队", "队名", "状态", "姓名", "性别", "出生日期", "身份证号", "角色", "手机")
    assert rows[1][1:] == ("哈尔滨市", "'=HYPERLINK(\"http://x\")", "已通过", "李雷", "男", datetime(1990, 5, 1),
                           "220102********1234"[:6] + "********" + an_id("19900501")[-4:], "队员", "13812345678")
    assert ws["C2"].data_type == "s" and rows[2][4:] == ("韩梅梅", "女", datetime(1991, 6, 2), None, "教练", None)
    assert rows[3] == ("男子篮球", "齐齐哈尔市", "二队", "候补") + (None,) * 6
    full = load_workbook(BytesIO(export_entries(ENTRIES, lang="en", full=True))).worksheets[0]
    assert full["H2"].value == an_id("19900501") and full["D2"].value == "Approved" and full["A1"].value == "Contest"
    assert full["D4"].value == "Waiting list" and full["I3"].value == "Coach"


def test_a_full_export_can_be_uploaded_again():
    entries = [dict(ENTRIES[0], team="一队")]
    team, = parse_upload(export_entries(entries, full=True))
    assert team["name"] == "一队" and [m["name"] for m in team["members"]] == ["李雷", "韩梅梅"]
    assert team["members"][0]["id_number"] == an_id("19900501") and team["members"][1]["role"] == "coach"


def test_a_full_sized_upload_of_2400_rows_parses_into_200_teams(tmp_path):
    """The size of bench/registration.py's workload (its speed beside openpyxl is measured there, not here)."""
    rows = [[f"队{n // 12}", f"队员{n}", "男" if n % 2 else "女", date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
             an_id(f"{1970 + n % 30}{1 + n % 12:02d}{1 + n % 28:02d}", f"{n % 1000:03d}"), "队员", f"138{n:08d}"]
            for n in range(2400)]
    for row in rows:  # the sex written in the ID number
        row[2] = "男" if int(row[4][16]) % 2 else "女"
    teams = parse_upload(save(tmp_path, "bench.xlsx", rows), rule=rule_of("basketball", "5x5"))
    assert len(teams) == 200 and all(len(t["members"]) == 12 for t in teams)
    assert teams[7]["name"] == "队7" and teams[7]["members"][0]["name"] == "队员84"


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["110105", "220102", "440305", "650102", "810000"]),
       st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)), st.integers(0, 999), st.booleans())
def test_any_valid_id_number_survives_an_upload_and_a_typo_is_caught(region, born, seq, typo):
    first17 = f"{region}{born:%Y%m%d}{seq:03d}"
    number = first17 + check_char(first17)
    if typo:
        number = number[:-1] + next(c for c in "0123456789X" if c != number[-1])
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(ZH)
    ws.append(["队", "某人", "男" if seq % 2 else "女", born, number.lower()])
    buf = BytesIO()
    wb.save(buf)
    if typo:
        assert [(p[0], p[1]) for p in report(buf.getvalue())] == [(2, "E")]
    else:
        assert parse_upload(buf.getvalue())[0]["members"][0]["id_number"] == number
