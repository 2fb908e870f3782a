"""On a phone, the organiser's day: make the draw with two seeds, publish it, enter results through the
score sheet (one refused, then right), and the public bracket shows the winners; correct a result; record
a drawing of lots."""
import pytest

from tests.browser.conftest import log_in, no_sideways_scroll, screenshot
from tests.web.match_helpers import contest, delegations, entries
from tests.web.test_lots_api import cycle
from tests.web.test_standings_api import round_robin

pytestmark = pytest.mark.browser
PLAYERS = ["林丹", "谌龙", "石宇奇", "李宗伟"]


def fill_games(page, games):
    for i, (a, b) in enumerate(games):
        page.fill(f"#games-{i}-0", str(a))
        page.fill(f"#games-{i}-1", str(b))


def score(page, games):
    fill_games(page, games)
    page.click("button:has-text('提交成绩')")


def test_draw_publish_and_score_on_a_phone(phone, live_server, organiser, dummy_event):
    c = contest(organiser, dummy_event, "羽毛球男子单打", format={"type": "single_elimination"})
    ids = dict(zip(PLAYERS, entries(c.id, delegations(dummy_event, 4), 4, names=PLAYERS)))
    log_in(phone, live_server)
    phone.goto(f"{live_server}/contests/{c.id}")
    phone.click("text=抽签")
    phone.fill(f"#seed-{ids['林丹']}", "1")
    phone.fill(f"#seed-{ids['李宗伟']}", "2")
    phone.fill("#random_seed", "2025")
    phone.click("#draw-button")
    phone.wait_for_selector("#publish-state >> text=未公布")
    no_sideways_scroll(phone)
    screenshot(phone, "draw-preview-phone-zh")
    preview = phone.inner_text("main")
    assert preview.index("林丹") < preview.index("李宗伟"), "seed 1 on top, seed 2 at the bottom"
    phone.click("#draw-status button:has-text('公布')")
    phone.wait_for_selector("#publish-state >> text=已公布")

    phone.goto(f"{live_server}/manage/contests/{c.id}/results")
    phone.locator("a.enter").first.click()
    score(phone, [[21, 20], [21, 15]])  # 21-20 is not a finished game
    phone.wait_for_selector(".invalid-feedback[data-path='games.0']")
    assert phone.input_value("#games-1-0") == "21", "what was typed is kept"
    no_sideways_scroll(phone)
    screenshot(phone, "result-sheet-error-phone-zh")
    score(phone, [[22, 20], [21, 15]])
    phone.wait_for_selector(".alert-success")
    assert "22-20" in phone.inner_text(".alert-success")
    phone.locator("a.enter").first.click()
    score(phone, [[15, 21], [19, 21]])
    phone.wait_for_selector(".alert-success")

    public = phone.context.browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    public.goto(f"{live_server}/contests/{c.id}/bracket")
    winners = public.locator(".bm-win .bm-name").all_inner_texts()
    assert sorted(winners) == sorted(["林丹", "李宗伟"]), winners
    final = public.locator(".bm").last.inner_text()
    assert "林丹" in final and "李宗伟" in final, final
    no_sideways_scroll(public)
    screenshot(public, "bracket-after-semis-phone-zh")
    public.context.close()


def test_an_organiser_corrects_a_semi_final_on_a_phone(phone, live_server, client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "羽毛球男子单打", format={"type": "single_elimination"})
    entries(c.id, delegations(dummy_event, 4), 4, names=PLAYERS)
    semi = client.post(f"/api/v1/contests/{c.id}/draw", json={"random_seed": 3}, headers=h).get_json()["matches"][0]
    r = client.put(f"/api/v1/matches/{semi['id']}/result", json={"version": 1, "games": [[21, 10], [21, 12]]},
                   headers=h)
    assert r.status_code == 200
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/matches/{semi['id']}/result")
    phone.click("#correct-link")
    assert phone.input_value("#games-0-0") == "21" and phone.input_value("#games-1-1") == "12"
    fill_games(phone, [[10, 21], [12, 21]])
    phone.click("button:has-text('保存更正')")  # without a reason: refused, the sheet kept
    phone.wait_for_selector("#reason.is-invalid")
    assert phone.input_value("#games-0-0") == "10"
    phone.fill("#reason", "记分员把双方比分填反了")
    no_sideways_scroll(phone)
    screenshot(phone, "result-correction-phone-zh")
    phone.click("button:has-text('保存更正')")
    phone.wait_for_selector(".alert-success")
    assert "成绩已更正" in phone.inner_text(".alert-success")
    final = client.get(f"/api/v1/contests/{c.id}/matches?stage=main", headers=h).get_json()["items"][-1]
    assert final["entries"][0] == semi["entries"][1], "the corrected winner is in the final"


