"""The entries part of the OpenAPI description answers as documented."""
from registrations.api_spec import PATHS
from tests.factories import members
from tests.openapi_check import check_operations


def test_every_documented_entry_operation_answers(client, basketball_contest, dummy_delegation, token):
    headers = token("org")
    body = {"delegation_id": dummy_delegation.id, "name": "长春一队", "members": members(6)}
    entry = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", json=body, headers=headers).get_json()
    other = client.post(f"/api/v1/contests/{basketball_contest.id}/entries", headers=headers, json={
        **body, "name": "长春二队", "members": members(5, start=10)}).get_json()
    ids = {"contest_id": basketball_contest.id, "entry_id": entry["id"]}
    bodies = {("post", "/api/v1/contests/{contest_id}/entries"): {**body, "name": "长春三队",
                                                                  "members": members(5, start=20)},
              ("patch", "/api/v1/entries/{entry_id}"): {"members": members(7)},
              ("post", "/api/v1/entries/{entry_id}/substitute"): {"members": members(8), "reason": "伤病替换"},
              ("post", "/api/v1/entries/{entry_id}/reject"): {"reason": "材料不全"}}
    # approve before reject/withdraw: the order of the description is the order of a real workflow
    order = ["/api/v1/contests/{contest_id}/entries", "/api/v1/entries/{entry_id}",
             "/api/v1/entries/{entry_id}/substitute", "/api/v1/entries/{entry_id}/approve",
             "/api/v1/entries/{entry_id}/history", "/api/v1/entries/{entry_id}/reject"]
    checked = check_operations(client, {p: PATHS[p] for p in order}, ids, bodies, headers)
    ids["entry_id"] = other["id"]
    checked += check_operations(client, {p: PATHS[p] for p in PATHS if p not in order}, ids, bodies, headers)
    assert checked == sum(len([m for m in item if m != "parameters"]) for item in PATHS.values())
