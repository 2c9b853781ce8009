"""After login the user goes where `next` says only if it is a path on this site; anything else goes home."""

from urllib.parse import quote

import pytest

from tests.factories import PASSWORD

# Each is the raw query-string value an attacker would put in a link: /login?next=<payload>.
BYPASS_PAYLOADS = [
    # tabs, newlines and other control characters, which browsers drop from a Location
    "/%09/evil.example/path",
    "/%09%09/evil.example",
    "/\t\t/evil.example",
    "%09//evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/%0aevil.example",
    "/%0devil.example",
    "/%7f/evil.example",
    "/%1b/evil.example",
    "%20//evil.example",
    "/%C2%85/evil.example",
    # protocol-relative and backslashes, which browsers read as slashes
    "//evil.example",
    "///evil.example",
    "////evil.example/path",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "/%5C/evil.example",
    "%5C%5Cevil.example",
    # encoded slashes, once or twice
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "/%2fevil.example",
    "%2F%5Cevil.example",
    "/%252F/evil.example",
    "/%252F%252Fevil.example",
    "/%25%32%46/evil.example",
    # unicode slashes and dots that normalise to ASCII ones
    "/%EF%BC%8Fevil.example",
    "/%E2%88%95evil.example",
    "/%E2%81%84evil.example",
    "%EF%BC%8F%EF%BC%8Fevil.example",
    "/\uff0fevil.example",
    "/%E3%80%82/evil.example",
    # schemes, with and without slashes
    "https://evil.example",
    "http:evil.example",
    "https:/evil.example",
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html,<script>x</script>",
    "ftp://evil.example",
    "//evil.example@ecri-lms.example",
    # not a path at all
    "evil.example",
    ".evil.example",
    "",
    " ",
]

ACCEPTED = ["/courses", "/courses/CE01?tab=lessons", "/runs/12#sessions", "/profile", "/a%20b"]


@pytest.fixture
def trainee(make):
    return make.trainee(email="next@example.org")


def _log_in(client, query: str):
    return client.post(f"/login?next={query}", data={"email": "next@example.org", "password": PASSWORD})


@pytest.mark.parametrize("payload", BYPASS_PAYLOADS)
def test_a_next_that_leaves_the_site_or_hides_a_control_character_goes_home(client, trainee, payload):
    response = _log_in(client, payload)
    assert (response.status_code, response.headers["Location"]) == (302, "/")


def test_a_next_with_a_nul_byte_is_refused_before_anyone_logs_in(client, trainee):
    response = _log_in(client, "/%00/evil.example")
    assert response.status_code == 400 and "Location" not in response.headers
    assert client.get("/profile").status_code == 302


@pytest.mark.parametrize("target", ACCEPTED)
def test_a_next_on_this_site_is_followed(client, trainee, target):
    response = _log_in(client, quote(target, safe="/"))
    assert (response.status_code, response.headers["Location"]) == (302, target)
