"""A small data set whose report figures were computed by hand (see test_figures.py for the answers).

Two partners run courses in the period: HBIO (R1 held, with one of its two sessions cancelled; R3
cancelled) and LSK (R2 held, online; R4 upcoming). Celina (LSK) and Anna (HBIO) each took runs of
both partners. A draft run and a run before the period must be ignored.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from ecri_lms.accounts.partners.services import get_partner_by_code
from ecri_lms.infra.extensions import db
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.reporting.access import selection_for
from ecri_lms.reporting.filters import ReportFilters
from ecri_lms.scheduling.services.sessions import refresh_schedule


@dataclass
class Dataset:
    people: dict
    runs: dict
    courses: dict
    quizzes: dict

    @staticmethod
    def filters(**overrides) -> ReportFilters:
        today = utcnow().date()
        return ReportFilters(start=today - timedelta(days=90), end=today + timedelta(days=30), **overrides)


def _cancel_session(run, index):
    run.sessions[index].status = "cancelled"
    refresh_schedule(run)
    db.session.commit()


def build(make) -> Dataset:
    make.partners()
    c1 = make.course("C1", topics=("ECON",))
    c2 = make.course("C2", topics=("REG",))
    anna = make.trainee("HBIO", name="Anna Alvarez", organisation="Acme Bio", org_type="sme")
    bruno = make.trainee("HBIO", name="Bruno Bianchi", organisation="Uni Athens", org_type="research")
    celina = make.trainee("LSK", name="Celina Czarnecka", organisation="Kraków Labs", org_type="sme")
    dora = make.trainee("LSK", name="Dora Dąbrowska", organisation="Kraków Labs", org_type="sme")

    r1 = make.run(c1, partner="HBIO", capacity=10, starts_in=timedelta(days=-30), sessions=2, hours=3)
    _cancel_session(r1, 1)
    r2 = make.run(c2, partner="LSK", capacity=2, starts_in=timedelta(days=-20), hours=4, format="online")
    r3 = make.run(c2, partner="HBIO", capacity=15, starts_in=timedelta(days=-10), hours=2, status="cancelled")
    _cancel_session(r3, 0)
    r4 = make.run(c1, partner="LSK", capacity=5, starts_in=timedelta(days=10), hours=3)
    draft = make.run(c1, partner="HBIO", capacity=8, starts_in=timedelta(days=-5), status="draft")
    before = make.run(c2, partner="HBIO", capacity=9, starts_in=timedelta(days=-200), hours=5)

    for trainee in (anna, bruno, celina):
        make.registration(r1, trainee)
    make.registration(r2, celina)
    make.registration(r2, anna)
    make.registration(r2, dora, status="waitlisted")
    make.registration(r3, bruno)
    make.registration(r4, dora)
    make.registration(draft, anna)
    make.registration(before, bruno)

    q1 = make.report_quiz(c1, pass_mark=50, title="Economics check")
    q2 = make.report_quiz(c2, pass_mark=60, grading_method="last", title="Regulation check")
    make.finished_attempt(q1, anna, 0.4)
    make.finished_attempt(q1, anna, 0.8)
    make.finished_attempt(q1, bruno, 0.3)
    make.finished_attempt(q1, celina, None, essay_waiting=True)
    make.finished_attempt(q2, celina, 0.9)
    make.finished_attempt(q2, celina, 0.5)
    make.finished_attempt(q2, anna, 1.0)
    _outcomes(make, anna, bruno, celina, r1, r2, r3, before)
    return Dataset(
        people={"anna": anna, "bruno": bruno, "celina": celina, "dora": dora},
        runs={"r1": r1, "r2": r2, "r3": r3, "r4": r4, "draft": draft, "before": before},
        courses={"c1": c1, "c2": c2},
        quizzes={"q1": q1, "q2": q2},
    )


def _outcomes(make, anna, bruno, celina, r1, r2, r3, before) -> None:
    """Attendance, completions and certificates (answers in test_outcomes.py)."""
    held, cancelled = r1.sessions
    make.mark(held, anna, "present")
    make.mark(held, bruno, "late")
    make.mark(held, celina, "absent")
    make.mark(cancelled, anna, "present")  # a mark on a session later cancelled counts for nothing
    make.mark(r2.sessions[0], celina, "present")
    make.mark(r2.sessions[0], anna, "excused")
    make.mark(r3.sessions[0], bruno, "present")  # the run was cancelled
    make.completion(r1, anna, r1.starts_at + timedelta(days=1))
    make.completion(r2, celina, r2.starts_at + timedelta(days=1))
    make.completion(before, bruno, before.starts_at + timedelta(days=1))
    make.certificate(r1, anna)
    make.certificate(r1, bruno, revoked=True)
    make.certificate(r2, celina, superseded=True)
    make.certificate(r2, celina)


def today() -> date:
    return utcnow().date()


def tally(data, actor, function, **filters) -> tuple:
    """A figure for HBIO, for LSK and in total, as `actor` sees it under the data set's filters."""
    result = function(selection_for(actor, data.filters(**filters)))
    hbio, lsk = get_partner_by_code("HBIO").id, get_partner_by_code("LSK").id
    return result.by_partner.get(hbio, 0), result.by_partner.get(lsk, 0), result.total
