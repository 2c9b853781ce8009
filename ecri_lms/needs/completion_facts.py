"""Who completed the runs that serve a plan, with the type of their organisation: read from certificates."""

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.organisations import Organisation
from ..certificates.models import Completion
from ..infra.caching.results import table_names
from ..infra.extensions import db

COMPLETION_FACT_TABLES = table_names([Completion, User, Organisation])  # what completion_facts reads


@dataclass(frozen=True)
class CompletionFact:
    """A trainee who completed a run, with the type of their organisation (None if unknown)."""

    run_id: int
    user_id: int
    organisation_type: str | None


def completion_facts(run_ids: Collection[int]) -> list[CompletionFact]:
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
