"""Every list the reports show: the row sets by key, and which one stands behind each dashboard figure."""

from ..infra.errors import NotFound
from ..infra.i18n import gettext as _
from .outcome_rows import OUTCOME_FIGURE_ROWS, OUTCOME_ROW_SETS
from .rows import FIGURE_ROWS as SCHEDULING_FIGURE_ROWS
from .rows import ROW_SETS as SCHEDULING_ROW_SETS
from .rows import RowSet

ROW_SETS: dict[str, RowSet] = {**SCHEDULING_ROW_SETS, **{rs.key: rs for rs in OUTCOME_ROW_SETS}}
FIGURE_ROWS: dict[str, str] = {**SCHEDULING_FIGURE_ROWS, **OUTCOME_FIGURE_ROWS}
PARTNER_AT_RISK = ("at-risk-attendance", "at-risk-quiz", "at-risk-essays")


def row_set(key: str) -> RowSet:
    found = ROW_SETS.get(key)
    if found is None:
        raise NotFound(_("No such list."))
    return found
