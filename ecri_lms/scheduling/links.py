"""Absolute links to runs and sessions for e-mails and calendars."""

from ..infra.links import absolute_url


def run_url(run) -> str:
    return absolute_url("scheduling.run_detail", run_id=run.id)


def session_url(training_session) -> str:
    return absolute_url(
        "scheduling.run_detail", _anchor=f"session-{training_session.id}", run_id=training_session.run_id
    )
