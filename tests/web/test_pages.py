"""Every page answers, in Chinese by default and in English on request, with the data it shows."""
import re

import pytest

from competitions.venue_services import create_contest, create_venue
from competitions.services import create_event
from tests.factories import PASSWORD, contest_data, event_data


def text_of(resp) -> str:
    return resp.get_data(as_text=True)


def test_home_lists_events_in_chinese_by_default(client, dummy_event):
    page = text_of(client.get("/"))
    assert '<html lang="zh-CN">' in page and "赛事" in page and "2025年吉林省职工运动会" in page
    assert "bootstrap" in page and "cdn" not in page.lower(), "Bootstrap is served locally"


def test_english_switch_is_remembered(client, dummy_event):
    r = client.get("/lang/en?next=/")
    assert r.status_code == 302 and r.headers["Location"] == "/"
    page = text_of(client.get("/"))
    assert '<html lang="en">' in page and ">Events<" in page
    client.get("/lang/zh")
    assert '<html lang="zh-CN">' in text_of(client.get("/"))


def test_language_switch_refuses_open_redirects(client):
    assert client.get("/lang/en?next=//evil.example").headers["Location"] == "/"


def test_event_page_shows_everything(client, organiser, dummy_event, dummy_contest, dummy_venue, dummy_delegation):
    page = text_of(client.get(f"/events/{dummy_event.id}"))
    for expected in ("市州组", "企业组", "长春市代表队", "羽毛球馆", "羽毛球男子单打", "单败淘汰", "2025-12-10 17:00"):
        assert expected in page
    assert "编辑赛事" not in page, "the public does not see organiser buttons"
    assert "8 块场地或航道" in page and "北京时间 (UTC+8)" in page
    # on a phone the contest line says sport, division and format under the name; the wide columns are hidden
    assert re.search(r'<div class="small text-muted d-sm-none">羽毛球 · \S+ · 单败淘汰</div>', page)
    assert '<td class="text-nowrap">2025-12-10 17:00</td>' in page


def test_an_event_elsewhere_names_its_time_zone_and_offset(client, organiser):
    ev = create_event(organiser, event_data(name="测试", timezone="Asia/Kolkata"))
    assert "Asia/Kolkata (UTC+5:30)" in text_of(client.get(f"/events/{ev.id}?lang=en"))
    assert "Beijing time (UTC+8)" in text_of(client.get(f"/events/{create_event(organiser, event_data()).id}?lang=en"))


def test_a_venue_of_one_court_says_so_in_english(client, organiser, dummy_event):
    create_venue(organiser, dummy_event.id, {"name": "Ice rink", "kind": "hall", "courts": 1})
    page = text_of(client.get(f"/events/{dummy_event.id}?lang=en"))
    assert "1 court or lane:" in page and "1 courts" not in page


def test_contest_page_shows_settings(client, dummy_contest):
    page = text_of(client.get(f"/contests/{dummy_contest.id}?lang=en"))
    assert "Points to win a game" in page and "Score cap" in page and "singles" in page
    assert re.search(r"Score cap</th><td>30", page)


