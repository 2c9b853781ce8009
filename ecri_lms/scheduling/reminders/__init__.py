"""Reminders sent by e-mail 24 hours before each session, once per trainee and session."""
