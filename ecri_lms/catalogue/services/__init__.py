"""The catalogue's use cases; other areas import from here (or from `catalogue.content`) only."""

from .access import (
    enrolment_of,
    is_course_staff,
    may_read_lessons,
    may_see_course,
    may_study,
    register_study_access,
)
from .catalogue import (
    CatalogueFilter,
    all_course_codes,
    catalogue_query,
    course_texts,
    courses_by_codes,
    filter_options,
    get_course,
    get_lesson,
    languages_of,
    lesson_texts,
    neighbours,
    register_offering,
)
from .editing import (
    CourseData,
    add_lesson,
    archive_lesson,
    create_course,
    ensure_editable,
    move_lesson,
    set_course_archived,
    update_course,
    update_lesson,
)
from .learning import (
    MyCourse,
    enrol,
    lesson_progress_summary,
    lessons_viewed_by_course,
    lessons_viewed_summary,
    my_courses,
    progress_by_lesson,
    record_lesson_view,
    set_lesson_done,
    summary_of,
)
from .materials import (
    add_version,
    archive_material,
    get_material_for,
    materials_of,
    may_manage,
    may_see_history,
    open_version,
    owner_summary,
    register_material_owner,
    upload_material,
    version_for_download,
)

__all__ = [
    "add_lesson", "add_version", "all_course_codes", "archive_lesson", "archive_material", "catalogue_query",
    "CatalogueFilter", "course_texts", "CourseData", "courses_by_codes", "create_course", "enrol", "enrolment_of",
    "ensure_editable", "filter_options", "get_course", "get_lesson", "get_material_for", "is_course_staff",
    "languages_of", "lesson_progress_summary", "lesson_texts", "lessons_viewed_by_course",
    "lessons_viewed_summary", "materials_of", "may_manage",
    "may_read_lessons", "may_see_course", "may_see_history", "may_study", "move_lesson", "my_courses", "MyCourse",
    "neighbours", "open_version", "owner_summary", "progress_by_lesson", "record_lesson_view",
    "register_material_owner", "register_offering", "register_study_access", "set_course_archived", "set_lesson_done",
    "summary_of", "update_course",
    "update_lesson", "upload_material", "version_for_download",
]
