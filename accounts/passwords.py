"""Password rules and hashing (scrypt through werkzeug)."""
from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

from common.errors import N_, ErrorBag

MIN_LENGTH, MAX_LENGTH = 8, 128


def check_strength(bag: ErrorBag, password: object, path: str = "password") -> str:
    """A new password: text of 8 to 128 characters, not all digits or one repeated character."""
    if not isinstance(password, str) or not password:
        bag.add(path, N_("This field is required."))
        return ""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        bag.add(path, N_("Use %(min)s to %(max)s characters."), min=MIN_LENGTH, max=MAX_LENGTH)
    elif password.isdigit() or len(set(password)) < 3:
        bag.add(path, N_("Too easy to guess: mix letters, digits or symbols."))
    return password


def hash_password(password: str) -> str:
    """The scrypt hash of ``password``."""
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``."""
    return check_password_hash(password_hash, password)


#: a hash to check against when the user does not exist, so timing does not reveal it
DUMMY_HASH = hash_password("not-a-real-password-0")
