"""API tokens: issue, use, revoke, expiry, rate limit, and what a password change ends."""
from datetime import timedelta

from accounts.models import ApiToken, LoginFailure
from common.db import db, utcnow
from tests.factories import PASSWORD, make_user


def test_token_is_issued_and_identifies_the_user(client, organiser):
    r = client.post("/api/v1/tokens", json={"username": "ORG", "password": PASSWORD})
    assert r.status_code == 201
    body = r.get_json()
    assert body["user"] == {"id": organiser.id, "username": "org", "display_name": "Org", "roles": ["organiser"]}
    assert body["expires_at"].endswith("+08:00")  # (times belonging to no event: the default zone, Asia/Shanghai)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.get_json()["username"] == "org"
    stored = db.session.scalars(db.select(ApiToken)).one()
    assert stored.token_hash != body["token"] and len(stored.token_hash) == 64


def test_wrong_password_is_401_problem(client, organiser):
    r = client.post("/api/v1/tokens", json={"username": "org", "password": "nope-nope"})
    assert r.status_code == 401
    assert r.mimetype == "application/problem+json"
    assert r.get_json()["status"] == 401


def test_revoked_token_no_longer_works(client, organiser, token):
    headers = token("org")
    assert client.delete("/api/v1/tokens/current", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_expired_token_is_refused(client, organiser, token):
    headers = token("org")
    db.session.execute(db.update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_invalid_token_is_401_even_on_public_reads(client):
    r = client.get("/api/v1/events", headers={"Authorization": "Bearer garbage"})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")


def test_five_failures_per_account_and_address_then_429(client, organiser):
    for _ in range(5):
        assert client.post("/api/v1/tokens", json={"username": "org", "password": "wrong-pass"}).status_code == 401
    r = client.post("/api/v1/tokens", json={"username": "org", "password": PASSWORD})
    assert r.status_code == 429 and r.mimetype == "application/problem+json"
    other = client.post("/api/v1/tokens", json={"username": "org", "password": PASSWORD},
                        environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 201, "another address is not locked out by the first one's failures"


def test_failures_older_than_the_window_do_not_count(client, organiser):
    for _ in range(5):
        client.post("/api/v1/tokens", json={"username": "org", "password": "wrong-pass"})
    db.session.execute(db.update(LoginFailure).values(at=utcnow() - timedelta(minutes=16)))
    db.session.commit()
    assert client.post("/api/v1/tokens", json={"username": "org", "password": PASSWORD}).status_code == 201


def test_password_change_revokes_api_tokens(app, client, organiser, token, login):
    headers = token("org")
    login("org")
    r = client.post("/account/password", data={"current_password": PASSWORD, "new_password": "another-Pass9"})
    assert r.status_code == 302
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.post("/api/v1/tokens", json={"username": "org", "password": "another-Pass9"}).status_code == 201


def test_unknown_user_and_inactive_user_get_the_same_answer(client):
    user = make_user("referee", "ref")
    user.active = False
    db.session.commit()
    a = client.post("/api/v1/tokens", json={"username": "ref", "password": PASSWORD})
    b = client.post("/api/v1/tokens", json={"username": "ghost", "password": PASSWORD})
    assert a.status_code == b.status_code == 401
    assert a.get_json()["detail"] == b.get_json()["detail"]
