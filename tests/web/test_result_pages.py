"""Results entry pages: the contest's matches for organisers and the score sheet of each sport."""
from __future__ import annotations

import re

from tests.web.match_helpers import by_key, contest, delegations, draw, entries, matches, put_result, win_games

BOAT = {"sport": "ice_dragon_boat", "discipline": None, "settings": {"boat": 12, "class": "open", "distance_m": 200}}


def text_of(resp) -> str:
    return resp.get_data(as_text=True)


def drawn(client, h, organiser, event, name="男单", n=4, names=None, seed=1, **over):
    """A drawn contest of ``n`` entries (badminton MS single elimination by default), its matches by key, entry ids."""
    c = contest(organiser, event, name, **over)
    ids = entries(c.id, delegations(event, 2), n, names=names)
    return c, by_key(draw(client, h, c.id, random_seed=seed)["matches"]), ids


def sheet(m: dict, rows, prefix: str = "games", **extra) -> dict:
    """The posted form: the version read and score rows ``prefix-i-0/1``."""
    data = {"version": m["version"], **extra}
    for i, (a, b) in enumerate(rows):
        data[f"{prefix}-{i}-0"], data[f"{prefix}-{i}-1"] = str(a), str(b)
    return data


def error_at(page: str, path: str) -> str:
    """The text of the error shown under the field ``path``."""
    found = re.findall(rf'<div class="invalid-feedback d-block" data-path="{re.escape(path)}">([^<]*)</div>', page)
    return " ".join(found)


def test_badminton_result_through_the_form_moves_the_winner_on(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event, names=["张伟", "李娜", "王强", "刘洋"])
    semi = ms["main-1-1"]
    login("org")
    listing = text_of(client.get(f"/manage/contests/{c.id}/results"))
    assert "半决赛" in listing and listing.count("录入成绩</a>") == 2
    assert f"/manage/matches/{semi['id']}/result" in listing
    form = text_of(client.get(f"/manage/matches/{semi['id']}/result"))
    assert "第3局" in form and 'name="games-2-1"' in form and 'inputmode="numeric"' in form
    assert f'name="version" type="hidden" value="{semi["version"]}"' in form
    r = client.post(f"/manage/matches/{semi['id']}/result", data=sheet(semi, [(21, 19), (17, 21), (21, 8)]))
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/manage/contests/{c.id}/results")
    page = text_of(client.get(r.headers["Location"]))
    assert "成绩已录入" in page and "2–1 · 21-19 17-21 21-8" in page
    done = by_key(matches(client, h, c.id))
    assert done["main-1-1"]["status"] == "finished" and done["main-1-1"]["winner_entry_id"] == semi["entries"][0]
    assert done["main-1-1"]["result"]["games"] == [[21, 19], [17, 21], [21, 8]]
    assert done["main-2-1"]["entries"] == [semi["entries"][0], None]
    finished = text_of(client.get(f"/manage/contests/{c.id}/results?status=finished"))
    assert "2–1 · 21-19 17-21 21-8" in finished and "决赛" in finished


