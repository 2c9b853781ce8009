"""The certificates area's use cases; views, the CLI and other areas import from here."""

from .batches import run_zip
from .completions import (
    RunEvaluation,
    completion_of,
    evaluate,
    evaluate_member,
    evaluate_run,
    evaluate_run_members,
    members_graded,
    members_marked,
    members_of_ended_runs,
    members_viewed,
    re_evaluate,
    runs_of_courses,
)
from .documents import StoredPdf, document_of, file_name, forget_pdfs, pdf_of, stored_pdf, verify_url
from .ended_runs import EndedRuns, evaluate_ended_runs
from .issuing import (
    current_certificate,
    find_by_code,
    get_certificate,
    get_certificate_to_download,
    has_any_certificate,
    issue_automatically,
    issue_for_completions,
    issue_manually,
    reissue,
    revoke,
)
from .overview import MemberProgress, my_runs, run_members
from .rules import set_run_rules
from .verification import Verification, verify

__all__ = [
    "EndedRuns",
    "MemberProgress",
    "RunEvaluation",
    "StoredPdf",
    "Verification",
    "completion_of",
    "current_certificate",
    "document_of",
    "evaluate",
    "evaluate_ended_runs",
    "evaluate_member",
    "evaluate_run",
    "evaluate_run_members",
    "members_graded",
    "members_marked",
    "members_of_ended_runs",
    "members_viewed",
    "re_evaluate",
    "file_name",
    "find_by_code",
    "forget_pdfs",
    "get_certificate",
    "get_certificate_to_download",
    "has_any_certificate",
    "issue_automatically",
    "issue_for_completions",
    "issue_manually",
    "my_runs",
    "pdf_of",
    "reissue",
    "revoke",
    "run_members",
    "runs_of_courses",
    "run_zip",
    "set_run_rules",
    "stored_pdf",
    "verify",
    "verify_url",
]
