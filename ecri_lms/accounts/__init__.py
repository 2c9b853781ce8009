"""People: accounts, roles, authentication and the one place that decides what a role may do."""
