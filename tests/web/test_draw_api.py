"""API: the draw (approved entries only, seeds, separation, same seed same draw, redraw until a result)."""
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from common.db import db
from scheduling import match_insert, match_store
from scheduling.match_services import bracket_view
from scheduling.models import Draw, MatchLog
from tests.web.match_helpers import by_key, contest, delegations, draw, entries, matches, put_result, win_games


def lineup(body):
    """The first-round entries, top line first."""
    return [e for m in body["matches"] if m["stage"] == "main" and m["round"] == 1 for e in m["entries"]]


def test_same_entries_and_seed_give_the_same_draw(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 4), 16)
    first = draw(client, h, c.id, random_seed=7)
    again = draw(client, h, c.id, random_seed=7)
    other = draw(client, h, c.id, random_seed=8)
    assert first["random_seed"] == again["random_seed"] == 7
    assert lineup(first) == lineup(again) and lineup(first) != lineup(other)
    assert len(first["matches"]) == 15 and again["version"] == first["version"] + 1


def test_a_random_seed_is_generated_and_recorded_with_who_drew(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 2), 6)
    body = draw(client, h, c.id)
    assert 0 <= body["random_seed"] < 2 ** 31 and body["published"] is True  # public at once (API.md)
    assert body["made_at"].endswith("+08:00"), "in the event's time zone"
    db.session.rollback()  # end the test's read snapshot
    assert db.session.scalar(select(Draw.random_seed).where(Draw.contest_id == c.id)) == body["random_seed"]
    assert lineup(draw(client, h, c.id, random_seed=body["random_seed"])) == lineup(body)
    db.session.rollback()
    logs = db.session.execute(select(MatchLog.action, MatchLog.user_id, MatchLog.payload)
                              .where(MatchLog.contest_id == c.id).order_by(MatchLog.id)).all()
    assert [(a, u) for a, u, _ in logs] == [("draw", organiser.id), ("redraw", organiser.id)]
    assert logs[0].payload["random_seed"] == body["random_seed"] and logs[0].payload["entries"] == 6


