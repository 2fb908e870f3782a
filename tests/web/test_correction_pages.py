"""Pages: an organiser corrects a recorded result or takes it back, with a reason, from the score sheet."""
from __future__ import annotations

from tests.web.match_helpers import by_key, matches, put_result, win_games
from tests.web.test_races_api import crews, run
from tests.web.test_result_pages import drawn, error_at, sheet, text_of


def test_a_recorded_result_is_corrected_from_its_filled_sheet(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event, names=["张伟", "李娜", "王强", "刘洋"])
    semi = put_result(client, h, ms["main-1-1"], games=[[21, 19], [17, 21], [21, 8]]).get_json()
    login("org")
    page = text_of(client.get(f"/manage/matches/{semi['id']}/result"))
    assert "更正成绩" in page and "撤销成绩" in page and 'id="result-form"' not in page
    assert '<h1 class="h4">半决赛 · 第1场</h1>' in page, "a match named on its own page says its round"
    form = text_of(client.get(f"/manage/matches/{semi['id']}/result?correct=1"))
    assert 'id="correcting"' in form and "保存更正" in form
    assert 'name="games-0-0" value="21"' in form and 'name="games-1-1" value="21"' in form
    assert 'name="games-2-1" value="8"' in form
    r = client.post(f"/manage/matches/{semi['id']}/result",
                    data=sheet(semi, [(19, 21), (21, 17), (8, 21)], correct="1", reason="比分记反了"))
    assert r.status_code == 302, text_of(r)[:400]
    assert "成绩已更正" in text_of(client.get(r.headers["Location"]))
    history = text_of(client.get(f"/manage/matches/{semi['id']}/result"))
    history = history[history.index('id="history"'):]
    assert history.index("录入") < history.index("更正") and "理由：比分记反了" in history
    assert "原成绩：2–1 · 21-19 17-21 21-8" in history, "a correction says what it replaced"
    now = by_key(matches(client, h, c.id))
    assert now["main-1-1"]["winner_entry_id"] == semi["entries"][1]
    assert now["main-2-1"]["entries"] == [semi["entries"][1], None]


