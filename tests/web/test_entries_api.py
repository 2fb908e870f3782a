"""Entries through the API: register, roster refusals, window and capacity, decisions, waiting list, roles."""
from datetime import datetime, timedelta, timezone

import pytest

from competitions.venue_services import update_contest
from registrations.services import create_delegation
from tests.factories import PASSWORD, contest_data, members, open_window


@pytest.fixture
def leader(client, dummy_delegation, token):
    return token("leader1")


def team(n=10, name="长春一队", **over):
    return {"name": name, "members": members(n), **over}


def test_leader_registers_a_team_and_sees_masked_id_numbers(client, basketball_contest, leader, token):
    r = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json=team(), headers=leader)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["status"] == "pending" and body["name"] == "长春一队" and len(body["members"]) == 10
    assert body["members"][0]["id_number"].startswith("220102") and "********" in body["members"][0]["id_number"]
    org = client.get(f"/api/v1/entries/{body['id']}", headers=token("org")).get_json()
    assert "*" not in org["members"][0]["id_number"]


@pytest.mark.parametrize("members_, path, words", [
    (members(4), "members", "5 to 12 needed; this entry has 4"),
    (members(13), "members", "this entry has 13"),
    (members(5) + [{"name": "李四", "gender": "X"}], "members.5.gender", "M or F"),
    (members(5)[:4] + [{**members(1)[0], "name": "王五"}], "members.4.id_number", ""),
    (members(4) + [{"name": "赵六", "gender": "M", "id_number": "220102199001010013"}], "members.4.id_number",
     "check"),
])
def test_roster_refusals_name_the_member_field(client, basketball_contest, leader, members_, path, words):
    r = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json={"name": "队", "members": members_},
                    headers={**leader, "Accept-Language": "en"})
    assert r.status_code == 422, r.get_json()
    body = r.get_json()
    assert r.mimetype == "application/problem+json" and path in body["errors"], body
    assert words.lower() in " ".join(body["errors"][path]).lower()
    assert client.get(f"/api/v1/contests/{basketball_contest.id}/entries", headers=leader).get_json()["total"] == 0


def test_gender_mix_of_a_mixed_dragon_boat_is_checked(client, create_open_contest, leader):
    boat = create_open_contest(name="冰上龙舟混合12人", sport="ice_dragon_boat", discipline=None,
                               format={"type": "timed_heats", "lanes": 4}, settings={"boat": 12, "class": "mixed"})
    crew = members(7, "M", "paddler") + members(3, "F", "paddler", start=7) + \
        members(1, "M", "drummer", start=10) + members(1, "F", "steerer", start=11)
    r = client.post(f"/api/v1/contests/{boat.id}/entries", json={"name": "龙舟一队", "members": crew},
                    headers={**leader, "Accept-Language": "zh-CN"})
    assert r.status_code == 422
    assert "女" in " ".join(r.get_json()["errors"]["members"])
    crew[6]["gender"], crew[6]["id_number"] = "F", None
    r = client.post(f"/api/v1/contests/{boat.id}/entries", json={"name": "龙舟一队", "members": crew}, headers=leader)
    assert r.status_code == 201, r.get_json()


def test_one_person_is_in_one_entry_per_contest(client, basketball_contest, leader, organiser, dummy_event, token):
    create_delegation(organiser, dummy_event.id, {"name": "吉林市代表队", "division": "city",
                                                  "leader": {"username": "leader2", "password": PASSWORD}})
    assert client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json=team(), headers=leader).status_code == 201
    again = {"name": "吉林一队", "members": members(6, start=20) + [dict(members(1)[0], id_number=None)]}
    r = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json=again,
                    headers={**token("leader2"), "Accept-Language": "en"})
    assert r.status_code == 422
    assert "already on the entry 长春一队" in r.get_json()["errors"]["members.6.name"][0]


