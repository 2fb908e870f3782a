"""Draw use cases: make (and remake) a contest's draw from its approved entries, publish it, read it."""
from __future__ import annotations

import gc
import secrets
from contextlib import contextmanager

from sqlalchemy import delete, select

from accounts.models import User
from accounts.permissions import user_id_of
from common.db import db, lock, utcnow
from common.errors import N_, Conflict, ErrorBag, Invalid, NotFound
from common.transaction import use_case
from competitions.models import Contest
from competitions.services import check_manager, manages
from registrations.models import Entry
from scheduling import match_insert, match_store
from scheduling.draw import Entry as DrawEntry
from scheduling.formats import build
from scheduling.models import Draw, Match

#: random seeds fit the database's 32-bit integer column
SEED_LIMIT = 2 ** 31


def get_contest(contest_id: int) -> Contest:
    """The contest, or NotFound."""
    contest = db.session.get(Contest, contest_id)
    if contest is None:
        raise NotFound(N_("No such contest."))
    return contest


def draw_of(contest_id: int) -> Draw | None:
    """The contest's draw, if one was made."""
    return db.session.scalar(select(Draw).where(Draw.contest_id == contest_id))


def visible_draw(actor: User | None, contest: Contest) -> Draw | None:
    """The draw if ``actor`` may see it: its organisers always, everyone else once it is published."""
    draw = draw_of(contest.id)
    if draw is None or draw.published or manages(actor, contest.event_id):
        return draw
    return None


def get_draw(actor: User | None, contest_id: int) -> Draw:
    """The contest's draw (organisers; the public once published), or NotFound."""
    draw = visible_draw(actor, get_contest(contest_id))
    if draw is None:
        raise NotFound(N_("This contest has no published draw yet."))
    return draw


def approved_entries(contest_id: int) -> list[DrawEntry]:
    """The contest's approved entries with their delegations, by id (the draw's input order)."""
    e = Entry.__table__
    rows = db.session.connection().execute(select(e.c.id, e.c.delegation_id).where(
        e.c.contest_id == contest_id, e.c.status == "approved").order_by(e.c.id)).all()
    return [DrawEntry(i, d) for i, d in rows]  # (from a list: a third faster than from the open cursor)


def _clean(data: dict, entry_ids: set, limit: int | None = None) -> tuple[list[int], int, bool, bool | None]:
    """The draw's options from the request: seeds (approved entry ids, at most ``limit``), random seed, separation,
    and whether it is published (None: not said)."""
    bag = ErrorBag()
    seeds = data.get("seeds") if isinstance(data, dict) else None
    seeds = [] if seeds is None else seeds
    if not isinstance(seeds, list):
        bag.add("seeds", N_("Must be a list of entry ids, best first."))
        seeds = []
    for i, seed in enumerate(seeds):
        if isinstance(seed, bool) or not isinstance(seed, int) or seed not in entry_ids:
            bag.add(f"seeds.{i}", N_("Not an approved entry of this contest."))
        elif seed in seeds[:i]:
            bag.add(f"seeds.{i}", N_("This entry is already seeded."))
    if limit and len(seeds) > limit:
        bag.add("seeds", N_("This contest's format has %(max)s seeds; %(n)s were given."), max=limit, n=len(seeds))
    random_seed = data.get("random_seed") if isinstance(data, dict) else None
    if random_seed is None:
        random_seed = secrets.randbelow(SEED_LIMIT)
    elif isinstance(random_seed, bool) or not isinstance(random_seed, int) or not 0 <= random_seed < SEED_LIMIT:
        bag.add("random_seed", N_("Must be a whole number from %(min)s to %(max)s."), min=0, max=SEED_LIMIT - 1)
    separate = data.get("separate_delegations", True) if isinstance(data, dict) else True
    if not isinstance(separate, bool):
        bag.add("separate_delegations", N_("Must be true or false."))
    published = data.get("published") if isinstance(data, dict) else None
    if published is not None and not isinstance(published, bool):
        bag.add("published", N_("Must be true or false."))
    bag.raise_if_any()
    return seeds, random_seed, separate, published


