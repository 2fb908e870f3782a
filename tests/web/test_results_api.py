"""API: recording results (versions, states, the sports' rules, walkovers) and progression to the end."""
from sqlalchemy import select

from common.db import db
from scheduling.models import MatchLog
from tests.web.match_helpers import (by_key, contest, delegations, draw, entries, matches, play_all, put_result,
                                     win_games)


def four(client, h, organiser, event, name="男单", **over):
    """A drawn contest of four entries (single elimination by default); its matches by key."""
    c = contest(organiser, event, name, **over)
    entries(c.id, delegations(event, 2), 4)
    return c, by_key(draw(client, h, c.id, random_seed=1)["matches"])


def test_a_result_finishes_the_match_and_fills_the_next(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    r = put_result(client, h, semi, games=[[21, 19], [17, 21], [21, 8]])
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "finished" and body["winner_entry_id"] == semi["entries"][0]
    assert body["version"] == semi["version"] + 1 and body["result"]["games"] == [[21, 19], [17, 21], [21, 8]]
    assert body["result"]["outcome"] == "normal" and body["result"]["score"] == [2, 1]
    final = by_key(matches(client, h, c.id))["main-2-1"]
    assert final["entries"] == [semi["entries"][0], None] and final["status"] == "pending"
    assert final["version"] == ms["main-2-1"]["version"] + 1
    db.session.rollback()
    log = db.session.execute(select(MatchLog.action, MatchLog.user_id, MatchLog.match_id)
                             .where(MatchLog.action == "result")).one()
    assert log == ("result", organiser.id, semi["id"])


def test_stale_version_and_a_match_not_ready_are_conflicts(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    stale = put_result(client, h, {**semi, "version": semi["version"] + 5}, games=win_games(0))
    assert stale.status_code == 409 and "6" in stale.get_json()["detail"]
    assert put_result(client, h, ms["main-2-1"], games=win_games(0)).status_code == 409  # still pending
    assert put_result(client, h, semi, games=win_games(0)).status_code == 200
    again = put_result(client, h, {**semi, "version": semi["version"] + 1}, games=win_games(1))
    assert again.status_code == 409  # finished: not ready any more
    assert client.put("/api/v1/matches/9999/result", json={}, headers=h).status_code == 404


def test_an_invalid_badminton_game_is_refused_naming_the_rule(client, organiser, dummy_event, token):
    h = token("org")
    _, ms = four(client, h, organiser, dummy_event)
    en = put_result(client, {**h, "Accept-Language": "en"}, ms["main-1-1"], games=[[21, 20], [21, 10]])
    assert en.status_code == 422 and en.mimetype == "application/problem+json"
    assert en.get_json()["errors"]["games.0"] == ["From 20-all a side needs a two-point lead (until 30 points)."]
    zh = put_result(client, {**h, "Accept-Language": "zh-CN"}, ms["main-1-1"], games=[[21, 20], [21, 10]])
    assert zh.status_code == 422 and "20" in zh.get_json()["errors"]["games.0"][0]
    third = put_result(client, h, ms["main-1-1"], games=[[21, 10], [21, 10], [21, 10]])
    assert third.status_code == 422 and "games.2" in third.get_json()["errors"]
    assert client.get(f"/api/v1/matches/{ms['main-1-1']['id']}", headers=h).get_json()["status"] == "ready"


def test_a_walkover_names_the_winner_and_moves_it_on(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = ms["main-1-2"]
    missing = put_result(client, h, semi, outcome="walkover")
    assert missing.status_code == 422 and "winner_entry_id" in missing.get_json()["errors"]
    stranger = put_result(client, h, semi, outcome="walkover", winner_entry_id=ms["main-1-1"]["entries"][0])
    assert stranger.status_code == 422 and "winner_entry_id" in stranger.get_json()["errors"]
    r = put_result(client, h, semi, outcome="walkover", winner_entry_id=semi["entries"][1])
    assert r.status_code == 200 and r.get_json()["result"]["outcome"] == "walkover"
    assert r.get_json()["winner_entry_id"] == semi["entries"][1]
    assert by_key(matches(client, h, c.id))["main-2-1"]["entries"] == [None, semi["entries"][1]]


def test_a_level_basketball_score_is_refused(client, organiser, dummy_event, token):
    h = {**token("org"), "Accept-Language": "en"}
    _, ms = four(client, h, organiser, dummy_event, "篮球", sport="basketball", discipline="5x5")
    level = [[20, 18], [15, 17], [25, 20], [18, 23]]
    r = put_result(client, h, ms["main-1-1"], periods=level)
    assert r.status_code == 422 and "No draws" in r.get_json()["errors"]["periods.3"][0]
    ok = put_result(client, h, ms["main-1-1"], periods=level + [[7, 5]])
    assert ok.status_code == 200 and ok.get_json()["result"]["score"] == [85, 83]
    forfeit = put_result(client, h, ms["main-1-2"], outcome="forfeit", winner_entry_id=ms["main-1-2"]["entries"][0])
    assert forfeit.status_code == 200 and forfeit.get_json()["result"]["score"] == [20, 0]


def test_double_elimination_with_reset_runs_to_the_end(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "double_elimination", "grand_final": "reset"})
    es = entries(c.id, delegations(dummy_event, 4), 8)
    draw(client, h, c.id, random_seed=4)
    played = play_all(client, h, c.id, pick=lambda m: 1)  # the lower line always wins: the reset is played
    ms = by_key(matches(client, h, c.id))
    assert played == 7 + 6 + 2 and ms["final-2-1"]["status"] == "finished"
    assert all(m["status"] == "finished" for m in ms.values())
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking").get_json()  # public: no token needed
    assert ranking == client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True and sorted(i["entry_id"] for i in ranking["items"]) == es
    assert [i["place"] for i in ranking["items"]] == [1, 2, 3, 4, 5, 5, 7, 7]
    assert ranking["items"][0]["entry_id"] == ms["final-2-1"]["winner_entry_id"]


def test_the_grand_final_reset_is_void_when_the_main_champion_wins(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "double_elimination", "grand_final": "reset"})
    entries(c.id, delegations(dummy_event, 2), 4)
    draw(client, h, c.id, random_seed=2)
    assert play_all(client, h, c.id, pick=lambda m: 0) == 3 + 2 + 1
    ms = by_key(matches(client, h, c.id))
    assert ms["final-2-1"]["status"] == "bye" and ms["final-2-1"]["entries"] == [None, None]
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True and ranking["items"][0]["entry_id"] == ms["final-1-1"]["winner_entry_id"]


def test_only_the_event_organisers_record_results(client, organiser, dummy_event, dummy_delegation,
                                                  create_organiser, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, [dummy_delegation.id], 2)
    final = draw(client, h, c.id, random_seed=1)["matches"][0]
    assert put_result(client, {}, final, games=win_games(0)).status_code == 401
    leader = put_result(client, token("leader1"), final, games=win_games(0))
    assert leader.status_code == 403 and "需要 组织者 角色" in leader.get_json()["detail"], "the role is named in Chinese"
    create_organiser("other_org")
    assert put_result(client, token("other_org"), final, games=win_games(0)).status_code == 403
    assert client.get(f"/api/v1/matches/{final['id']}", headers=h).get_json()["status"] == "ready"
    assert client.put(f"/api/v1/matches/{final['id']}/result", data="[", headers=h).status_code == 400


def test_a_version_that_is_not_a_number_is_refused_on_its_field(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    for odd in ("abc", True, [1], {"v": 1}, 1.5, None):
        r = client.put(f"/api/v1/matches/{semi['id']}/result", json={"version": odd, "games": win_games(0)},
                       headers=h)
        assert r.status_code == 422 and "version" in r.get_json()["errors"], (odd, r.get_json())
    missing = client.put(f"/api/v1/matches/{semi['id']}/result", json={"games": win_games(0)}, headers=h)
    assert missing.status_code == 422 and list(missing.get_json()["errors"]) == ["version"]  # API.md: it is sent
    assert put_result(client, h, semi, games=win_games(0)).status_code == 200  # the version read still works
