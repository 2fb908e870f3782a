"""The OpenAPI description of the API's draws, matches, results, standings and ranking; merged by web.openapi."""
from __future__ import annotations

from scheduling.formats.model import STAGES, STATUSES
from web.openapi_schema import ID, list_of, obj, op, path_id, ref

_INTS = {"type": "array", "items": ID}
_TEXT = {"type": ["string", "null"]}
_INT_OR_NULL = {"type": ["integer", "null"]}
_PAIRS = {"type": "array", "items": {"type": "array", "items": ID}}

SCHEMAS: dict = {
    "Match": obj({
        "id": ID, "contest_id": ID, "key": {"type": "string"}, "stage": {"enum": list(STAGES)}, "round": ID,
        "position": ID, "group": _TEXT, "heat": _INT_OR_NULL,
        "entries": {"type": "array", "items": _INT_OR_NULL},
        "labels": {"type": ["array", "null"], "items": _TEXT},
        "lanes": {"type": ["array", "null"], "items": ID},
        "status": {"enum": list(STATUSES)}, "winner_entry_id": _INT_OR_NULL,
        "result": {"type": ["object", "null"]}, "scheduled_at": {"type": ["string", "null"], "format": "date-time"},
        "venue": _TEXT, "court": _TEXT, "version": ID},
        ("id", "stage", "round", "position", "entries", "status", "version")),
    "Draw": obj({
        "contest_id": ID, "random_seed": ID, "seeds": _INTS, "separate_delegations": {"type": "boolean"},
        "entry_ids": _INTS, "published": {"type": "boolean"}, "made_at": {"type": "string", "format": "date-time"},
        "version": ID, "matches": {"type": "array", "items": ref("Match")}, "withdrawn": _INTS},
        ("random_seed", "seeds", "separate_delegations", "published", "version")),
    "DrawRequest": obj({"seeds": _INTS, "random_seed": {"type": "integer", "minimum": 0, "maximum": 2 ** 31 - 1},
                        "separate_delegations": {"type": "boolean"},
                        "published": {"type": "boolean", "description": "a new draw is public unless false; a "
                                      "redraw keeps what it was unless given"}}),
    "PublishRequest": obj({"published": {"type": "boolean"}}),
    "WithdrawalRequest": obj({"entry_id": ID, "reason": {"type": "string", "maxLength": 500}}, ("entry_id", "reason")),
    "Withdrawals": obj({"withdrawn": _INTS, "walked_over": {"type": "integer"}}, ("withdrawn", "walked_over")),
    "ReinstateRequest": obj({"reason": {"type": "string", "maxLength": 500}}, ("reason",)),
    "Reinstatement": obj({"withdrawn": _INTS, "taken_back": {"type": "integer"}}, ("withdrawn", "taken_back")),
    "ResultRequest": obj({
        "version": ID, "outcome": {"enum": ["normal", "walkover", "retired", "disqualified", "forfeit", "default"]},
        "winner_entry_id": ID, "games": _PAIRS, "periods": _PAIRS,
        "rubbers": {"type": "array", "items": obj({"discipline": {"type": "string"}, "games": _PAIRS})},
        "lanes": {"type": "array", "items": obj({
            "entry_id": ID, "time_ms": ID, "status": {"enum": ["OK", "DNS", "DNF", "DSQ"]}, "penalty_ms": ID,
            "false_starts": ID}, ("entry_id",))}}, ("version",)),
    "CorrectionRequest": {"allOf": [ref("ResultRequest"), obj({"reason": {"type": "string", "maxLength": 500}},
                                                              ("version", "reason"))]},
    "UndoRequest": obj({"version": ID, "reason": {"type": "string", "maxLength": 500}}, ("version", "reason")),
    "MatchChange": obj({"at": {"type": "string", "format": "date-time"}, "user": _TEXT,
                        "action": {"enum": ["result", "correction", "undo"]}, "detail": {"type": "object"}},
                       ("at", "action", "detail")),
    "StandingRow": obj({
        "rank": _INT_OR_NULL, "entry_id": ID, "name": _TEXT, "delegation": _TEXT, "played": ID, "won": ID,
        "lost": ID, "points": ID, "scored": ID, "conceded": ID, "diff": ID, "tie_break": _TEXT,
        "excluded": {"type": "boolean"}},
        ("rank", "entry_id", "played", "won", "lost", "points", "scored", "conceded", "diff", "tie_break")),
    "Lots": {"type": "array", "items": obj({"entries": _INTS, "recorded": {"type": "boolean"}},
                                           ("entries", "recorded"))},
    "Standings": obj({"groups": {"type": "array", "items": obj({
        "name": _TEXT, "complete": {"type": "boolean"}, "rows": {"type": "array", "items": ref("StandingRow")},
        "lots": ref("Lots")}, ("name", "rows"))}}, ("groups",)),
    "LotsRequest": obj({"group": _TEXT, "order": _INTS, "note": {"type": "string", "maxLength": 500}}, ("order",)),
    "RaceTieRequest": obj({"round": ID, "order": _INTS, "note": {"type": "string", "maxLength": 500}},
                          ("round", "order")),
    "RaceTies": obj({"round": ID, "how": {"enum": ["rerace", "lot"]}, "ties": {"type": "array", "items": obj(
        {"entries": _INTS, "decided": {"type": "boolean"}, "holds": {"type": "boolean"}},
        ("entries", "decided", "holds"))}}, ("round", "how", "ties")),
    "RaceTie": obj({"round": ID, "entries": _INTS, "decided": {"type": "boolean"}, "holds": {"type": "boolean"}},
                   ("round", "entries", "decided", "holds")),
    "GroupLots": obj({"group": _TEXT, "lots": ref("Lots"), "rows": {"type": "array", "items": ref("StandingRow")}},
                     ("group", "lots", "rows")),
    "Ranking": obj({"final": {"type": "boolean"}, "items": {"type": "array", "items": obj({
        "place": ID, "entry_id": ID, "name": _TEXT, "delegation": _TEXT,
        "status": {"enum": ["DNS", "DNF", "DSQ"], "description": "a crew placed without a valid time"}},
        ("place", "entry_id"))}},
        ("final", "items")),
}

