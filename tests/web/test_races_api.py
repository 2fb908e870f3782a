"""API: timed races (ice dragon boat): lanes, times and penalties, heats to finals, DNS/DSQ in the ranking."""
from tests.web.match_helpers import by_key, contest, delegations, draw, entries, matches, put_result

BOAT = {"sport": "ice_dragon_boat", "discipline": None, "settings": {"boat": 12, "class": "open", "distance_m": 200}}


def crews(client, h, organiser, event, n, **fmt):
    c = contest(organiser, event, "冰上龙舟", format={"type": "timed_heats", **fmt}, **BOAT)
    ids = entries(c.id, delegations(event, 3), n)
    return c, ids, draw(client, h, c.id, random_seed=6)


def run(client, h, race, time_of, **status):
    """Record a race: crew -> time; ``status`` maps a crew's position in ``race['entries']`` to DNS/DNF/DSQ."""
    lanes = []
    for i, e in enumerate(race["entries"]):
        code = status.get(f"s{i}", "OK")
        lanes.append({"entry_id": e, "status": code, **({"time_ms": time_of(e)} if code == "OK" else {})})
    r = put_result(client, h, race, lanes=lanes)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_heats_seat_the_fastest_in_the_centre_lanes_of_the_finals(client, organiser, dummy_event, token):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 6, lanes=4, ranking="final")
    races = by_key(body["matches"])
    assert sorted(races) == ["final_a-2-1", "final_b-2-1", "heat-1-1", "heat-1-2"]
    heat = races["heat-1-1"]
    assert len(heat["entries"]) == 3 and len(heat["lanes"]) == 3 and heat["status"] == "ready"
    assert races["final_a-2-1"]["status"] == "pending"

    def speed(e):  # the crew made first is the fastest
        return 60_000 + 250 * ids.index(e)

    first = run(client, h, races["heat-1-1"], speed)
    assert first["result"]["lanes"][0]["total_ms"] == speed(heat["entries"][0])
    assert by_key(matches(client, h, c.id))["final_a-2-1"]["status"] == "pending"
    run(client, h, races["heat-1-2"], speed)
    finals = by_key(matches(client, h, c.id))
    final_a, final_b = finals["final_a-2-1"], finals["final_b-2-1"]
    by_lane = dict(zip(final_a["lanes"], final_a["entries"]))
    assert [by_lane[lane] for lane in (2, 3, 1, 4)] == ids[:4] and final_a["status"] == "ready"
    assert sorted(final_b["entries"]) == ids[4:]
    fastest = final_a["entries"].index(ids[0])
    run(client, h, final_a, speed, **{f"s{fastest}": "DSQ"})
    slowest = final_b["entries"].index(ids[5])
    run(client, h, final_b, speed, **{f"s{slowest}": "DNS"})
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True
    assert [(i["place"], i["entry_id"]) for i in ranking["items"]] == [
        (1, ids[1]), (2, ids[2]), (3, ids[3]), (4, ids[0]), (5, ids[4]), (6, ids[5])]


def test_one_final_with_penalties_and_non_finishers(client, organiser, dummy_event, token):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 4, lanes=4, ranking="final")
    final = body["matches"][0]
    assert final["key"] == "final-1-1" and sorted(final["lanes"]) == [1, 2, 3, 4]
    lanes = [{"entry_id": ids[0], "time_ms": 58_000, "false_starts": 1},  # +10 s for the false start
             {"entry_id": ids[1], "time_ms": 61_234}, {"entry_id": ids[2], "time_ms": 61_239},
             {"entry_id": ids[3], "status": "DNF"}]
    r = put_result(client, h, final, lanes=lanes)
    assert r.status_code == 200 and r.get_json()["result"]["lanes"][0]["total_ms"] == 68_000
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert sorted((i["place"], i["entry_id"], i.get("status")) for i in ranking["items"]) == [
        (1, ids[1], None), (1, ids[2], None), (3, ids[0], None), (4, ids[3], "DNF")]  # equal to 0.01 s share


