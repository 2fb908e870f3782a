"""API: correcting a recorded result and taking it back (reason, version, what follows, what is refused)."""
from sqlalchemy import select

from common.db import db
from scheduling.models import MatchLog
from tests.web.match_helpers import by_key, contest, delegations, draw, entries, matches, put_result, win_games
from tests.web.test_races_api import crews, run
from tests.web.test_results_api import four
from tests.web.test_standings_api import TEAMS, play, table


def correct(client, h, match, **body):
    return client.post(f"/api/v1/matches/{match['id']}/correction",
                       json={"version": match["version"], "reason": "记分员填反了比分", **body}, headers=h)


def undo(client, h, match, **body):
    return client.delete(f"/api/v1/matches/{match['id']}/result",
                         json={"version": match["version"], "reason": "录到了别的场次", **body}, headers=h)


def test_a_corrected_semi_final_sends_the_other_player_to_the_final(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event, format={"type": "single_elimination", "third_place": True})
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    a, b = semi["entries"]
    r = correct(client, h, semi, games=[[19, 21], [21, 17], [15, 21]])
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["winner_entry_id"] == b and body["result"]["games"] == [[19, 21], [21, 17], [15, 21]]
    assert body["result"]["score"] == [1, 2] and body["version"] == semi["version"] + 1
    now = by_key(matches(client, h, c.id))
    assert now["main-2-1"]["entries"] == [b, None] and now["third_place-1-1"]["entries"] == [a, None]
    db.session.rollback()
    log = db.session.execute(select(MatchLog.action, MatchLog.payload).where(MatchLog.action == "correction")).one()
    assert log.payload["reason"] == "记分员填反了比分" and log.payload["before"]["games"] == win_games(0)


