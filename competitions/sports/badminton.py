"""Badminton (羽毛球): disciplines, settings and roster rules from the Laws of Badminton and BWF GCR."""
from __future__ import annotations

from common.errors import N_
from common.params import BOOL, INT, Param
from competitions.sports.base import Discipline, RosterRule, Sport
from competitions.sports.formats import HEAD_TO_HEAD

DISCIPLINES = {
    "MS": Discipline("MS", N_("Men's singles"), "player"),
    "WS": Discipline("WS", N_("Women's singles"), "player"),
    "MD": Discipline("MD", N_("Men's doubles"), "pair"),
    "WD": Discipline("WD", N_("Women's doubles"), "pair"),
    "XD": Discipline("XD", N_("Mixed doubles"), "pair"),
    "team": Discipline("team", N_("Mixed team"), "team"),
}

SETTINGS = (
    Param("points_to_win", INT, 21, N_("Points to win a game"), choices=(11, 15, 21)),
    Param("cap", INT, 30, N_("Score cap"), min=11, max=30),
    Param("games_to_win", INT, 2, N_("Games to win a match"), min=1, max=3),
    Param("delete_withdrawn_results", BOOL, True, N_("Delete results of a player who withdraws from a group")),
    Param("roster_min", INT, 4, N_("Minimum players"), min=4, max=12, disciplines=("team",)),
    Param("roster_max", INT, 8, N_("Maximum players"), min=4, max=16, disciplines=("team",)),
    Param("rubbers_to_win", INT, 3, N_("Rubbers to win a tie"), choices=(3,), disciplines=("team",)),
    Param("max_rubbers_per_player", INT, 2, N_("Rubbers a player may play"), min=1, max=3, disciplines=("team",)),
    Param("stop_knockout_tie_when_decided", BOOL, True, N_("A knockout tie may stop once decided"),
          disciplines=("team",)),
)

_PAIRS = {"MS": {"M": (1, 1)}, "WS": {"F": (1, 1)}, "MD": {"M": (2, 2)}, "WD": {"F": (2, 2)},
          "XD": {"M": (1, 1), "F": (1, 1)}}


def roster(discipline: str | None, settings: dict) -> RosterRule:
    """Singles: one player; doubles: two; team: roster_min..roster_max players, at least 2 men and 2 women."""
    if discipline == "team":
        return RosterRule(
            roles={"player": (settings["roster_min"], settings["roster_max"]), "coach": (0, 2)},
            genders={"M": (2, None), "F": (2, None)}, gender_roles=("player",))
    genders = _PAIRS[discipline or "MS"]
    size = sum(lo for lo, _ in genders.values())
    return RosterRule(roles={"player": (size, size), "coach": (0, 1)}, genders=genders, gender_roles=("player",))


def check(discipline: str | None, settings: dict, bag) -> None:
    """The cap cannot be below the points to win; the roster minimum cannot exceed the maximum."""
    if settings["cap"] < settings["points_to_win"]:
        bag.add("settings.cap", N_("Must be at least the points to win (%(points)s)."), points=settings["points_to_win"])
    if discipline == "team" and settings["roster_min"] > settings["roster_max"]:
        bag.add("settings.roster_min", N_("Must not exceed the maximum (%(max)s)."), max=settings["roster_max"])


SPORT = Sport("badminton", N_("Badminton"), "head_to_head", DISCIPLINES, HEAD_TO_HEAD, SETTINGS, roster, check)
