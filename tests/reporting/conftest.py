"""The reporting tests' hand-computed data set and who looks at it.

The data set is built once per test process in a database of its own; each test uses it inside a
transaction rolled back at its end (tests/dbutil.py, `PrebuiltData`).
"""

import pytest

from ecri_lms.accounts.models import User
from ecri_lms.assessment.models import Quiz
from ecri_lms.catalogue.models import Course
from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.models import CourseRun
from tests.dbutil import prebuilt_data
from tests.factories import Factory
from tests.reporting.dataset import Dataset, build

MODELS = {"people": User, "runs": CourseRun, "courses": Course, "quizzes": Quiz}


def _ids_of_a_new_dataset(_app) -> dict[str, dict[str, int]]:
    built = build(Factory())
    return {group: {name: row.id for name, row in getattr(built, group).items()} for group in MODELS}


@pytest.fixture(scope="session")
def _reporting_data(app, tmp_path_factory):
    with prebuilt_data(tmp_path_factory, "reporting", _ids_of_a_new_dataset) as prebuilt:
        yield prebuilt


@pytest.fixture
def data(_reporting_data, app, monkeypatch) -> Dataset:
    with _reporting_data.used_by(app, monkeypatch) as ids:
        yield Dataset(
            **{
                group: {name: db.session.get(MODELS[group], row_id) for name, row_id in rows.items()}
                for group, rows in ids.items()
            }
        )


@pytest.fixture
def consortium(data, make):
    return make.consortium_coordinator()
