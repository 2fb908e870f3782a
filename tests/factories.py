"""Factories (create_x) and ready-made objects (dummy_x), in pairs as in Indico's tests."""
from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta, timezone

import pytest

from accounts.services import create_user
from competitions.services import create_event
from competitions.venue_services import create_contest, create_venue
from registrations.idcard import check_char
from registrations.services import create_delegation

PASSWORD = "s3cret-Pass!"
_seq = itertools.count(1)


def make_user(role: str, username: str | None = None):
    """A user with one role and the shared test password."""
    name = username or f"{role}{next(_seq)}"
    return create_user({"username": name, "password": PASSWORD, "display_name": name.title()}, (role,))


def event_data(**over) -> dict:
    data = {"name": "2025年吉林省职工运动会", "starts_on": "2025-12-20", "ends_on": "2026-01-18",
            "divisions": [{"code": "city", "name": "市州组"}, {"code": "enterprise", "name": "企业组"}]}
    data.update(over)
    return data


def contest_data(**over) -> dict:
    data = {"name": "羽毛球男子单打", "sport": "badminton", "discipline": "MS",
            "format": {"type": "single_elimination"},
            "registration_opens_at": "2025-11-01T09:00:00+08:00",
            "registration_closes_at": "2025-12-10T17:00:00+08:00", "max_entries": 16}
    data.update(over)
    return data


@pytest.fixture
def create_organiser(app):
    return lambda username=None: make_user("organiser", username)


@pytest.fixture
def organiser(create_organiser):
    return create_organiser("org")


@pytest.fixture
def create_event_for(app):
    return lambda organiser, **over: create_event(organiser, event_data(**over))


@pytest.fixture
def dummy_event(organiser, create_event_for):
    return create_event_for(organiser)


@pytest.fixture
def dummy_contest(organiser, dummy_event):
    return create_contest(organiser, dummy_event.id, contest_data())


@pytest.fixture
def dummy_venue(organiser, dummy_event):
    return create_venue(organiser, dummy_event.id, {"name": "羽毛球馆", "kind": "hall", "courts": 8})


@pytest.fixture
def dummy_delegation(organiser, dummy_event):
    return create_delegation(organiser, dummy_event.id, {"name": "长春市代表队", "division": "city", "leader": {
        "username": "leader1", "password": PASSWORD, "display_name": "张领队"}})


@pytest.fixture
def login(client):
    """Log a user in through the login form."""
    def _login(username, password=PASSWORD, c=None):
        return (c or client).post("/login", data={"username": username, "password": password})
    return _login


@pytest.fixture
def token(client):
    """A bearer token for a user, through the API."""
    def _token(username, password=PASSWORD):
        r = client.post("/api/v1/tokens", json={"username": username, "password": password})
        assert r.status_code == 201, r.get_json()
        return {"Authorization": f"Bearer {r.get_json()['token']}"}
    return _token


def id_number(born: date, seq: int, gender: str) -> str:
    """A valid 18-digit resident ID (Changchun area code) for a birth date, sequence and sex."""
    body = f"220102{born:%Y%m%d}{seq % 100:02d}{(seq % 5) * 2 + (1 if gender == 'M' else 0)}"
    return body + check_char(body)


def members(count: int, gender: str = "M", role: str | None = None, start: int = 0, prefix: str = "队员") -> list[dict]:
    """``count`` valid members with distinct names, birth dates and ID numbers."""
    people = []
    for i in range(start, start + count):
        born = date(1980 + i % 20, 1 + i % 12, 1 + i % 28)
        person = {"name": f"{prefix}{i + 1}", "gender": gender, "birth_date": born.isoformat(),
                  "id_number": id_number(born, i, gender), "phone": f"1390431{i:04d}"}
        if role:
            person["role"] = role
        people.append(person)
    return people


def open_window(days_open: int = 10) -> dict:
    """Registration times around now: opened yesterday, closing in ``days_open`` days."""
    now = datetime.now(timezone.utc)
    return {"registration_opens_at": (now - timedelta(days=1)).isoformat(),
            "registration_closes_at": (now + timedelta(days=days_open)).isoformat()}


@pytest.fixture
def create_open_contest(organiser, dummy_event):
    """A contest whose registration window is open now."""
    def _create(**over):
        return create_contest(organiser, dummy_event.id, contest_data(**{**open_window(), **over}))
    return _create


@pytest.fixture
def basketball_contest(create_open_contest):
    """Basketball 5x5 (rosters of 5 to 12), open now, 16 places and no waiting list."""
    return create_open_contest(name="篮球5x5", sport="basketball", discipline="5x5", max_entries=16)
