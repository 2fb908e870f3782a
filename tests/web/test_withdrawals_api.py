"""API: an entry withdraws after the draw; its matches are walked over, now or when they are ready."""
import re

from sqlalchemy import select

from common.db import db
from scheduling.models import MatchLog
from tests.web.match_helpers import (by_key, contest, delegations, draw, entries, matches, play_all, put_result,
                                     two_groups_of_three, win_games)
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


def test_the_places_page_marks_a_withdrawn_entry(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    out = ms["main-1-1"]["entries"][0]
    withdraw(client, h, c.id, out)
    play_all(client, h, c.id)
    page = client.get(f"/contests/{c.id}/places").get_data(as_text=True)
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr")[1:]
    name = client.get(f"/api/v1/entries/{out}", headers=h).get_json()["name"]
    mine = [bool(re.search(f'<td class="fw-semibold">{name}[ <]', row)) for row in rows]  # (its name cell: the
    assert mine.count(True) == 1 and len(rows) == 4  # delegation "代表队1" holds "队1" too)
    assert [("已退赛" in row) for row in rows] == mine, "the withdrawn entry alone is marked"


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


def reinstate(client, h, contest_id, entry_id, reason="误操作：该选手已到场"):
    return client.delete(f"/api/v1/contests/{contest_id}/withdrawals/{entry_id}", json={"reason": reason},
                         headers=h)


def test_a_withdrawal_taken_back_puts_the_semi_final_back_to_be_played(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    semi = ms["main-1-1"]
    out, other = semi["entries"]
    withdraw(client, h, c.id, out)
    r = reinstate(client, h, c.id, out)
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"withdrawn": [], "taken_back": 1}
    now = by_key(matches(client, h, c.id))
    assert now["main-1-1"]["status"] == "ready" and now["main-1-1"]["entries"] == [out, other]
    assert now["main-1-1"]["result"] is None and now["main-1-1"]["winner_entry_id"] is None
    assert now["main-2-1"]["entries"] == [None, None], "the walkover's winner is taken out of the final"
    assert client.get(f"/api/v1/contests/{c.id}/draw", headers=h).get_json()["withdrawn"] == []
    history = client.get(f"/api/v1/matches/{semi['id']}/history", headers=h).get_json()["items"]
    assert [i["action"] for i in history] == ["result", "undo"]
    assert history[1]["detail"]["reason"] == "误操作：该选手已到场"
    assert history[1]["detail"]["before"]["outcome"] == "walkover"
    db.session.rollback()
    log = db.session.execute(select(MatchLog.payload).where(MatchLog.action == "reinstate")).scalar_one()
    assert log == {"entry_id": out, "reason": "误操作：该选手已到场"}
    assert put_result(client, h, now["main-1-1"], games=win_games(0)).get_json()["winner_entry_id"] == out
    assert withdraw(client, h, c.id, out).get_json()["walked_over"] == 0  # it can withdraw again later


def test_a_withdrawal_stays_once_a_match_its_walkover_led_to_is_played(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    out, other = ms["main-1-1"]["entries"]
    withdraw(client, h, c.id, out)
    put_result(client, h, ms["main-1-2"], games=win_games(1))
    final = by_key(matches(client, h, c.id))["main-2-1"]
    assert other in final["entries"] and final["status"] == "ready"
    put_result(client, h, final, games=win_games(0))
    r = reinstate(client, h, c.id, out)
    assert r.status_code == 409, r.get_json()
    assert "决赛" in r.get_json()["detail"], "the refusal names the match that was played, as people say it"
    assert client.get(f"/api/v1/contests/{c.id}/draw", headers=h).get_json()["withdrawn"] == [out]
    assert by_key(matches(client, h, c.id))["main-1-1"]["result"]["outcome"] == "walkover", "nothing changed"


def test_a_walkover_taken_back_by_hand_is_left_as_it_is(client, organiser, dummy_event, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    out = ms["main-1-1"]["entries"][0]
    withdraw(client, h, c.id, out)
    walkover = by_key(matches(client, h, c.id))["main-1-1"]
    assert client.delete(f"/api/v1/matches/{walkover['id']}/result", headers=h,
                         json={"version": walkover["version"], "reason": "先撤销这场"}).status_code == 200
    assert reinstate(client, h, c.id, out).get_json() == {"withdrawn": [], "taken_back": 0}
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "ready"


def test_in_a_badminton_group_a_player_back_from_withdrawal_has_results_that_count_again(client, organiser,
                                                                                         dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "女单", discipline="WS", format={"type": "round_robin"})
    ids = dict(zip(TEAMS, entries(c.id, delegations(dummy_event, 4), 4, names=TEAMS)))
    draw(client, h, c.id, random_seed=5)
    ab = next(m for m in matches(client, h, c.id) if set(m["entries"]) == {ids["A"], ids["B"]})
    put_result(client, h, ab, games=win_games(ab["entries"].index(ids["A"])))
    assert withdraw(client, h, c.id, ids["A"]).get_json()["walked_over"] == 2
    assert reinstate(client, h, c.id, ids["A"]).get_json() == {"withdrawn": [], "taken_back": 2}
    games = {m["status"] for m in matches(client, h, c.id) if ids["A"] in m["entries"] and m["id"] != ab["id"]}
    assert games == {"ready"}
    rows = {row["entry_id"]: row for row in table(client, h, c.id)[0]["rows"]}
    assert rows[ids["A"]]["won"] == 1 and rows[ids["B"]]["lost"] == 1, "A's win over B counts again"


def test_taking_back_a_withdrawal_is_checked(client, organiser, dummy_event, create_organiser, token):
    h = token("org")
    c, ms = four(client, h, organiser, dummy_event)
    out, other = ms["main-1-1"]["entries"]
    withdraw(client, h, c.id, out)
    assert reinstate(client, h, c.id, other).status_code == 404  # has not withdrawn
    assert reinstate(client, h, c.id, 99999).status_code == 404
    refused = reinstate(client, h, c.id, out, reason="  ")
    assert refused.status_code == 422 and "reason" in refused.get_json()["errors"]
    assert reinstate(client, {}, c.id, out).status_code == 401
    create_organiser("other_org")
    assert reinstate(client, token("other_org"), c.id, out).status_code == 403
    assert reinstate(client, h, 99999, out).status_code == 404
    assert client.get(f"/api/v1/contests/{c.id}/draw", headers=h).get_json()["withdrawn"] == [out]
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "finished", "nothing changed by any of these"


def test_taking_back_a_withdrawal_in_a_finished_group_takes_its_qualifier_out_of_the_final(client, organiser,
                                                                                          dummy_event, token):
    h = token("org")
    c = two_groups_of_three(client, h, organiser, dummy_event)
    group_a = [m for m in matches(client, h, c.id) if m["group"] == "A"]
    out = group_a[0]["entries"][0]
    assert withdraw(client, h, c.id, out).get_json()["walked_over"] == 2
    for m in [m for m in matches(client, h, c.id) if m["status"] == "ready" and m["stage"] == "group"]:
        put_result(client, h, m, games=win_games(0))  # the rest of group A, and group B
    final = by_key(matches(client, h, c.id))["knockout-1-1"]
    assert final["status"] == "ready" and out not in final["entries"]
    r = reinstate(client, h, c.id, out)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["taken_back"] == 2
    final = by_key(matches(client, h, c.id))["knockout-1-1"]
    assert final["status"] == "pending" and final["entries"].count(None) == 1, "group A is not finished any more"
    assert [m["status"] for m in matches(client, h, c.id) if out in m["entries"]] == ["ready", "ready"]


def test_a_withdrawal_in_a_group_stays_once_the_final_it_sent_a_qualifier_to_is_played(client, organiser,
                                                                                     dummy_event, token):
    h = token("org")
    c = two_groups_of_three(client, h, organiser, dummy_event)
    out = next(m for m in matches(client, h, c.id) if m["group"] == "A")["entries"][0]
    withdraw(client, h, c.id, out)
    play_all(client, h, c.id)
    r = reinstate(client, h, c.id, out)
    assert r.status_code == 409 and "决赛" in r.get_json()["detail"], r.get_json()
    assert client.get(f"/api/v1/contests/{c.id}/draw", headers=h).get_json()["withdrawn"] == [out]
