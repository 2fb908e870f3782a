"""Bad input gets a 4xx naming the field, in the user's language, and leaves nothing behind."""
import pytest

from common.db import db
from competitions.models import Contest, Event
from registrations.models import Delegation
from accounts.models import User
from tests.factories import PASSWORD, contest_data, event_data


def count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_malformed_json_is_400(client, organiser, token):
    headers = {**token("org"), "Content-Type": "application/json"}
    r = client.post("/api/v1/events", data="{not json", headers=headers)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert client.post("/api/v1/events", data="[1, 2]", headers=headers).status_code == 400
    assert client.post("/api/v1/events", data=b"\xff\xfe", headers=headers).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/tokens", "/api/v1/events"])
def test_json_nested_deeper_than_the_decoder_goes_is_400(client, organiser, token, path):
    deep = '{"a": ' + "[" * 5000 + "]" * 5000 + "}"
    r = client.post(path, data=deep, headers={**token("org"), "Content-Type": "application/json"})
    assert r.status_code == 400 and r.mimetype == "application/problem+json", r.get_data(as_text=True)[:200]
    assert count(Event) == 0


@pytest.mark.parametrize("over,field", [
    ({"name": None}, "name"), ({"name": 42}, "name"), ({"name": "x" * 10_000}, "name"),
    ({"starts_on": "tomorrow"}, "starts_on"), ({"starts_on": "2025-02-30"}, "starts_on"),
    ({"ends_on": "2025-12-01"}, "ends_on"), ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"divisions": "city"}, "divisions"), ({"divisions": [{"code": "City Team", "name": "市州组"}]}, "divisions.0.code"),
    ({"divisions": [{"code": "a", "name": "x"}, {"code": "a", "name": "y"}]}, "divisions.1.code"),
    ({"name": "第一行\n第二行"}, "name"),
])
def test_event_fields(client, organiser, token, over, field):
    r = client.post("/api/v1/events", json=event_data(**over), headers={**token("org"), "Accept-Language": "en"})
    assert r.status_code == 422, r.get_json()
    body = r.get_json()
    assert field in body["errors"] and body["detail"].startswith(field)
    assert count(Event) == 0


def test_ten_thousand_character_name_message_says_the_limit(client, organiser, token):
    r = client.post("/api/v1/events", json=event_data(name="长" * 10_000), headers=token("org"))
    assert r.get_json()["errors"]["name"] == ["最多 200 个字符（当前 10000 个）。"]


@pytest.mark.parametrize("over,field", [
    ({"sport": "curling"}, "sport"), ({"sport": None}, "sport"), ({"discipline": "XX"}, "discipline"),
    ({"format": {"type": "swiss"}}, "format.type"), ({"format": "single_elimination"}, "format"),
    ({"format": {"type": "single_elimination", "seeds": -1}}, "format.seeds"),
    ({"settings": {"cap": 99}}, "settings.cap"), ({"settings": {"colour": "red"}}, "settings.colour"),
    ({"settings": {"points_to_win": "many"}}, "settings.points_to_win"),
    ({"registration_closes_at": "2025-10-01T00:00:00+08:00"}, "registration_closes_at"),
    ({"registration_opens_at": "soon"}, "registration_opens_at"),
    ({"max_entries": "lots"}, "max_entries"), ({"max_entries": 1}, "max_entries"),
    ({"division": "moon"}, "division"), ({"waiting_list": "perhaps"}, "waiting_list"),
])
def test_contest_fields(client, organiser, dummy_event, token, over, field):
    r = client.post(f"/api/v1/events/{dummy_event.id}/contests", json=contest_data(**over), headers=token("org"))
    assert r.status_code == 422, r.get_json()
    assert field in r.get_json()["errors"]
    assert count(Contest) == 0


def test_html_and_sql_in_names_are_stored_as_text_and_shown_escaped(client, organiser, token):
    name = "<script>alert(1)</script>'; DROP TABLE events; --"
    r = client.post("/api/v1/events", json=event_data(name=name), headers=token("org"))
    assert r.status_code == 201 and r.get_json()["name"] == name
    page = client.get("/").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert count(Event) == 1


def test_duplicate_username_leaves_no_delegation(client, organiser, dummy_event, dummy_delegation, token):
    r = client.post(f"/api/v1/events/{dummy_event.id}/delegations", headers=token("org"), json={
        "name": "吉林市代表队", "division": "city", "leader": {"username": "leader1", "password": PASSWORD}})
    assert r.status_code == 422 and "leader.username" in r.get_json()["errors"]
    assert count(Delegation) == 1 and count(User) == 2


def test_delegation_with_unknown_division_creates_no_account(client, organiser, dummy_event, token):
    r = client.post(f"/api/v1/events/{dummy_event.id}/delegations", headers=token("org"), json={
        "name": "x", "division": "moon", "leader": {"username": "newleader", "password": PASSWORD}})
    assert r.status_code == 422 and "division" in r.get_json()["errors"]
    assert count(User) == 1


@pytest.mark.parametrize("leader,field", [
    (None, "leader"), ({"username": "a b", "password": PASSWORD}, "leader.username"),
    ({"username": "okname", "password": "123"}, "leader.password"),
    ({"username": "okname", "password": "11111111"}, "leader.password"),
])
def test_leader_account_fields(client, organiser, dummy_event, token, leader, field):
    r = client.post(f"/api/v1/events/{dummy_event.id}/delegations", headers=token("org"),
                    json={"name": "x", "division": "city", "leader": leader})
    assert r.status_code == 422 and field in r.get_json()["errors"]


def test_form_errors_sit_next_to_their_fields(client, login, organiser, dummy_event):
    login("org")
    r = client.post(f"/manage/events/{dummy_event.id}/contests/new?lang=en", data={
        "name": "", "sport": "badminton", "discipline": "MS", "format_type": "single_elimination",
        "registration_opens_at": "2025-11-01T09:00", "registration_closes_at": "2025-10-01T09:00",
        "settings-badminton-cap": "99"})
    page = r.get_data(as_text=True)
    assert "This field is required." in page
    assert "Registration must close after it opens." in page and "Must be between 11 and 30." in page
    assert count(Contest) == 1 - 1


def test_unknown_api_path_and_method_are_problems(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    assert client.delete("/api/v1/events").status_code == 405
