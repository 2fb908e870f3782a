"""What a delegation is reminded of 48 hours before registration closes, and how the mail reads."""
from notifications.mail_text import compose, with_base_url
from registrations.reminder_rules import NO_ENTRY, NO_WORKS, WAITING, Standing, reminder_reasons


def test_a_delegation_without_an_entry_is_reminded_only_if_it_can_still_enter():
    assert reminder_reasons(Standing(active=0)) == [(NO_ENTRY, {})]
    assert reminder_reasons(Standing(active=0, can_enter=False)) == []


def test_waiting_entries_and_works_missing_are_counted():
    assert reminder_reasons(Standing(active=3, waiting=2, without_works=1)) == [
        (WAITING, {"count": 2}), (NO_WORKS, {"count": 1})]
    assert reminder_reasons(Standing(active=2)) == []


def test_mail_in_chinese_then_english_with_the_link_last():
    subject, body = compose("closed", "Registration for %(contest)s closed at %(closes_at)s; the rosters of your "
                            "%(count)s entries are locked.", {"contest": "篮球", "closes_at": "2026-06-04 12:00",
                                                              "count": 2}, "/contests/3")
    assert subject == "[赛事通] 报名已截止 / Registration closed"
    assert body == ("篮球已于 2026-06-04 12:00 截止报名；您的 2 个报名项目名单已锁定。\n\n"
                    "Registration for 篮球 closed at 2026-06-04 12:00; the rosters of your 2 entries are locked.\n\n"
                    "/contests/3\n")
    assert compose("something-new", "Hello", None)[0] == "[赛事通] 通知 / Notification"


def test_only_the_closing_path_gets_the_sites_address():
    body = "文字 /x\n\nText\n\n/contests/3\n"
    site = "https://games.example.org"
    assert with_base_url(body, site + "/") == f"文字 /x\n\nText\n\n{site}/contests/3\n"
    assert with_base_url(body, "") == body
    assert with_base_url("no link\n", "https://g.example.org") == "no link\n"
