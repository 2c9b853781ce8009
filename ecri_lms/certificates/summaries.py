"""What an evaluation of runs did, in words for the person who asked for it (a page's flash, the CLI).

Each count is its own message (its plural agrees with it), the pieces listed one after another."""

from ..infra.i18n import ngettext


def evaluation_summary(result) -> str:
    """ "3 trainees checked: 2 newly completed, 2 certificates issued." in the reader's language."""
    return " ".join(
        (
            ngettext("%(num)d trainee checked:", "%(num)d trainees checked:", result.checked),
            ngettext("%(num)d newly completed,", "%(num)d newly completed,", result.completed),
            ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", result.issued),
        )
    )


def ended_runs_summary(result) -> str:
    """ "2 ended runs evaluated: 3 trainees newly completed, 3 certificates issued." in the reader's language."""
    return " ".join(
        (
            ngettext("%(num)d ended run evaluated:", "%(num)d ended runs evaluated:", result.runs),
            ngettext("%(num)d trainee newly completed,", "%(num)d trainees newly completed,", result.completed),
            ngettext("%(num)d certificate issued.", "%(num)d certificates issued.", result.issued),
        )
    )
