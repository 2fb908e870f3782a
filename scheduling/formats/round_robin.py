"""Round robin by the circle method: one or two cycles, a bye each round when the count is odd. Pure.

With ``n`` entries (one dummy added when ``n`` is odd, whose opponent sits the round out) a cycle
has ``n - 1`` rounds (``n`` when odd) in which every pair meets once and nobody plays twice.
The second cycle repeats the first with the slots swapped. Keys: ``group-r-p`` for a plain round
robin, ``group-A-r-p`` inside group A. The final order is sport-specific: the caller ranks.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from common.errors import N_, Invalid
from scheduling.formats.model import READY, Bracket, EntryId, Match, Placing, round_key_prefix
from scheduling.formats.progression import competition_places

FORMAT = "round_robin"


def pairings(n: int) -> list[list[tuple[int, int]]]:
    """Rounds of index pairs for one cycle of ``n`` entries (circle method, first index fixed)."""
    return [list(pairs) for pairs in _cycle(n)]


@lru_cache(maxsize=64)
def _cycle(n: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """``pairings(n)`` worked out once per size (64 groups of 8 share one)."""
    ids: list[int | None] = list(range(n))
    if n % 2:
        ids.append(None)
    m = len(ids)
    rounds: list[tuple[tuple[int, int], ...]] = []
    for r in range(m - 1):
        pairs = []
        for i in range(m // 2):
            a, b = ids[i], ids[m - 1 - i]
            if a is None or b is None:
                continue
            pairs.append((b, a) if i == 0 and r % 2 else (a, b))
        rounds.append(tuple(pairs))
        ids = [ids[0], ids[-1], *ids[1:-1]]
    return tuple(rounds)


@dataclass(frozen=True, slots=True)
class Schedule:
    """The matches of one round robin: every pair of ``entries`` once per cycle, by the circle method.

    All are ready at once and feed nothing, so the schedule is the whole of them: ``matches`` gives them as
    core Match objects, a draw stores them from ``rounds`` directly.
    """

    entries: tuple
    group: str | None = None
    cycles: int = 1
    stage: str = "group"

    def rounds(self) -> Iterator[tuple[int, str, list[tuple[EntryId, EntryId]]]]:
        """Each round as (round, key prefix, the pairs by position from 1): match ``p`` is ``prefix + str(p)``."""
        e, one = self.entries, _cycle(len(self.entries))
        for cycle in range(self.cycles):  # the second cycle repeats the first with the slots swapped
            for r, pairs in enumerate(one, start=1 + cycle * len(one)):
                prefix = round_key_prefix(self.stage, r, self.group)
                yield r, prefix, [(e[x], e[y]) for x, y in pairs] if cycle == 0 else [(e[y], e[x]) for x, y in pairs]

    def matches(self) -> Iterator[Match]:
        """The schedule's matches in generation order."""
        stage, group = self.stage, self.group
        for r, prefix, pairs in self.rounds():
            for p, (x, y) in enumerate(pairs, start=1):
                yield Match(prefix + str(p), stage, r, p, [x, y], [False, False], READY, group)


def add_group(b: Bracket, entries: Sequence[EntryId], group: str | None = None, cycles: int = 1,
              stage: str = "group") -> None:
    """Append all matches of a round robin among ``entries`` (every match ready at once); a compact bracket
    (``b.schedules``) keeps them as their ``Schedule``."""
    if cycles not in (1, 2):
        raise Invalid.one("format.cycles", N_("One or two cycles."))
    schedule = Schedule(tuple(entries), group, cycles, stage)
    if b.schedules is None:
        b.matches.update((m.key, m) for m in schedule.matches())
    elif b.matches:
        raise ValueError("a compact bracket's groups come before its other matches")
    else:
        b.schedules.append(schedule)


def generate(entries: Sequence[EntryId], cycles: int = 1, compact: bool = False) -> Bracket:
    """All matches of a round robin among ``entries``, in the drawn order (``compact``: as one ``Schedule``)."""
    b = Bracket(FORMAT, list(entries), {}, {"cycles": cycles}, [] if compact else None)
    add_group(b, entries, None, cycles)
    return b


def byes(n: int) -> dict[int, int]:
    """Round -> index of the entry sitting the round out (one per round when ``n`` is odd), one cycle."""
    if n % 2 == 0:
        return {}
    out = {}
    for r, pairs in enumerate(_cycle(n), start=1):
        playing = {i for pair in pairs for i in pair}
        out[r] = next(i for i in range(n) if i not in playing)
    return out


def ranking(standings: Sequence[EntryId]) -> list[Placing]:
    """Places 1..N from the sport's final standings (ties are already broken by the sport's rules)."""
    return competition_places([(e, i) for i, e in enumerate(standings)])