def test_window_and_full_contest_answer_409(client, organiser, basketball_contest, leader):
    url = f"/api/v1/contests/{basketball_contest.id}/entries"
    update_contest(organiser, basketball_contest.id, contest_data(
        name="篮球5x5", sport="basketball", discipline="5x5", max_entries=2, **open_window()))
    assert client.post(url, json=team(), headers=leader).status_code == 201
    assert client.post(url, json=team(name="二队", members=members(5, start=20)), headers=leader).status_code == 201
    r = client.post(url, json=team(name="三队", members=members(5, start=30)), headers={**leader, "Accept-Language": "en"})
    assert r.status_code == 409 and "full" in r.get_json()["detail"]
    past = datetime.now(timezone.utc) - timedelta(hours=1)
    update_contest(organiser, basketball_contest.id, contest_data(
        name="篮球5x5", sport="basketball", discipline="5x5", max_entries=5,
        registration_opens_at=(past - timedelta(days=5)).isoformat(), registration_closes_at=past.isoformat()))
    r = client.post(url, json=team(name="四队", members=members(5, start=40)), headers={**leader, "Accept-Language": "en"})
    assert r.status_code == 409 and "closed" in r.get_json()["detail"]


def two_places_four_teams(client, create_open_contest, leader):
    """A basketball contest of two places and a waiting list, four teams entered: it, its entries URL, them."""
    contest = create_open_contest(name="篮球候补", sport="basketball", discipline="5x5", max_entries=2,
                                  waiting_list=True)
    url = f"/api/v1/contests/{contest.id}/entries"
    return contest, url, [client.post(url, json=team(5, name=f"队{i}", members=members(5, start=10 * i)),
                                      headers=leader).get_json() for i in range(4)]


def test_waiting_list_moves_up_when_a_place_frees(client, create_open_contest, leader, token):
    contest, url, ids = two_places_four_teams(client, create_open_contest, leader)
    assert [e["status"] for e in ids] == ["pending", "pending", "waitlisted", "waitlisted"]
    org = token("org")
    r = client.post(f"/api/v1/entries/{ids[0]['id']}/reject", json={"reason": "名单不符"}, headers=org)
    assert r.get_json()["status"] == "rejected"
    assert client.get(f"/api/v1/entries/{ids[2]['id']}", headers=org).get_json()["status"] == "pending"
    assert client.post(f"/api/v1/entries/{ids[1]['id']}/withdraw", headers=leader).get_json()["status"] == "withdrawn"
    assert client.get(f"/api/v1/entries/{ids[3]['id']}", headers=org).get_json()["status"] == "pending"
    history = client.get(f"/api/v1/entries/{ids[3]['id']}/history", headers=leader).get_json()["items"]
    assert [h["action"] for h in history] == ["waitlisted", "promoted"]


def test_organiser_decides_and_leader_sees_the_reason(client, basketball_contest, leader, token):
    url = f"/api/v1/contests/{basketball_contest.id}/entries"
    a = client.post(url, json=team(), headers=leader).get_json()
    b = client.post(url, json=team(name="长春二队", members=members(5, start=50)), headers=leader).get_json()
    org = token("org")
    assert client.post(f"/api/v1/entries/{a['id']}/approve", headers=leader).status_code == 403
    assert client.post(f"/api/v1/entries/{a['id']}/approve", headers=org).get_json()["status"] == "approved"
    assert client.post(f"/api/v1/entries/{b['id']}/reject", json={}, headers=org).status_code == 422
    client.post(f"/api/v1/entries/{b['id']}/reject", json={"reason": "缺少单位盖章"}, headers=org)
    mine = client.get(url, headers=leader).get_json()["items"]
    assert {e["name"]: (e["status"], e["reason"]) for e in mine} == {
        "长春一队": ("approved", ""), "长春二队": ("rejected", "缺少单位盖章")}
    public = client.get(url).get_json()
    assert public["total"] == 1 and set(public["items"][0]) == {
        "id", "contest_id", "delegation_id", "delegation", "name", "status"}
    assert client.post(f"/api/v1/entries/{a['id']}/approve", headers=org).status_code == 409


def test_other_leaders_see_neither_entry_nor_delegation(client, basketball_contest, leader, organiser, dummy_event,
                                                        token):
    create_delegation(organiser, dummy_event.id, {"name": "延边州代表队", "division": "city",
                                                  "leader": {"username": "leader3", "password": PASSWORD}})
    entry = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json=team(), headers=leader).get_json()
    other = token("leader3")
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=other).status_code == 404
    assert client.post(f"/api/v1/entries/{entry['id']}/withdraw", headers=other).status_code == 404
    r = client.post(f"/api/v1/contests/{basketball_contest.id}/entries",
                    json=team(delegation_id=entry["delegation_id"], members=members(5, start=60)), headers=other)
    assert r.status_code == 403
    assert client.get(f"/api/v1/contests/{basketball_contest.id}/entries", headers=other).get_json()["total"] == 0


