"""The audit log: who changed which record that others rely on, and when."""
