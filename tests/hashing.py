"""Password hashing at Argon2's cheapest for the test process.

Production's parameters cost about 0.2 s of CPU per hash or check, and the suite signs people up, in and
out hundreds of times. tests/accounts/test_passwords.py checks production's hasher itself.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher

from ecri_lms.accounts import passwords

PRODUCTION_HASHER = passwords._hasher
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def hash_with(hasher: PasswordHasher) -> None:
    """passwords.py hashes and checks with `hasher`, unknown accounts included."""
    passwords._hasher = hasher
    passwords._DUMMY_HASH = hasher.hash("not-a-real-password-but-takes-as-long")


@contextmanager
def production_hashing() -> Iterator[PasswordHasher]:
    """Production's hasher inside the block, the cheap one again after it."""
    hash_with(PRODUCTION_HASHER)
    try:
        yield PRODUCTION_HASHER
    finally:
        hash_with(CHEAP_HASHER)
