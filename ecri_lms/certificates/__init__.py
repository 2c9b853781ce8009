"""Completion, certificates and their public verification."""
