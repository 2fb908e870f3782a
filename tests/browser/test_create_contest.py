"""In a real browser: an organiser logs in and creates a contest, in Chinese and in English."""
import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def _fill_dragon_boat(page):
    page.select_option("#sport", "ice_dragon_boat")
    assert page.is_hidden("#discipline-group"), "the dragon boat has no discipline code"
    assert page.is_visible("#settings-ice_dragon_boat-boat")
    assert page.is_hidden("#settings-badminton-cap")
    page.select_option("#format_type", "timed_heats")
    assert page.is_visible("#format-timed_heats-lanes") and page.is_hidden("#format-groups_knockout-groups")
    page.fill("#format-timed_heats-lanes", "4")
    page.select_option("#settings-ice_dragon_boat-class", "mixed")
    page.fill("#registration_opens_at", "2025-12-01T09:00")
    page.fill("#registration_closes_at", "2025-12-20T17:00")


def test_create_contest_in_chinese(phone, live_server, organiser, dummy_event, client):
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/events/{dummy_event.id}/contests/new")
    assert phone.locator("h1").inner_text() == "新建比赛项目"
    phone.fill("#name", "5人混合冰上龙舟200米")
    _fill_dragon_boat(phone)
    phone.select_option("#settings-ice_dragon_boat-boat", "5")
    assert phone.input_value("#settings-ice_dragon_boat-reserves") == ""  # as many as the boat allows, up to 2
    assert "留空：按船型，最多 2 名。" in phone.locator("#settings-ice_dragon_boat-reserves + .form-text").inner_text()
    phone.fill("#registration_closes_at", "2025-11-20T17:00")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=报名截止时间必须晚于报名开始时间。")
    screenshot(phone, "contest-form-error-zh")
    phone.fill("#registration_closes_at", "2025-12-20T17:00")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=比赛项目已创建。")
    assert "5人混合冰上龙舟200米" in phone.locator("h1").inner_text()
    assert "计时分组赛" in phone.content()
    screenshot(phone, "contest-created-zh")
    contest = client.get(f"/api/v1/events/{dummy_event.id}/contests").get_json()["items"][0]
    assert contest["settings"]["class"] == "mixed" and contest["format"]["lanes"] == 4
    assert (contest["settings"]["boat"], contest["settings"]["reserves"]) == (5, 1)


def test_create_contest_in_english(phone, live_server, organiser, dummy_event, client):
    phone.goto(f"{live_server}/")
    phone.click("text=English")
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/events/{dummy_event.id}/contests/new")
    assert phone.locator("h1").inner_text() == "New contest"
    phone.fill("#name", "Basketball 3x3 mixed")
    phone.select_option("#sport", "basketball")
    phone.select_option("#discipline", "3x3")
    assert phone.is_visible("#settings-basketball-points_limit") and phone.is_hidden("#settings-basketball-tie_break")
    phone.select_option("#format_type", "double_elimination")
    phone.fill("#settings-basketball-points_limit", "99")
    phone.fill("#registration_opens_at", "2025-12-01T09:00")
    phone.fill("#registration_closes_at", "2025-12-20T17:00")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=Must be between 11 and 33.")
    phone.fill("#settings-basketball-points_limit", "21")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=Contest created.")
    screenshot(phone, "contest-created-en")
    contest = client.get(f"/api/v1/events/{dummy_event.id}/contests").get_json()["items"][0]
    assert contest["discipline"] == "3x3" and contest["format"]["type"] == "double_elimination"


def test_event_page_on_a_phone(phone, live_server, organiser, dummy_event, dummy_contest, dummy_venue,
                               dummy_delegation):
    phone.goto(f"{live_server}/events/{dummy_event.id}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    screenshot(phone, "event-page-phone-zh")