def test_the_contest_page_names_the_format_options_in_words(client, organiser, dummy_event):
    c = create_contest(organiser, dummy_event.id, contest_data(
        format={"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 2, "third_place": False}))
    zh = text_of(client.get(f"/contests/{c.id}"))
    assert "小组数：2" in zh and "三四名决赛：否" in zh and "third_place" not in zh and "False" not in zh
    en = text_of(client.get(f"/contests/{c.id}?lang=en"))
    assert "Qualifiers per group: 2" in en and "Third-place match: No" in en


@pytest.mark.parametrize("url", ["/nope", "/events/999", "/contests/999"])
def test_404_pages_in_both_languages(client, url):
    zh = client.get(url)
    assert zh.status_code == 404 and "页面不存在" in text_of(zh) or "不存在" in text_of(zh)
    en = client.get(url + "?lang=en")
    assert en.status_code == 404 and "not found" in text_of(en).lower() or "No such" in text_of(en)


def test_organiser_pages(client, login, organiser, dummy_event, dummy_contest, dummy_venue, dummy_delegation):
    assert login("org").status_code == 302
    e, c, v, d = dummy_event.id, dummy_contest.id, dummy_venue.id, dummy_delegation.id
    div = dummy_event.divisions[0].id
    for url in ("/me", "/manage/events/new", f"/manage/events/{e}/edit", f"/manage/events/{e}/contests/new",
                f"/manage/contests/{c}/edit", f"/manage/events/{e}/venues/new", f"/manage/venues/{v}/edit",
                f"/manage/events/{e}/delegations/new", f"/manage/delegations/{d}/edit",
                f"/manage/events/{e}/divisions/new", f"/manage/divisions/{div}/edit", f"/delegations/{d}",
                "/account/password"):
        assert client.get(url).status_code == 200, url
    assert "编辑赛事" in text_of(client.get(f"/events/{e}"))


def test_contest_form_offers_every_sports_settings(client, login, organiser, dummy_event):
    login("org")
    page = text_of(client.get(f"/manage/events/{dummy_event.id}/contests/new"))
    for name in ("settings-badminton-cap", "settings-basketball-tie_break", "settings-ice_dragon_boat-boat",
                 "settings-photography-judges", "format-groups_knockout-groups", "format-timed_heats-lanes"):
        assert f'name="{name}"' in page
    assert 'data-sport="basketball"' in page and 'data-disciplines="3x3"' in page


def test_organiser_creates_event_and_contest_through_forms(client, login, organiser):
    login("org")
    r = client.post("/manage/events/new", data={"name": "2026年职工冰雪运动会", "starts_on": "2026-01-10",
                                                "ends_on": "2026-01-12", "timezone": "Asia/Shanghai",
                                                "divisions": "city=市州组\nenterprise=企业组"})
    assert r.status_code == 302
    event_url = r.headers["Location"]
    event_id = int(event_url.rsplit("/", 1)[1])
    r = client.post(f"/manage/events/{event_id}/contests/new", data={
        "name": "冰上龙舟200米", "sport": "ice_dragon_boat", "format_type": "timed_heats",
        "format-timed_heats-lanes": "4", "format-timed_heats-runs": "2", "format-timed_heats-ranking": "sum",
        "settings-ice_dragon_boat-boat": "12", "settings-ice_dragon_boat-class": "mixed",
        "settings-ice_dragon_boat-distance_m": "200", "registration_opens_at": "2025-12-01T09:00",
        "registration_closes_at": "2025-12-20T17:00", "division": "city"})
    assert r.status_code == 302, text_of(r)
    contest = client.get(f"/api/v1/events/{event_id}/contests").get_json()["items"][0]
    assert contest["format"] == {"type": "timed_heats", "lanes": 4, "runs": 2, "ranking": "sum"}
    assert contest["settings"]["class"] == "mixed" and contest["discipline"] is None
    assert contest["registration_closes_at"] == "2025-12-20T17:00:00+08:00"  # as typed, in the event's zone


def test_delegation_form_creates_the_leader(client, login, organiser, dummy_event):
    login("org")
    r = client.post(f"/manage/events/{dummy_event.id}/delegations/new", data={
        "name": "吉林市代表队", "division": "city", "leader_username": "jl_leader",
        "leader_password": PASSWORD, "leader_display_name": "李领队"})
    assert r.status_code == 302
    client.post("/logout")
    assert login("jl_leader").status_code == 302
    assert "吉林市代表队" in text_of(client.get("/me"))


def test_the_site_has_an_icon(client):
    assert 'rel="icon" type="image/svg+xml" href="/static/favicon.svg"' in text_of(client.get("/"))
    r = client.get("/favicon.ico")
    assert r.status_code == 301 and r.headers["Location"] == "/static/favicon.svg"
    assert client.get("/static/favicon.svg").mimetype == "image/svg+xml"
