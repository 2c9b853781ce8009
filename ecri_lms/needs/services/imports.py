"""Importing survey answers and self-assessment scores collected elsewhere: all or nothing.

The whole file is checked before anything is written; one bad line refuses the file, and the
refusal lists every bad line with its number and reason.
"""

from dataclasses import dataclass

from sqlalchemy import delete, select

from ...accounts.audit.services import record
from ...accounts.organisations import Partner
from ...catalogue.models import CurriculumArea, Topic
from ...infra.extensions import db
from ...infra.timeutil import utcnow
from ..errors import ImportRefused
from ..files import LineError, RespondentRows, Vocabulary, parse_assessment_table, parse_survey_table
from ..models import Answer, Respondent, Survey, SurveyStatus
from ..tabular import TableError, read_table
from .access import needs_scope
from .assessment import save_self_assessment
from .surveys import create_survey, find_survey


@dataclass(frozen=True)
class ImportResult:
    added: int
    replaced: int
    answers: int


def _table(data: bytes):
    try:
        return read_table(data)
    except TableError as error:
        raise ImportRefused([LineError(error.line or 1, error.message)]) from None


def _vocabulary(actor, survey: Survey | None = None) -> Vocabulary:
    partners = {p.id: p.code for p in db.session.scalars(select(Partner))}
    scope = needs_scope(actor)
    return Vocabulary(
        partners=frozenset(partners.values()),
        topics=frozenset(db.session.scalars(select(Topic.code))),
        survey_topics=frozenset(survey.topic_codes) if survey else frozenset(),
        areas=frozenset(db.session.scalars(select(CurriculumArea.code))),
        allowed_partners=None if scope is None else frozenset(partners[pid] for pid in scope if pid in partners),
        survey_partner=partners.get(survey.partner_id) if survey else None,
    )


def _existing(survey: Survey, rows: list[RespondentRows], partner_ids: dict[str, int]) -> dict:
    ids = {row.external_id for row in rows}
    found = db.session.scalars(
        select(Respondent).where(Respondent.survey_id == survey.id, Respondent.external_id.in_(ids))
    )
    wanted = {(partner_ids[row.partner], row.external_id) for row in rows}
    return {(r.partner_id, r.external_id): r for r in found if (r.partner_id, r.external_id) in wanted}


def _store(survey: Survey, rows: list[RespondentRows]) -> ImportResult:
    partner_ids = {p.code: p.id for p in db.session.scalars(select(Partner))}
    topic_ids = {t.code: t.id for t in db.session.scalars(select(Topic))}
    existing = _existing(survey, rows, partner_ids)
    if existing:
        db.session.execute(
            delete(Answer)
            .where(Answer.respondent_id.in_([r.id for r in existing.values()]))
            .execution_options(synchronize_session=False)
        )
    now = utcnow()
    answers = 0
    for row in rows:
        respondent = existing.get((partner_ids[row.partner], row.external_id))
        if respondent is None:
            respondent = Respondent(
                survey_id=survey.id, partner_id=partner_ids[row.partner], external_id=row.external_id
            )
            db.session.add(respondent)
        respondent.organisation_type = row.organisation_type
        respondent.answered_at = now
        respondent.answers.extend(
            Answer(topic_id=topic_ids[code], importance=i, competence=c) for code, (i, c) in row.answers.items()
        )
        answers += len(row.answers)
    db.session.flush()
    db.session.expire_all()
    return ImportResult(added=len(rows) - len(existing), replaced=len(existing), answers=answers)


def import_answers(actor, survey: Survey, data: bytes) -> ImportResult:
    """Import a CSV or XLSX file of answers into the survey; the same respondent ids replace their answers."""
    vocabulary = _vocabulary(actor, survey)
    survey.refuse_if_closed()
    rows, errors = parse_survey_table(_table(data), vocabulary)
    if errors:
        raise ImportRefused(errors)
    result = _store(survey, rows)
    record(
        actor,
        "needs.answers.import",
        "needs_survey",
        survey.id,
        partner_id=survey.partner_id,
        summary=f"Imported {len(rows)} respondents into {survey.name!r}",
        added=result.added,
        replaced=result.replaced,
    )
    return result


def import_answers_by_name(actor, survey_name: str, data: bytes) -> tuple[Survey, ImportResult]:
    """The command-line import: the survey of that name, created consortium-wide and open if there is none.

    A refused file raises before anything is committed, so the caller's rollback also undoes the new survey.
    """
    survey = find_survey(survey_name) or create_survey(actor, name=survey_name, status=SurveyStatus.OPEN)
    return survey, import_answers(actor, survey, data)


def import_self_assessment(actor, data: bytes) -> int:
    """Import `partner,area,score,note` rows; a partner and area already scored gets the new score."""
    rows, errors = parse_assessment_table(_table(data), _vocabulary(actor))
    if errors:
        raise ImportRefused(errors)
    partners = {p.code: p for p in db.session.scalars(select(Partner))}
    for code in sorted({row.partner for row in rows}):
        save_self_assessment(
            actor, partners[code], {row.area: (row.score, row.note) for row in rows if row.partner == code}
        )
    return len(rows)
