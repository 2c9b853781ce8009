"""Coursework of the demo runs that have ended: most trainees viewed every lesson and passed the quizzes
their course's completion rules name, a few after failing once; the others stopped part-way. The
trainee.<partner> accounts always did everything, so a newcomer logged in as one can get a certificate.

Runs before the attendance sheets are marked, so the completion checks a graded quiz triggers find the
attendance rule unmet: completions are recorded by the certificates step, dated after each run.
"""

import random
from datetime import timedelta

from ..accounts.permissions import SYSTEM
from ..assessment.demo import pass_quiz
from ..assessment.services import quiz_by_slug
from ..catalogue.demo import view_lessons
from ..certificates.rule_progress import rules_of
from ..infra.timeutil import utcnow
from ..scheduling.queries import confirmed_registrations

DILIGENT_SHARE = 0.8
FAIL_FIRST_SHARE = 0.15


def load_coursework(rng: random.Random, runs: list) -> int:
    """Lessons and quizzes of the ended runs' trainees; returns how many did all their coursework."""
    diligent = 0
    now = utcnow()
    for run in runs:
        if not (run.is_published or run.is_completed) or not run.sessions or run.ends_at > now:
            continue
        for registration in confirmed_registrations(run):
            if rng.random() < DILIGENT_SHARE or registration.user.email.startswith("trainee."):
                _do_everything(rng, registration.user, run)
                diligent += 1
            else:
                _stop_part_way(rng, registration.user, run)
    return diligent


def _do_everything(rng: random.Random, trainee, run) -> None:
    """Lessons viewed while the run met, the named quizzes passed in the days after its last session."""
    view_lessons(trainee, run.course.active_lessons, run.starts_at)
    grader = run.trainers[0] if run.trainers else SYSTEM
    for slug in rules_of(run).get("quizzes") or []:
        quiz = quiz_by_slug(run.course, slug)
        if quiz is not None:
            pass_quiz(
                rng,
                trainee,
                quiz,
                min(run.ends_at + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 8)), utcnow()),
                grader,
                fail_first=rng.random() < FAIL_FIRST_SHARE,
            )


def _stop_part_way(rng: random.Random, trainee, run) -> None:
    lessons = run.course.active_lessons
    view_lessons(trainee, lessons[: rng.randint(0, max(len(lessons) - 1, 0))], run.starts_at)
