"""Registration closes by itself at the deadline; leaders are reminded 48 hours before. Both run once."""
from datetime import timedelta

from common.db import db
from competitions.models import Contest
from registrations.deadlines import (REMIND_BEFORE, close_due_registrations, send_due_reminders,
                                     upcoming_deadlines)
from registrations.reminder_rules import NO_ENTRY, NO_WORKS, WAITING
from tests.deadline_setup import (NOW, actions_of, add_entry, add_work, closing_contest, delegation, mails_to,
                                  notes_of, photo_contest)

CLOSES = NOW + timedelta(days=3)


def _setup(organiser, event):
    contest = closing_contest(organiser, event, CLOSES)
    d1 = delegation(organiser, event, "长春市", "city", "lead_cc", "cc@example.org")
    d2 = delegation(organiser, event, "吉林市", "city", "lead_jl")
    d3 = delegation(organiser, event, "一汽集团", "enterprise", "lead_fa")
    return contest, d1, d2, d3


def test_registration_closes_at_the_deadline_and_locks_active_entries(app, organiser, dummy_event):
    contest, d1, d2, d3 = _setup(organiser, dummy_event)
    pending, approved = add_entry(contest, d1, "pending"), add_entry(contest, d1, "approved")
    withdrawn = add_entry(contest, d2, "withdrawn")
    waiting = add_entry(contest, d3, "waitlisted")

    assert close_due_registrations(CLOSES - timedelta(seconds=1)) == []
    assert db.session.get(Contest, contest.id).registration_closed_at is None

    assert close_due_registrations(CLOSES) == [contest.id]
    assert db.session.get(Contest, contest.id).registration_closed_at == CLOSES
    for entry in (pending, approved, waiting):
        assert actions_of(entry.id) == [("locked", None)]
    assert actions_of(withdrawn.id) == []
    [note] = notes_of(d1.leader_id)
    assert note.kind == "closed" and note.params["count"] == 2 and note.link == f"/contests/{contest.id}"
    assert note.params["closes_at"] == "2026-06-04 12:00"  # the event's time zone (Asia/Shanghai)
    assert len(notes_of(d3.leader_id)) == 1 and notes_of(d2.leader_id) == []
    [mail] = mails_to("cc@example.org")
    assert mail.event_id == dummy_event.id and mail.sent_at is None and "2 " in mail.body


def test_closing_twice_changes_nothing(app, organiser, dummy_event):
    contest, d1, _, _ = _setup(organiser, dummy_event)
    entry = add_entry(contest, d1, "approved")
    assert close_due_registrations(CLOSES + timedelta(hours=1)) == [contest.id]
    assert close_due_registrations(CLOSES + timedelta(hours=2)) == []
    assert actions_of(entry.id) == [("locked", None)]
    assert len(notes_of(d1.leader_id)) == 1 and len(mails_to("cc@example.org")) == 1
    assert db.session.get(Contest, contest.id).registration_closed_at == CLOSES + timedelta(hours=1)


def test_each_due_contest_closes_and_later_ones_stay_open(app, organiser, dummy_event):
    first = closing_contest(organiser, dummy_event, CLOSES)
    second = closing_contest(organiser, dummy_event, CLOSES + timedelta(minutes=1), name="羽毛球女子单打",
                             discipline="WS")
    assert close_due_registrations(CLOSES + timedelta(seconds=30)) == [first.id]
    assert db.session.get(Contest, second.id).registration_closed_at is None
    assert [d.contest_id for d in upcoming_deadlines()] == [second.id]


def _reminders(leader_id):
    return [(n.kind, n.message, n.params) for n in notes_of(leader_id)]