_CONTEST = path_id("contest_id")
_MATCHES = op("The contest's matches in draw order (public once published)", 200, list_of("Match"), (404, 422),
              False, paged=True)
_MATCHES["parameters"] += [{"name": n, "in": "query", "schema": {"type": "string"}} for n in ("stage", "status")]

PATHS: dict = {
    "/api/v1/contests/{contest_id}/draw": {
        "parameters": _CONTEST,
        "post": op("Make (or remake) the draw (organiser); public at once unless published is false", 201,
                   ref("Draw"), (400, 401, 403, 404, 409, 422), True, "DrawRequest"),
        "get": op("The draw's inputs (public once published)", 200, ref("Draw"), (404,), False)},
    "/api/v1/contests/{contest_id}/draw/publish": {
        "parameters": _CONTEST,
        "post": op("Publish or hide the draw (organiser)", 200, ref("Draw"), (400, 401, 403, 404, 409, 422), True,
                   "PublishRequest")},
    "/api/v1/contests/{contest_id}/withdrawals": {
        "parameters": _CONTEST,
        "post": op("Withdraw an entry after the draw (organiser): its ready matches are walked over (basketball: "
                   "forfeits), later ones when they are ready; group results count as the sport says", 200,
                   ref("Withdrawals"), (400, 401, 403, 404, 409, 422), True, "WithdrawalRequest")},
    "/api/v1/contests/{contest_id}/withdrawals/{entry_id}": {
        "parameters": [*_CONTEST, *path_id("entry_id")],
        "delete": op("Take back a withdrawal (organiser): the walkovers it gave are taken back, to be played again, "
                     "and its group results count again; 404 when the entry has not withdrawn, 409 once a match "
                     "such a walkover led to is played", 200, ref("Reinstatement"), (400, 401, 403, 404, 409, 422),
                     True, "ReinstateRequest")},
    "/api/v1/contests/{contest_id}/lots": {
        "parameters": _CONTEST,
        "post": op("Record the order lots were drawn in for entries level after every tie-break step in a finished "
                   "group (organiser; group null for a round robin): the table and the knockout places follow; 409 "
                   "once a knockout match they lead to is played", 200, ref("GroupLots"),
                   (400, 401, 403, 404, 409, 422), True, "LotsRequest")},
    "/api/v1/contests/{contest_id}/race-ties": {
        "parameters": _CONTEST,
        "get": op("Crews of finished rounds with equal times (organiser): whether each tie is decided, and whether "
                  "the races it leads to wait for it (holds: the setting tie_resolution is rerace and the tie is at a "
                  "progression cut)", 200, obj({"items": {"type": "array", "items": ref("RaceTie")},
                                                "total": {"type": "integer"}}, ("items", "total")),
                  (401, 403, 404), True),
        "post": op("Record the order a re-race or a lot gave crews of a finished round with equal times "
                   "(organiser): races the round held are seated now, races it seated are seated again; 409 once "
                   "one of them is raced",
                   200, ref("RaceTies"), (400, 401, 403, 404, 409, 422), True,
                   "RaceTieRequest")},
    "/api/v1/contests/{contest_id}/matches": {"parameters": _CONTEST, "get": _MATCHES},
    "/api/v1/matches/{match_id}": {
        "parameters": path_id("match_id"),
        "get": op("One match (public once published)", 200, ref("Match"), (404,), False)},
    "/api/v1/matches/{match_id}/result": {
        "parameters": path_id("match_id"),
        "put": op("Record a result (organiser); fills the next matches", 200, ref("Match"),
                  (400, 401, 403, 404, 409, 422), True, "ResultRequest"),
        "delete": op("Take a finished match's result back (organiser): it is ready again, what it moved on is "
                     "undone; 409 once a match it led to is played", 200, ref("Match"),
                     (400, 401, 403, 404, 409, 422), True, "UndoRequest")},
    "/api/v1/matches/{match_id}/history": {
        "parameters": path_id("match_id"),
        "get": op("Who recorded, corrected or took back the result, when, with what and why (organiser)", 200,
                  list_of("MatchChange"), (401, 403, 404), True)},
    "/api/v1/matches/{match_id}/correction": {
        "parameters": path_id("match_id"),
        "post": op("Correct a finished match's result (organiser): checked like a first result, later matches "
                   "follow; 409 once a match it led to is played (unless nobody moves)", 200, ref("Match"),
                   (400, 401, 403, 404, 409, 422), True, "CorrectionRequest")},
    "/api/v1/contests/{contest_id}/standings": {
        "parameters": _CONTEST,
        "get": op("Group and round-robin tables (public once published)", 200, ref("Standings"), (404,), False)},
    "/api/v1/contests/{contest_id}/ranking": {
        "parameters": _CONTEST,
        "get": op("Places settled so far (public once published)", 200, ref("Ranking"), (404,), False)},
}
