"""Production's password hashing: the rest of the suite hashes at Argon2's cheapest (tests/hashing.py)."""

import pytest

from ecri_lms.accounts.passwords import hash_password, needs_rehash, verify_password
from ecri_lms.accounts.services import authenticate
from tests.factories import PASSWORD
from tests.hashing import CHEAP_HASHER, production_hashing

PRODUCTION_PREFIX = "$argon2id$v=19$m=65536,t=3,p=4$"  # argon2-cffi's defaults (RFC 9106, low memory)


@pytest.fixture(autouse=True)
def _production_hashing():
    with production_hashing():
        yield


def test_passwords_are_hashed_with_argon2id_salted_and_checked():
    first, second = hash_password("a-sturdy-passphrase"), hash_password("a-sturdy-passphrase")

    assert first.startswith(PRODUCTION_PREFIX) and first != second
    assert verify_password(first, "a-sturdy-passphrase") and verify_password(second, "a-sturdy-passphrase")
    assert not verify_password(first, "a-sturdy-passphrasE")
    assert not verify_password(None, "a-sturdy-passphrase") and not verify_password("not a hash", "x")


def test_a_hash_of_weaker_parameters_is_accepted_and_marked_for_rehashing():
    weaker = CHEAP_HASHER.hash("a-sturdy-passphrase")

    assert verify_password(weaker, "a-sturdy-passphrase")
    assert needs_rehash(weaker) and not needs_rehash(hash_password("a-sturdy-passphrase"))


def test_signing_in_with_a_weaker_hash_stores_a_hash_of_production_strength(make):
    user = make.trainee(email="weak@example.org")
    assert not user.password_hash.startswith(PRODUCTION_PREFIX)

    assert authenticate("weak@example.org", PASSWORD) == user
    assert user.password_hash.startswith(PRODUCTION_PREFIX) and verify_password(user.password_hash, PASSWORD)
