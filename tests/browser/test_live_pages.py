"""On a phone: a 16-entry bracket scrolls inside its frame only; group tables, heats and places fit the screen."""
import pytest

from tests.browser.conftest import no_sideways_scroll, screenshot
from tests.web.match_helpers import contest, delegations, draw, entries, matches, put_result, win_games
from tests.web.test_live_pages import GROUP_GAMES, PLAYERS, crews, publish
from tests.web.test_standings_api import play, round_robin

pytestmark = pytest.mark.browser


def test_a_16_entry_bracket_on_a_phone(phone, live_server, client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "羽毛球男子单打", format={"type": "single_elimination", "third_place": True})
    entries(c.id, delegations(dummy_event, 6), 16, names=PLAYERS)
    draw(client, h, c.id, random_seed=7)
    publish(client, h, c.id)
    for _ in range(2):  # two rounds played: the quarter-finals show names, the semi-finals wait
        for m in matches(client, h, c.id, status="ready"):
            assert put_result(client, h, m, games=[[21, 19], [18, 21], [21, 17]]).status_code == 200
    phone.goto(f"{live_server}/contests/{c.id}/bracket")
    no_sideways_scroll(phone)
    frame = phone.locator(".bracket-scroll").first
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth"), "the bracket scrolls inside its frame"
    assert phone.locator(".bm").count() == 15 + 1
    assert phone.locator(".bracket-round").first.inner_text() in ("第1轮", "第 1 轮")
    screenshot(phone, "live-bracket-16-phone-zh")
    phone.click(".bracket-rounds >> text=半决赛")
    assert frame.evaluate("e => e.scrollLeft") > 0, "the round buttons bring their round into view"
    no_sideways_scroll(phone)
    screenshot(phone, "live-bracket-16-phone-semis-zh")


def test_a_256_line_draw_on_a_phone_is_read_part_by_part(phone, live_server, client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "羽毛球男子单打", format={"type": "single_elimination"})
    entries(c.id, delegations(dummy_event, 8), 256)
    draw(client, h, c.id, random_seed=7)
    publish(client, h, c.id)
    phone.goto(f"{live_server}/contests/{c.id}/bracket")
    no_sideways_scroll(phone)
    assert phone.locator(".bracket-parts a").all_inner_texts() == ["第1–64签", "第65–128签", "第129–192签",
                                                                   "第193–256签", "决胜轮次"]
    assert phone.locator(".bm").count() == 63
    screenshot(phone, "live-bracket-256-phone-zh")
    phone.click(".bracket-parts >> text=决胜轮次")
    phone.wait_for_url("**part-main=final**")
    assert phone.locator(".bm").count() == 3 and phone.locator(".bracket-round").all_inner_texts() == ["半决赛", "决赛"]
    assert phone.locator(".bracket-parts a[aria-current=page]").inner_text() == "决胜轮次"
    no_sideways_scroll(phone)
    screenshot(phone, "live-bracket-256-final-rounds-phone-zh")


def test_a_group_table_on_a_phone(phone, live_server, client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    publish(client, h, c.id)
    for game in GROUP_GAMES:
        play(client, h, c.id, ids, *game)
    phone.goto(f"{live_server}/contests/{c.id}/standings")
    no_sideways_scroll(phone)
    rows = phone.locator(".live-table tbody tr")
    assert [rows.nth(i).locator("td").nth(1).inner_text().split()[0] for i in range(4)] == ["A", "B", "C", "D"]
    phone.click("summary")
    screenshot(phone, "live-standings-phone-zh")


def test_heats_and_places_on_a_phone(phone, live_server, client, organiser, dummy_event, token):
    h = token("org")
    c, ids, races = crews(client, h, organiser, dummy_event, 4, lanes=4, ranking="final")
    lanes = [{"entry_id": ids[0], "time_ms": 62_354}, {"entry_id": ids[1], "time_ms": 58_000, "false_starts": 1},
             {"entry_id": ids[2], "time_ms": 59_999}, {"entry_id": ids[3], "status": "DNS"}]
    assert put_result(client, h, races[0], lanes=lanes).status_code == 200
    phone.goto(f"{live_server}/contests/{c.id}/heats")
    no_sideways_scroll(phone)
    assert "1:02.35" in phone.locator(".live-table").inner_text()
    screenshot(phone, "live-heats-phone-zh")
    phone.goto(f"{live_server}/contests/{c.id}/places?lang=en")
    no_sideways_scroll(phone)
    screenshot(phone, "live-places-phone-en")


def test_a_finished_badminton_knockout_on_a_phone_in_english(phone, live_server, client, organiser, dummy_event,
                                                             token):
    h = token("org")
    c = contest(organiser, dummy_event, "Men's singles", format={"type": "single_elimination"})
    entries(c.id, delegations(dummy_event, 3), 6, names=PLAYERS[:6])
    draw(client, h, c.id, random_seed=3)
    publish(client, h, c.id)
    while ready := matches(client, h, c.id, status="ready"):
        for m in ready:
            assert put_result(client, h, m, games=win_games(1)).status_code == 200
    phone.goto(f"{live_server}/contests/{c.id}/bracket?lang=en")
    no_sideways_scroll(phone)
    assert phone.locator(".live-podium").inner_text().startswith("Champion")
    screenshot(phone, "live-bracket-byes-phone-en")
