"""Entry pages: the leader's dashboard and form, the organisers' table and decisions, the public list."""
from __future__ import annotations

import re

import pytest

from accounts.services import create_user
from registrations.entry_services import register_entry, update_entry
from registrations.services import create_delegation
from tests.factories import PASSWORD, members


def _form(people: list[dict], name: str = "长春一队", **extra) -> dict:
    data = {"name": name, **extra}
    for i, m in enumerate(people):
        for key, value in m.items():
            data[f"members-{i}-{key}"] = value
    return data


@pytest.fixture
def team(organiser, dummy_delegation, basketball_contest):
    """A pending basketball entry of 8 players registered by leader1."""
    from accounts.models import User
    from common.db import db
    leader = db.session.get(User, dummy_delegation.leader_id)
    return register_entry(leader, basketball_contest.id, {"name": "长春一队", "members": members(8, role="player")})


@pytest.fixture
def other_leader(organiser, dummy_event):
    return create_delegation(organiser, dummy_event.id, {"name": "吉林市代表队", "division": "city", "leader": {
        "username": "leader2", "password": PASSWORD, "display_name": "李领队"}})


def test_leader_dashboard_lists_entries_with_status_and_gaps(client, login, team, basketball_contest):
    login("leader1")
    page = client.get("/my/entries").get_data(as_text=True)
    assert "长春一队" in page and "待审核" in page
    assert "已报 8 人，最多 14 人" in page
    assert "等待组委会审核" in page
    assert "我的报名" in page  # nav link for leaders
    assert f'/contests/{basketball_contest.id}/entries/new' in page


def test_dashboard_is_for_leaders_and_organisers_only(client, login, team, dummy_delegation, other_leader,
                                                      organiser):
    assert client.get("/my/entries").status_code == 302  # to the login page
    login("leader2")
    assert client.get("/my/entries").status_code == 200
    assert client.get(f"/delegations/{dummy_delegation.id}/entries").status_code == 404
    assert client.get(f"/entries/{team.id}").status_code == 404
    assert client.get(f"/entries/{team.id}/edit").status_code == 404
    login("org")
    assert client.get("/my/entries").status_code == 404  # an organiser leads no delegation
    page = client.get(f"/delegations/{dummy_delegation.id}/entries").get_data(as_text=True)
    assert "长春一队" in page


def test_leader_registers_a_team_through_the_form(client, login, dummy_delegation, basketball_contest):
    login("leader1")
    page = client.get(f"/contests/{basketball_contest.id}/entries/new").get_data(as_text=True)
    assert len(re.findall(r'member-row[^"]*" data-index="\d+"', page)) == 5  # the roster's minimum, ready to fill
    r = client.post(f"/contests/{basketball_contest.id}/entries/new",
                    data=_form(members(12, role="player"), **{"members-12-role": "player"}))
    assert r.status_code == 302
    shown = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "长春一队" in shown and "待审核" in shown and "队员12" in shown
    assert "220102********" in shown  # the leader sees masked ID numbers
    assert "已报名" in shown  # history line


def test_member_errors_are_shown_next_to_their_row(client, login, dummy_delegation, basketball_contest):
    login("leader1")
    people = members(6, role="player")
    people[3]["gender"] = ""
    people[4]["phone"] = "12345"
    r = client.post(f"/contests/{basketball_contest.id}/entries/new", data=_form(people))
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    rows = re.split(r'<fieldset class="card mb-3 member-row', page)[1:7]
    assert 'id="members-3-gender"' in rows[3] and "invalid-feedback" in rows[3] and "border-danger" in rows[3]
    assert "invalid-feedback" in rows[4] and "border-danger" in rows[4]
    assert "border-danger" not in rows[0] and "invalid-feedback" not in rows[0]
    assert 'value="队员4"' in rows[3]  # what was typed is kept


def test_member_errors_in_english(client, login, dummy_delegation, basketball_contest):
    client.get("/lang/en")
    login("leader1")
    people = members(2, role="player")
    page = client.post(f"/contests/{basketball_contest.id}/entries/new", data=_form(people)).get_data(as_text=True)
    assert "Role player: 5 to 12 needed; this entry has 2." in page


def test_edit_keeps_masked_id_numbers(client, login, team):
    login("leader1")
    page = client.get(f"/entries/{team.id}/edit").get_data(as_text=True)
    assert "220102********" in page
    data = {k: v for k, v in re.findall(r'name="(members-\d+-\w+)"\s+value="([^"]*)"', page)}
    for i in range(8):
        data[f"members-{i}-gender"] = "M"
        data[f"members-{i}-role"] = "player"
    data["members-7-name"] = "新队员"
    r = client.post(f"/entries/{team.id}/edit", data={**data, "name": "长春一队", "version": "1"})
    assert r.status_code == 302, r.get_data(as_text=True)
    shown = client.get(f"/entries/{team.id}").get_data(as_text=True)
    assert "新队员" in shown and "加入：新队员" in shown


def test_organiser_bulk_approves(client, login, team, organiser, basketball_contest, other_leader):
    from common.db import db
    from accounts.models import User
    second = register_entry(db.session.get(User, other_leader.leader_id), basketball_contest.id,
                            {"name": "吉林一队", "members": members(6, role="player", start=20)})
    login("org")
    page = client.get(f"/manage/contests/{basketball_contest.id}/entries").get_data(as_text=True)
    assert "长春一队" in page and "吉林一队" in page
    r = client.post(f"/manage/contests/{basketball_contest.id}/entries/approve", data={"ids": [team.id, second.id]})
    assert "已通过 2 个报名。" in client.get(r.headers["Location"]).get_data(as_text=True)
    page = client.get(f"/manage/contests/{basketball_contest.id}/entries?status=approved").get_data(as_text=True)
    assert "长春一队" in page and "吉林一队" in page and page.count('data-status="approved"') == 2


