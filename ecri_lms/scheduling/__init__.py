"""Scheduling: course runs, training sessions, venues, registration with waiting lists, calendars."""
