"""Passwords (Argon2id via argon2-cffi) and random tokens (session tokens, API keys).

Passwords are slow-hashed; tokens are 256 random bits, so a fast SHA-256 digest is enough to
store them: nobody can guess one to match a digest.
"""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from shopcast.errors import InvalidInputError

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 256
API_KEY_PREFIX = "sk_"
_SHOWN_PREFIX = 11  # "sk_" and 8 characters: enough to tell keys apart in a list

# argon2-cffi's defaults: the RFC 9106 "low memory" Argon2id profile (t=3, 64 MiB, p=4).
DEFAULT_HASHER = PasswordHasher()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInputError(
            f"A password needs at least {MIN_PASSWORD_LENGTH} characters.",
            hint="Use a passphrase of several words.",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInputError(f"A password has at most {MAX_PASSWORD_LENGTH} characters.")


def hash_password(password: str, hasher: PasswordHasher = DEFAULT_HASHER) -> str:
    check_password_rules(password)
    return hasher.hash(password)


def verify_password(
    password_hash: str, password: str, hasher: PasswordHasher = DEFAULT_HASHER
) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str, hasher: PasswordHasher = DEFAULT_HASHER) -> bool:
    """True when the hash was made with other parameters than ``hasher``'s (then the next
    sign-in stores a new one)."""
    return hasher.check_needs_rehash(password_hash)


@cache
def _decoy_hash(hasher: PasswordHasher) -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def spend_verify_time(password: str, hasher: PasswordHasher = DEFAULT_HASHER) -> None:
    """Verify against a decoy so an unknown name takes as long as a wrong password."""
    verify_password(_decoy_hash(hasher), password, hasher)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def new_api_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def shown_prefix(api_key: str) -> str:
    return api_key[:_SHOWN_PREFIX]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