def test_manage_filters_by_delegation_and_is_for_organisers(client, login, team, basketball_contest, other_leader):
    login("org")
    page = client.get(f"/manage/contests/{basketball_contest.id}/entries?delegation_id={other_leader.id}")
    assert "长春一队" not in page.get_data(as_text=True)
    login("leader1")
    assert client.get(f"/manage/contests/{basketball_contest.id}/entries").status_code == 403
    assert client.post(f"/entries/{team.id}/reject", data={"reason": "x"}).status_code == 403


def test_reject_with_reason_then_leader_sees_it(client, login, team, basketball_contest):
    login("org")
    r = client.post(f"/entries/{team.id}/reject", data={"reason": ""})
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert 'class="alert alert-danger"' in page and 'data-status="pending"' in page  # refused, still pending
    client.post(f"/entries/{team.id}/reject", data={"reason": "3号队员身份证号与本人不符"})
    login("leader1")
    dash = client.get("/my/entries").get_data(as_text=True)
    assert "未通过" in dash and "3号队员身份证号与本人不符" in dash
    shown = client.get(f"/entries/{team.id}").get_data(as_text=True)
    assert 'id="reason"' in shown and "Org" in shown  # who rejected, in the history


def test_withdraw(client, login, team):
    login("leader1")
    r = client.post(f"/entries/{team.id}/withdraw", data={"version": str(team.version)})
    assert r.status_code == 302
    page = client.get(f"/entries/{team.id}").get_data(as_text=True)
    assert "报名已退出。" in page and 'data-status="withdrawn">已退出<' in page
    assert f"/entries/{team.id}/withdraw" not in page  # nothing left to withdraw


def test_substitution_after_deadline_needs_a_reason(client, login, team, basketball_contest, organiser, app):
    from datetime import datetime, timedelta, timezone
    from common.db import db
    basketball_contest.registration_closes_at = datetime.now(timezone.utc) - timedelta(minutes=1)
    db.session.commit()
    login("leader1")
    shown = client.get(f"/entries/{team.id}").get_data(as_text=True)
    assert 'id="locked"' in shown and f"/entries/{team.id}/edit" not in shown
    assert client.get(f"/entries/{team.id}/substitute").status_code == 403
    login("org")
    page = client.get(f"/entries/{team.id}/substitute").get_data(as_text=True)
    data = {k: v for k, v in re.findall(r'name="(members-\d+-\w+)"\s+value="([^"]*)"', page)}
    for i in range(8):
        data[f"members-{i}-gender"] = "M"
        data[f"members-{i}-role"] = "player"
    data["members-0-name"] = "替补甲"
    data["members-0-id_number"] = ""
    r = client.post(f"/entries/{team.id}/substitute", data={**data, "version": "1", "reason": ""})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "替补甲" in page  # what was typed is kept
    assert re.search(r'class="form-control is-invalid" id="reason"', page)
    r = client.post(f"/entries/{team.id}/substitute", data={**data, "version": "1", "reason": "队员1受伤"})
    assert r.status_code == 302
    login("leader1")
    shown = client.get(f"/entries/{team.id}").get_data(as_text=True)
    assert "替补甲" in shown and "队员1受伤" in shown


def test_public_list_hides_personal_data(client, login, team, basketball_contest, organiser):
    from registrations.entry_decisions import approve_entry
    approve_entry(organiser, team.id)
    page = client.get(f"/contests/{basketball_contest.id}/entries").get_data(as_text=True)
    assert "长春一队" in page and "长春市代表队" in page
    assert "队员1" not in page and "220102" not in page and "1390431" not in page
    assert f"/contests/{basketball_contest.id}/entries" in client.get(f"/contests/{basketball_contest.id}").get_data(
        as_text=True)


def test_public_list_shows_only_approved(client, team, basketball_contest):
    assert "长春一队" not in client.get(f"/contests/{basketball_contest.id}/entries").get_data(as_text=True)


def test_form_needs_csrf_token(csrf_client, dummy_delegation, basketball_contest):
    page = csrf_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    csrf_client.post("/login", data={"username": "leader1", "password": PASSWORD, "csrf_token": token})
    data = _form(members(5, role="player"))
    assert csrf_client.post(f"/contests/{basketball_contest.id}/entries/new", data=data).status_code == 400
    assert csrf_client.get("/my/entries").get_data(as_text=True).count('class="list-group-item entry-line"') == 0
    page = csrf_client.get(f"/contests/{basketball_contest.id}/entries/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    r = csrf_client.post(f"/contests/{basketball_contest.id}/entries/new", data={**data, "csrf_token": token})
    assert r.status_code == 302


def test_new_entry_forbidden_for_strangers(client, login, basketball_contest, dummy_delegation):
    create_user({"username": "judge1", "password": PASSWORD, "display_name": "J"}, ("judge",))
    login("judge1")
    assert client.get(f"/contests/{basketball_contest.id}/entries/new").status_code == 403
    assert client.get("/contests/9999/entries/new").status_code == 404
