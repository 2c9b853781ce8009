"""The query-string parameters each view reads, declared so that the fuzzer sends every one of them.

The declaration is checked against the views: while the security tests run, `request.args` notes every
name a view asks for (`get`, `[]`, `getlist`, `in`, a WTForms form reading it), and a name missing from
this table fails the suite. Names every paginated page reads are in COMMON.
"""

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.utils import cached_property

COMMON = frozenset({"page"})
_REPORT_FILTERS = ("start", "end", "partner", "course", "area", "org_type", "format")
_AUDIT_FILTERS = ("action", "target_type", "partner", "start", "end")

QUERY_PARAMETERS: dict[str, tuple[str, ...]] = {
    "accounts.login": ("next",),
    "accounts.people": ("q", "role"),
    "assessment.bank": ("category",),
    "assessment.import_questions": ("category",),  # a refused import shows the bank again
    "assessment.new_quiz": ("category",),
    "catalogue.course": ("lang",),
    "catalogue.download": ("version",),
    "catalogue.index": ("q", "area", "topic", "level", "audience", "format", "partner", "archived"),
    "catalogue.lesson": ("lang",),
    "certificates.download": ("lang",),
    "certificates.verify_form": ("code",),
    "gradebook.run_gradebook": ("sort", "dir"),
    "gradebook.run_gradebook_csv": ("sort", "dir"),
    "mail.outbox": ("status",),
    "needs.index": ("survey", "partner", "org_type", "rank_all", "compare"),
    "needs.plan": ("version",),
    "needs.plan_compare": ("from", "to"),
    "needs.plan_add_item": ("version",),  # a refused item shows the plan again
    "needs.plan_coverage_csv": ("top",),
    "needs.ranking_download": ("partner", "org_type"),
    "reporting.audit": (*_AUDIT_FILTERS, "submit"),
    "reporting.audit_export": (*_AUDIT_FILTERS, "submit"),
    "reporting.chart_export": (*_REPORT_FILTERS, "submit"),
    "reporting.index": (*_REPORT_FILTERS, "submit"),
    "reporting.partner": (*_REPORT_FILTERS, "submit"),
    "reporting.rows": (*_REPORT_FILTERS, "submit"),
    "reporting.rows_export": (*_REPORT_FILTERS, "submit"),
    "reporting.summary_export": (*_REPORT_FILTERS, "submit"),
    "scheduling.month": ("month", "mine"),
    "scheduling.new_run": ("course",),
    "scheduling.runs": ("partner", "format", "course", "area", "month", "free"),
}

# Names a query string may carry that are not read but could be mistaken for a URL's own values: url_for's
# options, and (added per route) the route's URL variables.
URL_BUILDING_NAMES = ("_scheme", "_anchor", "_external", "_method", "endpoint", "values")

READ: set[str] = set()


class _NotingArgs(ImmutableMultiDict):
    """`request.args` that adds to READ every name a view asks for."""

    def __getitem__(self, key):
        READ.add(key)
        return super().__getitem__(key)

    def getlist(self, key, type=None):  # noqa: A002 (werkzeug's name)
        READ.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        READ.add(key)
        return super().__contains__(key)


class NotingRequest(Request):
    @cached_property
    def args(self):
        return _NotingArgs(super().args)


def declared(endpoint: str) -> frozenset[str]:
    return COMMON | frozenset(QUERY_PARAMETERS.get(endpoint, ()))
