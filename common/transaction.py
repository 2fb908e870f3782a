"""One transaction per use case: commit when the service returns, roll back on any error."""
from __future__ import annotations

import functools

from sqlalchemy.exc import IntegrityError

from common.db import db
from common.errors import N_, Conflict


def use_case(fn):
    """Decorate a service function so it commits once on success and rolls back on any exception.

    A unique-constraint violation raised by the database (two users racing for the same name)
    becomes a Conflict, so it is never a 500.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
            db.session.commit()
            return result
        except IntegrityError:
            db.session.rollback()
            raise Conflict(N_("This conflicts with data saved meanwhile (a duplicate?). Reload and try again."))
        except BaseException:
            db.session.rollback()
            raise

    return wrapper