def test_race_results_that_break_the_rules_are_refused(client, organiser, dummy_event, token):
    h = {**token("org"), "Accept-Language": "en"}
    _, ids, body = crews(client, h, organiser, dummy_event, 3, lanes=4, ranking="final")
    final = body["matches"][0]
    no_time = put_result(client, h, final, lanes=[{"entry_id": e} for e in ids])
    assert no_time.status_code == 422 and set(no_time.get_json()["errors"]) == {
        "lanes.0.time_ms", "lanes.1.time_ms", "lanes.2.time_ms"}
    missing = put_result(client, h, final, lanes=[{"entry_id": e, "time_ms": 60_000} for e in ids[:2]])
    assert missing.status_code == 422 and "lanes" in missing.get_json()["errors"]
    stranger = put_result(client, h, final, lanes=[{"entry_id": e, "time_ms": 60_000} for e in ids[:2] + [999]])
    assert stranger.status_code == 422 and "lanes.2.entry_id" in stranger.get_json()["errors"]


def test_time_trials_rank_by_the_sum_of_two_runs(client, organiser, dummy_event, token):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 3, lanes=2, runs=2, ranking="sum")
    runs = {ids[0]: [60_000, 70_000], ids[1]: [64_000, 64_000], ids[2]: [59_000, 59_000]}
    for race in body["matches"]:
        lanes = [{"entry_id": e, "time_ms": runs[e][race["round"] - 1]} for e in race["entries"]]
        if race["round"] == 2 and ids[2] in race["entries"]:
            lanes[race["entries"].index(ids[2])] = {"entry_id": ids[2], "status": "DSQ"}
        assert put_result(client, h, race, lanes=lanes).status_code == 200
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking["final"] is True and [(i["place"], i["entry_id"], i.get("status")) for i in ranking["items"]] == [
        (1, ids[1], None), (2, ids[0], None), (3, ids[2], "DSQ")]


def test_crews_with_equal_times_at_the_cut_go_through_as_the_rerace_decided(client, organiser, dummy_event, token):
    from scheduling.api_spec import PATHS
    from tests.openapi_check import SPEC, check_schema

    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 6, lanes=4, ranking="final")
    races = by_key(body["matches"])

    def speed(e):  # the 4th and 5th fastest share 60.75 s: one goes to final A, one to final B
        i = ids.index(e)
        return 60_000 + 250 * (3 if i == 4 else i)

    run(client, h, races["heat-1-1"], speed)
    r = client.post(f"/api/v1/contests/{c.id}/race-ties", json={"round": 1, "order": ids[3:5]}, headers=h)
    assert r.status_code == 409  # the other heat has no times yet
    run(client, h, races["heat-1-2"], speed)
    held = by_key(matches(client, h, c.id))
    for key in ("final_a-2-1", "final_b-2-1"):  # the default setting is a re-race: the finals wait for it
        assert held[key]["status"] == "pending" and set(held[key]["entries"]) == {None}, held[key]
    assert put_result(client, h, held["final_a-2-1"], lanes=[{"entry_id": e, "time_ms": 60_000}
                                                             for e in ids[:4]]).status_code == 409
    ties = client.get(f"/api/v1/contests/{c.id}/race-ties", headers=h)
    assert ties.status_code == 200, ties.get_json()
    check_schema(ties.get_json(), PATHS["/api/v1/contests/{contest_id}/race-ties"]["get"]["responses"]["200"][
        "content"]["application/json"]["schema"], SPEC)
    assert client.get(f"/api/v1/contests/{c.id}/race-ties").status_code == 401
    assert [(t["round"], sorted(t["entries"]), t["decided"], t["holds"]) for t in ties.get_json()["items"]] == [
        (1, sorted(ids[3:5]), False, True)]
    ranking = client.get(f"/api/v1/contests/{c.id}/ranking", headers=h).get_json()
    assert ranking == {"final": False, "items": []}  # nobody is placed out of a round that waits
    first, other = ids[3], ids[4]
    r = client.post(f"/api/v1/contests/{c.id}/race-ties", json={"round": 1, "order": [other, first],
                                                                 "note": "两队重赛，后者慢 0.3 秒"}, headers=h)
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"round": 1, "how": "rerace",
                            "ties": [{"entries": [other, first], "decided": True, "holds": False}]}
    check_schema(r.get_json(), PATHS["/api/v1/contests/{contest_id}/race-ties"]["post"]["responses"]["200"][
        "content"]["application/json"]["schema"], SPEC)
    finals = by_key(matches(client, h, c.id))
    assert other in finals["final_a-2-1"]["entries"] and first in finals["final_b-2-1"]["entries"]
    assert finals["final_a-2-1"]["status"] == finals["final_b-2-1"]["status"] == "ready"
    for order in ([ids[0], ids[1]], [other], "x"):
        bad = client.post(f"/api/v1/contests/{c.id}/race-ties", json={"round": 1, "order": order}, headers=h)
        assert bad.status_code == 422 and list(bad.get_json()["errors"]) == ["order"], order
    assert client.post(f"/api/v1/contests/{c.id}/race-ties", json={"round": 7, "order": [other, first]},
                       headers=h).status_code == 422
    r = client.post(f"/api/v1/contests/{c.id}/race-ties", json={"round": 1, "order": [first, other]}, headers=h)
    assert r.status_code == 200  # not raced yet: the decision can still be corrected, and the finals follow it
    finals = by_key(matches(client, h, c.id))
    assert first in finals["final_a-2-1"]["entries"] and other in finals["final_b-2-1"]["entries"]
    run(client, h, finals["final_a-2-1"], speed)
    r = client.post(f"/api/v1/contests/{c.id}/race-ties", json={"round": 1, "order": [other, first]}, headers=h)
    assert r.status_code == 409  # final A has been raced
    assert first in by_key(matches(client, h, c.id))["final_a-2-1"]["entries"]


