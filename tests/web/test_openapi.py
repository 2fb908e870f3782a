"""The OpenAPI description matches what the app does: every documented operation answers as documented."""
import re

from tests.factories import PASSWORD, contest_data, event_data
from web.openapi import SPEC


def _check_schema(value, schema, spec, path="$"):
    """A small JSON-schema check for the shapes used in our description (type, required, properties, items)."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return _check_schema(value, spec["components"]["schemas"][name], spec, path)
    types = schema.get("type")
    py = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "null": type(None)}
    if types:
        allowed = tuple(py[t] for t in ([types] if isinstance(types, str) else types))
        assert isinstance(value, allowed), f"{path}: {value!r} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], path
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}.{key} is required by the description"
        for key, sub in schema.get("properties", {}).items():
            if key in value and value[key] is not None:
                _check_schema(value[key], sub, spec, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _check_schema(item, schema["items"], spec, f"{path}[{i}]")


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
    checked = 0
    order = sorted(((p, m, op) for p, item in SPEC["paths"].items() for m, op in item.items() if m != "parameters"),
                   key=lambda t: t[1] == "delete")
    for path, method, op in order:
        url = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)
        kwargs = {"headers": headers if op.get("security") else {}}
        if (method, path) in bodies:
            kwargs["json"] = bodies[(method, path)]
        r = client.open(url, method=method.upper(), **kwargs)
        ok = [int(s) for s in op["responses"] if s.startswith("2")][0]
        assert r.status_code == ok, f"{method.upper()} {path}: {r.status_code} {r.get_data(as_text=True)[:200]}"
        schema = op["responses"][str(ok)].get("content", {}).get("application/json", {}).get("schema")
        if schema:
            _check_schema(r.get_json(), schema, SPEC)
        checked += 1
    assert checked == sum(len([m for m in item if m != "parameters"]) for item in SPEC["paths"].values())


def test_documented_error_statuses_are_problems(client, organiser, token):
    r = client.post("/api/v1/events", json={})
    assert r.status_code == 401 and "401" in SPEC["paths"]["/api/v1/events"]["post"]["responses"]
    body = r.get_json()
    _check_schema(body, SPEC["components"]["responses"]["Problem"]["content"]["application/problem+json"]["schema"],
                  SPEC)


def test_every_api_route_is_documented(app):
    documented = {(re.sub(r"\{\w+\}", "<>", p), m.upper()) for p, item in SPEC["paths"].items() for m in item
                  if m != "parameters"}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            path = re.sub(r"<[^>]+>", "<>", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert (path, method) in documented, f"{method} {rule.rule} is not in openapi.json"
