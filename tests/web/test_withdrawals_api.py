"""API: an entry withdraws after the draw; its matches are walked over, now or when they are ready."""
from sqlalchemy import select

from common.db import db
from scheduling.models import MatchLog
from tests.web.match_helpers import by_key, contest, delegations, draw, entries, matches, put_result, win_games
from tests.web.test_races_api import crews
from tests.web.test_results_api import four
from tests.web.test_standings_api import TEAMS, table


def withdraw(client, h, contest_id, entry_id, reason="赛前受伤，无法参赛"):
    return client.post(f"/api/v1/contests/{contest_id}/withdrawals", json={"entry_id": entry_id, "reason": reason},
                       headers=h)


def test_a_player_who_withdraws_before_the_semi_final_gives_a_walkover(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    out, other = semi["entries"]
    r = withdraw(client, h, c.id, out)
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"withdrawn": [out], "walked_over": 1}
    now = by_key(matches(client, h, c.id))
    assert now["main-1-1"]["status"] == "finished" and now["main-1-1"]["winner_entry_id"] == other
    assert now["main-1-1"]["result"]["outcome"] == "walkover"
    assert now["main-2-1"]["entries"] == [other, None]
    assert client.get(f"/api/v1/contests/{c.id}/draw", headers=h).get_json()["withdrawn"] == [out]
    db.session.rollback()
    log = db.session.execute(select(MatchLog.payload).where(MatchLog.action == "withdraw")).scalar_one()
    assert log == {"entry_id": out, "reason": "赛前受伤，无法参赛"}


def test_a_finalist_who_withdraws_is_walked_over_once_the_other_semi_final_is_played(client, organiser,
                                                                                  dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    first = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    finalist = first["entries"][0]
    assert withdraw(client, h, c.id, finalist).get_json()["walked_over"] == 0  # the final is not ready yet
    second = put_result(client, h, ms["main-1-2"], games=win_games(1)).get_json()
    final = by_key(matches(client, h, c.id))["main-2-1"]
    assert final["status"] == "finished" and final["result"]["outcome"] == "walkover"
    assert final["winner_entry_id"] == second["entries"][1]
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True
    assert [i["entry_id"] for i in ranking["items"][:2]] == [second["entries"][1], finalist]


def test_in_a_badminton_group_the_results_of_a_player_who_withdraws_are_deleted(client, organiser, dummy_event,
                                                                                token):
    h = token("org")
    c = contest(organiser, dummy_event, "女单", discipline="WS", format={"type": "round_robin"})
    ids = dict(zip(TEAMS, entries(c.id, delegations(dummy_event, 4), 4, names=TEAMS)))
    draw(client, h, c.id, random_seed=5)
    ab = next(m for m in matches(client, h, c.id) if set(m["entries"]) == {ids["A"], ids["B"]})
    put_result(client, h, ab, games=win_games(ab["entries"].index(ids["A"])))
    r = withdraw(client, h, c.id, ids["A"])
    assert r.get_json()["walked_over"] == 2  # A's two games still to play
    games = [m for m in matches(client, h, c.id) if ids["A"] in m["entries"]]
    assert all(m["status"] == "finished" for m in games)
    rows = {row["entry_id"]: row for row in table(client, h, c.id)[0]["rows"]}
    assert rows[ids["B"]]["played"] == 0 and rows[ids["B"]]["lost"] == 0, "A's win over B no longer counts"
    assert all(rows[ids[t]]["played"] == 0 for t in "CD"), "nor do the walkovers A gave"


def test_a_basketball_team_that_withdraws_forfeits_its_games(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "篮球", sport="basketball", discipline="5x5", format={"type": "round_robin"})
    ids = dict(zip(TEAMS, entries(c.id, delegations(dummy_event, 4), 4, names=TEAMS)))
    draw(client, h, c.id, random_seed=5)
    assert withdraw(client, h, c.id, ids["D"]).get_json()["walked_over"] == 3
    games = [m for m in matches(client, h, c.id) if ids["D"] in m["entries"]]
    assert {m["result"]["outcome"] for m in games} == {"forfeit"}
    assert all(m["winner_entry_id"] != ids["D"] for m in games)


def test_withdrawals_are_checked(client, organiser, dummy_event, dummy_delegation, create_organiser, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    entry = ms["main-1-1"]["entries"][0]
    assert withdraw(client, h, c.id, entry, reason=" ").status_code == 422
    assert "entry_id" in withdraw(client, h, c.id, 99999).get_json()["errors"]
    assert "entry_id" in withdraw(client, h, c.id, True).get_json()["errors"]
    assert withdraw(client, {}, c.id, entry).status_code == 401
    create_organiser("other_org")
    assert withdraw(client, token("other_org"), c.id, entry).status_code == 403
    assert withdraw(client, h, 99999, entry).status_code == 404
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready", "nothing changed by any of these"
    assert withdraw(client, h, c.id, entry).status_code == 200
    assert withdraw(client, h, c.id, entry).status_code == 409
    undrawn = contest(organiser, dummy_event, "女单")
    assert withdraw(client, h, undrawn.id, entry).status_code == 409
    boats, ids, _ = crews(client, h, organiser, dummy_event, 4, lanes=4, ranking="final")
    refused = withdraw(client, h, boats.id, ids[0])
    assert refused.status_code == 409 and "DNS" in refused.get_json()["detail"]


def test_a_correction_that_sends_a_withdrawn_player_into_the_final_walks_the_final_over(client, organiser,
                                                                                       dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    first = put_result(client, h, ms["main-1-1"], games=win_games(0)).get_json()
    loser = first["entries"][1]
    second = put_result(client, h, ms["main-1-2"], games=win_games(0)).get_json()
    assert withdraw(client, h, c.id, loser).get_json()["walked_over"] == 0  # already out
    r = client.post(f"/api/v1/matches/{first['id']}/correction", headers=h,
                    json={"version": first["version"], "reason": "记分员把比分记反了", "games": win_games(1)})
    assert r.status_code == 200, r.get_json()
    final = by_key(matches(client, h, c.id))["main-2-1"]
    assert final["entries"] == [loser, second["entries"][0]]
    assert final["status"] == "finished" and final["result"]["outcome"] == "walkover"
    assert final["winner_entry_id"] == second["entries"][0]
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert [i["entry_id"] for i in ranking["items"][:2]] == [second["entries"][0], loser]


def test_a_redraw_leaves_out_the_entries_withdrawn_since_the_draw(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    es = entries(c.id, delegations(dummy_event, 3), 6)
    first = by_key(draw(client, h, c.id, random_seed=3, seeds=es[:2])["matches"])
    assert first["main-1-1"]["status"] == "bye" and first["main-2-1"]["status"] == "pending"  # seed 1: no match yet
    assert withdraw(client, h, c.id, es[0]).get_json() == {"withdrawn": [es[0]], "walked_over": 0}
    again = draw(client, h, c.id, random_seed=3)
    assert sorted(again["entry_ids"]) == es[1:] and again["withdrawn"] == [es[0]]
    assert all(es[0] not in m["entries"] for m in again["matches"])
    assert withdraw(client, h, c.id, es[0]).status_code == 422  # no longer an entry of the draw
