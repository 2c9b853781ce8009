"""Attendance: session attendance sheets, self check-in, attendance rates and sign-in sheets."""
