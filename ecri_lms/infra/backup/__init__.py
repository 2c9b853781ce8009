"""Backups: one consistent archive of every table and every uploaded file, and its restore."""
