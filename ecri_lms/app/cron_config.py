"""The recurring jobs, for RQ's cron scheduler when REDIS_URL is set:

    rq cron ecri_lms.app.cron_config --url "$REDIS_URL"

It puts each job on the `ecri` queue when due; `flask jobs worker` runs it inside the app. One scheduler
process is enough, and a job overlapping another (a second scheduler, or the same command from cron) is
safe. Without Redis, cron runs the same work as `flask` commands (README, "Running in production").
"""

from rq import cron

from ..certificates.services import evaluate_ended_runs
from ..infra.jobs.queue import QUEUE_NAME, call_of, run_in_app

cron.register(
    run_in_app,
    QUEUE_NAME,
    args=call_of(evaluate_ended_runs),
    cron="*/5 * * * *",
    name="certificates-evaluate-ended",
)
