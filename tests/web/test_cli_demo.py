"""Commands: create-organiser (no default password anywhere) and the demo event."""
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
