"""Deciding equal times in races: the order a re-race or a lot gave crews of a round who share a time.

RULES.md: a tie that decides progression is resolved by re-race or lot (the contest's setting
``tie_resolution``). With ``lot``, a lot drawn from the draw's recorded random seed orders them and the
next races are seated at once; with ``rerace`` (the default), crews sharing a time across a progression
cut hold the races they lead to unseated until the re-race's order is recorded (equal times within the
crews that go on are still ordered by that lot, for their lanes). An organiser records the order for
crews of a finished round with the same time (to 0.01 s): races the round held are seated, races it
seated are seated again, as long as none of them has been raced. Logged with the way it was decided and
the note given.
"""
from __future__ import annotations

from accounts.models import User
from accounts.permissions import user_id_of
from common import fields
from common.errors import N_, Conflict, ErrorBag, Invalid
from common.transaction import use_case
from competitions.services import check_manager
from scheduling import match_store
from scheduling.draw_services import draw_of, get_contest, managed_contest
from scheduling.formats.corrections import decide_equal_times
from scheduling.formats.model import FINISHED
from scheduling.formats.timed_heats import FINALS, decided_order, equal_times, held_ties, races_of_round

T = match_store.T


@use_case
def decide_race_tie(actor: User, contest_id: int, data: dict) -> dict:
    """Record the order for crews of a finished round with equal times (``round``, ``order``, ``note``):
    ``{round, how, ties}`` with the round's groups of equal times as they now rank."""
    contest, draw = _drawn_races(actor, contest_id)
    if draw is None or contest.format.get("type") != "timed_heats":
        raise Conflict(N_("Only drawn races have equal times to decide."))
    if not _seats_races(draw):
        raise Conflict(N_("These races seat no further race: crews with equal times share the place."))
    data = data if isinstance(data, dict) else {}
    bag = ErrorBag()
    note = fields.text(bag, data, "note", fields.REASON_MAX, required=False)
    round_ = data.get("round")
    if isinstance(round_, bool) or not isinstance(round_, int):
        bag.add("round", N_("Choose a round of these races."))
    bag.raise_if_any()
    ms, bracket = _bracket(contest, draw)
    races = races_of_round(bracket, round_)
    if not races:
        raise Invalid.one("round", N_("Choose a round of these races."))
    if any(m.status != FINISHED for m in races):
        raise Conflict(N_("Equal times are decided once every race of the round has its times."))
    order = data.get("order")
    if not isinstance(order, list) or not all(isinstance(e, int) and not isinstance(e, bool) for e in order):
        raise Invalid.one("order", N_("List crews of this round that share a time, once each, in the decided order."))
    changes = decide_equal_times(bracket, round_, order)
    match_store.write_back(ms, [c.key for c in changes])
    draw.options = match_store.stored_options(bracket)
    draw.version += 1
    how = (contest.settings or {}).get("tie_resolution", "rerace")
    match_store.log(contest_id, user_id_of(actor), "race_tie",
                    {"round": round_, "order": list(order), "how": how, "note": note})
    return {"round": round_, "how": how, "ties": _ties(bracket, round_)}


def _drawn_races(actor: User, contest_id: int):
    """The contest, locked for its organisers, and its draw (or None)."""
    return managed_contest(actor, contest_id), draw_of(contest_id)


def _seats_races(draw) -> bool:
    """Whether a round of these races seats later races (a time trial or a single final does not)."""
    return draw.options.get("plan") not in ("trial", "final")


def _bracket(contest, draw):
    """Every race of the contest, as stored rows and as the core's bracket."""
    ms = match_store.Matches(draw.contest_id, match_store.records(T.c.contest_id == draw.contest_id))
    return ms, ms.bracket(draw, "timed_heats", contest.settings or {})


def _ties(bracket, round_: int) -> list[dict]:
    """A round's equal times: whether they are decided, and whether the next races wait for it (``holds``)."""
    decided, held = set(decided_order(bracket, round_)), held_ties(bracket, round_)
    return [{"entries": tie, "decided": set(tie) <= decided, "holds": tie in held}
            for tie in equal_times(bracket, round_)]


def race_ties(actor: User, contest_id: int) -> list[dict]:
    """Every finished round's crews with equal times (organisers): ``[{round, entries, decided}]``; none when
    the races seat no further race."""
    contest = get_contest(contest_id)  # (a read: not locked as the decision's use case locks it)
    check_manager(actor, contest.event_id)
    draw = draw_of(contest_id)
    if draw is None or contest.format.get("type") != "timed_heats" or not _seats_races(draw):
        return []
    _ms, bracket = _bracket(contest, draw)
    rounds = sorted({m.round for m in bracket.matches.values() if m.stage not in FINALS})
    return [{"round": r, **tie} for r in rounds for tie in _ties(bracket, r)]
