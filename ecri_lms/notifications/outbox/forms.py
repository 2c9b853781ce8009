"""The outbox page's one action."""

from flask_wtf import FlaskForm


class ResendForm(FlaskForm):
    """A button-only form: CSRF protection for sending a failed e-mail again."""
