"""Photography (职工摄影大赛): categories, file rules, judging scale and award quotas."""
from __future__ import annotations

from common.errors import N_
from common.params import BOOL, CHOICE, INT, Param
from competitions.sports.base import Discipline, RosterRule, Sport

DISCIPLINES = {
    "single": Discipline("single", N_("Single image"), "author"),
    "series": Discipline("series", N_("Series"), "author"),
}

SETTINGS = (
    Param("entries_per_author", INT, 3, N_("Entries per author"), min=1, max=10),
    Param("min_long_edge_px", INT, 3000, N_("Minimum long edge (px)"), min=0, max=20000),
    Param("max_file_mb", INT, 20, N_("Maximum file size (MB)"), min=1, max=100),
    Param("series_min_images", INT, 4, N_("Minimum images in a series"), min=2, max=12, disciplines=("series",)),
    Param("series_max_images", INT, 8, N_("Maximum images in a series"), min=2, max=12, disciplines=("series",)),
    Param("judges", INT, 5, N_("Judges on the panel"), choices=(3, 5)),
    Param("score_min", INT, 1, N_("Lowest score"), min=0, max=10),
    Param("score_max", INT, 10, N_("Highest score"), min=1, max=100),
    Param("aggregate", CHOICE, "sum", N_("Total of the judges' scores"), choices=("sum", "mean")),
    Param("drop_extremes", BOOL, False, N_("Drop the highest and lowest score")),
    Param("award_special", INT, 0, N_("Special awards (特等奖)"), min=0, max=20),
    Param("award_first", INT, 3, N_("First prizes (一等奖)"), min=0, max=50),
    Param("award_second", INT, 6, N_("Second prizes (二等奖)"), min=0, max=100),
    Param("award_third", INT, 10, N_("Third prizes (三等奖)"), min=0, max=200),
    Param("award_excellence", INT, 20, N_("Excellence awards (优秀奖)"), min=0, max=500),
    Param("max_awards_per_delegation", INT, 0, N_("Awards per delegation (0: no cap)"), min=0, max=100),
    Param("notice_days", INT, 7, N_("Public notice period (days)"), min=0, max=30),
)


def roster(discipline: str | None, settings: dict) -> RosterRule:
    """An entry is one author."""
    return RosterRule(roles={"author": (1, 1)}, default_role="author", aliases={"player": "author"})


def check(discipline: str | None, settings: dict, bag) -> None:
    """Score and series bounds in order. (Dropping the highest and lowest of 3 judges' scores leaves the middle
    one: allowed, RULES.md sets no panel size for it.)"""
    if settings["score_min"] >= settings["score_max"]:
        bag.add("settings.score_min", N_("Must be below the highest score (%(max)s)."), max=settings["score_max"])
    if discipline == "series" and settings["series_min_images"] > settings["series_max_images"]:
        bag.add("settings.series_min_images", N_("Must not exceed the maximum (%(max)s)."),
                max=settings["series_max_images"])


SPORT = Sport("photography", N_("Photography"), "judged", DISCIPLINES, ("judged",), SETTINGS, roster, check)
