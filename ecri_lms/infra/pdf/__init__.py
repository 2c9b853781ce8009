"""Shared PDF building blocks (reportlab): fonts that cover every script our trainees write in."""
