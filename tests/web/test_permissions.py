"""Each role sees and changes only its own objects."""
import pytest

from tests.factories import PASSWORD, contest_data, event_data, make_user


@pytest.fixture
def other_organiser(app):
    return make_user("organiser", "org2")


def test_anonymous_api_writes_are_401(client, dummy_event):
    r = client.post("/api/v1/events", json=event_data())
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert client.post(f"/api/v1/events/{dummy_event.id}/contests", json=contest_data()).status_code == 401


@pytest.mark.parametrize("role", ["leader", "referee", "judge"])
def test_only_organisers_create_events(client, token, role):
    make_user(role, f"{role}_x")
    r = client.post("/api/v1/events", json=event_data(), headers=token(f"{role}_x"))
    assert r.status_code == 403


def test_an_organiser_cannot_change_another_organisers_event(client, token, dummy_event, dummy_contest,
                                                             other_organiser):
    headers = token("org2")
    assert client.post(f"/api/v1/events/{dummy_event.id}/contests", json=contest_data(name="x"),
                       headers=headers).status_code == 403
    assert client.patch(f"/api/v1/contests/{dummy_contest.id}", json=contest_data(), headers=headers).status_code == 403
    assert client.patch(f"/api/v1/events/{dummy_event.id}", json=event_data(), headers=headers).status_code == 403
    assert client.post(f"/api/v1/events/{dummy_event.id}/delegations", headers=headers, json={
        "name": "x", "division": "city", "leader": {"username": "zz", "password": PASSWORD}}).status_code == 403


def test_organiser_pages_of_another_event_are_403(client, login, dummy_event, other_organiser):
    login("org2")
    assert client.get(f"/manage/events/{dummy_event.id}/edit").status_code == 403
    assert client.get(f"/manage/events/{dummy_event.id}/contests/new").status_code == 403
    page = client.get(f"/manage/events/{dummy_event.id}/edit").get_data(as_text=True)
    assert "无权" in page or "不是" in page


def test_manage_pages_need_login(client, dummy_event):
    r = client.get(f"/manage/events/{dummy_event.id}/edit")
    assert r.status_code == 302 and "/login" in r.headers["Location"]


def test_leader_sees_own_delegation_only(client, token, login, organiser, dummy_event, dummy_delegation):
    from registrations.services import create_delegation
    other = create_delegation(organiser, dummy_event.id, {"name": "四平市代表队", "division": "city",
                                                          "leader": {"username": "sp", "password": PASSWORD}})
    headers = token("leader1")
    assert client.get(f"/api/v1/delegations/{dummy_delegation.id}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/delegations/{other.id}", headers=headers).status_code == 404
    login("leader1")
    assert client.get(f"/delegations/{dummy_delegation.id}").status_code == 200
    assert client.get(f"/delegations/{other.id}").status_code == 404
    assert client.get(f"/manage/delegations/{dummy_delegation.id}/edit").status_code == 403
    assert client.patch(f"/api/v1/delegations/{dummy_delegation.id}", headers=headers,
                        json={"name": "改名", "division": "city"}).status_code == 403


def test_referee_and_judge_have_no_organiser_pages(client, login):
    make_user("referee", "ref")
    login("ref")
    assert client.get("/manage/events/new").status_code == 403
    assert "暂未给您分配" in client.get("/me").get_data(as_text=True)


def test_forms_need_a_csrf_token(csrf_client, organiser):
    r = csrf_client.post("/login", data={"username": "org", "password": PASSWORD})
    assert r.status_code == 400
    page = csrf_client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    ok = csrf_client.post("/login", data={"username": "org", "password": PASSWORD, "csrf_token": token})
    assert ok.status_code == 302


def test_logout_ends_the_users_other_sessions(server, login, organiser):
    phone, laptop = server.test_client(), server.test_client()
    login("org", c=phone)
    login("org", c=laptop)
    assert phone.get("/me").status_code == 200 and laptop.get("/me").status_code == 200
    phone.post("/logout")
    assert laptop.get("/me").status_code == 302, "the laptop's session ended too"


def test_password_change_keeps_this_session_and_ends_the_others(server, login, organiser):
    phone, laptop = server.test_client(), server.test_client()
    login("org", c=phone)
    login("org", c=laptop)
    r = phone.post("/account/password", data={"current_password": PASSWORD, "new_password": "Brand-new-9"})
    assert r.status_code == 302
    assert phone.get("/me").status_code == 200
    assert laptop.get("/me").status_code == 302


def test_login_form_is_rate_limited(client, login, organiser):
    for _ in range(5):
        assert login("org", "wrong-one").status_code == 401
    r = login("org")
    assert r.status_code == 429 and "登录失败次数过多" in r.get_data(as_text=True)


def test_passwords_are_stored_as_scrypt_hashes(app, organiser):
    assert organiser.password_hash.startswith("scrypt:") and PASSWORD not in organiser.password_hash
