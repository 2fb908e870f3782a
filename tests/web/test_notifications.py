"""Notifications: made inside other use cases, listed and marked read by their user; the outbox for organisers."""
import pytest

from common.db import db
from common.errors import Forbidden, NotFound
from notifications import services
from notifications.api_spec import PATHS
from notifications.models import Notification, OutboxMail
from registrations.reminder_rules import NO_ENTRY
from tests.deadline_setup import delegation, mails_to, notes_of
from tests.factories import PASSWORD, make_user
from tests.openapi_check import check_operations

PARAMS = {"contest": "羽毛球男子单打", "closes_at": "2026-06-04 12:00"}


@pytest.fixture
def leader(organiser, dummy_event):
    return delegation(organiser, dummy_event, "长春市", "city", "lead_cc", "cc@example.org").leader


def _read_at(note_id):
    db.session.rollback()  # a fresh snapshot: the request ran in another session
    return db.session.get(Notification, note_id).read_at


def _tell(user, event=None, message=NO_ENTRY, params=PARAMS, link="/contests/1"):
    note = services.notify(user.id, "reminder", message, params, link, event.id if event else None)
    db.session.commit()
    return note


def test_notify_adds_a_notification_and_a_mail_when_the_user_has_an_address(app, organiser, dummy_event, leader):
    _tell(leader, dummy_event)
    _tell(organiser, dummy_event)
    [note] = notes_of(leader.id)
    assert (note.kind, note.message, note.params, note.link, note.read_at) == (
        "reminder", NO_ENTRY, PARAMS, "/contests/1", None)
    [mail] = mails_to("cc@example.org")
    assert mail.event_id == dummy_event.id and mail.user_id == leader.id and mail.sent_at is None
    assert mail.body == ("羽毛球男子单打将于 2026-06-04 12:00 截止报名，您的代表队尚未报名。\n\n"
                         "Registration for 羽毛球男子单打 closes at 2026-06-04 12:00 and your delegation has not "
                         "entered it yet.\n\n/contests/1\n")
    assert db.session.query(OutboxMail).count() == 1  # the organiser has no address: no mail


def test_notify_does_not_commit_and_checks_its_params(app, leader):
    services.notify(leader.id, "reminder", NO_ENTRY, PARAMS)
    db.session.rollback()
    assert notes_of(leader.id) == [] and mails_to("cc@example.org") == []
    with pytest.raises(KeyError):
        services.notify(leader.id, "reminder", NO_ENTRY, {"contest": "x"})
    with pytest.raises(NotFound):
        services.notify(999999, "reminder", NO_ENTRY, PARAMS)


def test_list_unread_and_mark_read(app, organiser, leader):
    first, second, third = (_tell(leader) for _ in range(3))
    assert services.unread_count(leader) == 3 and services.unread_count(organiser) == 0
    notes, total = services.list_notifications(leader, page=1, per_page=2)
    assert [n.id for n in notes] == [third.id, second.id] and total == 3

    read = services.mark_read(leader, first.id)
    at = read.read_at
    assert services.mark_read(leader, first.id).read_at == at  # kept as first read
    assert services.unread_count(leader) == 2
    assert [n.id for n in services.list_notifications(leader, unread_only=True)[0]] == [third.id, second.id]
    with pytest.raises(NotFound):
        services.mark_read(organiser, second.id)
    assert services.mark_all_read(leader) == 2 and services.unread_count(leader) == 0


def test_outbox_is_for_the_events_organisers(app, organiser, dummy_event, leader):
    _tell(leader, dummy_event)
    mails, total = services.list_outbox(organiser, dummy_event.id)
    assert total == 1 and mails[0].to_address == "cc@example.org"
    with pytest.raises(Forbidden):
        services.list_outbox(leader, dummy_event.id)
    with pytest.raises(Forbidden):
        services.list_outbox(make_user("organiser", "other_org"), dummy_event.id)
    with pytest.raises(NotFound):
        services.list_outbox(organiser, 999999)


