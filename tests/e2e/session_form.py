"""Filling the "Add sessions" form as a person does: one session, repeated on the following days."""

from datetime import timedelta

from playwright.sync_api import Page, expect

from ecri_lms.infra.timeutil import utcnow


def first_working_day(days_ahead: int) -> str:
    """A Monday about `days_ahead` days away, as a date input takes it: two days in a row on working days."""
    day = utcnow().date() + timedelta(days=days_ahead)
    day += timedelta(days=(7 - day.weekday()) % 7)
    return day.isoformat()


def add_daily_sessions(page: Page, *, venue: str, day: str, starts: str, ends: str, count: int) -> None:
    """`day` is 'YYYY-MM-DD', `starts` and `ends` 'HH:MM' on the run's clock."""
    page.get_by_label("Venue").select_option(label=venue)
    page.get_by_label("Starts").fill(f"{day}T{starts}")
    page.get_by_label("Ends").fill(f"{day}T{ends}")
    page.get_by_label("Repeat").select_option(label="Every day")
    page.get_by_label("Number of sessions").fill(str(count))
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("status").filter(has_text=f"{count} sessions added.")).to_be_visible()
