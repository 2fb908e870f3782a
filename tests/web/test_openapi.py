"""The OpenAPI description matches what the app does: every documented operation answers as documented."""
import re

from tests.factories import PASSWORD, contest_data, event_data
from tests.openapi_check import check_operations, check_schema
from web.openapi import PATHS, SPEC


def test_served_description_is_the_spec(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200 and r.get_json() == SPEC and SPEC["openapi"] == "3.1.0"


def test_every_documented_operation_answers_as_documented(app, client, organiser, dummy_event, dummy_contest,
                                                          dummy_delegation, dummy_venue, token):
    headers = token("org")
    ids = {"event_id": dummy_event.id, "contest_id": dummy_contest.id, "delegation_id": dummy_delegation.id}
    bodies = {
        ("post", "/api/v1/tokens"): {"username": "org", "password": PASSWORD},
        ("post", "/api/v1/events"): event_data(name="Another"),
        ("patch", "/api/v1/events/{event_id}"): event_data(name="Renamed"),
        ("post", "/api/v1/events/{event_id}/delegations"): {"name": "新队", "division": "city",
                                                             "leader": {"username": "nl", "password": PASSWORD}},
        ("post", "/api/v1/events/{event_id}/venues"): {"name": "新馆", "courts": 2},
        ("post", "/api/v1/events/{event_id}/contests"): contest_data(name="新项目"),
        ("patch", "/api/v1/contests/{contest_id}"): contest_data(name="改名"),
        ("patch", "/api/v1/delegations/{delegation_id}"): {"name": "改名队", "division": "enterprise"},
    }
    check_operations(client, PATHS, ids, bodies, headers)


def test_documented_error_statuses_are_problems(client, organiser, token):
    r = client.post("/api/v1/events", json={})
    assert r.status_code == 401 and "401" in SPEC["paths"]["/api/v1/events"]["post"]["responses"]
    body = r.get_json()
    check_schema(body, SPEC["components"]["responses"]["Problem"]["content"]["application/problem+json"]["schema"],
                  SPEC)


def test_every_api_route_is_documented(app):
    documented = {(re.sub(r"\{\w+\}", "<>", p), m.upper()) for p, item in SPEC["paths"].items() for m in item
                  if m != "parameters"}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = re.sub(r"<[^>]+>", "<>", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (path, method) in documented, f"{method} {rule.rule} is not in openapi.json"
