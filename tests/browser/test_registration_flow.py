"""On a phone: a leader enters a basketball team of 12 through the form and another through an Excel
upload; the organiser approves one and rejects the other; the leader reads the reason."""
from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from registrations.excel import build_template
from tests.browser.conftest import log_in, no_sideways_scroll, screenshot
from tests.factories import members

pytestmark = pytest.mark.browser


def _phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True,
                                  is_mobile=True)
    return context, context.new_page()


def _fill_row(page, i, person):
    page.fill(f"#members-{i}-name", person["name"])
    page.select_option(f"#members-{i}-gender", person["gender"])
    page.select_option(f"#members-{i}-role", "player")
    page.fill(f"#members-{i}-id_number", person["id_number"])
    page.fill(f"#members-{i}-birth_date", person["birth_date"])
    page.fill(f"#members-{i}-phone", person["phone"])


def _roster_xlsx(path, people):
    """The contest's template filled with one team of ``people``, below the example row."""
    wb = load_workbook(BytesIO(build_template("篮球5x5", "篮球", ["player", "coach"])))
    ws = wb.active
    for p in people:
        ws.append(["长春二队", p["name"], "男", date.fromisoformat(p["birth_date"]), p["id_number"], "队员",
                   p["phone"]])
    wb.save(path)


def test_register_by_form_and_upload_then_decide(phone, browser, live_server, organiser, dummy_delegation,
                                                  basketball_contest, tmp_path):
    base, cid = live_server, basketball_contest.id
    log_in(phone, base, "leader1")
    phone.goto(f"{base}/my/entries")
    no_sideways_scroll(phone)
    phone.click(f"#contest-{cid} a[href$='/entries/new']")
    phone.wait_for_url(f"{base}/contests/{cid}/entries/new")
    assert phone.locator("h1").inner_text() == "新建报名"
    assert phone.locator("#member-rows .member-row").count() == 5
    for _i in range(7):
        phone.click("#add-member")
    assert phone.locator("#member-rows .member-row").count() == 12
    people = members(12)
    phone.fill("#name", "长春一队")
    for i, person in enumerate(people):
        _fill_row(phone, i, person)
    phone.select_option("#members-3-gender", "")
    phone.fill("#members-5-phone", "12345")
    phone.click("#entry-form button[type=submit]")
    row3 = phone.locator(".member-row").nth(3)
    assert "border-danger" in row3.get_attribute("class") and row3.locator(".invalid-feedback").count() == 1
    assert "手机" in phone.locator(".member-row").nth(5).inner_text()
    no_sideways_scroll(phone)
    screenshot(phone, "entry-form-errors-phone-zh")
    phone.select_option("#members-3-gender", "M")
    phone.fill("#members-5-phone", people[5]["phone"])
    phone.click("#entry-form button[type=submit]")
    phone.wait_for_selector("text=报名已提交，等待组委会审核。")
    assert phone.locator("#roster li").count() == 12
    no_sideways_scroll(phone)
    screenshot(phone, "entry-shown-phone-zh")

    upload = tmp_path / "roster.xlsx"
    _roster_xlsx(upload, members(12, start=40))
    phone.goto(f"{base}/my/entries")
    phone.click(f"#contest-{cid} a[href$='/entries/upload']")
    phone.wait_for_url(f"{base}/contests/{cid}/entries/upload")
    no_sideways_scroll(phone)
    phone.set_input_files("#file", str(upload))
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=长春二队")
    no_sideways_scroll(phone)
    screenshot(phone, "entries-after-upload-phone-zh")

    context, org = _phone_page(browser)
    try:
        log_in(org, base, "org")
        org.goto(f"{base}/manage/contests/{cid}/entries")
        no_sideways_scroll(org)
        first = org.locator("#entries li", has_text="长春一队")
        second = org.locator("#entries li", has_text="长春二队")
        first.locator("input[name=ids]").check()
        org.click("text=批量通过所选报名")
        org.wait_for_selector("text=已通过 1 个报名。")
        second.locator("summary").click()
        second.locator("textarea[name=reason]").fill("名单中3人未满18岁，请核对出生日期")
        second.locator("button", has_text="退回").click()
        org.wait_for_selector("text=已退回报名 长春二队。")
        no_sideways_scroll(org)
        screenshot(org, "organiser-entries-phone-zh")
    finally:
        context.close()

    phone.goto(f"{base}/my/entries")
    text = phone.locator("main").inner_text()
    assert "已通过" in text and "未通过：名单中3人未满18岁，请核对出生日期" in text
    no_sideways_scroll(phone)
    screenshot(phone, "leader-dashboard-after-decisions-phone-zh")
    phone.click("text=English")
    assert "Rejected: 名单中3人未满18岁" in phone.locator("main").inner_text()
    screenshot(phone, "leader-dashboard-after-decisions-phone-en")