def test_a_correction_without_a_reason_shows_the_error_and_keeps_the_result(client, organiser, dummy_event, token,
                                                                            login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    login("org")
    r = client.post(f"/manage/matches/{semi['id']}/result",
                    data=sheet(semi, [(12, 21), (15, 21)], correct="1", reason=" "))
    page = text_of(r)
    assert r.status_code == 200 and "请说明更改成绩的原因" in page
    assert 'name="games-0-0" value="12"' in page  # what was typed is kept
    assert by_key(matches(client, h, c.id))["main-1-1"] == semi
    r = client.post(f"/manage/matches/{semi['id']}/result?lang=en",
                    data=sheet(semi, [(21, 12), (21, 30)], correct="1", reason="typo"))
    assert "Game 2" in text_of(r) and error_at(text_of(r), "games.1")
    assert by_key(matches(client, h, c.id))["main-1-1"] == semi


def test_a_result_is_taken_back_with_a_reason(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    login("org")
    missing = client.post(f"/manage/matches/{semi['id']}/result/undo", data={"version": semi["version"],
                                                                                 "reason": ""})
    assert missing.status_code == 200 and "请说明更改成绩的原因" in text_of(missing)
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "finished"
    again = client.get(f"/lang/en?next=/manage/matches/{semi['id']}/result/undo")  # the language switched there
    assert client.get(again.headers["Location"]).headers["Location"] == f"/manage/matches/{semi['id']}/result"
    client.get("/lang/zh")
    r = client.post(f"/manage/matches/{semi['id']}/result/undo",
                    data={"version": semi["version"], "reason": "录到了别的场次<script>x</script>"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/manage/matches/{semi['id']}/result")
    page = text_of(client.get(r.headers["Location"]))
    assert "成绩已撤销" in page and 'id="result-form"' in page and "提交成绩" in page
    assert "理由：录到了别的场次&lt;script&gt;" in page and "<script>x" not in page, "a reason is shown as text"
    now = by_key(matches(client, h, c.id))
    assert now["main-1-1"]["status"] == "ready" and now["main-2-1"]["entries"] == [None, None]


def test_a_result_that_led_to_a_played_match_cannot_be_taken_back(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    put_result(client, h, ms["main-1-2"], games=win_games(0))
    put_result(client, h, by_key(matches(client, h, c.id))["main-2-1"], games=win_games(0))
    login("org")
    r = client.post(f"/manage/matches/{semi['id']}/result/undo", data={"version": semi["version"], "reason": "错"})
    assert r.status_code == 200 and "已有成绩" in text_of(r)
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "finished"


def test_a_race_correction_starts_from_the_recorded_times(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 4, lanes=4, ranking="final")
    race = by_key(body["matches"])["final-1-1"]
    done = run(client, h, race, lambda e: 60_000 + 1_230 * ids.index(e))
    login("org")
    page = text_of(client.get(f"/manage/matches/{done['id']}/result?correct=1"))
    assert 'value="1:00.00"' in page and 'value="1:03.69"' in page


def test_only_the_organisers_see_the_correction(client, organiser, dummy_event, dummy_delegation, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", json={"published": False}, headers=h).status_code == 200
    login("leader1")  # the draw is hidden: the match is not even there for others
    assert client.get(f"/manage/matches/{semi['id']}/result?correct=1").status_code == 404
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=h).status_code == 200
    assert client.get(f"/manage/matches/{semi['id']}/result?correct=1").status_code == 403
    assert client.post(f"/manage/matches/{semi['id']}/result/undo",
                       data={"version": semi["version"], "reason": "x"}).status_code == 403
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "finished"


def test_an_entry_withdraws_from_the_results_page(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, ids = drawn(client, h, organiser, dummy_event, names=["张伟", "李娜", "王强", "刘洋"])
    semi = ms["main-1-1"]
    login("org")
    page = text_of(client.get(f"/manage/contests/{c.id}/results"))
    assert "抽签后退赛" in page and page.count("<option") == 5 and page.count('<option value="') == 4
    assert '<option selected value="">— 请选择 —</option>' in page, "nobody is chosen for the organiser"
    nobody = client.post(f"/manage/contests/{c.id}/withdrawals", data={"entry_id": "", "reason": "赛前受伤"})
    assert nobody.status_code == 200 and "请选择本次抽签中的参赛者" in text_of(nobody)
    missing = client.post(f"/manage/contests/{c.id}/withdrawals", data={"entry_id": semi["entries"][0], "reason": ""})
    assert missing.status_code == 200 and "请说明退赛原因" in text_of(missing)
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready"
    r = client.post(f"/manage/contests/{c.id}/withdrawals",
                    data={"entry_id": semi["entries"][0], "reason": "赛前受伤"})
    assert r.status_code == 302
    page = text_of(client.get(r.headers["Location"]))
    assert "已退赛：1 场比赛判对方不战而胜" in page and 'id="withdrawn"' in page
    withdrawal, reinstatement = page.split('id="reinstate-form"')
    assert withdrawal.count('<option value="') == 3, "a withdrawn entry is not offered again"
    assert reinstatement.count('<option value="') == 1, "only a withdrawn entry can have its withdrawal taken back"
    assert by_key(matches(client, h, c.id))["main-1-1"]["winner_entry_id"] == semi["entries"][1]
    history = text_of(client.get(f"/manage/matches/{semi['id']}/result"))
    out = client.get(f"/api/v1/entries/{semi['entries'][0]}", headers=h).get_json()["name"]
    assert f"不战而胜：{out} 已退赛。" in history[history.index('id="history"'):]


def test_a_refused_withdrawal_reloaded_or_in_another_language_goes_back_to_the_results_list(
        client, organiser, dummy_event, token, login):
    c, ms, _ = drawn(client, token("org"), organiser, dummy_event)
    login("org")
    for url in (f"/manage/contests/{c.id}/withdrawals", f"/manage/contests/{c.id}/withdrawals/take-back"):
        r = client.get(url)
        assert r.status_code == 302 and r.headers["Location"] == f"/manage/contests/{c.id}/results"


def test_a_withdrawal_is_taken_back_from_the_results_page(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, ids = drawn(client, h, organiser, dummy_event, names=["张伟", "李娜", "王强", "刘洋"])
    semi = ms["main-1-1"]
    login("org")
    assert 'id="reinstate-form"' not in text_of(client.get(f"/manage/contests/{c.id}/results"))  # none withdrawn
    client.post(f"/manage/contests/{c.id}/withdrawals", data={"entry_id": semi["entries"][0], "reason": "赛前受伤"})
    page = text_of(client.get(f"/manage/contests/{c.id}/results"))
    assert "撤销退赛" in page and 'id="reinstate-form"' in page
    missing = client.post(f"/manage/contests/{c.id}/withdrawals/take-back",
                          data={"entry_id": semi["entries"][0], "reason": ""})
    assert missing.status_code == 200 and "请说明撤销退赛的原因" in text_of(missing)
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "finished", "nothing changed"
    r = client.post(f"/manage/contests/{c.id}/withdrawals/take-back",
                    data={"entry_id": semi["entries"][0], "reason": "误操作，选手已到场"})
    assert r.status_code == 302
    page = text_of(client.get(r.headers["Location"]))
    assert "已恢复参赛：1 场不战而胜已撤销" in page and 'id="withdrawn"' not in page
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready"
    again = client.post(f"/manage/contests/{c.id}/withdrawals/take-back",
                        data={"entry_id": semi["entries"][0], "reason": "再点一次"})
    assert again.status_code == 200 and "该参赛者没有退赛" in text_of(again)