def test_only_approved_entries_are_drawn(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    ds = delegations(dummy_event, 2)
    approved = entries(c.id, ds, 5)
    others = entries(c.id, ds, 1, "pending") + entries(c.id, ds, 1, "rejected") + entries(c.id, ds, 1, "withdrawn")
    body = draw(client, h, c.id, random_seed=1)
    drawn = {e for m in body["matches"] for e in m["entries"] if e is not None}
    assert drawn == set(approved) and not drawn & set(others)
    assert sorted(body["entry_ids"]) == approved
    byes = [m for m in body["matches"] if m["status"] == "bye"]
    assert len(byes) == 3 and all(m["winner_entry_id"] in approved for m in byes)  # 5 entries in a draw of 8


def test_seeds_stand_on_their_lines(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    es = entries(c.id, delegations(dummy_event, 4), 16)
    seeds = [es[4], es[8], es[1], es[13]]
    lines = lineup(draw(client, h, c.id, seeds=seeds, random_seed=3))
    assert lines[0] == seeds[0] and lines[15] == seeds[1]
    assert {lines.index(seeds[2]), lines.index(seeds[3])} == {4, 11}  # top of quarter 2, bottom of quarter 3


def test_delegations_are_separated_unless_asked_not_to(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    ds = delegations(dummy_event, 2)
    es = entries(c.id, ds, 8)
    of = {e: ds[i % 2] for i, e in enumerate(es)}

    def mates_meet(body):
        return any(of[m["entries"][0]] == of[m["entries"][1]] for m in body["matches"] if m["key"].startswith("main-1"))

    assert not any(mates_meet(draw(client, h, c.id, random_seed=s)) for s in range(10))
    assert any(mates_meet(draw(client, h, c.id, random_seed=s, separate_delegations=False)) for s in range(10))


def test_redraw_is_refused_once_a_result_is_recorded(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 2), 4)
    draw(client, h, c.id, random_seed=1)
    body = draw(client, h, c.id, random_seed=2)
    first = by_key(body["matches"])["main-1-1"]
    assert put_result(client, h, first, games=win_games(0)).status_code == 200
    r = client.post(f"/api/v1/contests/{c.id}/draw", json={"random_seed": 3}, headers=h)
    assert r.status_code == 409 and r.mimetype == "application/problem+json"
    assert by_key(matches(client, h, c.id))["main-1-1"]["status"] == "finished"


def test_bad_draw_requests(client, organiser, dummy_event, token):
    h = {**token("org"), "Accept-Language": "en"}
    c = contest(organiser, dummy_event, "男单")
    es = entries(c.id, delegations(dummy_event, 2), 4)
    pending = entries(c.id, delegations(dummy_event, 1), 1, "pending")[0]
    url = f"/api/v1/contests/{c.id}/draw"
    r = client.post(url, json={"seeds": [es[0], pending, es[0]], "random_seed": -1, "separate_delegations": "yes"},
                    headers=h)
    assert r.status_code == 422
    assert set(r.get_json()["errors"]) == {"seeds.1", "seeds.2", "random_seed", "separate_delegations"}
    assert client.post(url, data="{", headers=h).status_code == 400
    odd = client.post(url, json={"seeds": [[es[0]], {"id": es[1]}]}, headers=h)  # (once a 500: not looked up)
    assert odd.status_code == 422 and set(odd.get_json()["errors"]) == {"seeds.0", "seeds.1"}
    assert client.post("/api/v1/contests/9999/draw", json={}, headers=h).status_code == 404
    few = contest(organiser, dummy_event, "女单", discipline="WS")
    entries(few.id, delegations(dummy_event, 1), 1)
    assert client.post(f"/api/v1/contests/{few.id}/draw", json={}, headers=h).status_code == 409
    judged = contest(organiser, dummy_event, "摄影", sport="photography", discipline="single",
                     format={"type": "judged"})
    entries(judged.id, delegations(dummy_event, 1), 3)
    r = client.post(f"/api/v1/contests/{judged.id}/draw", json={}, headers=h)
    assert r.status_code == 422 and "format.type" in r.get_json()["errors"]


def test_only_the_event_organisers_draw(client, organiser, dummy_event, dummy_delegation, create_organiser, token):
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, [dummy_delegation.id], 4)
    url = f"/api/v1/contests/{c.id}/draw"
    assert client.post(url, json={}).status_code == 401
    assert client.post(url, json={}, headers=token("leader1")).status_code == 403
    create_organiser("other_org")
    assert client.post(url, json={}, headers=token("other_org")).status_code == 403
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=token("leader1")).status_code == 403


def test_the_public_sees_the_draw_once_published(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 2), 4)
    body = draw(client, h, c.id, random_seed=1, published=False)  # a preview first
    match_url = f"/api/v1/matches/{body['matches'][0]['id']}"
    assert client.get(f"/api/v1/contests/{c.id}/matches").get_json() == {"items": [], "total": 0}
    assert client.get(match_url).status_code == 404
    assert client.get(f"/api/v1/contests/{c.id}/draw").status_code == 404
    assert client.get(match_url, headers=h).status_code == 200
    r = client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=h)
    assert r.status_code == 200 and r.get_json()["published"] is True
    public = client.get(f"/api/v1/contests/{c.id}/matches").get_json()
    assert public["total"] == 3 and [m["key"] for m in public["items"]] == ["main-1-1", "main-1-2", "main-2-1"]
    assert client.get(match_url).get_json()["entries"] == body["matches"][0]["entries"]
    paged = client.get(f"/api/v1/contests/{c.id}/matches?per_page=2&page=2").get_json()
    assert paged["total"] == 3 and [m["key"] for m in paged["items"]] == ["main-2-1"]
    assert client.get(f"/api/v1/contests/{c.id}/matches?status=ready").get_json()["total"] == 2
    hidden = client.post(f"/api/v1/contests/{c.id}/draw/publish", json={"published": False}, headers=h)
    assert hidden.get_json()["published"] is False and client.get(match_url).status_code == 404
    assert client.get("/api/v1/contests/9999/matches").status_code == 404


