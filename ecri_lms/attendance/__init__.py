"""Attendance: session registers, self check-in, attendance rates and sign-in sheets."""
