"""Enrolling, reading lessons, marking them as done, and the course's own media files."""

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from ...infra.errors import PermissionDenied
from ...infra.extensions import db
from ...infra.i18n import gettext as _
from ...infra.web import commit_or_flash
from ..services import (
    course_reading,
    course_texts,
    enrol,
    enrolment_of,
    get_course,
    get_lesson,
    lesson_reading,
    lesson_texts,
    lesson_titles,
    materials_of,
    may_read_lessons,
    may_study,
    neighbours,
    progress_by_lesson,
    record_lesson_view,
    set_lesson_done,
    summary_of,
)
from ..services.access import is_course_staff, trainer_notes_of
from .blueprint import bp
from .helpers import MEDIA_FOLDER, chosen_language, render_for

# Files a lesson may show or link to, and how they are served. Anything else under media/ is refused.
MEDIA_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"}
# An SVG opened on its own may carry script: it gets no right to run anything.
MEDIA_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@bp.post("/courses/<code>/enrol")
@login_required
def enrol_in(code: str):
    course = get_course(current_user, code)
    outcome = commit_or_flash(
        lambda: enrol(current_user, course), _("You are enrolled in %(course)s.", course=course.title)
    )
    lessons = course.active_lessons
    if outcome.ok and lessons:
        return redirect(url_for("catalogue.lesson", code=course.code, slug=lessons[0].slug))
    return redirect(url_for("catalogue.course", code=course.code))


@bp.get("/courses/<code>/lessons/<slug>")
@login_required
def lesson(code: str, slug: str):
    course = get_course(current_user, code)
    lesson = get_lesson(course, slug)
    if not may_read_lessons(current_user, course):
        flash(_("Enrol in the course to open its lessons."), "info")
        return redirect(url_for("catalogue.course", code=course.code))
    record_lesson_view(current_user, lesson)
    db.session.commit()
    language = chosen_language(course)
    reading = lesson_reading(course, lesson, language)
    title, body = lesson_texts(lesson, reading.shown)
    previous, following = neighbours(course, lesson)
    studying = may_study(current_user, course)
    progress = progress_by_lesson(current_user, course) if studying else {}
    return render_template(
        "catalogue/lesson.html",
        course=course,
        lesson=lesson,
        title=title,
        language=language,
        reading=reading,
        course_title=course_texts(course, course_reading(course, reading.wanted).shown)["title"],
        titles=lesson_titles(course, reading.wanted),
        body=render_for(course, body, language, in_lesson=True),
        previous=previous,
        following=following,
        studying=studying,
        progress=progress,
        summary=summary_of(course, progress) if studying else None,
        enrolment=enrolment_of(current_user, course),
        materials=materials_of(current_user, "lesson", lesson),
        staff=is_course_staff(current_user),
    )


@bp.post("/courses/<code>/lessons/<slug>/done")
@login_required
def lesson_done(code: str, slug: str):
    course = get_course(current_user, code)
    lesson = get_lesson(course, slug)
    done = request.form.get("done", "1") == "1"
    outcome = commit_or_flash(lambda: set_lesson_done(current_user, lesson, done))
    _previous, following = neighbours(course, lesson)
    if outcome.ok and done and following is not None:
        return redirect(url_for("catalogue.lesson", code=course.code, slug=following.slug))
    return redirect(url_for("catalogue.lesson", code=course.code, slug=lesson.slug))


def _media_path(course_code: str, filename: str) -> Path:
    """The file under the course's media/ folder, or 404: no traversal, no hidden files, known types only."""
    course_dir = (Path(current_app.config["CONTENT_DIR"]) / "courses" / course_code).resolve()
    media_dir = course_dir / MEDIA_FOLDER.rstrip("/")
    parts = filename.split("/")
    if not filename.startswith(MEDIA_FOLDER) or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        abort(404)
    path = (course_dir / filename).resolve()
    if not path.is_relative_to(media_dir) or not path.is_file() or path.suffix.lower() not in MEDIA_TYPES:
        abort(404)
    return path


@bp.get("/courses/<code>/files/<path:filename>")
@login_required
def course_file(code: str, filename: str):
    course = get_course(current_user, code)
    if not course.is_from_content:
        abort(404)
    if not may_read_lessons(current_user, course):
        raise PermissionDenied(_("Only the course's trainees and staff can open its files."))
    path = _media_path(course.code, filename)
    mimetype = MEDIA_TYPES[path.suffix.lower()]
    response = send_file(path, mimetype=mimetype, as_attachment=mimetype not in INLINE_TYPES, download_name=path.name)
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    return response


@bp.get("/courses/<code>/trainer-notes")
@login_required
def trainer_notes(code: str):
    course = get_course(current_user, code)
    notes = trainer_notes_of(current_user, course)
    return render_template(
        "catalogue/trainer_notes.html", course=course, notes=render_for(course, notes, course.language, in_lesson=True)
    )
