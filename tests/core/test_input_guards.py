"""Input no database can store is refused at the door: huge ids are 404, NUL characters a 400."""

import pytest

from ecri_lms.infra.input_guards import MAX_ID, parse_id


@pytest.mark.parametrize(
    "text, expected",
    [
        ("42", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("99999999999999999999999", None),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("4 2", None),
    ],
)
def test_an_id_typed_by_the_client(text, expected):
    assert parse_id(text) == expected


def test_an_id_beyond_the_integer_range_matches_no_route(client, make, login_as):
    login_as(make.partner_coordinator())
    assert client.get(f"/runs/{MAX_ID + 1}").status_code == 404
    assert client.get(f"/runs/{2**70}").status_code == 404


@pytest.mark.parametrize("where", ["query", "form", "path"])
def test_nul_characters_are_a_bad_request(client, make, login_as, where):
    login_as(make.partner_coordinator())
    if where == "query":
        response = client.get("/courses", query_string={"q": "a\x00b"})
    elif where == "form":
        response = client.post("/profile", data={"name": "a\x00b", "timezone": "UTC"})
    else:
        response = client.get("/courses/AB%00C")
    assert response.status_code == 400
