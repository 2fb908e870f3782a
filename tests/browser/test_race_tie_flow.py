"""On a phone, an organiser meets two crews level at the cut: the finals wait, the results page says so, the
re-race's order is recorded on the equal-times page, and the finals are seated from it."""
import pytest

from tests.browser.conftest import log_in, no_sideways_scroll, screenshot
from tests.web.match_helpers import by_key, matches
from tests.web.test_races_api import crews, run

pytestmark = pytest.mark.browser


def test_a_rerace_at_the_cut_is_recorded_on_a_phone(phone, live_server, client, organiser, dummy_event, token):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 6, lanes=4, ranking="final")
    races = by_key(body["matches"])
    for heat in ("heat-1-1", "heat-1-2"):  # the 4th and 5th fastest share 60.75 s: one place left in final A
        run(client, h, races[heat], lambda e: 60_000 + 250 * (3 if ids.index(e) == 4 else ids.index(e)))
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/contests/{c.id}/results")
    alert = phone.locator(".tie-waits")
    assert "后续比赛等待重赛结果" in alert.inner_text()
    no_sideways_scroll(phone)
    screenshot(phone, "race-tie-waits-phone-zh")
    alert.locator("a").click()
    phone.wait_for_url(f"**/manage/contests/{c.id}/lots")
    assert "等待此项决定" in phone.inner_text("main")
    phone.select_option("#lot1-order-0", str(ids[4]))
    phone.select_option("#lot1-order-1", str(ids[3]))
    phone.fill("#lot1-note", "两队重赛，4号艇快 0.2 秒")
    phone.click("#lot-1 button[type=submit]")
    phone.wait_for_selector(".alert-success")
    no_sideways_scroll(phone)
    screenshot(phone, "race-tie-decided-phone-zh")
    finals = by_key(matches(client, h, c.id))
    assert ids[4] in finals["final_a-2-1"]["entries"] and ids[3] in finals["final_b-2-1"]["entries"]
    assert finals["final_a-2-1"]["status"] == "ready"
    phone.goto(f"{live_server}/manage/contests/{c.id}/results")
    assert phone.locator(".tie-waits").count() == 0
