"""Results under concurrency: real parallel connections recording results of one contest at the same moment.

Runs on whichever database the suite runs on: the SQLite file (use cases take the write lock at
BEGIN) and PostgreSQL (the contest row is locked FOR UPDATE before the match is read).
"""
import threading

from accounts.models import User
from common.db import db
from common.errors import Conflict
from competitions.result_corrections import correct_match_result
from competitions.result_services import record_result
from scheduling.draw_services import make_draw
from scheduling.match_services import list_matches
from tests.web.match_helpers import by_key, contest, delegations, entries


def _race(app, user_id: int, jobs: list[tuple], use_case=record_result) -> list:
    """One thread per (match id, data[, use case]), each with its own app context and connection, all at once."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list = [None] * len(jobs)

    def submit(i: int) -> None:
        with app.app_context():
            actor = db.session.get(User, user_id)
            barrier.wait()
            try:
                run = jobs[i][2] if len(jobs[i]) > 2 else use_case
                outcomes[i] = run(actor, jobs[i][0], jobs[i][1])["status"]
            except Conflict as err:
                outcomes[i] = err
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _drawn(organiser, event, n, name=None):
    c = contest(organiser, event, name or f"男单{n}")
    entries(c.id, delegations(event, 2), n)
    make_draw(organiser, c.id, {"random_seed": 1})
    return c.id, by_key(list_matches(organiser, c.id)[0])


def test_all_results_of_a_round_at_once_fill_every_next_match(app, organiser, dummy_event):
    contest_id, ms = _drawn(organiser, dummy_event, 16)
    first = [m for m in ms.values() if m["round"] == 1]
    outcomes = _race(app, organiser.id, [(m["id"], {"version": m["version"], "games": [[21, 5], [21, 5]]})
                                         for m in first])
    assert outcomes == ["finished"] * 8
    db.session.rollback()
    after = by_key(list_matches(organiser, contest_id)[0])
    second = [after[f"main-2-{p}"] for p in range(1, 5)]
    assert all(m["status"] == "ready" and None not in m["entries"] for m in second)
    assert sorted(e for m in second for e in m["entries"]) == sorted(m["entries"][0] for m in first)


def test_the_same_result_sent_twice_at_once_is_recorded_once(app, organiser, dummy_event):
    contest_id, ms = _drawn(organiser, dummy_event, 4)
    semi = ms["main-1-1"]
    jobs = [(semi["id"], {"version": semi["version"], "games": [[21, 5], [21, 5]] if i % 2 else [[5, 21], [5, 21]]})
            for i in range(6)]
    outcomes = _race(app, organiser.id, jobs)
    assert outcomes.count("finished") == 1 and all(isinstance(o, Conflict) for o in outcomes if o != "finished")
    db.session.rollback()
    final = by_key(list_matches(organiser, contest_id)[0])["main-2-1"]
    assert final["entries"][0] in semi["entries"] and final["version"] == 2


def test_a_correction_and_the_next_result_at_once_never_leave_the_wrong_player_in_a_played_final(
        app, organiser, dummy_event):
    for attempt in range(4):
        contest_id, ms = _drawn(organiser, dummy_event, 4, f"男单第{attempt + 1}次")
        for key in ("main-1-1", "main-1-2"):
            record_result(organiser, ms[key]["id"], {"version": 1, "games": [[21, 5], [21, 5]]})
        db.session.rollback()
        now = by_key(list_matches(organiser, contest_id)[0])
        semi, final = now["main-1-1"], now["main-2-1"]
        jobs = [(semi["id"], {"version": semi["version"], "reason": "比分填反", "games": [[5, 21], [5, 21]]},
                 correct_match_result),
                (final["id"], {"version": final["version"], "games": [[21, 9], [21, 9]]}, record_result)]
        outcomes = _race(app, organiser.id, jobs)
        assert [isinstance(o, Conflict) for o in outcomes].count(True) == 1, outcomes  # exactly one goes through
        db.session.rollback()
        after = by_key(list_matches(organiser, contest_id)[0])
        if outcomes[0] == "finished":  # the correction first: the final waits with the new semi-final winner
            assert after["main-2-1"]["status"] == "ready" and after["main-2-1"]["entries"][0] == semi["entries"][1]
        else:  # the final first: the correction is refused, the semi-final stands
            assert after["main-2-1"]["status"] == "finished" and after["main-1-1"]["result"] == semi["result"]
            assert after["main-2-1"]["entries"][0] == semi["entries"][0]