def test_a_correction_once_the_final_is_played_is_refused_unless_the_winner_stays(client, organiser, dummy_event,
                                                                               token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    put_result(client, h, ms["main-1-2"], games=win_games(0))
    final = by_key(matches(client, h, c.id))["main-2-1"]
    assert put_result(client, h, final, games=win_games(1)).status_code == 200
    refused = correct(client, h, semi, games=win_games(1))
    assert refused.status_code == 409 and "决赛 · 第1场" in refused.get_json()["detail"], refused.get_json()
    assert by_key(matches(client, h, c.id))["main-1-1"]["winner_entry_id"] == semi["entries"][0]
    same_winner = correct(client, h, semi, games=[[21, 19], [21, 19]])
    assert same_winner.status_code == 200 and same_winner.get_json()["result"]["games"] == [[21, 19], [21, 19]]
    assert undo(client, h, semi).status_code == 409


def test_taking_a_result_back_makes_the_match_ready_and_allows_a_redraw(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    r = undo(client, h, semi)
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["status"] == "ready" and body["result"] is None and body["winner_entry_id"] is None
    assert by_key(matches(client, h, c.id))["main-2-1"]["entries"] == [None, None]
    again = put_result(client, h, body, games=win_games(1))
    assert again.status_code == 200 and again.get_json()["winner_entry_id"] == semi["entries"][1]
    assert undo(client, h, again.get_json()).status_code == 200
    assert client.post(f"/api/v1/contests/{c.id}/draw", json={"random_seed": 9}, headers=h).status_code == 201


def test_reason_version_and_state_are_checked(client, organiser, dummy_event, dummy_delegation, create_organiser,
                                              token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    no_reason = correct(client, h, semi, games=win_games(1), reason="  ")
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["errors"]
    no_version = client.post(f"/api/v1/matches/{semi['id']}/correction", json={"reason": "x", "games": win_games(1)},
                             headers=h)
    assert no_version.status_code == 422 and "version" in no_version.get_json()["errors"]
    stale = correct(client, h, {**semi, "version": semi["version"] - 1}, games=win_games(1))
    assert stale.status_code == 409
    bad = correct(client, h, semi, games=[[21, 19], [22, 19]])
    assert bad.status_code == 422 and "games.1" in bad.get_json()["errors"]
    assert correct(client, h, ms["main-1-2"], games=win_games(0)).status_code == 409  # nothing to correct yet
    assert undo(client, h, ms["main-1-2"]).status_code == 409
    assert correct(client, {}, semi, games=win_games(1)).status_code == 401
    create_organiser("other_org")
    assert correct(client, token("other_org"), semi, games=win_games(1)).status_code == 403
    assert undo(client, token("other_org"), semi).status_code == 403
    assert by_key(matches(client, h, c.id))["main-1-1"] == semi  # nothing changed by any of these


def test_a_double_elimination_correction_moves_both_players(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "double_elimination"})
    entries(c.id, delegations(dummy_event, 2), 8)
    ms = by_key(draw(client, h, c.id, random_seed=3)["matches"])
    first = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    a, b = first["entries"]
    assert correct(client, h, first, games=win_games(1)).status_code == 200
    now = by_key(matches(client, h, c.id))
    assert b in now["main-2-1"]["entries"] and a not in now["main-2-1"]["entries"]
    assert a in now["losers-1-1"]["entries"] and b not in now["losers-1-1"]["entries"]


def test_a_corrected_group_game_reorders_the_table(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "篮球", sport="basketball", discipline="5x5", format={"type": "round_robin"})
    ids = dict(zip(TEAMS, entries(c.id, delegations(dummy_event, 4), 4, names=TEAMS)))
    draw(client, h, c.id, random_seed=5)
    for game in [("A", "B", 80, 70), ("A", "C", 80, 70), ("A", "D", 80, 70), ("B", "C", 80, 70),
                 ("B", "D", 80, 70), ("C", "D", 80, 70)]:
        play(client, h, c.id, ids, *game)
    assert [row["entry_id"] for row in table(client, h, c.id)[0]["rows"]] == [ids[t] for t in "ABCD"]
    ab = next(m for m in matches(client, h, c.id) if set(m["entries"]) == {ids["A"], ids["B"]})
    periods = [[70, 80], [0, 0], [0, 0], [0, 0]] if ab["entries"][0] == ids["A"] else [[80, 70], [0, 0], [0, 0],
                                                                                       [0, 0]]
    assert correct(client, h, ab, periods=periods).status_code == 200
    rows = table(client, h, c.id)[0]["rows"]
    assert [row["entry_id"] for row in rows[:2]] == [ids["B"], ids["A"]]


def test_a_group_corrected_after_it_filled_the_knockout_refills_it(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "篮球", sport="basketball", discipline="5x5",
                format={"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 1})
    ids = entries(c.id, delegations(dummy_event, 4), 6)
    draw(client, h, c.id, random_seed=2)

    def top_slot(m):  # the lower entry id wins every group game
        return 0 if m["entries"][0] < m["entries"][1] else 1

    for m in matches(client, h, c.id, stage="group"):
        s = top_slot(m)
        r = put_result(client, h, m, periods=[[80, 70] if s == 0 else [70, 80], [0, 0], [0, 0], [0, 0]])
        assert r.status_code == 200
    final = next(m for m in matches(client, h, c.id) if m["stage"] == "knockout")
    assert final["status"] == "ready"
    group_a = [m for m in matches(client, h, c.id, stage="group") if m["group"] == "A"]
    winner_a = min(e for m in group_a for e in m["entries"])
    assert winner_a in final["entries"]
    beaten = [m for m in group_a if winner_a in m["entries"]]
    for m in beaten:  # the group winner actually lost both its games
        loss = [[70, 80] if m["entries"][0] == winner_a else [80, 70], [0, 0], [0, 0], [0, 0]]
        assert correct(client, h, m, periods=loss).status_code == 200
    final = by_key(matches(client, h, c.id))[final["key"]]
    assert winner_a not in final["entries"] and None not in final["entries"] and final["status"] == "ready"
    left = group_a[0]
    assert undo(client, h, by_key(matches(client, h, c.id))[left["key"]]).status_code == 200
    final = by_key(matches(client, h, c.id))[final["key"]]
    assert final["status"] == "pending" and final["entries"].count(None) == 1
    assert ids  # the six entries were drawn into the two groups


def test_a_heat_corrected_before_the_finals_reseats_them(client, organiser, dummy_event, token):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 6, lanes=4, ranking="final")
    races = by_key(body["matches"])
    speed = {e: 60_000 + 137 * i for i, e in enumerate(ids)}
    heat1 = run(client, h, races["heat-1-1"], speed.get)
    run(client, h, races["heat-1-2"], speed.get)
    fastest = heat1["entries"][min(range(len(heat1["entries"])), key=lambda i: speed[heat1["entries"][i]])]
    assert fastest in by_key(matches(client, h, c.id))["final_a-2-1"]["entries"]
    lanes = [{"entry_id": e, "status": "DSQ"} if e == fastest else {"entry_id": e, "status": "OK", "time_ms": speed[e]}
             for e in heat1["entries"]]
    r = correct(client, h, heat1, lanes=lanes)
    assert r.status_code == 200, r.get_json()
    finals = by_key(matches(client, h, c.id))
    assert fastest not in finals["final_a-2-1"]["entries"] and fastest in finals["final_b-2-1"]["entries"]


def test_a_match_history_says_who_recorded_corrected_and_took_back_its_result(client, organiser, dummy_event,
                                                                              dummy_delegation, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    corrected = correct(client, h, semi, games=win_games(1)).get_json()
    assert undo(client, h, corrected).status_code == 200
    r = client.get(f"/api/v1/matches/{semi['id']}/history", headers=h)
    assert r.status_code == 200
    items = r.get_json()["items"]
    assert [i["action"] for i in items] == ["result", "correction", "undo"]
    assert all(i["user"] == "org" for i in items)
    assert items[1]["detail"]["reason"] == "记分员填反了比分" and items[1]["detail"]["before"]["games"] == win_games(0)
    assert items[2]["detail"]["reason"] == "录到了别的场次" and items[2]["detail"]["before"]["games"] == win_games(1)
    assert client.get(f"/api/v1/matches/{semi['id']}/history").status_code == 401
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=h).status_code == 200
    assert client.get(f"/api/v1/matches/{semi['id']}/history", headers=token("leader1")).status_code == 403
