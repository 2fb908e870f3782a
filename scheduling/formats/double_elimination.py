"""Double elimination: a main (winners') bracket, a losers' bracket and a grand final. Pure.

For a draw of ``size = 2**k`` lines: main rounds 1..k (``main-r-p``); losers' rounds 1..2k-2
(``losers-r-p``): odd rounds pair the survivors, even rounds bring in the losers of main round
``r/2 + 1`` (in reversed or half-swapped order, to avoid early rematches); then the grand final
``final-1-1`` between the main and the losers' champions. With ``grand_final="reset"`` a second
match ``final-2-1`` is played only if the losers' champion (slot 1) wins the first.
"""
from __future__ import annotations

from typing import Sequence

from common.errors import N_, Invalid
from scheduling.formats.model import Bracket, EntryId, Link, Match, Placing, match_key
from scheduling.formats.progression import knockout_placings, settle, sorted_placings
from scheduling.formats.single_elimination import rounds_of

FORMAT = "double_elimination"
GRAND_FINALS = ("single", "reset")


def _drop_position(p: int, n: int, j: int) -> int:
    """Position in the losers' round 2j of the loser of main round j+1, match p (n matches)."""
    if n == 1:
        return 1
    if j % 2:
        return n + 1 - p
    return (p - 1 + n // 2) % n + 1


def _main(b: Bracket, lineup: Sequence[EntryId | None], k: int) -> None:
    size, gf = len(lineup), match_key("final", 1, 1)
    for r in range(1, k + 1):
        n = size >> r
        for p in range(1, n + 1):
            m = Match(f"main-{r}-{p}", "main", r, p, [None, None], [False, False])
            m.winner_to = Link(f"main-{r + 1}-{(p + 1) // 2}", (p - 1) % 2) if r < k else Link(gf, 0)
            if k == 1:
                m.loser_to = Link(gf, 1)
            elif r == 1:
                m.loser_to = Link(f"losers-1-{(p + 1) // 2}", (p - 1) % 2)
            else:
                m.loser_to = Link(match_key("losers", 2 * (r - 1), _drop_position(p, n, r - 1)), 1)
            if r == 1:
                pair = lineup[2 * p - 2:2 * p]
                m.entries, m.closed = list(pair), [e is None for e in pair]
            b.add(m)


def _losers(b: Bracket, size: int, k: int) -> None:
    last, gf = 2 * k - 2, match_key("final", 1, 1)
    for t in range(1, last + 1):
        n = size >> ((t + 1) // 2 + 1)
        for p in range(1, n + 1):
            m = Match(f"losers-{t}-{p}", "losers", t, p, [None, None], [False, False])
            if t == last:
                m.winner_to = Link(gf, 1)
            elif t % 2:
                m.winner_to = Link(f"losers-{t + 1}-{p}", 0)
            else:
                m.winner_to = Link(f"losers-{t + 1}-{(p + 1) // 2}", (p - 1) % 2)
            b.add(m)


def _losers_places(b: Bracket, k: int) -> None:
    """Losers eliminated in the same losers' round share a place; byes eliminate nobody."""
    by_round: dict[int, list[Match]] = {}
    for m in b.matches.values():
        if m.stage == "losers":
            by_round.setdefault(m.round, []).append(m)
    above = 2
    for t in range(2 * k - 2, 0, -1):
        for m in by_round[t]:
            m.loser_place = above + 1
        above += sum(1 for m in by_round[t] if not (m.closed[0] or m.closed[1]))


def generate(lineup: Sequence[EntryId | None], grand_final: str = "single") -> Bracket:
    """The whole double-elimination structure from a first-round line-up (None: bye)."""
    if grand_final not in GRAND_FINALS:
        raise Invalid.one("format.grand_final", N_("Unknown grand final: %(value)s."), value=grand_final)
    entries = [e for e in lineup if e is not None]
    b = Bracket(FORMAT, entries, {}, {"grand_final": grand_final, "size": len(lineup)})
    size = len(lineup)
    if size < 2:
        return b
    k = rounds_of(size)
    _main(b, lineup, k)
    _losers(b, size, k)
    first = b.add(Match(match_key("final", 1, 1), "final", 1, 1, [None, None], [False, False],
                        winner_place=1, loser_place=2))
    if grand_final == "reset":
        second = match_key("final", 2, 1)
        first.winner_to, first.loser_to, first.ends_if = Link(second, 1), Link(second, 0), 0
        b.add(Match(second, "final", 2, 1, [None, None], [False, False], winner_place=1, loser_place=2))
    settle(b)
    _losers_places(b, k)
    return b


def ranking(b: Bracket) -> list[Placing]:
    """Places settled so far: grand-final winner 1, loser 2, then shared places by losers' round."""
    if not b.matches:
        return [Placing(1, e) for e in b.entries]
    return sorted_placings(knockout_placings(b.matches.values()))
