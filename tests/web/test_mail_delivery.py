"""Queued mails go out through SMTP when a server is configured; failures are kept and retried."""
import socket
from datetime import timedelta

from common.db import db, utcnow
from notifications.models import OutboxMail
from notifications.services import notify, send_pending_mail
from registrations.reminder_rules import WAITING
from tests.deadline_setup import delegation
from tests.smtp_sink import SmtpSink

PARAMS = {"contest": "篮球5x5", "closes_at": "2026-06-04 12:00", "count": 2}


def _settings(port: int, **over) -> dict:
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_USE_TLS": False, "MAIL_USERNAME": "",
            "MAIL_SENDER": "games@example.org", "MAIL_BASE_URL": "https://games.example.org", **over}


def _queue(organiser, event, *addresses):
    for i, address in enumerate(addresses):
        d = delegation(organiser, event, f"代表队{i}", "city", f"lead{i}", address)
        notify(d.leader_id, "reminder", WAITING, PARAMS, "/contests/7", event.id)
    db.session.commit()


def _mails():
    db.session.rollback()  # a fresh snapshot
    return list(db.session.query(OutboxMail).order_by(OutboxMail.id))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_without_a_server_mails_stay_in_the_outbox(app, organiser, dummy_event):
    _queue(organiser, dummy_event, "a@example.org")
    assert send_pending_mail({"MAIL_SERVER": ""}) == (0, 0)
    assert [(m.sent_at, m.error) for m in _mails()] == [(None, "")]


def test_mails_are_sent_in_both_languages_with_the_full_link(app, organiser, dummy_event):
    _queue(organiser, dummy_event, "a@example.org", "b@example.org")
    with SmtpSink() as sink:
        assert send_pending_mail(_settings(sink.port)) == (2, 0)
        assert send_pending_mail(_settings(sink.port)) == (0, 0)  # nothing sent twice
    assert [env for env, _ in sink.received] == [["a@example.org"], ["b@example.org"]]
    message = sink.received[0][1]
    assert message["From"] == "games@example.org"
    assert message["Subject"] == "[赛事通] 报名截止提醒 / Registration deadline reminder"
    text = message.get_content()
    assert text.startswith("您在篮球5x5的 2 个报名项目仍在等待审核或名额")
    assert "2 of your entries in 篮球5x5 still await approval" in text
    assert text.endswith("\nhttps://games.example.org/contests/7\n")
    assert all(m.sent_at is not None and m.error == "" for m in _mails())
    assert _mails()[0].body.endswith("\n/contests/7\n")  # the outbox keeps the path


def test_failures_are_recorded_and_retried(app, organiser, dummy_event):
    _queue(organiser, dummy_event, "a@example.org", "nobody@example.org")
    down = _settings(_free_port())
    assert send_pending_mail(down) == (0, 1)
    first = _mails()[0]
    assert first.sent_at is None and "Error" in first.error  # ConnectionRefusedError

    with SmtpSink(refuse=("nobody@",)) as sink:
        assert send_pending_mail(_settings(sink.port)) == (1, 1)
    a, nobody = _mails()
    assert a.sent_at is not None and a.error == ""
    assert nobody.sent_at is None and "550" in nobody.error

    with SmtpSink() as sink:
        assert send_pending_mail(_settings(sink.port)) == (1, 0)
    assert _mails()[1].sent_at is not None and _mails()[1].error == ""


def test_old_failures_are_no_longer_retried(app, organiser, dummy_event):
    _queue(organiser, dummy_event, "a@example.org")
    mail = _mails()[0]
    mail.created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    with SmtpSink() as sink:
        assert send_pending_mail(_settings(sink.port)) == (0, 0)
    assert sink.received == [] and _mails()[0].sent_at is None
