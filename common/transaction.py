"""One transaction per use case: commit when the service returns, roll back on any error."""
from __future__ import annotations

import functools

from sqlalchemy.exc import IntegrityError

from common.db import db, writing
from common.errors import N_, Conflict


def use_case(fn):
    """Decorate a service function so it commits once on success and rolls back on any exception.

    A unique-constraint violation raised by the database (two users racing for the same name)
    becomes a Conflict, so it is never a 500. The use case runs in a transaction of its own that is
    marked as writing (SQLite then takes the write lock at BEGIN); a use case called by another one
    joins the caller's transaction.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if writing.get():
            return fn(*args, **kwargs)
        if db.session().in_transaction():
            db.session.commit()  # end the request's read transaction (loading the user, say)
        token = writing.set(True)
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
        finally:
            writing.reset(token)

    return wrapper
