"""Who may do what: role checks shared by every service."""
from __future__ import annotations

from sqlalchemy import inspect

from accounts.models import User
from common.errors import N_, Forbidden, Unauthorized, msg

#: each role's name, for the faces to translate
ROLE_NAMES = {"organiser": N_("Organiser"), "leader": N_("Delegation leader"), "referee": N_("Referee"),
              "judge": N_("Judge")}


def require_user(actor: User | None) -> User:
    """The acting user, or Unauthorized when nobody is logged in."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise Unauthorized()
    return actor


def require_role(actor: User | None, role: str) -> User:
    """The acting user if they hold ``role``, else Forbidden."""
    user = require_user(actor)
    if not user.has_role(role):
        raise Forbidden(N_("This needs the %(role)s role."), role=msg(ROLE_NAMES.get(role, role)))
    return user


def user_id_of(actor: User | None) -> int | None:
    """The id of a stored user without reloading it (an actor kept across commits is expired)."""
    state = inspect(actor, raiseerr=False) if actor is not None else None
    return state.identity[0] if state is not None and state.identity else None