def test_reminders_go_out_48_hours_before_to_leaders_with_something_missing(app, organiser, dummy_event):
    contest, d1, d2, d3 = _setup(organiser, dummy_event)
    add_entry(contest, d1, "pending")
    add_entry(contest, d1, "approved")
    add_entry(contest, d2, "approved")
    add_entry(contest, d3, "rejected")
    remind_at = CLOSES - REMIND_BEFORE

    assert send_due_reminders(remind_at - timedelta(seconds=1)) == []
    assert send_due_reminders(remind_at) == [contest.id]

    base = {"contest": contest.name, "closes_at": "2026-06-04 12:00"}
    assert _reminders(d1.leader_id) == [("reminder", WAITING, {**base, "count": 1})]
    assert _reminders(d2.leader_id) == []  # approved entry: nothing missing
    assert _reminders(d3.leader_id) == [("reminder", NO_ENTRY, base)]  # a rejected entry does not count
    assert db.session.get(Contest, contest.id).reminder_sent_at == remind_at
    [mail] = mails_to("cc@example.org")
    assert mail.subject == "[赛事通] 报名截止提醒 / Registration deadline reminder"
    assert mail.body.startswith("您在羽毛球男子单打的 1 个报名项目仍在等待审核或名额；报名将于 2026-06-04 12:00 截止。\n\n"
                                "1 of your entries in 羽毛球男子单打 still await approval or a place;")
    assert mail.body.endswith(f"\n/contests/{contest.id}\n")

    assert send_due_reminders(remind_at + timedelta(hours=1)) == []
    assert len(notes_of(d1.leader_id)) == 1 and len(mails_to("cc@example.org")) == 1


def test_no_reminder_after_the_deadline_or_when_full(app, organiser, dummy_event):
    late = closing_contest(organiser, dummy_event, CLOSES)
    full = closing_contest(organiser, dummy_event, CLOSES + timedelta(days=1), name="女单", discipline="WS",
                           max_entries=2)
    d1 = delegation(organiser, dummy_event, "长春市", "city", "lead_cc")
    d2 = delegation(organiser, dummy_event, "吉林市", "city", "lead_jl")
    add_entry(full, d1, "approved")
    add_entry(full, d1, "approved", "second")

    assert send_due_reminders(CLOSES + timedelta(minutes=1)) == [full.id]
    assert db.session.get(Contest, late.id).reminder_sent_at is None
    assert _reminders(d2.leader_id) == []  # no place left and no waiting list: nothing to do
    assert _reminders(d1.leader_id) == []


def test_reminders_follow_the_contests_division(app, organiser, dummy_event):
    only_enterprise = closing_contest(organiser, dummy_event, CLOSES, division="enterprise")
    d1 = delegation(organiser, dummy_event, "长春市", "city", "lead_cc")
    d3 = delegation(organiser, dummy_event, "一汽集团", "enterprise", "lead_fa")
    assert send_due_reminders(CLOSES - timedelta(hours=1)) == [only_enterprise.id]
    assert _reminders(d1.leader_id) == []
    assert [m for _, m, _ in _reminders(d3.leader_id)] == [NO_ENTRY]


def test_photo_entries_without_works_are_incomplete(app, organiser, dummy_event):
    contest = photo_contest(organiser, dummy_event, CLOSES)
    d1 = delegation(organiser, dummy_event, "长春市", "city", "lead_cc")
    d2 = delegation(organiser, dummy_event, "吉林市", "city", "lead_jl")
    add_entry(contest, d1, "approved", "张三")
    add_entry(contest, d1, "waitlisted", "李四")
    add_work(add_entry(contest, d2, "approved", "王五"))

    send_due_reminders(CLOSES - timedelta(hours=47))
    messages = {m: p["count"] for _, m, p in _reminders(d1.leader_id)}
    assert messages == {WAITING: 1, NO_WORKS: 2}
    assert _reminders(d2.leader_id) == []


def test_upcoming_deadlines_for_the_scheduler(app, organiser, dummy_event):
    contest = closing_contest(organiser, dummy_event, CLOSES)
    short = closing_contest(organiser, dummy_event, CLOSES, name="短", discipline="WS",
                            registration_opens_at=(CLOSES - timedelta(hours=5)).isoformat())
    assert upcoming_deadlines()[0].remind_at == CLOSES - REMIND_BEFORE
    assert upcoming_deadlines()[1].remind_at == CLOSES - timedelta(hours=5)  # not before it opens
    send_due_reminders(CLOSES - timedelta(hours=1))
    assert [(d.contest_id, d.remind_at) for d in upcoming_deadlines()] == [(contest.id, None), (short.id, None)]
    close_due_registrations(CLOSES)
    assert upcoming_deadlines() == []
