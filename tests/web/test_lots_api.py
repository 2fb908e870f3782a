"""API: a drawing of lots recorded for entries level after every tie-break step (RULES.md: "then lots")."""
from sqlalchemy import select

from common.db import db
from scheduling.api_spec import PATHS
from scheduling.models import MatchLog
from tests.openapi_check import SPEC, check_schema
from tests.web.match_helpers import by_key, matches, put_result, two_groups_of_three, win_games
from tests.web.test_standings_api import play, round_robin, table


def cycle(client, h, contest_id, ids):
    """A beats everyone 90-70; B, C and D beat each other in a circle 80-70: level after every FIBA step."""
    for game in [("A", "B", 90, 70), ("A", "C", 90, 70), ("A", "D", 90, 70), ("B", "C", 80, 70), ("C", "D", 80, 70),
                 ("D", "B", 80, 70)]:
        play(client, h, contest_id, ids, *game)


def lots(client, h, contest_id, order, group=None, note="裁判长主持抽签，三队领队在场"):
    return client.post(f"/api/v1/contests/{contest_id}/lots", json={"group": group, "order": order, "note": note},
                       headers=h)


def test_lots_drawn_by_hand_order_the_teams_level_after_every_step(client, organiser, dummy_event, token):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    names = {v: k for k, v in ids.items()}
    cycle(client, h, c.id, ids)
    group = table(client, h, c.id)[0]
    level = group["lots"][0]["entries"]
    assert sorted(names[e] for e in level) == ["B", "C", "D"] and group["lots"][0]["recorded"] is False
    assert [names[r["entry_id"]] for r in group["rows"]][1:] == [names[e] for e in level]  # the draw's order
    assert [r["tie_break"] for r in group["rows"]] == ["points", "lots", "lots", None]
    before = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert before["final"] is False  # the lots decide places: not final until they are drawn, the three level
    assert sorted((i["place"], names[i["entry_id"]]) for i in before["items"]) == [(1, "A"), (2, "B"), (2, "C"),
                                                                                   (2, "D")]
    drawn = [ids["D"], ids["B"], ids["C"]]
    r = lots(client, h, c.id, drawn)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["lots"] == [{"entries": drawn, "recorded": True}]
    check_schema(r.get_json(), PATHS["/api/v1/contests/{contest_id}/lots"]["post"]["responses"]["200"]["content"][
        "application/json"]["schema"], SPEC)
    group = table(client, h, c.id)[0]
    assert [names[row["entry_id"]] for row in group["rows"]] == ["A", "D", "B", "C"]
    assert [row["rank"] for row in group["rows"]] == [1, 2, 3, 4]
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert [(i["place"], i["name"]) for i in ranking["items"]] == [(1, "A"), (2, "D"), (3, "B"), (4, "C")]
    assert ranking["final"] is True
    db.session.rollback()
    log = db.session.execute(select(MatchLog.payload).where(MatchLog.action == "lots")).scalar_one()
    assert log == {"group": None, "order": drawn, "note": "裁判长主持抽签，三队领队在场"}


def test_lots_are_refused_until_the_group_is_finished_and_only_for_the_entries_level(client, organiser, dummy_event,
                                                                                    token, create_organiser):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    r = lots(client, h, c.id, [ids["B"], ids["C"]])
    assert r.status_code == 409 and "全部比赛结束" in r.get_json()["detail"]
    cycle(client, h, c.id, ids)
    for order in ([ids["B"], ids["C"]], [ids["A"], ids["B"], ids["C"]], [ids["B"], ids["C"], ids["D"], ids["D"]],
                  "B C D", None):
        r = lots(client, h, c.id, order)
        assert r.status_code == 422, order
        assert list(r.get_json()["errors"]) == ["order"]
        assert all(n in r.get_json()["errors"]["order"][0] for n in "BCD")  # names the entries level
    r = lots(client, h, c.id, [ids["B"], ids["C"], ids["D"]], group="Z")
    assert r.status_code == 422 and list(r.get_json()["errors"]) == ["group"]
    assert lots(client, h, c.id, [ids["B"], ids["C"], ids["D"]], note="x" * 501).status_code == 422
    create_organiser("other")
    assert lots(client, token("other"), c.id, [ids["B"], ids["C"], ids["D"]]).status_code == 403
    assert lots(client, {}, c.id, [ids["B"], ids["C"], ids["D"]]).status_code == 401
    assert table(client, h, c.id)[0]["lots"][0]["recorded"] is False  # nothing was recorded