def test_with_lots_as_the_setting_equal_times_at_the_cut_go_on_by_the_recorded_seed(client, organiser, dummy_event,
                                                                                      token):
    h = token("org")
    c = contest(organiser, dummy_event, "冰上龙舟", format={"type": "timed_heats", "lanes": 4, "ranking": "final"},
                **{**BOAT, "settings": {**BOAT["settings"], "tie_resolution": "lot"}})
    ids = entries(c.id, delegations(dummy_event, 3), 6)
    races = by_key(draw(client, h, c.id, random_seed=6)["matches"])

    def speed(e):
        i = ids.index(e)
        return 60_000 + 250 * (3 if i == 4 else i)

    run(client, h, races["heat-1-1"], speed)
    run(client, h, races["heat-1-2"], speed)
    finals = by_key(matches(client, h, c.id))
    assert finals["final_a-2-1"]["status"] == finals["final_b-2-1"]["status"] == "ready"
    in_a = [e for e in ids[3:5] if e in finals["final_a-2-1"]["entries"]]
    assert len(in_a) == 1 and set(ids[:3]) < set(finals["final_a-2-1"]["entries"])
    ties = client.get(f"/api/v1/contests/{c.id}/race-ties", headers=h).get_json()["items"]
    assert [(sorted(t["entries"]), t["decided"], t["holds"]) for t in ties] == [(sorted(ids[3:5]), False, False)]


def test_an_organiser_records_the_rerace_on_the_page(client, organiser, dummy_event, token, login):
    h = token("org")
    c, ids, body = crews(client, h, organiser, dummy_event, 6, lanes=4, ranking="final")
    races = by_key(body["matches"])
    login("org")
    assert 'id="lots-link"' in client.get(f"/manage/contests/{c.id}/results").get_data(as_text=True)
    for heat in ("heat-1-1", "heat-1-2"):  # the 4th and 5th fastest share 60.75 s: one place left in final A
        run(client, h, races[heat], lambda e: 60_000 + 250 * (3 if ids.index(e) == 4 else ids.index(e)))
    page = client.get(f"/manage/contests/{c.id}/lots").get_data(as_text=True)
    assert page.count('class="card mb-3 lot"') == 1 and "第1轮" in page.replace(" ", "")
    assert "尚未决定：这些队伍要进入的比赛等待此项决定。" in page
    results = client.get(f"/manage/contests/{c.id}/results").get_data(as_text=True)
    waits = results[results.index('tie-waits'):]
    alert = waits[:waits.index("</div>")]
    assert "第1轮：晋级线上成绩相同" in alert and "后续比赛等待重赛结果" in alert and "录入重赛名次" in alert
    first, other = ids[3], ids[4]
    tie = ",".join(str(e) for e in sorted((first, other)))
    r = client.post(f"/manage/contests/{c.id}/lots", data={"group": "1", "tie": tie, "order-0": other,
                                                          "order-1": first, "note": "重赛"})
    assert r.status_code == 302
    assert other in by_key(matches(client, h, c.id))["final_a-2-1"]["entries"]
    assert "已记录" in client.get(f"/manage/contests/{c.id}/lots").get_data(as_text=True)
    assert "tie-waits" not in client.get(f"/manage/contests/{c.id}/results").get_data(as_text=True)
