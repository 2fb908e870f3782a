"""API: events, delegations, venues and contests as API.md describes them."""
from tests.factories import PASSWORD, contest_data, event_data


def test_organiser_creates_an_event_with_divisions(client, organiser, token):
    r = client.post("/api/v1/events", json=event_data(), headers=token("org"))
    assert r.status_code == 201
    body = r.get_json()
    assert body["name"] == "2025年吉林省职工运动会" and body["timezone"] == "Asia/Shanghai"
    assert [d["code"] for d in body["divisions"]] == ["city", "enterprise"]
    assert body["version"] == 1
    assert client.get(r.headers["Location"]).get_json() == body
    listing = client.get("/api/v1/events").get_json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == body["id"]


def test_delegation_with_leader_account(client, organiser, dummy_event, token):
    r = client.post(f"/api/v1/events/{dummy_event.id}/delegations", headers=token("org"), json={
        "name": "长春市代表队", "division": "city", "leader": {"username": "cc_leader", "password": PASSWORD}})
    assert r.status_code == 201
    body = r.get_json()
    assert body["division"] == "city" and body["leader"]["username"] == "cc_leader"
    public = client.get(f"/api/v1/events/{dummy_event.id}/delegations").get_json()
    assert public["total"] == 1 and "leader" not in public["items"][0]
    leader = client.post("/api/v1/tokens", json={"username": "cc_leader", "password": PASSWORD}).get_json()
    assert leader["user"]["roles"] == ["leader"]


def test_contest_of_each_sport(client, organiser, dummy_event, token):
    headers = token("org")
    url = f"/api/v1/events/{dummy_event.id}/contests"
    specs = [
        contest_data(name="混合团体", discipline="team", format={"type": "groups_knockout", "groups": 2,
                                                               "qualifiers_per_group": 2}, division="city"),
        contest_data(name="篮球5x5", sport="basketball", discipline="5x5", format={"type": "round_robin"},
                     settings={"tie_break": "ratio"}),
        contest_data(name="冰上龙舟", sport="ice_dragon_boat", discipline=None,
                     format={"type": "timed_heats", "lanes": 4, "runs": 2, "ranking": "sum"},
                     settings={"boat": 12, "class": "mixed", "distance_m": 200}),
        contest_data(name="摄影单幅", sport="photography", discipline="single", format={"type": "judged"}),
    ]
    for spec in specs:
        r = client.post(url, json=spec, headers=headers)
        assert r.status_code == 201, r.get_json()
    items = client.get(url).get_json()["items"]
    assert [c["sport"] for c in items] == ["badminton", "basketball", "ice_dragon_boat", "photography"]
    assert items[0]["division"] == "city" and items[0]["settings"]["roster_min"] == 4
    assert items[1]["settings"]["tie_break"] == "ratio"
    assert items[2]["format"] == {"type": "timed_heats", "lanes": 4, "runs": 2, "ranking": "sum"}
    assert items[0]["registration_opens_at"] == "2025-11-01T09:00:00+08:00", "as sent, in the event's time zone"


def test_times_come_back_in_the_event_time_zone(client, organiser, token):
    headers = token("org")
    r = client.post("/api/v1/events", json=event_data(name="新疆职工运动会", timezone="Asia/Urumqi"), headers=headers)
    assert r.status_code == 201, r.get_json()
    url = f"/api/v1/events/{r.get_json()['id']}/contests"
    contest = client.post(url, json=contest_data(registration_closes_at="2025-12-10T17:00:00+08:00"),
                          headers=headers).get_json()
    assert contest["registration_closes_at"] == "2025-12-10T15:00:00+06:00", "the same instant, Urumqi's clock"
    assert contest["registration_opens_at"] == "2025-11-01T07:00:00+06:00"


def test_update_with_stale_version_is_409(client, organiser, dummy_contest, token):
    headers = token("org")
    url = f"/api/v1/contests/{dummy_contest.id}"
    ok = client.patch(url, json=contest_data(name="男单（改）", version=1), headers=headers)
    assert ok.status_code == 200 and ok.get_json()["version"] == 2
    stale = client.patch(url, json=contest_data(name="又改", version=1), headers=headers)
    assert stale.status_code == 409 and stale.mimetype == "application/problem+json"
    assert client.get(url).get_json()["name"] == "男单（改）"


def test_event_update_and_stale_version(client, organiser, dummy_event, token):
    headers = token("org")
    url = f"/api/v1/events/{dummy_event.id}"
    r = client.patch(url, json=event_data(name="新名字", version=1), headers=headers)
    assert r.status_code == 200 and r.get_json()["version"] == 2
    assert client.patch(url, json=event_data(version=1), headers=headers).status_code == 409


def test_venue_with_lanes(client, organiser, dummy_event, token):
    r = client.post(f"/api/v1/events/{dummy_event.id}/venues", headers=token("org"),
                    json={"name": "松花江冰上赛道", "kind": "course", "courts": ["1道", "2道", "3道", "4道"]})
    assert r.status_code == 201 and r.get_json()["courts"] == ["1道", "2道", "3道", "4道"]
    listed = client.get(f"/api/v1/events/{dummy_event.id}/venues").get_json()
    assert listed["items"][0]["name"] == "松花江冰上赛道"


def test_paging(client, organiser, create_event_for):
    for i in range(3):
        create_event_for(organiser, name=f"Games {i}")
    r = client.get("/api/v1/events?page=2&per_page=2").get_json()
    assert r["total"] == 3 and len(r["items"]) == 1
    capped = client.get("/api/v1/events?per_page=500")  # (API.md: max 200; more asked, 200 at most given)
    assert capped.status_code == 200 and capped.get_json()["total"] == 3
    assert client.get("/api/v1/events?page=0").status_code == 422


def test_accept_language_picks_the_language(client, organiser, token):
    headers = token("org")
    zh = client.post("/api/v1/events", json={}, headers={**headers, "Accept-Language": "zh-CN"}).get_json()
    en = client.post("/api/v1/events", json={}, headers={**headers, "Accept-Language": "en"}).get_json()
    assert en["errors"]["name"] == ["This field is required."]
    assert zh["errors"]["name"] == ["此项为必填项。"]
    assert zh["title"] != en["title"]