def test_a_large_double_elimination_draw(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "double_elimination", "grand_final": "reset"})
    entries(c.id, delegations(dummy_event, 8), 64)
    body = draw(client, h, c.id, random_seed=11)
    stages = [m["stage"] for m in body["matches"]]
    assert (stages.count("main"), stages.count("losers"), stages.count("final")) == (63, 62, 2)
    assert len(matches(client, h, c.id, status="ready")) == 32


def test_bracket_view_gives_pages_the_rounds_with_names(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "single_elimination", "third_place": True})
    es = entries(c.id, delegations(dummy_event, 2), 4, names=["甲", "乙", "丙", "丁"])
    draw(client, h, c.id, random_seed=1, published=False)
    db.session.rollback()
    assert bracket_view(None, c.id) == []  # not published
    view = bracket_view(organiser, c.id)
    assert [(s["stage"], [r["round"] for r in s["rounds"]]) for s in view] == [("main", [1, 2]), ("third_place", [1])]
    first = view[0]["rounds"][0]["matches"]
    assert len(first) == 2 and sorted(n for m in first for n in m["names"]) == ["丁", "丙", "乙", "甲"]
    assert {e: n for m in first for e, n in zip(m["entries"], m["names"])} == dict(zip(es, ["甲", "乙", "丙", "丁"]))
    assert view[0]["rounds"][1]["matches"][0]["names"] == [None, None]


def test_format_is_fixed_once_drawn(client, organiser, dummy_event, token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 2), 4)
    draw(client, h, c.id, random_seed=1)
    body = client.get(f"/api/v1/contests/{c.id}", headers=h).get_json()
    changed = dict(body, format={"type": "round_robin"})
    r = client.patch(f"/api/v1/contests/{c.id}", json=changed, headers={**h, "Accept-Language": "en"})
    assert r.status_code == 409 and "format can no longer change" in r.get_json()["detail"]
    assert client.get(f"/api/v1/contests/{c.id}", headers=h).get_json()["format"]["type"] == "single_elimination"
    renamed = dict(body, name="男子单打")
    r = client.patch(f"/api/v1/contests/{c.id}", json=renamed, headers=h)
    assert r.status_code == 200 and r.get_json()["name"] == "男子单打"


def test_more_seeds_than_the_format_allows_are_refused(client, organiser, dummy_event, token):
    h = {**token("org"), "Accept-Language": "en"}
    c = contest(organiser, dummy_event, "男单", format={"type": "single_elimination", "seeds": 2})
    es = entries(c.id, delegations(dummy_event, 4), 16)
    r = client.post(f"/api/v1/contests/{c.id}/draw", json={"seeds": es[:4]}, headers=h)
    assert r.status_code == 422
    assert r.get_json()["errors"]["seeds"] == ["This contest's format has 2 seeds; 4 were given."]
    lines = lineup(draw(client, h, c.id, seeds=es[:2], random_seed=3))
    assert lines[0] == es[0] and lines[-1] == es[1]


