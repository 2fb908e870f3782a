"""API: group tables by the sports' tie-breaks (FIBA worked examples), groups to knockout, races and rankings."""
from tests.web.match_helpers import (by_key, contest, delegations, draw, entries, matches, play_all, put_result,
                                     quarters, win_games)

TEAMS = ["A", "B", "C", "D"]


def round_robin(client, h, organiser, event):
    """A basketball 5x5 round robin of teams A-D, drawn; their entry ids by name."""
    c = contest(organiser, event, "篮球", sport="basketball", discipline="5x5", format={"type": "round_robin"})
    ids = entries(c.id, delegations(event, 4), 4, names=TEAMS)
    draw(client, h, c.id, random_seed=5)
    return c, dict(zip(TEAMS, ids))


def play(client, h, contest_id, ids, x, y, sx, sy):
    """Record the game between teams x and y as sx-sy (scores put in the match's slot order)."""
    m = next(m for m in matches(client, h, contest_id) if set(m["entries"]) == {ids[x], ids[y]})
    a, b = (sx, sy) if m["entries"][0] == ids[x] else (sy, sx)
    r = put_result(client, h, m, periods=quarters(a, b))
    assert r.status_code == 200, r.get_json()


def table(client, h, contest_id):
    body = client.get(f"/api/v1/contests/{contest_id}/standings", headers=h).get_json()
    return body["groups"]


def test_fiba_example_1_head_to_head_between_two(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    names = {v: k for k, v in ids.items()}
    for game in [("A", "B", 100, 55), ("A", "C", 90, 85), ("A", "D", 75, 80), ("B", "C", 100, 95),
                 ("B", "D", 80, 75)]:
        play(client, h, c.id, ids, *game)
    groups = table(client, h, c.id)
    assert len(groups) == 1 and groups[0]["complete"] is False
    assert client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json() == {"final": False, "items": []}
    play(client, h, c.id, ids, "C", "D", 60, 55)
    rows = table(client, h, c.id)[0]["rows"]
    assert [names[r["entry_id"]] for r in rows] == ["A", "B", "C", "D"] and [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert [r["points"] for r in rows] == [5, 5, 4, 4]
    assert [r["tie_break"] for r in rows] == ["head_to_head", "points", "head_to_head", None]
    assert (rows[0]["scored"], rows[0]["conceded"], rows[0]["diff"], rows[0]["name"]) == (265, 220, 45, "A")
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True and [(i["place"], i["name"]) for i in ranking["items"]] == [
        (1, "A"), (2, "B"), (3, "C"), (4, "D")]


def test_fiba_example_2_restarts_with_the_teams_still_tied(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    names = {v: k for k, v in ids.items()}
    for game in [("A", "B", 90, 70), ("A", "C", 90, 70), ("A", "D", 90, 70), ("B", "C", 80, 65), ("C", "D", 60, 50),
                 ("D", "B", 90, 85)]:
        play(client, h, c.id, ids, *game)
    rows = table(client, h, c.id)[0]["rows"]
    assert [names[r["entry_id"]] for r in rows] == ["A", "B", "C", "D"]  # not D above C on points scored
    assert [r["tie_break"] for r in rows] == ["points", "head_to_head_difference", "head_to_head", None]


def test_standings_are_public_once_the_draw_is_published(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    client.post(f"/api/v1/contests/{c.id}/draw/publish", json={"published": False}, headers=h)  # hidden again
    assert client.get(f"/api/v1/contests/{c.id}/standings").get_json() == {"groups": []}
    rows = table(client, h, c.id)[0]["rows"]
    assert [r["rank"] for r in rows] == [1, 1, 1, 1] and all(r["tie_break"] is None for r in rows)  # nothing played
    client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=h)
    assert len(client.get(f"/api/v1/contests/{c.id}/standings").get_json()["groups"][0]["rows"]) == 4
    assert client.get("/api/v1/contests/9999/standings").status_code == 404


def test_groups_fill_the_knockout_when_each_group_is_complete(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "groups_knockout", "groups": 2,
                                                       "qualifiers_per_group": 2})
    entries(c.id, delegations(dummy_event, 4), 8)
    body = draw(client, h, c.id, random_seed=9)
    assert by_key(body["matches"])["knockout-1-1"]["labels"] == ["A1", "B2"]
    for m in [m for m in body["matches"] if m["group"] == "A"]:
        assert put_result(client, h, m, games=win_games(0)).status_code == 200
    groups = {g["name"]: g for g in table(client, h, c.id)}
    a = [r["entry_id"] for r in groups["A"]["rows"]]
    assert groups["A"]["complete"] and not groups["B"]["complete"]
    knockout = by_key(matches(client, h, c.id, stage="knockout"))
    assert knockout["knockout-1-1"]["entries"] == [a[0], None] and knockout["knockout-1-2"]["entries"] == [a[1], None]
    assert knockout["knockout-1-2"]["labels"] == ["A2", "B1"] and knockout["knockout-1-1"]["status"] == "pending"
    assert play_all(client, h, c.id, stage="group") == 6
    b = [r["entry_id"] for r in {g["name"]: g for g in table(client, h, c.id)}["B"]["rows"]]
    knockout = by_key(matches(client, h, c.id, stage="knockout"))
    assert knockout["knockout-1-1"]["entries"] == [a[0], b[1]] and knockout["knockout-1-2"]["entries"] == [a[1], b[0]]
    assert knockout["knockout-1-1"]["status"] == "ready"
    assert play_all(client, h, c.id) == 3
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True and [i["place"] for i in ranking["items"]] == [1, 2, 3, 3, 5, 5, 7, 7]


def test_knockout_ranking_shares_places_and_is_final_after_the_final(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 4), 8)
    draw(client, h, c.id, random_seed=3)
    for m in matches(client, h, c.id, status="ready"):
        put_result(client, h, m, games=win_games(1))
    for m in matches(client, h, c.id, status="ready"):
        put_result(client, h, m, games=win_games(1))
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is False and [i["place"] for i in ranking["items"]] == [3, 3, 5, 5, 5, 5]
    final = matches(client, h, c.id, status="ready")[0]
    put_result(client, h, final, games=win_games(0))
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True and [i["place"] for i in ranking["items"]] == [1, 2, 3, 3, 5, 5, 5, 5]
    assert ranking["items"][0]["entry_id"] == final["entries"][0]