def test_a_bad_game_score_is_shown_next_to_that_game_and_nothing_is_recorded(client, organiser, dummy_event, token,
                                                                             login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    login("org")
    r = client.post(f"/manage/matches/{semi['id']}/result", data=sheet(semi, [(21, 10), (21, 20)]))
    page = text_of(r)
    assert r.status_code == 200 and "请修改标出的字段" in page
    assert "20 平后，须领先 2 分才能胜一局" in error_at(page, "games.1")
    assert error_at(page, "games.0") == ""
    assert re.search(r'class="[^"]*is-invalid" id="games-1-0"\s+name="games-1-0" value="21"', page)
    gap = text_of(client.post(f"/manage/matches/{semi['id']}/result",
                              data={**sheet(semi, [(21, 10)]), "games-2-0": "21", "games-2-1": "x"}))
    assert "请按顺序填写" in error_at(gap, "games.1") and "整数" in error_at(gap, "games.2")
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready"


def test_a_walkover_needs_its_winner_and_moves_it_on(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, ids = drawn(client, h, organiser, dummy_event, names=["张伟", "李娜", "王强", "刘洋"])
    semi = ms["main-1-2"]
    login("org")
    missing = text_of(client.post(f"/manage/matches/{semi['id']}/result", data=sheet(semi, [], outcome="walkover")))
    assert "此结果须指明胜方" in missing
    winner = semi["entries"][1]
    r = client.post(f"/manage/matches/{semi['id']}/result",
                    data=sheet(semi, [], outcome="walkover", winner_entry_id=str(winner)))
    assert r.status_code == 302
    done = by_key(matches(client, h, c.id))
    assert done["main-1-2"]["result"]["outcome"] == "walkover" and done["main-1-2"]["winner_entry_id"] == winner
    assert done["main-2-1"]["entries"] == [None, winner]
    name = ["张伟", "李娜", "王强", "刘洋"][ids.index(winner)]
    assert f"弃权，{name} 胜" in text_of(client.get(f"/manage/contests/{c.id}/results?status=finished"))


def test_a_level_basketball_score_is_refused_until_the_overtime(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event, "篮球", sport="basketball", discipline="5x5")
    game = ms["main-1-1"]
    login("org")
    form = text_of(client.get(f"/manage/matches/{game['id']}/result"))
    assert "第4节" in form and "加时3" in form and 'name="periods-6-1"' in form
    level = [(20, 18), (15, 17), (25, 20), (18, 23)]
    half = text_of(client.post(f"/manage/matches/{game['id']}/result", data=sheet(game, level[:2], "periods")))
    assert "请填写 4 节的比分" in half
    marked = set(re.findall(r'is-invalid" id="(periods-\d-\d)"', half))
    assert marked == {"periods-2-0", "periods-2-1", "periods-3-0", "periods-3-1"}, "the blank quarters are marked"
    page = text_of(client.post(f"/manage/matches/{game['id']}/result", data=sheet(game, level, "periods")))
    assert "比赛不设平局" in error_at(page, "periods.3")
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready"
    r = client.post(f"/manage/matches/{game['id']}/result", data=sheet(game, level + [(7, 5)], "periods"))
    assert r.status_code == 302
    done = by_key(matches(client, h, c.id))["main-1-1"]
    assert done["result"]["score"] == [85, 83] and done["result"]["periods"][4] == [7, 5]
    assert "85–83 · 20-18 15-17 25-20 18-23 加时 7-5" in text_of(client.get(r.headers["Location"]))


def test_a_3x3_game_has_one_period_and_an_overtime_row(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event, "三人篮球", n=2, sport="basketball", discipline="3x3")
    game = ms["main-1-1"]
    login("org")
    form = text_of(client.get(f"/manage/matches/{game['id']}/result"))
    assert "常规时间" in form and 'name="periods-1-1"' in form and 'name="periods-2-0"' not in form
    r = client.post(f"/manage/matches/{game['id']}/result", data=sheet(game, [(15, 21)], "periods"))
    assert r.status_code == 302
    done = by_key(matches(client, h, c.id))["main-1-1"]
    assert done["result"]["score"] == [15, 21] and done["winner_entry_id"] == game["entries"][1]


def test_a_race_heat_records_times_a_dns_and_a_penalty(client, organiser, dummy_event, token, login):
    h = token("org")
    c = contest(organiser, dummy_event, "冰上龙舟", format={"type": "timed_heats", "lanes": 4, "ranking": "final"},
                **BOAT)
    entries(c.id, delegations(dummy_event, 3), 6, names=["一号艇", "二号艇", "三号艇", "四号艇", "五号艇", "六号艇"])
    heat = by_key(draw(client, h, c.id, random_seed=6)["matches"])["heat-1-1"]
    lanes = sorted(zip(heat["lanes"], heat["entries"]))  # the form lists the crews in lane order
    login("org")
    form = text_of(client.get(f"/manage/matches/{heat['id']}/result"))
    assert all(f"第{lane}道" in form for lane, _ in lanes) and 'name="lanes-2-status"' in form
    assert ">完赛</option>" in form and 'title="DNS（未出发）">DNS</option>' in form
    assert ">Completed</option>" in text_of(client.get(f"/manage/matches/{heat['id']}/result?lang=en"))
    client.get("/lang/zh")
    data = {"version": heat["version"], "lanes-0-time": "58,4", "lanes-1-time": "1:01.234", "lanes-1-penalty": "10",
            "lanes-2-status": "DNS", "lanes-2-time": ""}
    bad = text_of(client.post(f"/manage/matches/{heat['id']}/result", data={**data, "lanes-0-time": "58,4x"}))
    assert "1:01.23" in error_at(bad, "lanes.0.time_ms") and 'value="58,4x"' in bad
    r = client.post(f"/manage/matches/{heat['id']}/result", data=data)
    assert r.status_code == 302
    result = by_key(matches(client, h, c.id))["heat-1-1"]["result"]["lanes"]
    by_entry = {lane["entry_id"]: lane for lane in result}
    assert by_entry[lanes[0][1]]["total_ms"] == 58_400
    assert by_entry[lanes[1][1]]["penalty_ms"] == 10_000 and by_entry[lanes[1][1]]["total_ms"] == 71_234
    assert by_entry[lanes[2][1]]["status"] == "DNS" and by_entry[lanes[2][1]]["total_ms"] is None
    page = text_of(client.get(r.headers["Location"] + "?status=finished"))
    assert "58.40" in page and "1:11.23 （含罚时 +10.00）" in page and "DNS" in page


def test_a_stale_version_keeps_what_was_typed_and_overwrites_nothing(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    login("org")
    client.get(f"/manage/matches/{semi['id']}/result")
    assert put_result(client, h, semi, games=win_games(1)).status_code == 200  # someone else, meanwhile
    r = client.post(f"/manage/matches/{semi['id']}/result", data=sheet(semi, [(21, 5), (21, 6)]))
    page = text_of(r)
    assert r.status_code == 200 and "其他人已先录入了这场比赛的成绩" in page
    assert 'id="current"' in page and "0–2 · 12-21 15-21" in page
    assert f'name="version" type="hidden" value="{semi["version"] + 1}"' in page  # the version now current
    assert 'id="games-0-0"\n        name="games-0-0" value="21"' in page and 'value="6"' in page
    done = by_key(matches(client, h, c.id))["main-1-1"]
    assert done["winner_entry_id"] == semi["entries"][1] and done["result"]["games"] == win_games(1)


def test_only_the_event_organisers_enter_results(client, organiser, dummy_event, dummy_delegation, create_organiser,
                                                token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", json={"published": True}, headers=h).status_code == 200
    urls = (f"/manage/contests/{c.id}/results", f"/manage/matches/{semi['id']}/result")
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    assert client.post(urls[1], data=sheet(semi, win_games(0))).status_code == 302
    create_organiser("other_org")
    for user in ("leader1", "other_org"):
        login(user)
        assert [client.get(url).status_code for url in urls] == [403, 403]
        assert client.post(urls[1], data=sheet(semi, win_games(0))).status_code == 403
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready"


def test_pages_in_english_with_the_switch(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    login("org")
    client.get("/lang/en")
    listing = text_of(client.get(f"/manage/contests/{c.id}/results"))
    assert "Results entry" in listing and "Semi-finals" in listing and "Enter result" in listing
    form = text_of(client.get(f"/manage/matches/{semi['id']}/result"))
    for label in ("Game 1", "Game 3", "Outcome", "Winner", "Walkover", "Record result"):
        assert label in form
    page = text_of(client.post(f"/manage/matches/{semi['id']}/result", data=sheet(semi, [(21, 10), (21, 20)])))
    assert error_at(page, "games.1") == "From 20-all a side needs a two-point lead (until 30 points)."


def test_the_sheet_needs_the_csrf_token(csrf_client, organiser, dummy_event, token):
    h = token("org")
    c, ms, _ = drawn(csrf_client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    login_page = text_of(csrf_client.get("/login"))
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page).group(1)
    csrf_client.post("/login", data={"username": "org", "password": "s3cret-Pass!", "csrf_token": csrf})
    url = f"/manage/matches/{semi['id']}/result"
    assert csrf_client.post(url, data=sheet(semi, win_games(0))).status_code == 400
    assert by_key(matches(csrf_client, h, c.id))["main-1-1"]["status"] == "ready"
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text_of(csrf_client.get(url))).group(1)
    assert csrf_client.post(url, data={**sheet(semi, win_games(0)), "csrf_token": csrf}).status_code == 302
    assert by_key(matches(csrf_client, h, c.id))["main-1-1"]["status"] == "finished"


def test_a_badminton_team_tie_by_rubbers(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event, "混合团体", n=2, discipline="team")
    tie = ms["main-1-1"]
    login("org")
    form = text_of(client.get(f"/manage/matches/{tie['id']}/result"))
    assert "第5场" in form and "混合双打" in form and 'name="rubbers-4-games-2-1"' in form
    data = {"version": tie["version"]}
    for r in range(3):  # a knockout tie stops once decided: three rubbers, the other two left blank
        for i, (a, b) in enumerate(win_games(0)):
            data[f"rubbers-{r}-games-{i}-0"], data[f"rubbers-{r}-games-{i}-1"] = str(a), str(b)
    data["rubbers-1-games-1-1"] = "20"  # 21-20 breaks the scoring law
    page = text_of(client.post(f"/manage/matches/{tie['id']}/result", data=data))
    assert "须领先 2 分" in error_at(page, "rubbers.1.games.1")
    r = client.post(f"/manage/matches/{tie['id']}/result", data={**data, "rubbers-1-games-1-1": "15"})
    assert r.status_code == 302
    done = by_key(matches(client, h, c.id))["main-1-1"]
    assert done["result"]["score"] == [3, 0] and [x["discipline"] for x in done["result"]["rubbers"]] == [
        "MS", "WS", "MD"]


def test_empty_states_without_a_draw_and_for_a_judged_contest(client, organiser, dummy_event, login):
    c = contest(organiser, dummy_event, "男单")
    photo = contest(organiser, dummy_event, "摄影", sport="photography", discipline="single", format={"type": "judged"})
    login("org")
    assert "尚未抽签" in text_of(client.get(f"/manage/contests/{c.id}/results"))
    assert "评审" in text_of(client.get(f"/manage/contests/{photo.id}/results"))


def test_a_large_draw_lists_its_matches_a_hundred_at_a_time(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ms, _ = drawn(client, h, organiser, dummy_event, n=256)
    login("org")
    first = text_of(client.get(f"/manage/contests/{c.id}/results"))
    assert first.count('class="list-group-item match"') == 100
    assert f"/manage/contests/{c.id}/results?status=ready&amp;page=2" in first
    assert 'aria-current="page"' in first and "status=ready&amp;page=3" not in first  # 128 ready: two pages
    second = text_of(client.get(f"/manage/contests/{c.id}/results?status=ready&page=2"))
    assert second.count('class="list-group-item match"') == 28
    listed = set(re.findall(r'data-match="(\d+)"', first)) | set(re.findall(r'data-match="(\d+)"', second))
    assert listed == {str(m["id"]) for m in ms.values() if m["status"] == "ready"}, "every ready match once"
    everything = text_of(client.get(f"/manage/contests/{c.id}/results?status=all&page=99"))
    assert everything.count('class="list-group-item match"') == 55  # the last of 3 pages of 255


def test_a_team_tie_records_who_played_each_rubber_from_the_rosters(client, organiser, dummy_event, token, login):
    from common.db import db
    from registrations.models import EntryMember

    h = token("org")
    c, ms, ids = drawn(client, h, organiser, dummy_event, "混合团体", n=2, discipline="team")
    rosters = {ids[0]: [("张一", "M"), ("陈三", "M"), ("李二", "F"), ("孙四", "F")],
               ids[1]: [("王一", "M"), ("周三", "M"), ("赵二", "F"), ("吴四", "F")]}
    db.session.rollback()  # end the test's read snapshot
    for entry_id, people in rosters.items():
        db.session.add_all(EntryMember(entry_id=entry_id, position=i, name=n, gender=g, role="player")
                           for i, (n, g) in enumerate(people))
    db.session.commit()
    tie = ms["main-1-1"]
    first, second = (rosters[e] for e in tie["entries"])
    login("org")
    form = text_of(client.get(f"/manage/matches/{tie['id']}/result"))
    assert 'name="rubbers-2-players-1-1"' in form and f"{second[3][0]} (女)" in form
    data = {"version": tie["version"]}
    lineup = [([first[0][0]], [second[0][0]]), ([first[2][0]], [second[2][0]]),
              ([first[0][0], first[1][0]], [second[0][0], second[1][0]])]
    for r, sides in enumerate(lineup):
        for i, (a, b) in enumerate(win_games(0)):
            data[f"rubbers-{r}-games-{i}-0"], data[f"rubbers-{r}-games-{i}-1"] = str(a), str(b)
        for s, names in enumerate(sides):
            data.update({f"rubbers-{r}-players-{s}-{k}": n for k, n in enumerate(names)})
    data["rubbers-0-players-1-0"] = second[2][0]  # a woman in men's singles: refused on that side alone
    page = text_of(client.post(f"/manage/matches/{tie['id']}/result", data=data))
    assert "男子单打须由男队员出场" in error_at(page, "rubbers.0.players.1")
    assert 'id="rubbers-0-players-1-0" name' in page and re.search(r'is-invalid" id="rubbers-0-players-1-0"', page)
    assert not re.search(r'is-invalid" id="rubbers-0-players-0-0"', page), "the other side is not marked"
    data["rubbers-0-players-1-0"] = second[0][0]
    data["rubbers-1-players-0-0"] = first[0][0]  # a third rubber for 张一: over the limit of two
    page = text_of(client.post(f"/manage/matches/{tie['id']}/result", data=data))
    assert "2" in error_at(page, "rubbers.2.players.0") and first[0][0] in error_at(page, "rubbers.2.players.0")
    assert f'<option value="{first[0][0]}" selected' in page  # the sheet comes back as typed
    data["rubbers-1-players-0-0"] = first[2][0]
    assert client.post(f"/manage/matches/{tie['id']}/result", data=data).status_code == 302
    done = by_key(matches(client, h, c.id))["main-1-1"]
    assert [r["players"] for r in done["result"]["rubbers"]] == [[list(a), list(b)] for a, b in lineup]
    again = text_of(client.get(f"/manage/matches/{tie['id']}/result?correct=1"))
    assert f'<option value="{first[1][0]}" selected' in again  # a correction starts from who played
