"""Helpers for the draw, result and standings tests: approved entries made directly with the models,
contests of each format, and playing matches through the API."""
from __future__ import annotations

import itertools

from accounts.models import User
from common.db import db
from competitions.venue_services import create_contest
from registrations.models import Delegation, Entry
from tests.factories import contest_data

_seq = itertools.count(1)


def delegations(event, count: int) -> list[int]:
    """``count`` delegations of the event (their leaders are bare accounts that cannot log in)."""
    division = event.divisions[0].id
    ids = []
    for _ in range(count):
        i = next(_seq)
        leader = User(username=f"lead{i}", password_hash="!", display_name=f"领队{i}")
        db.session.add(leader)
        db.session.flush()
        d = Delegation(event_id=event.id, division_id=division, name=f"代表队{i}", leader_id=leader.id)
        db.session.add(d)
        db.session.flush()
        ids.append(d.id)
    db.session.commit()
    return ids


def entries(contest_id: int, delegation_ids: list[int], count: int, status: str = "approved",
            names: list[str] | None = None) -> list[int]:
    """``count`` entries of the contest, dealt round the delegations, all with ``status``."""
    rows = [Entry(contest_id=contest_id, delegation_id=delegation_ids[i % len(delegation_ids)], status=status,
                  name=names[i] if names else f"队{i + 1}") for i in range(count)]
    db.session.add_all(rows)
    db.session.commit()
    return [e.id for e in rows]


def contest(organiser, event, name: str, **over):
    """A contest of the event through the contest service (badminton MS single elimination by default)."""
    return create_contest(organiser, event.id, contest_data(name=name, **over))


def draw(client, headers, contest_id: int, **body) -> dict:
    """Make the draw through the API and return its body (asserting 201)."""
    r = client.post(f"/api/v1/contests/{contest_id}/draw", json=body, headers=headers)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def matches(client, headers, contest_id: int, **query) -> list[dict]:
    """The contest's matches through the API."""
    r = client.get(f"/api/v1/contests/{contest_id}/matches", query_string=query, headers=headers)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def by_key(items: list[dict]) -> dict[str, dict]:
    return {m["key"]: m for m in items}


def put_result(client, headers, match: dict, **body):
    """PUT a result for a match with the version read."""
    return client.put(f"/api/v1/matches/{match['id']}/result", json={"version": match["version"], **body},
                      headers=headers)


def win_games(slot: int) -> list[list[int]]:
    """A 2-0 badminton score for the entry in ``slot``."""
    return [[21, 12], [21, 15]] if slot == 0 else [[12, 21], [15, 21]]


def quarters(a: int, b: int) -> list[list[int]]:
    """A basketball game ending a-b, scored evenly over the four quarters (what is left over in the first)."""
    return [[a // 4 + a % 4, b // 4 + b % 4]] + [[a // 4, b // 4]] * 3


def play_all(client, headers, contest_id: int, pick=lambda m: 0, stage: str | None = None) -> int:
    """Record every ready match (the winner's slot chosen by ``pick``) until none is ready; returns how many."""
    played = 0
    while True:
        ready = matches(client, headers, contest_id, status="ready", **({"stage": stage} if stage else {}))
        if not ready:
            return played
        for m in ready:
            r = put_result(client, headers, m, games=win_games(pick(m)))
            assert r.status_code == 200, r.get_json()
            played += 1


def two_groups_of_three(client, headers, organiser, event, random_seed: int = 4):
    """A drawn men's singles of two groups of three, each group's winner to the final."""
    c = contest(organiser, event, "男单", format={"type": "groups_knockout", "groups": 2, "qualifiers_per_group": 1})
    entries(c.id, delegations(event, 6), 6)
    draw(client, headers, c.id, random_seed=random_seed)
    return c
