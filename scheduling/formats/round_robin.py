"""Round robin by the circle method: one or two cycles, a bye each round when the count is odd. Pure.

With ``n`` entries (one dummy added when ``n`` is odd, whose opponent sits the round out) a cycle
has ``n - 1`` rounds (``n`` when odd) in which every pair meets once and nobody plays twice.
The second cycle repeats the first with the slots swapped. Keys: ``group-r-p`` for a plain round
robin, ``group-A-r-p`` inside group A. The final order is sport-specific: the caller ranks.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

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


def add_group(b: Bracket, entries: Sequence[EntryId], group: str | None = None, cycles: int = 1,
              stage: str = "group") -> None:
    """Append all matches of a round robin among ``entries`` (every match ready at once)."""
    if cycles not in (1, 2):
        raise Invalid.one("format.cycles", N_("One or two cycles."))
    one = _cycle(len(entries))
    matches = b.matches  # (appended to directly: 64 entries make 2,016 matches)
    for cycle in range(cycles):
        for r, pairs in enumerate(one, start=1 + cycle * len(one)):
            prefix = round_key_prefix(stage, r, group)
            for p, (x, y) in enumerate(pairs, start=1):
                key = prefix + str(p)
                slots = [entries[x], entries[y]] if cycle == 0 else [entries[y], entries[x]]
                matches[key] = Match(key, stage, r, p, slots, [False, False], READY, group)


def generate(entries: Sequence[EntryId], cycles: int = 1) -> Bracket:
    """All matches of a round robin among ``entries``, in the drawn order."""
    b = Bracket(FORMAT, list(entries), {}, {"cycles": cycles})
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
