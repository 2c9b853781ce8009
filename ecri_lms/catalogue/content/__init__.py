"""The curriculum files in CONTENT_DIR and `flask content sync`, the one way they reach the database.

Other areas use this package's names only: `sync_content`, `load_tree`, `stamp_translations`, the error types
and `register_course_sync_hook` (see hooks.py for the contract).
"""

from .errors import ContentError, ContentInvalid
from .hooks import CourseSyncHook, course_sync_hooks, register_course_sync_hook, unregister_course_sync_hook
from .loader import ContentTree, load_tree
from .sources import CourseSource, LessonSource, QuizSpec
from .stamping import StampReport, stamp_translations
from .sync import SyncReport, sync_content

__all__ = [
    "ContentError",
    "ContentInvalid",
    "ContentTree",
    "CourseSource",
    "CourseSyncHook",
    "LessonSource",
    "QuizSpec",
    "StampReport",
    "SyncReport",
    "course_sync_hooks",
    "load_tree",
    "register_course_sync_hook",
    "stamp_translations",
    "sync_content",
    "unregister_course_sync_hook",
]