def test_stored_matches_read_back_as_the_core_built_them(client, organiser, dummy_event, token):
    """Every column of every match reads back as the core generated it, whichever columns were NULL (a draw
    goes in by runs of rows with the same NULL columns on SQLite), and ids follow the draw's order; round robin
    groups (stored from their compact schedules) read back as the core's Match objects."""
    from scheduling import match_store
    from scheduling.draw_services import approved_entries
    from scheduling.formats import build
    from scheduling.formats.model import match_to_row
    from scheduling.models import Match

    h = token("org")
    shapes = set()
    for name, fmt, count in (("男单", {"type": "groups_knockout", "groups": 3, "qualifiers_per_group": 2}, 10),
                             ("女单", {"type": "single_elimination", "third_place": True}, 5),
                             ("男双", {"type": "round_robin", "cycles": 2}, 7),
                             ("女双", {"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 1}, 9)):
        c = contest(organiser, dummy_event, name, format=fmt)
        es = entries(c.id, delegations(dummy_event, 3), count)
        draw(client, h, c.id, random_seed=5, seeds=es[:2])
        db.session.rollback()
        core = build(c.format, approved_entries(c.id), es[:2], 5, True)
        stored = match_store.records(Match.contest_id == c.id)
        assert core.schedules is None and [r["key"] for r in stored] == list(core.matches)
        assert [r["seq"] for r in stored] == list(range(len(stored)))
        assert [r["id"] for r in stored] == sorted(r["id"] for r in stored)
        for rec, m in zip(stored, core.matches.values()):
            assert match_to_row(match_store.match_from_row(match_store.to_core(rec))) == match_to_row(m), rec["key"]
            assert rec["winner_entry_id"] == m.winner_entry and rec["heat"] is None and rec["version"] == 1
            shapes.add((rec["group"] is None, rec["winner"] is None))
    assert shapes == {(False, True), (True, True), (True, False)}  # group; knockout; bye with its entry


def test_rows_with_different_null_columns_keep_every_value(organiser, dummy_event):
    """The bulk insert of a draw, given rows whose NULL columns change from one row to the next."""
    from scheduling import match_store
    from scheduling.formats.model import Bracket, Match as CoreMatch, match_to_row
    from scheduling.models import Match

    c = contest(organiser, dummy_event, "男单")
    b = Bracket("single_elimination", [1, 2], {}, {})
    for i in range(70):  # more than one 32-row statement per run, runs of every length
        group, heat, winner = ("A" if i % 3 == 0 else None), (i if i % 5 == 0 else None), (1 if i % 2 else None)
        b.add(CoreMatch(f"main-1-{i + 1}", "main", 1, i + 1, [10 + i, 20 + i], [False, False],
                        "bye" if winner is not None else "ready", group, heat, winner=winner))
    match_insert.insert_matches(c.id, b)
    db.session.commit()
    stored = match_store.records(Match.contest_id == c.id)
    assert [match_to_row(match_store.match_from_row(match_store.to_core(r))) for r in stored] == \
        [match_to_row(m) for m in b.matches.values()]
    assert [r["winner_entry_id"] for r in stored] == [m.winner_entry for m in b.matches.values()]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-2**63, 2**63), st.booleans(), st.text(max_size=3)), max_size=4))
def test_the_entries_column_is_the_json_of_the_slots_however_it_is_written(slots):
    assert json.loads(match_insert._entries_json(slots)) == slots
    assert match_insert._entries_json(slots) == match_store.to_json(slots)


def test_a_draw_made_through_the_api_is_public_at_once_and_a_redraw_keeps_it_so(client, organiser, dummy_event,
                                                                                token):
    h = token("org")
    c = contest(organiser, dummy_event, "男单")
    entries(c.id, delegations(dummy_event, 2), 4)
    body = draw(client, h, c.id, random_seed=1)
    assert body["published"] is True
    public = client.get(f"/api/v1/contests/{c.id}/matches").get_json()  # no token: API.md's public read
    assert public["total"] == 3 and public["items"][0]["entries"] == body["matches"][0]["entries"]
    assert client.get(f"/api/v1/matches/{body['matches'][0]['id']}").status_code == 200
    assert client.get(f"/api/v1/contests/{c.id}/ranking").get_json() == {"final": False, "items": []}
    assert draw(client, h, c.id, random_seed=2)["published"] is True  # a redraw keeps it public
    assert draw(client, h, c.id, random_seed=2, published=False)["published"] is False  # ... unless told
    assert client.get(f"/api/v1/contests/{c.id}/matches").get_json()["total"] == 0
    assert draw(client, h, c.id, random_seed=3)["published"] is False  # and keeps it hidden then
    r = client.post(f"/api/v1/contests/{c.id}/draw", json={"published": "yes"}, headers=h)
    assert r.status_code == 422 and "published" in r.get_json()["errors"]