def test_bell_list_and_marking_read_in_the_pages(app, client, login, leader):
    note = _tell(leader)
    _tell(leader)
    login("lead_cc")
    home = client.get("/").get_data(as_text=True)
    assert 'id="bell"' in home and '<span class="badge rounded-pill text-bg-danger ms-1">2</span>' in home

    page = client.get("/notifications").get_data(as_text=True)
    assert "羽毛球男子单打将于 2026-06-04 12:00 截止报名，您的代表队尚未报名。" in page
    assert "has not entered it yet" in client.get("/notifications?lang=en").get_data(as_text=True)

    r = client.post(f"/notifications/{note.id}/open")
    assert r.status_code == 302 and r.headers["Location"] == "/contests/1"
    assert _read_at(note.id) is not None
    assert '<span class="badge rounded-pill text-bg-danger ms-1">1</span>' in client.get("/").get_data(as_text=True)

    r = client.post("/notifications/read-all", follow_redirects=True)
    assert "已将 1 条通知标为已读。" in r.get_data(as_text=True)
    assert "text-bg-danger" not in client.get("/").get_data(as_text=True)


def test_pages_refuse_strangers(app, client, login, organiser, leader):
    note = _tell(leader, link="//evil.example.org/")
    assert client.get("/notifications").status_code == 302  # to the login page
    login("org")
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    login("lead_cc")
    r = client.post(f"/notifications/{note.id}/open")
    assert r.headers["Location"] == "/notifications"  # never off the site


def test_forms_need_the_csrf_token(app, csrf_client, leader):
    note = _tell(leader)
    page = csrf_client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    csrf_client.post("/login", data={"username": "lead_cc", "password": PASSWORD, "csrf_token": token})
    assert 'id="bell"' in csrf_client.get("/").get_data(as_text=True)  # logged in
    assert csrf_client.post(f"/notifications/{note.id}/read").status_code == 400
    assert _read_at(note.id) is None


def test_outbox_page(app, client, login, organiser, dummy_event, leader):
    _tell(leader, dummy_event)
    login("lead_cc")
    assert client.get(f"/manage/events/{dummy_event.id}/outbox").status_code == 403
    login("org")
    page = client.get(f"/manage/events/{dummy_event.id}/outbox").get_data(as_text=True)
    assert "cc@example.org" in page and "[赛事通] 报名截止提醒 / Registration deadline reminder" in page
    assert "未配置邮件服务器" in page and "待发送" in page


def test_api_answers_as_documented(app, client, token, organiser, dummy_event, leader):
    note = _tell(organiser, dummy_event)
    _tell(leader, dummy_event)
    checked = check_operations(client, PATHS, {"notification_id": note.id, "event_id": dummy_event.id}, {},
                               token("org"))
    assert checked == 3


def test_api_own_notifications_only_and_translated(app, client, token, organiser, dummy_event, leader):
    note = _tell(leader, dummy_event)
    mine = token("lead_cc")
    body = client.get("/api/v1/notifications", headers={**mine, "Accept-Language": "en"}).get_json()
    assert body["total"] == 1 and body["items"][0]["message"].startswith("Registration for 羽毛球男子单打 closes")
    assert body["items"][0]["msgid"] == NO_ENTRY and body["items"][0]["read_at"] is None
    zh = client.get("/api/v1/notifications", headers=mine).get_json()["items"][0]["message"]
    assert zh.startswith("羽毛球男子单打将于")

    org = token("org")
    assert client.post(f"/api/v1/notifications/{note.id}/read", headers=org).status_code == 404
    assert client.get("/api/v1/notifications", headers=org).get_json()["total"] == 0
    assert client.get(f"/api/v1/events/{dummy_event.id}/outbox", headers=mine).status_code == 403
    assert client.get("/api/v1/notifications").status_code == 401

    r = client.post(f"/api/v1/notifications/{note.id}/read", headers=mine)
    assert r.status_code == 200 and r.get_json()["read_at"]
    assert client.get("/api/v1/notifications?unread=1", headers=mine).get_json()["total"] == 0
    outbox = client.get(f"/api/v1/events/{dummy_event.id}/outbox", headers=org).get_json()
    assert [m["to_address"] for m in outbox["items"]] == ["cc@example.org"]
