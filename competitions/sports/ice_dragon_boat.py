"""Ice dragon boat (冰上龙舟): boats, classes, crews and race settings (IDBF rules, Chinese notices)."""
from __future__ import annotations

from dataclasses import dataclass

from common.errors import N_
from common.params import CHOICE, INT, Param
from competitions.sports.base import RosterRule, Sport


@dataclass(frozen=True)
class Boat:
    """A boat size: paddlers, drummer, steerer, reserves, and the mixed-crew range per sex."""

    paddlers: int
    drummer: int
    steerer: int
    reserves: int
    mixed: tuple[int, int]
    #: roles counted for the mixed rule: the paddlers, or the whole crew in small boats
    mixed_roles: tuple[str, ...]


BOATS = {
    22: Boat(20, 1, 1, 4, (8, 12), ("paddler",)),
    12: Boat(10, 1, 1, 2, (4, 6), ("paddler",)),
    5: Boat(4, 1, 0, 1, (2, 3), ("paddler", "drummer")),
    4: Boat(4, 0, 0, 1, (2, 2), ("paddler",)),
}

CLASSES = ("open", "men", "women", "mixed")


def _default_reserves(settings: dict) -> int:
    """Up to 2 reserves (IDBF: a 12-person crew has up to 2), as many as the boat allows."""
    boat = BOATS.get(settings.get("boat"))
    return min(2, boat.reserves) if boat else 2

SETTINGS = (
    Param("boat", INT, 12, N_("Boat size"), choices=tuple(BOATS)),
    Param("class", CHOICE, "open", N_("Crew class"), choices=CLASSES),
    Param("distance_m", INT, 200, N_("Distance in metres"), min=50, max=2000),
    Param("reserves", INT, _default_reserves, N_("Reserves allowed"), min=0, max=4,
          help=N_("Empty: up to 2, as many as the boat allows.")),
    Param("false_start_penalty_ms", INT, 10000, N_("False start penalty (ms)"), min=0, max=60000),
    Param("tie_resolution", CHOICE, "rerace", N_("Deciding an equal time"), choices=("rerace", "lot")),
    Param("age_min", INT, 0, N_("Minimum paddler age (0: none)"), min=0, max=80),
    Param("age_max", INT, 0, N_("Maximum paddler age (0: none)"), min=0, max=100),
)

_AGE_ROLES = ("paddler", "reserve")


def roster(discipline: str | None, settings: dict) -> RosterRule:
    """The crew of the boat size, reserves within the setting, and the class's sex composition."""
    boat = BOATS[settings["boat"]]
    roles = {"paddler": (boat.paddlers, boat.paddlers), "reserve": (0, min(settings["reserves"], boat.reserves))}
    if boat.drummer:
        roles["drummer"] = (boat.drummer, boat.drummer)
    if boat.steerer:
        roles["steerer"] = (boat.steerer, boat.steerer)
    crew_class = settings["class"]
    genders, gender_roles = {}, boat.mixed_roles
    if crew_class == "mixed":
        genders = {"M": boat.mixed, "F": boat.mixed}
    elif crew_class == "men":
        genders, gender_roles = {"F": (0, 0)}, ("paddler", "reserve")
    elif crew_class == "women":
        genders, gender_roles = {"M": (0, 0)}, ("paddler", "reserve")
    return RosterRule(roles=roles, genders=genders, gender_roles=gender_roles, age_min=settings["age_min"],
                      age_max=settings["age_max"], age_roles=_AGE_ROLES, default_role="paddler")


def check(discipline: str | None, settings: dict, bag) -> None:
    """Reserves within the boat's limit; the age range in order."""
    limit = BOATS[settings["boat"]].reserves
    if settings["reserves"] > limit:
        bag.add("settings.reserves", N_("At most %(max)s reserves in this boat."), max=limit)
    if settings["age_min"] and settings["age_max"] and settings["age_min"] > settings["age_max"]:
        bag.add("settings.age_min", N_("Must not exceed the maximum age (%(max)s)."), max=settings["age_max"])


SPORT = Sport("ice_dragon_boat", N_("Ice dragon boat"), "timed", {}, ("timed_heats",), SETTINGS, roster, check,
              needs_discipline=False)
