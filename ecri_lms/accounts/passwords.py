"""Password hashing (Argon2id) and the password policy."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..infra.i18n import gettext as _
from ..infra.i18n import ngettext

_hasher = PasswordHasher()
# Verified against when the account does not exist, so a login takes as long either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password-but-takes-as-long")

MIN_LENGTH = 10
COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "password123",
        "passw0rd",
        "qwerty",
        "qwertyuiop",
        "123456789",
        "1234567890",
        "12345678910",
        "letmein123",
        "iloveyou",
        "welcome123",
        "administrator",
        "changeme123",
        "trustno1",
        "football12",
        "baseball12",
        "sunshine12",
        "princess12",
        "qwerty123",
        "qwerty1234",
        "abc1234567",
        "aaaaaaaaaa",
        "0987654321",
        "password12",
    }
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; a missing account still costs one verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problems(password: str, email: str = "", name: str = "") -> list[str]:
    """Why a password is too weak (empty when it is acceptable)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(ngettext("Use at least %(num)d character.", "Use at least %(num)d characters.", MIN_LENGTH))
    lowered = password.casefold()
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 4:
        problems.append(_("This password is too common or too repetitive."))
    local_part = email.split("@")[0].casefold()
    if len(local_part) >= 4 and local_part in lowered:
        problems.append(_("Do not use your e-mail address in your password."))
    name_parts = [p for p in name.casefold().split() if len(p) >= 4]
    if any(part in lowered for part in name_parts):
        problems.append(_("Do not use your name in your password."))
    return problems
