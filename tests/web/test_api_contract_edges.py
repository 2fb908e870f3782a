"""API.md's conventions at their edges: ids no database holds, the page size cap, codes in any script, bodies
with the wrong types where a crash used to be."""
from tests.factories import contest_data, event_data


def test_an_id_larger_than_any_database_id_is_404_not_a_crash(client, organiser, dummy_event, token):
    huge = 10 ** 20
    for url in (f"/api/v1/events/{huge}", f"/api/v1/contests/{huge}", f"/api/v1/entries/{huge}",
                f"/api/v1/matches/{huge}", f"/api/v1/contests/{huge}/entries"):
        r = client.get(url, headers=token("org"))
        assert r.status_code == 404 and r.mimetype == "application/problem+json", url
    assert client.post(f"/api/v1/entries/{huge}/approve", headers=token("org")).status_code == 404
    assert client.get(f"/contests/{huge}/bracket").status_code == 404


def test_an_id_of_19_digits_above_the_largest_is_missing_for_every_method(client, organiser, dummy_event, token):
    above = 2 ** 63  # (19 digits: the route matches, the number names no object)
    event_url = f"/api/v1/events/{dummy_event.id}"
    assert client.patch(f"/api/v1/contests/{above}", json={}, headers=token("org")).status_code == 404
    assert client.patch(f"/api/v1/events/{above}", json=client.get(event_url).get_json(),
                        headers=token("org")).status_code == 404
    assert client.post(f"/api/v1/contests/{above}/draw", json={}, headers=token("org")).status_code == 404
    r = client.put(f"/api/v1/matches/{above}/result", json={"version": 1}, headers=token("org"))
    assert r.status_code == 404 and r.mimetype == "application/problem+json"


def test_an_entry_for_a_delegation_id_no_database_holds_is_refused_on_its_field(client, create_open_contest, token,
                                                                                dummy_delegation):
    contest = create_open_contest(name="篮球", sport="basketball", discipline="5x5")
    url = f"/api/v1/contests/{contest.id}/entries"
    r = client.post(url, json={"delegation_id": 2 ** 70, "name": "队", "members": []}, headers=token("org"))
    assert r.status_code == 422 and "delegation_id" in r.get_json()["errors"]
    assert client.get(f"{url}?delegation_id={2 ** 70}", headers=token("org")).get_json() == {"items": [], "total": 0}


def test_per_page_above_200_gives_200_at_most(client, organiser, token):
    for i in range(3):
        client.post("/api/v1/events", json=event_data(name=f"运动会{i}"), headers=token("org"))
    r = client.get("/api/v1/events?per_page=500")
    assert r.status_code == 200 and r.get_json()["total"] == 3 and len(r.get_json()["items"]) == 3
    assert client.get("/api/v1/events?per_page=1&page=2").get_json()["items"][0]["name"] == "运动会1"
    for bad in ("per_page=0", "page=0", "per_page=x"):
        assert client.get(f"/api/v1/events?{bad}").status_code == 422, bad


def test_division_codes_may_be_capitals_or_chinese_but_not_spaces(client, organiser, token):
    h = token("org")
    for code in ("CITY", "A", "市州组", "city_2"):
        r = client.post("/api/v1/events", json=event_data(divisions=[{"code": code, "name": "组"}]), headers=h)
        assert r.status_code == 201, (code, r.get_json())
    r = client.post("/api/v1/events", json=event_data(divisions=[{"code": "a b", "name": "组"}]), headers=h)
    assert r.status_code == 422 and "divisions.0.code" in r.get_json()["errors"]


def test_wrong_types_where_names_are_looked_up_are_422(client, organiser, dummy_event, token):
    h = token("org")
    url = f"/api/v1/events/{dummy_event.id}/contests"
    for body, field in ((contest_data(discipline=["MS"]), "discipline"),
                        (contest_data(format={"type": {"a": 1}}), "format.type")):
        r = client.post(url, json=body, headers=h)
        assert r.status_code == 422 and field in r.get_json()["errors"], r.get_json()
    r = client.post("/api/v1/events", json=event_data(timezone="Asia/" + "x" * 300), headers=h)
    assert r.status_code == 422 and "timezone" in r.get_json()["errors"]


def test_a_rejection_without_a_body_names_the_missing_reason(client, create_open_contest, token, dummy_delegation):
    contest = create_open_contest(name="篮球", sport="basketball", discipline="5x5")
    from tests.factories import members
    entry = client.post(f"/api/v1/contests/{contest.id}/entries", json={"name": "队", "members": members(5)},
                        headers=token("leader1")).get_json()
    r = client.post(f"/api/v1/entries/{entry['id']}/reject", headers=token("org"))
    assert r.status_code == 422 and "reason" in r.get_json()["errors"]
