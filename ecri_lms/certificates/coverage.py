"""The completions coverage of training plans counts (see needs.coverage's CompletionsProvider)."""

from collections.abc import Collection

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.organisations import Organisation
from ..infra.caching.results import table_names
from ..infra.extensions import db
from ..needs.coverage import CompletionFact
from .models import Completion

COMPLETION_FACT_TABLES = table_names([Completion, User, Organisation])  # what completions_provider reads


def completions_provider(run_ids: Collection[int]) -> list[CompletionFact]:
    """The completions of these runs, with each trainee's organisation type (one query)."""
    if not run_ids:
        return []
    rows = db.session.execute(
        select(Completion.run_id, Completion.user_id, Organisation.type)
        .join(User, User.id == Completion.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .where(Completion.run_id.in_(list(run_ids)))
        .order_by(Completion.run_id, Completion.user_id)
    )
    return [CompletionFact(run_id, user_id, org_type) for run_id, user_id, org_type in rows]