def test_an_organiser_records_a_drawing_of_lots_on_a_phone(phone, live_server, client, organiser, dummy_event,
                                                           token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    cycle(client, h, c.id, ids)  # B, C and D level after every FIBA step
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/contests/{c.id}/lots")
    for place, team in enumerate("DBC"):
        phone.select_option(f"#lot1-order-{place}", label=team)
    phone.fill("#lot1-note", "裁判长主持，三队领队在场")
    no_sideways_scroll(phone)
    screenshot(phone, "lots-phone-zh")
    phone.click("button:has-text('记录抽签结果')")
    phone.wait_for_selector(".alert-success")
    assert "抽签结果已记录" in phone.inner_text(".alert-success")
    client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=h)
    phone.goto(f"{live_server}/contests/{c.id}/standings")
    rows = phone.locator(".live-table tbody tr")
    assert [rows.nth(i).locator("td").nth(1).inner_text().split()[0] for i in range(4)] == ["A", "D", "B", "C"]
    assert "D、B、C" in phone.inner_text(".live-lot")
    no_sideways_scroll(phone)


def test_an_organiser_withdraws_a_player_and_takes_it_back_on_a_phone(phone, live_server, client, organiser,
                                                                       dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "羽毛球男子单打", format={"type": "single_elimination"})
    entries(c.id, delegations(dummy_event, 4), 4, names=PLAYERS)
    semi = client.post(f"/api/v1/contests/{c.id}/draw", json={"random_seed": 3}, headers=h).get_json()["matches"][0]
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/contests/{c.id}/results")
    phone.click("summary:has-text('抽签后退赛')")
    assert phone.input_value("#withdrawal-form select") == "", "nobody is chosen for the organiser"
    phone.fill("#withdrawal-form input[name=reason]", "赛前受伤")
    phone.click("button:has-text('确认退赛')")  # no entry chosen: refused on the field, nothing asked or done
    phone.wait_for_selector("#withdrawal-form .is-invalid")
    assert "请选择本次抽签中的参赛者" in phone.inner_text("#withdrawal-form")
    assert client.get(f"/api/v1/matches/{semi['id']}", headers=h).get_json()["status"] == "ready"
    phone.select_option("#withdrawal-form select", value=str(semi["entries"][0]))
    questions = []
    phone.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    phone.click("button:has-text('确认退赛')")
    phone.wait_for_selector(".alert-success")
    name = client.get(f"/api/v1/entries/{semi['entries'][0]}", headers=h).get_json()["name"]
    assert questions and name in questions[0] and "不战而胜" in questions[0], questions
    assert client.get(f"/api/v1/matches/{semi['id']}", headers=h).get_json()["status"] == "finished"
    phone.click("summary:has-text('撤销退赛')")
    phone.click("#reinstate-form button")  # without a reason: refused, the form open with the message
    phone.wait_for_selector("#reinstate-form .is-invalid")
    phone.select_option("#reinstate-form select", value=str(semi["entries"][0]))
    phone.fill("#reinstate-form input[name=reason]", "误操作，选手已到场")
    no_sideways_scroll(phone)
    screenshot(phone, "reinstate-phone-zh")
    phone.click("#reinstate-form button")
    phone.wait_for_selector(".alert-success")
    assert "已恢复参赛：1 场不战而胜已撤销" in phone.inner_text(".alert-success")
    assert client.get(f"/api/v1/matches/{semi['id']}", headers=h).get_json()["status"] == "ready"


def test_a_singles_rubber_offers_no_partner_on_a_phone(phone, live_server, client, organiser, dummy_event, token):
    from common.db import db
    from registrations.models import EntryMember
    from tests.web.match_helpers import draw

    c = contest(organiser, dummy_event, "混合团体", discipline="team", format={"type": "single_elimination"})
    ids = entries(c.id, delegations(dummy_event, 2), 2)
    for entry_id in ids:
        db.session.add_all(EntryMember(entry_id=entry_id, position=i, name=f"{n}{entry_id}", gender=g, role="player")
                           for i, (n, g) in enumerate([("甲", "M"), ("乙", "M"), ("丙", "F"), ("丁", "F")]))
    db.session.commit()
    tie = draw(client, token("org"), c.id, random_seed=1)["matches"][0]
    log_in(phone, live_server)
    phone.goto(f"{live_server}/manage/matches/{tie['id']}/result")
    partner = "#rubbers-0-players-0-1"  # (rubber 1: men's singles, rubber 3: men's doubles)
    assert phone.is_hidden(partner) and phone.is_visible("#rubbers-2-players-0-1")
    phone.select_option("#rubbers-0-discipline", "MD")  # the referee's order: doubles first
    assert phone.is_visible(partner)
    phone.select_option(partner, label=f"乙{tie['entries'][0]} (男)")
    phone.select_option("#rubbers-0-discipline", "MS")
    assert phone.is_hidden(partner) and phone.input_value(partner) == "", "a hidden partner is not sent"
    no_sideways_scroll(phone)
