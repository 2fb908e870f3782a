"""Commands: create-organiser (no default password anywhere) and the demo event."""
from datetime import datetime, timezone

from sqlalchemy import func, select

from accounts.models import User
from common.db import db
from competitions.models import Contest, Event, Venue
from registrations.models import Delegation


def test_create_organiser_reads_the_password_from_stdin(runner, client):
    result = runner.invoke(args=["create-organiser", "boss"], input="Long-enough-9\n")
    assert result.exit_code == 0, result.output
    assert client.post("/api/v1/tokens", json={"username": "boss", "password": "Long-enough-9"}).status_code == 201


def test_create_organiser_refuses_a_weak_password(runner):
    result = runner.invoke(args=["create-organiser", "boss"], input="123\n")
    assert result.exit_code == 1 and "password" in result.output
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_demo_loads_once_with_every_sport_and_prints_accounts(runner, client):
    result = runner.invoke(args=["load-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    for role in ("organiser", "leader", "referee", "judge"):
        assert role in result.output
    event = db.session.scalars(select(Event)).one()
    assert event.name == f"{event.starts_on.year}年吉林省职工运动会", "named for the year its dates fall in"
    assert [d.name for d in event.divisions] == ["市州组", "企业组"]
    assert db.session.scalar(select(func.count(Delegation.id))) >= 12
    courts = {v.name: len(v.courts) for v in db.session.scalars(select(Venue))}
    assert sorted(courts.values()) == [1, 2, 4, 8]
    assert {c.sport for c in db.session.scalars(select(Contest))} == {
        "badminton", "basketball", "ice_dragon_boat", "photography"}
    again = runner.invoke(args=["load-demo", "--if-empty"])
    assert again.exit_code == 0 and db.session.scalar(select(func.count(Event.id))) == 1
    line = [ln for ln in result.output.splitlines() if ln.strip().startswith("organiser")][0].split()
    assert client.post("/api/v1/tokens", json={"username": line[1], "password": line[2]}).status_code == 201


def _contest(name: str) -> Contest:
    return db.session.scalars(select(Contest).where(Contest.name == name)).one()


def test_demo_contests_are_drawn_published_and_half_played(runner, client):
    assert runner.invoke(args=["load-demo", "--if-empty"]).exit_code == 0
    singles, basketball, boat = (_contest(n) for n in ("羽毛球男子单打", "篮球5x5男子组", "12人混合冰上龙舟200米直道赛"))
    played = {}
    for contest, total in ((singles, 7), (basketball, 10), (boat, 4)):
        items = client.get(f"/api/v1/contests/{contest.id}/matches").get_json()["items"]
        assert len(items) == total, [m["key"] for m in items]
        played[contest.name] = sorted(m["stage"] for m in items if m["status"] == "finished")
    assert played == {"羽毛球男子单打": ["main"] * 5, "篮球5x5男子组": ["group"] * 4, "12人混合冰上龙舟200米直道赛": ["heat"]}
    entries = client.get(f"/api/v1/contests/{singles.id}/entries").get_json()["items"]
    assert len(entries) == 8 and len({e["name"] for e in entries}) == 8
    tables = client.get(f"/api/v1/contests/{basketball.id}/standings").get_json()["groups"]
    assert [len(g["rows"]) for g in tables] == [3, 3]
    assert [sorted(r["played"] for r in g["rows"]) for g in tables] == [[2, 2, 2], [0, 1, 1]]
    places = client.get(f"/api/v1/contests/{singles.id}/ranking").get_json()
    assert places["final"] is False and [i["place"] for i in places["items"]][-4:] == [5, 5, 5, 5]
    page = client.get(f"/contests/{singles.id}/bracket")
    assert page.status_code == 200
    assert all(e["name"] in page.get_data(as_text=True) for e in entries)
    table = client.get(f"/contests/{basketball.id}/standings").get_data(as_text=True)
    assert all(f"{city}男篮" in table for city in ("长春", "吉林", "四平", "通化", "松原", "延边"))
    heats = client.get(f"/contests/{boat.id}/heats")
    assert heats.status_code == 200 and "龙舟队" in heats.get_data(as_text=True)


def test_demo_leaves_registration_open_for_the_other_contests(runner, client):
    assert runner.invoke(args=["load-demo", "--if-empty"]).exit_code == 0
    assert _contest("羽毛球男子单打").registration_closes_at < datetime.now(timezone.utc)
    assert _contest("篮球3x3混合组").registration_closes_at > datetime.now(timezone.utc)
