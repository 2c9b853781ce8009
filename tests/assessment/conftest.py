"""Fixtures of the assessment tests: who counts as a learner, and a fixed clock."""

from datetime import UTC, datetime

import pytest

from ecri_lms.catalogue.services import access


class Learners:
    """Grants learner access to chosen users (of every course, or of one)."""

    def __init__(self):
        self.pairs: set[tuple[int, int | None]] = set()

    def add(self, user, course=None):
        self.pairs.add((user.id, course.id if course is not None else None))
        return user

    def check(self, user, course) -> bool:
        return (user.id, None) in self.pairs or (user.id, course.id) in self.pairs


@pytest.fixture
def learners(monkeypatch):
    granted = Learners()
    monkeypatch.setitem(access._STUDY_ACCESS, "assessment-tests", granted.check)
    return granted


@pytest.fixture
def t0():
    """A fixed 'now' for services that take one."""
    return datetime(2027, 3, 15, 9, 0, tzinfo=UTC)
