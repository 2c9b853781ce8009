"""The one place the assessment area asks who may take a course's quizzes: the catalogue's learners.

Enrolment and run registration decide it (they register their rules with the catalogue); quizzes
only ask, so no other module of this area imports the catalogue's access rules.
"""

from ..catalogue.services import may_study


def may_take_quizzes(user, course) -> bool:
    """Whether the user is a learner of the course (enrolled, or registered for one of its runs)."""
    return may_study(user, course)
