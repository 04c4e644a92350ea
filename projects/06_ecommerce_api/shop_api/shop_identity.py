"""Who is calling: the password hasher and the user of the request's token. (Given.)"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from flask_jwt_extended import get_current_user

from shop_api.shop_models import User


def make_hasher(profile: str) -> PasswordHasher:
    """An argon2id hasher from a named profile of `argon2.profiles` (tests use the cheapest)."""
    return PasswordHasher.from_parameters(getattr(profiles, profile))


def current_user() -> User:
    """The user of the request's access token (the one your `init_jwt` loads from its `sub`)."""
    user: User = get_current_user()
    return user
