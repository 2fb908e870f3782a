"""API.md: "Never a 500 for bad input", for every operation that takes a body: random JSON, and objects
with the operation's own field names holding random values, sent by an organiser and a leader."""
import os
from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.match_helpers import contest, delegations, draw, entries

#: the same examples on every run, so that CI is repeatable; PODIUM_FUZZ=1 explores new ones (run it after
#: changing what requests accept)
FIXED = not os.environ.get("PODIUM_FUZZ")

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.integers(-2 ** 70, 2 ** 70),
                    st.floats(allow_nan=False, width=32),
                    st.text(max_size=6), st.sampled_from(["2026-12-01", "2026-12-01T09:00:00+08:00", "M", "city",
                                                          "220102199001011234", "badminton", "team"]))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=3), max_leaves=10)
#: operations left out: revoking the token in use would end the test's session
SKIPPED = {("delete", "/api/v1/tokens/current")}


def fields_of(spec: dict, schema: dict, depth: int = 0) -> list[str]:
    """The property names of a request schema (refs, allOf and nested objects followed a little way)."""
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    names = list(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names += fields_of(spec, part, depth)
    if depth < 2:
        for prop in schema.get("properties", {}).values():
            names += fields_of(spec, prop.get("items", prop), depth + 1)
    return names or ["x"]


def test_no_body_sent_to_any_operation_makes_a_server_error(client, organiser, dummy_event, dummy_delegation,
                                                            token):
    org, leader = token("org"), token("leader1")
    now = datetime.now(timezone.utc)
    c = contest(organiser, dummy_event, "男单", registration_opens_at=(now - timedelta(days=1)).isoformat(),
                registration_closes_at=(now + timedelta(days=9)).isoformat())
    ids = entries(c.id, delegations(dummy_event, 2), 4)
    match = draw(client, org, c.id, random_seed=1)["matches"][0]
    path_ids = {"event_id": dummy_event.id, "contest_id": c.id, "delegation_id": dummy_delegation.id,
                "entry_id": ids[0], "match_id": match["id"], "work_id": 1, "notification_id": 1}
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("post", "put", "patch", "delete") and (method, path) not in SKIPPED:
                body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
                operations.append((method, path.format(**path_ids), fields_of(spec, body)))
    assert len(operations) >= 25

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
              derandomize=FIXED)
    @given(st.sampled_from(operations), st.sampled_from([org, leader]), st.data())
    def send(operation, headers, data):
        method, url, names = operation
        body = data.draw(st.one_of(JSON, st.dictionaries(st.sampled_from(names), JSON, max_size=4)))
        r = getattr(client, method)(url, json=body, headers=headers)
        assert r.status_code < 500, (method, url, body, r.get_data(as_text=True)[:300])
        if r.status_code >= 400:
            assert r.headers["Content-Type"].startswith("application/problem+json"), (method, url)

    send()
