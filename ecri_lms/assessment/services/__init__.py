"""The assessment area's public API: other areas import from here, never from the modules inside.

For completion, certificates and the gradebook: `quiz_grade`, `grades_for`, `course_grades`,
`passed`, `user_grades`, `final_score`, `essays_graded`, `ungraded_essays`, `ungraded_essays_by_course`,
`quizzes_of`, `quizzes_by_slugs`, and the
`register_attempt_graded` hook (in `ecri_lms.assessment.hooks`). For the content sync:
`load_course_quizzes` and `check_course_quizzes`.
"""

from .attempts import (
    SaveOutcome,
    attempts_of,
    own_attempt,
    save_answer,
    save_answers,
    seconds_left,
    start_attempt,
    start_refusal,
    submit_attempt,
    submitted_values,
    viewable_attempt,
)
from .bank import (
    ImportReport,
    active_questions,
    bank_questions_query,
    categories_of,
    decode_gift,
    export_gift,
    get_category,
    get_question,
    import_gift,
    set_archived,
)
from .content import (
    ContentQuizReport,
    check_course_quizzes,
    load_course_quizzes,
    read_quiz_entries,
    sync_content_quizzes,
)
from .grades import (
    CourseQuizzes,
    QuizGrade,
    course_grades,
    essays_graded,
    final_score,
    grade_from_attempts,
    grades_for,
    manual_type_names,
    my_quizzes,
    passed,
    quiz_grade,
    ungraded_essays,
    ungraded_essays_by_course,
    user_grades,
)
from .grading import essay_answer, grade_essay, waiting_essay_count, waiting_essay_rows, waiting_essays_query
from .presentation import attempt_questions, review_of
from .quizzes import (
    SETTINGS,
    add_fixed_slot,
    add_random_slot,
    create_quiz,
    get_course,
    get_quiz,
    question_count,
    quiz_by_slug,
    quiz_counts,
    quizzes_by_slugs,
    quizzes_of,
    remove_slot,
    staff_courses_query,
    update_quiz,
)
from .statistics import quiz_statistics

__all__ = [
    "ContentQuizReport", "CourseQuizzes", "ImportReport", "QuizGrade", "SETTINGS", "SaveOutcome", "active_questions",
    "add_fixed_slot", "add_random_slot", "attempt_questions", "attempts_of", "bank_questions_query", "categories_of",
    "check_course_quizzes", "course_grades", "create_quiz", "decode_gift", "essay_answer", "essays_graded",
    "export_gift", "final_score", "get_category", "get_course", "get_question", "get_quiz", "grade_essay",
    "grade_from_attempts", "grades_for", "import_gift", "load_course_quizzes", "manual_type_names", "my_quizzes",
    "own_attempt", "passed",
    "question_count", "quiz_by_slug", "quiz_counts", "quiz_grade", "quiz_statistics", "quizzes_by_slugs", "quizzes_of",
    "read_quiz_entries", "remove_slot", "review_of", "save_answer", "save_answers", "seconds_left", "set_archived",
    "staff_courses_query", "start_attempt", "start_refusal", "submit_attempt", "submitted_values",
    "sync_content_quizzes", "ungraded_essays", "ungraded_essays_by_course", "update_quiz", "user_grades",
    "viewable_attempt", "waiting_essay_count", "waiting_essay_rows", "waiting_essays_query",
]
