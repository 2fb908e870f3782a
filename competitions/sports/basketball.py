"""Basketball (篮球): 5x5 under FIBA rules and 3x3; settings and roster rules."""
from __future__ import annotations

from common.errors import N_
from common.params import CHOICE, INT, Param
from competitions.sports.base import Discipline, RosterRule, Sport
from competitions.sports.formats import HEAD_TO_HEAD

DISCIPLINES = {
    "5x5": Discipline("5x5", N_("5x5"), "team"),
    "3x3": Discipline("3x3", N_("3x3"), "team"),
}

FIVE, THREE = ("5x5",), ("3x3",)

SETTINGS = (
    Param("quarter_minutes", INT, 10, N_("Minutes per quarter"), min=5, max=12, disciplines=FIVE),
    Param("overtime_minutes", INT, 5, N_("Minutes per overtime"), min=3, max=5, disciplines=FIVE),
    Param("game_minutes", INT, 10, N_("Playing time in minutes"), min=5, max=20, disciplines=THREE),
    Param("points_limit", INT, 21, N_("Points that win before time"), min=11, max=33, disciplines=THREE),
    Param("overtime_points", INT, 2, N_("Points that win in overtime"), min=1, max=5, disciplines=THREE),
    Param("roster_min", INT, 5, N_("Minimum players"), min=5, max=12, disciplines=FIVE),
    Param("roster_max", INT, 12, N_("Maximum players"), min=5, max=15, disciplines=FIVE),
    Param("roster_min", INT, 3, N_("Minimum players"), min=3, max=4, disciplines=THREE),
    Param("roster_max", INT, 4, N_("Maximum players"), min=3, max=4, disciplines=THREE),
    Param("forfeit_score", INT, 20, N_("Score awarded for a forfeit"), min=1, max=50, disciplines=FIVE),
    Param("forfeits_to_nullify", INT, 2, N_("Forfeits that nullify a team's results"), min=1, max=3),
    Param("points_win", INT, 2, N_("Classification points for a win"), min=1, max=3, disciplines=FIVE),
    Param("points_loss", INT, 1, N_("Classification points for a loss"), min=0, max=2, disciplines=FIVE),
    Param("points_forfeit", INT, 0, N_("Classification points for a forfeit"), min=0, max=1, disciplines=FIVE),
    Param("tie_break", CHOICE, "difference", N_("Tie-break on points"), choices=("difference", "ratio"),
          disciplines=FIVE),
)


def roster(discipline: str | None, settings: dict) -> RosterRule:
    """roster_min..roster_max players and up to 2 coaches (3x3: no coach on the bench)."""
    coaches = (0, 2) if discipline == "5x5" else (0, 0)
    return RosterRule(roles={"player": (settings["roster_min"], settings["roster_max"]), "coach": coaches})


def check(discipline: str | None, settings: dict, bag) -> None:
    """The roster minimum cannot exceed the maximum; a win earns more than a loss."""
    if settings["roster_min"] > settings["roster_max"]:
        bag.add("settings.roster_min", N_("Must not exceed the maximum (%(max)s)."), max=settings["roster_max"])
    if discipline == "5x5" and not settings["points_win"] > settings["points_loss"] >= settings["points_forfeit"]:
        bag.add("settings.points_win", N_("A win must earn more than a loss, and a loss at least a forfeit."))


SPORT = Sport("basketball", N_("Basketball"), "head_to_head", DISCIPLINES, HEAD_TO_HEAD, SETTINGS, roster, check)
