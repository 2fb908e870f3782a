"""Competition format types a contest can use, and their options. Pure."""
from __future__ import annotations

from common.errors import N_
from common.params import BOOL, CHOICE, INT, Param

#: format type -> its options (validated like settings, under the field path "format.")
FORMATS: dict[str, tuple[Param, ...]] = {
    "single_elimination": (
        Param("third_place", BOOL, False, N_("Third-place match")),
        Param("seeds", INT, 0, N_("Number of seeds"), min=0, max=32),
    ),
    "double_elimination": (
        Param("grand_final", CHOICE, "single", N_("Grand final"), choices=("single", "reset")),
    ),
    "round_robin": (Param("cycles", INT, 1, N_("Cycles"), choices=(1, 2), min=1, max=2),),
    "groups_knockout": (
        Param("groups", INT, 4, N_("Groups"), min=2, max=64, required=True),
        Param("qualifiers_per_group", INT, 2, N_("Qualifiers per group"), min=1, max=8, required=True),
        Param("third_place", BOOL, False, N_("Third-place match")),
    ),
    "timed_heats": (
        Param("lanes", INT, 4, N_("Lanes"), min=1, max=12, required=True),
        Param("runs", INT, 1, N_("Runs per crew"), choices=(1, 2), min=1, max=2),
        Param("ranking", CHOICE, "best", N_("Ranking"), choices=("best", "sum", "final")),
    ),
    "judged": (
        Param("rounds", INT, 1, N_("Judging rounds"), choices=(1, 2), min=1, max=2),
    ),
}

FORMAT_LABELS = {
    "single_elimination": N_("Single elimination"),
    "double_elimination": N_("Double elimination"),
    "round_robin": N_("Round robin"),
    "groups_knockout": N_("Groups then knockout"),
    "timed_heats": N_("Timed heats"),
    "judged": N_("Judged"),
}

HEAD_TO_HEAD = ("single_elimination", "double_elimination", "round_robin", "groups_knockout")

#: labels of the choice values used by settings and format options
CHOICE_LABELS = {
    "open": N_("Open"), "men": N_("Men"), "women": N_("Women"), "mixed": N_("Mixed"),
    "best": N_("Best single time"), "sum": N_("Sum"), "final": N_("Finals"), "mean": N_("Mean"),
    "rerace": N_("Re-race"), "lot": N_("Drawing lots"), "difference": N_("Points difference"),
    "ratio": N_("Points ratio (得失分率)"), "single": N_("Single match"), "reset": N_("With reset"),
}
