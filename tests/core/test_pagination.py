"""Pagination counts the rows only when the page itself cannot tell how many there are."""

import pytest
from sqlalchemy import select

from ecri_lms.catalogue.models import Course
from ecri_lms.infra.pagination import paginate
from tests.dbutil import counted_statements


def _page(app, number: int):
    with app.test_request_context(f"/?page={number}"), counted_statements() as statements:
        page = paginate(select(Course).order_by(Course.code), per_page=2)
        return page.total, [course.code for course in page.items], len(statements)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, (5, ["C0", "C1"], 2)),  # a full page: the rest is counted
        (3, (5, ["C4"], 1)),  # the last page, not full: it tells the total
        (9, (5, [], 2)),  # past the end: counted
    ],
)
def test_the_total_is_counted_only_when_the_page_does_not_tell_it(app, make, number, expected):
    for index in range(5):
        make.course(f"C{index}", lessons=0)

    assert _page(app, number) == expected


def test_an_empty_list_has_no_rows_and_no_count_query(app):
    assert _page(app, 1) == (0, [], 1)