@contextmanager
def _gc_paused():
    """No cyclic garbage collection while a draw allocates its thousands of short-lived objects.

    In a process holding the whole app, each full collection walks every live object: without this a
    1024-entry double elimination spends a third of its time collecting nothing (its objects form no cycles).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def managed_contest(actor: User, contest_id: int) -> Contest:
    """The contest, locked for a use case of its organisers (else 404, 401 or 403)."""
    contest = lock(Contest, contest_id)
    if contest is None:
        raise NotFound(N_("No such contest."))
    check_manager(actor, contest.event_id)
    return contest


def results_recorded(contest_id: int) -> bool:
    """Whether any result of the contest has been recorded."""
    return db.session.scalar(select(Match.id).where(Match.contest_id == contest_id,
                                                    Match.recorded_at.is_not(None)).limit(1)) is not None


@use_case
def make_draw(actor: User, contest_id: int, data: dict, preview: bool = False) -> Draw:
    """Draw the contest's approved entries into its format and store every match (redraw until a result).

    A new draw is public at once (API.md: matches, standings and ranking are public reads) unless the
    request says ``"published": false`` or the organiser's page asks for a ``preview`` first; a redraw
    replaces every match and keeps the draw as published as it was unless ``published`` is given. Entries
    withdrawn since the first draw are left out of it.
    """
    contest = managed_contest(actor, contest_id)
    user_id = user_id_of(actor)  # (not actor.id: the request's commit expired it, reading it is a query)
    draw = draw_of(contest_id)
    if draw is not None and results_recorded(contest_id):
        raise Conflict(N_("Results have been recorded: the draw can no longer be changed."))
    with _gc_paused():
        withdrawn = set(draw.withdrawn) if draw is not None else set()  # (they stay withdrawn, out of the draw)
        entries = [e for e in approved_entries(contest_id) if e.id not in withdrawn]
        seeds, random_seed, separate, published = _clean(data, {e.id for e in entries}, contest.format.get("seeds"))
        if len(entries) < 2:
            raise Conflict(N_("A draw needs at least two approved entries (there are %(n)s)."), n=len(entries))
        bracket = build(contest.format, entries, seeds, random_seed, separate, compact=True)
        action = "redraw" if draw is not None else "draw"
        if draw is None:
            draw = Draw(contest_id=contest_id, published=not preview, version=0)
            db.session.add(draw)
        else:
            db.session.execute(delete(Match).where(Match.contest_id == contest_id))
        if published is not None:
            draw.published = published
        draw.random_seed, draw.seeds, draw.separate_delegations = random_seed, seeds, separate
        draw.entry_ids, draw.options = list(bracket.entries), bracket.options
        draw.made_by_id, draw.made_at, draw.version = user_id, utcnow(), draw.version + 1
        count = match_insert.insert_matches(contest_id, bracket)
    match_store.log(contest_id, user_id, action, {"random_seed": random_seed, "seeds": seeds,
                                                   "separate_delegations": separate, "entries": len(entries),
                                                   "matches": count})
    db.session.flush()
    return draw


@use_case
def publish_draw(actor: User, contest_id: int, data: dict | None = None) -> Draw:
    """Show the draw and its matches to the public (or hide it again with ``{"published": false}``)."""
    managed_contest(actor, contest_id)
    draw = draw_of(contest_id)
    if draw is None:
        raise Conflict(N_("Make the draw first."))
    published = data.get("published", True) if isinstance(data, dict) else True
    if not isinstance(published, bool):
        raise Invalid.one("published", N_("Must be true or false."))
    draw.published = published
    draw.version += 1
    match_store.log(contest_id, user_id_of(actor), "publish" if published else "unpublish", {})
    return draw