def test_a_group_decided_by_lot_sends_the_drawn_winner_to_the_knockout(client, organiser, dummy_event, token):
    h = token("org")
    c = two_groups_of_three(client, h, organiser, dummy_event)
    group_a = [m for m in matches(client, h, c.id) if m["group"] == "A"]
    x, y, z = sorted({e for m in group_a for e in m["entries"]})
    beats = {(x, y), (y, z), (z, x)}  # a circle of equal scores: level on wins, games and points
    for m in group_a:
        put_result(client, h, m, games=win_games(0 if tuple(m["entries"]) in beats else 1))
    for m in [m for m in matches(client, h, c.id) if m["group"] == "B"]:
        put_result(client, h, m, games=win_games(0))
    standing = next(g for g in table(client, h, c.id) if g["name"] == "A")
    first = standing["rows"][0]["entry_id"]
    assert standing["lots"][0]["recorded"] is False and standing["rows"][0]["tie_break"] == "lots"
    final = by_key(matches(client, h, c.id))["knockout-1-1"]
    assert first in final["entries"] and final["status"] == "ready"
    drawn = [e for e in (x, y, z) if e != first] + [first]
    r = lots(client, h, c.id, drawn, group="A")
    assert r.status_code == 200, r.get_json()
    final = by_key(matches(client, h, c.id))["knockout-1-1"]
    assert drawn[0] in final["entries"] and first not in final["entries"]
    put_result(client, h, final, games=win_games(0))
    r = lots(client, h, c.id, list(reversed(drawn)), group="A")
    assert r.status_code == 409, r.get_json()  # the final it decided has been played
    assert next(g for g in table(client, h, c.id) if g["name"] == "A")["rows"][0]["entry_id"] == drawn[0]


def test_an_organiser_records_the_drawing_on_the_lots_page(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ids = round_robin(client, h, organiser, dummy_event)
    names = {v: k for k, v in ids.items()}
    login("org")
    page = client.get(f"/manage/contests/{c.id}/lots").get_data(as_text=True)
    assert 'id="no-ties"' in page  # nothing played yet
    assert 'id="lots-link"' in client.get(f"/manage/contests/{c.id}/results").get_data(as_text=True)
    cycle(client, h, c.id, ids)
    page = client.get(f"/manage/contests/{c.id}/lots").get_data(as_text=True)
    level = table(client, h, c.id)[0]["lots"][0]["entries"]
    assert page.count('class="card mb-3 lot"') == 1 and "、".join(names[e] for e in level) in page
    tie = ",".join(str(e) for e in sorted(level))
    same = {"group": "", "tie": tie, "order-0": ids["C"], "order-1": ids["C"], "order-2": ids["D"], "note": ""}
    r = client.post(f"/manage/contests/{c.id}/lots", data=same)
    assert r.status_code == 200 and "is-invalid" in r.get_data(as_text=True)
    assert table(client, h, c.id)[0]["lots"][0]["recorded"] is False
    drawn = {**same, "order-0": ids["C"], "order-1": ids["D"], "order-2": ids["B"], "note": "领队会抽签"}
    r = client.post(f"/manage/contests/{c.id}/lots", data=drawn)
    assert r.status_code == 302
    rows = table(client, h, c.id)[0]["rows"]
    assert [names[row["entry_id"]] for row in rows] == ["A", "C", "D", "B"]
    public = client.get(f"/contests/{c.id}/standings").get_data(as_text=True)
    assert "C、D、B" in public and 'class="live-lot"' in public


def test_the_lots_page_is_for_the_contests_organisers(client, organiser, dummy_event, token, login,
                                                       create_organiser):
    h = token("org")
    c, _ids = round_robin(client, h, organiser, dummy_event)
    assert client.get(f"/manage/contests/{c.id}/lots").status_code in (302, 401)
    create_organiser("other")
    login("other")
    assert client.get(f"/manage/contests/{c.id}/lots").status_code == 403
