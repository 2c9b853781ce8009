"""The outbox as an administrator sees it: messages, their state, and resending."""
