"""Polish has three plural forms (1 miejsce, 2–4 and 22–24 miejsca, 5+ miejsc): a real page writes each
one with the catalogue the product ships, not a test catalogue."""

import pytest


@pytest.mark.parametrize(
    "seats, words",
    [
        (1, "Zostało 1 wolne miejsce z 1"),
        (2, "Zostały 2 wolne miejsca z 2"),
        (5, "Zostało 5 wolnych miejsc z 5"),
        (22, "Zostały 22 wolne miejsca z 22"),
    ],
)
def test_the_course_page_counts_free_seats_in_polish(client, make, login_as, seats, words):
    course = make.course()
    make.run(course, partner="LSK", capacity=seats)
    login_as(make.trainee(partner="LSK", language="pl"))

    page = client.get(f"/courses/{course.code}").get_data(as_text=True)

    assert '<html lang="pl">' in page
    assert words in " ".join(page.split())
