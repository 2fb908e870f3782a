"""The OpenAPI description of draws, matches, results, standings and ranking answers as documented."""
from scheduling.api_spec import PATHS
from tests.openapi_check import check_operations
from tests.web.match_helpers import contest, delegations, draw, entries


class Ids(dict):
    """Path ids; ``match_id`` is looked up when first needed: a ready match of the draw made meanwhile."""

    def __init__(self, client, contest_id, entry_id):
        super().__init__(contest_id=contest_id, entry_id=entry_id)
        self.client = client

    def __missing__(self, key):
        assert key == "match_id"
        items = self.client.get(f"/api/v1/contests/{self['contest_id']}/matches?status=ready").get_json()["items"]
        self[key] = items[0]["id"]
        return self[key]


def test_every_match_operation_answers_as_documented(client, organiser, dummy_event, token):
    headers = token("org")
    c = contest(organiser, dummy_event, "男单", format={"type": "round_robin"})
    ids = entries(c.id, delegations(dummy_event, 2), 4)
    draw(client, headers, c.id, random_seed=1)
    assert client.post(f"/api/v1/contests/{c.id}/draw/publish", headers=headers).status_code == 200
    bodies = {
        ("post", "/api/v1/contests/{contest_id}/draw"): {"random_seed": 2, "seeds": [], "separate_delegations": True},
        ("post", "/api/v1/contests/{contest_id}/draw/publish"): {"published": True},
        # the last entry withdraws: its three games are walked over (the match checked below is another one)
        ("post", "/api/v1/contests/{contest_id}/withdrawals"): {"entry_id": ids[-1], "reason": "受伤"},
        ("put", "/api/v1/matches/{match_id}/result"): {"version": 1, "games": [[21, 10], [21, 10]]},
        # the result made version 2, its correction 3; taking it back (DELETEs run last) sends 3
        ("post", "/api/v1/matches/{match_id}/correction"): {"version": 2, "reason": "比分填反", "games": [[10, 21],
                                                                                                     [10, 21]]},
        ("delete", "/api/v1/matches/{match_id}/result"): {"version": 3, "reason": "录错了场次"},
        # ... and the withdrawal is taken back: its three walkovers are to be played again
        ("delete", "/api/v1/contests/{contest_id}/withdrawals/{entry_id}"): {"reason": "误操作"},
    }
    # (lots and race ties need a finished group or round with a tie: tests/web/test_lots_api.py and
    # test_races_api.py check those answers against their schemas)
    paths = {path: item for path, item in PATHS.items() if not path.endswith(("/lots", "/race-ties"))}
    assert check_operations(client, paths, Ids(client, c.id, ids[-1]), bodies, headers) == 13
    standings = client.get(f"/api/v1/contests/{c.id}/standings").get_json()
    assert sum(r["played"] for r in standings["groups"][0]["rows"]) == 0  # the one result was taken back
    left = client.get(f"/api/v1/contests/{c.id}/matches?status=ready").get_json()["items"]
    assert len(left) == 6, "every match is to be played: the walkovers were taken back with the withdrawal"
