"""Single elimination: a knockout bracket from a drawn line-up, with an optional third-place match. Pure.

Round ``r`` of a draw of ``size`` lines has ``size >> r`` matches, keyed ``main-r-p``; the winner of
match ``p`` goes to match ``(p + 1) // 2`` of the next round, slot ``(p - 1) % 2``. Losers of a round
with ``n`` matches share place ``n + 1`` (two 3rd places without a third-place match, four 5th...).
"""
from __future__ import annotations

from typing import Sequence

from common.errors import N_, Invalid
from scheduling.formats.model import Bracket, EntryId, Link, Match, Placing, match_key
from scheduling.formats.progression import knockout_placings, settle, sorted_placings

FORMAT = "single_elimination"


def rounds_of(size: int) -> int:
    """Number of rounds of a knockout of ``size`` lines (a power of two)."""
    return size.bit_length() - 1


def add_knockout(b: Bracket, lines: Sequence[EntryId | None], byes: Sequence[bool], stage: str = "main",
                 third_place: bool = False, labels: Sequence[str | None] | None = None) -> None:
    """Append the matches of a knockout whose first round is ``lines`` (byes marked in ``byes``)."""
    size = len(lines)
    if size & (size - 1):
        raise Invalid.one("lines", N_("A draw has a power of two lines."))
    k = rounds_of(size)
    tp_key = match_key("third_place", 1, 1)
    with_tp = third_place and k >= 2
    for r in range(1, k + 1):
        n = size >> r
        for p in range(1, n + 1):
            nxt = Link(f"{stage}-{r + 1}-{(p + 1) // 2}", (p - 1) % 2) if r < k else None
            m = Match(f"{stage}-{r}-{p}", stage, r, p, [None, None], [False, False], winner_to=nxt,
                      loser_place=n + 1)
            if r == 1:
                i = 2 * p - 2
                m.entries, m.closed = [lines[i], lines[i + 1]], [bool(byes[i]), bool(byes[i + 1])]
                if labels is not None:
                    m.labels = [labels[i], labels[i + 1]]
            if r == k:
                m.winner_place = 1
            if with_tp and r == k - 1:
                m.loser_to, m.loser_place = Link(tp_key, p - 1), None
            b.add(m)
    if with_tp:
        b.add(Match(tp_key, "third_place", 1, 1, [None, None], [False, False], winner_place=3, loser_place=4))


def generate(lineup: Sequence[EntryId | None], third_place: bool = False) -> Bracket:
    """The whole bracket from a first-round line-up (None: bye); byes already moved on."""
    entries = [e for e in lineup if e is not None]
    b = Bracket(FORMAT, entries, {}, {"third_place": third_place, "size": len(lineup)})
    if len(lineup) >= 2:
        add_knockout(b, lineup, [e is None for e in lineup], "main", third_place)
        settle(b)
    return b


def ranking(b: Bracket) -> list[Placing]:
    """Places settled so far: winner 1, finalist 2, then shared places by round of elimination."""
    if not b.matches:
        return [Placing(1, e) for e in b.entries]
    return sorted_placings(knockout_placings(b.matches.values()))