def test_edits_until_the_deadline_then_only_organisers_substitute(client, organiser, basketball_contest, leader,
                                                                  token):
    entry = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json=team(), headers=leader).get_json()
    roster = members(9) + members(1, start=70)
    r = client.patch(f"/api/v1/entries/{entry['id']}", json={"version": entry["version"], "members": roster},
                     headers=leader)
    assert r.status_code == 200 and r.get_json()["version"] == entry["version"] + 1
    stale = client.patch(f"/api/v1/entries/{entry['id']}", json={"version": entry["version"], "members": roster},
                         headers=leader)
    assert stale.status_code == 409
    past = datetime.now(timezone.utc) - timedelta(minutes=1)
    update_contest(organiser, basketball_contest.id, contest_data(
        name="篮球5x5", sport="basketball", discipline="5x5", max_entries=16,
        registration_opens_at=(past - timedelta(days=5)).isoformat(), registration_closes_at=past.isoformat()))
    assert client.patch(f"/api/v1/entries/{entry['id']}", json={"members": roster}, headers=leader).status_code == 409
    sub = {"members": members(9) + members(1, start=80), "reason": "队员受伤，赛前替换"}
    assert client.post(f"/api/v1/entries/{entry['id']}/substitute", json=sub, headers=leader).status_code == 403
    r = client.post(f"/api/v1/entries/{entry['id']}/substitute", json=sub, headers=token("org"))
    assert r.status_code == 200 and r.get_json()["members"][-1]["name"] == "队员81"
    last = client.get(f"/api/v1/entries/{entry['id']}/history", headers=leader).get_json()["items"][-1]
    assert last["action"] == "substituted" and last["user"] == "org" and last["detail"]["reason"] == "队员受伤，赛前替换"
    assert last["detail"]["members"] == {"removed": ["队员71"], "added": ["队员81"]}


def test_more_places_move_the_waiting_list_up_before_anyone_new(client, create_open_contest, leader, token):
    contest, url, ids = two_places_four_teams(client, create_open_contest, leader)
    org = token("org")
    body = {**client.get(f"/api/v1/contests/{contest.id}").get_json(), "max_entries": 3}
    r = client.patch(f"/api/v1/contests/{contest.id}", json=body, headers=org)
    assert r.status_code == 200, r.get_json()
    statuses = [client.get(f"/api/v1/entries/{e['id']}", headers=org).get_json()["status"] for e in ids]
    assert statuses == ["pending", "pending", "pending", "waitlisted"], "the first on the list took the new place"
    late = client.post(url, json=team(5, name="队9", members=members(5, start=90)), headers=leader).get_json()
    assert late["status"] == "waitlisted", "a newcomer queues behind the one still waiting"


def test_a_leader_of_another_event_sees_what_the_public_sees(client, organiser, create_open_contest, leader, token,
                                                             create_event_for):
    contest = create_open_contest(name="篮球", sport="basketball", discipline="5x5", max_entries=8)
    url = f"/api/v1/contests/{contest.id}/entries"
    entry = client.post(url, json=team(5), headers=leader).get_json()
    client.post(f"/api/v1/entries/{entry['id']}/approve", headers=token("org"))
    other = create_event_for(organiser, name="另一届运动会")
    create_delegation(organiser, other.id, {"name": "外地代表队", "division": "city", "leader": {
        "username": "far_leader", "password": PASSWORD}})
    seen = client.get(url, headers=token("far_leader")).get_json()
    assert seen == client.get(url).get_json() and seen["total"] == 1 and "members" not in seen["items"][0]


def test_a_withdrawn_entry_cannot_be_changed_409(client, basketball_contest, leader):
    url = f"/api/v1/contests/{basketball_contest.id}/entries"
    entry = client.post(url, json=team(5), headers=leader).get_json()
    gone = client.post(f"/api/v1/entries/{entry['id']}/withdraw", headers=leader).get_json()
    r = client.patch(f"/api/v1/entries/{entry['id']}", json={"version": gone["version"], "members": members(6)},
                     headers=leader)
    assert r.status_code == 409 and r.mimetype == "application/problem+json", r.get_json()
