"""Reading the app's iCalendar output strictly: the rules every feed and invitation must keep."""

from icalendar import Calendar


def parse_strictly(data: bytes) -> Calendar:
    """Parse a calendar and check the rules every feed must keep."""
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "every line ends in CRLF"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
    calendar = Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set()
    defined = {tz.tz_name for tz in calendar.timezones}
    for event in calendar.walk("VEVENT"):
        for name in (
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "LOCATION",
            "URL",
            "DESCRIPTION",
            "SEQUENCE",
            "STATUS",
        ):
            assert name in event, f"{name} missing"
        for name in ("DTSTART", "DTEND"):
            assert event[name].params["TZID"] in defined
    return calendar


def events_by_uid(data: bytes) -> dict:
    return {str(event["UID"]): event for event in parse_strictly(data).walk("VEVENT")}
