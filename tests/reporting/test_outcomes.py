"""Attendance, completion and certificate figures against the hand-computed data set (dataset.py).

By hand (R1's second session and the whole of R3 were cancelled; R4 has not started):
- attended a session: HBIO Anna (present) and Bruno (late counts by default), LSK Celina; 3 in all.
- person-hours: HBIO 3 + 3, LSK 4 = 10 (Anna's mark on the cancelled session counts for nothing).
- attendance rates: R1 Anna 1, Bruno 1, Celina 0 → HBIO 66.7 %; R2 Celina 1, Anna excused (no rate)
  → LSK 100 %; consortium (1 + 1 + 0 + 1) / 4 = 75 %.
- completions: Anna on R1, Celina on R2 (Bruno's is of a run before the period).
- completion rate on runs held, per trainee and run: HBIO 1 of 3 confirmed, LSK 1 of 2, consortium 2 of 5.
- certificates standing: Anna's and Celina's second (Bruno's was revoked; Celina's first was superseded).
"""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ecri_lms.certificates.models import Certificate
from ecri_lms.infra.extensions import db
from ecri_lms.reporting import outcomes
from ecri_lms.reporting.access import selection_for
from ecri_lms.reporting.dashboard import build_dashboard
from ecri_lms.reporting.lists import ROW_SETS
from ecri_lms.reporting.rows import all_rows
from ecri_lms.scheduling.models import Registration
from tests.reporting.dataset import tally, today


@pytest.mark.parametrize(
    "function, expected",
    [
        (outcomes.attended_trainees, (1 + 1, 1, 3)),
        (outcomes.person_hours, (6.0, 4.0, 10.0)),
        (outcomes.mean_attendance_rate, (66.7, 100.0, 75.0)),
        (outcomes.completions, (1, 1, 2)),
        (outcomes.completion_rate, (33.3, 50.0, 40.0)),
        (outcomes.certificates_standing, (1, 1, 2)),
        (outcomes.certificates_expired, (0, 0, 0)),
        (outcomes.certificates_revoked, (1, 0, 1)),
    ],
)
def test_each_outcome_figure_matches_the_hand_computed_answer(data, consortium, function, expected):
    assert tally(data, consortium, function) == expected


def test_completions_count_trainees_confirmed_on_the_run(data, consortium, make):
    """A completion recorded for someone without a confirmed seat (Dora waits on R2) is no trainee's completion."""
    make.completion(data.runs["r2"], data.people["dora"])
    assert tally(data, consortium, outcomes.completions) == (1, 1, 2)
    assert tally(data, consortium, outcomes.completion_rate) == (33.3, 50.0, 40.0)


def test_an_expired_certificate_no_longer_stands_and_is_counted_beside(data, consortium):
    certificate = db.session.scalar(
        select(Certificate).where(
            Certificate.run_id == data.runs["r1"].id, Certificate.user_id == data.people["anna"].id
        )
    )
    certificate.expires_on = today() - timedelta(days=1)
    db.session.commit()
    assert tally(data, consortium, outcomes.certificates_standing) == (0, 1, 1)
    assert tally(data, consortium, outcomes.certificates_expired) == (1, 0, 1)
    certificate.expires_on = today()  # valid through its last day
    db.session.commit()
    assert tally(data, consortium, outcomes.certificates_standing) == (1, 1, 2)


def test_a_run_that_counts_late_as_absent_changes_who_attended(data, consortium):
    run = data.runs["r1"]
    run.settings = {"attendance": {"late_counts": False, "excused_counts_as": "excluded"}}
    db.session.commit()
    assert tally(data, consortium, outcomes.attended_trainees) == (1, 1, 2)
    assert tally(data, consortium, outcomes.person_hours) == (3.0, 4.0, 7.0)
    assert tally(data, consortium, outcomes.mean_attendance_rate)[0] == 33.3


def test_completions_per_month_feed_the_chart(data, consortium):
    dashboard = build_dashboard(consortium, data.filters())
    chart = next(c for c in dashboard.charts if c.key == "completions")
    hbio, lsk = chart.series.index("HBIO"), chart.series.index("LSK")
    by_month = {label: values for label, values in chart.groups}
    anna_month = f"{data.runs['r1'].starts_at:%Y-%m}"
    celina_month = f"{data.runs['r2'].starts_at:%Y-%m}"
    assert by_month[anna_month][hbio] == 1 and by_month[celina_month][lsk] == 1
    assert sum(sum(values) for values in by_month.values()) == 2
    attendance = next(c for c in dashboard.charts if c.key == "attendance")
    assert dict((label, values[0]) for label, values in attendance.groups)["LSK"] == 100.0


def test_the_attendance_at_risk_list_uses_the_runs_requirement(data, consortium):
    selection = selection_for(consortium, data.filters())
    at_risk = all_rows(ROW_SETS["at-risk-attendance"], selection)
    assert [(row[0], row[2], row[6], row[7]) for row in at_risk] == [
        ("Celina Czarnecka", "Hellenic BioCluster", 0.0, 75.0)
    ]
    run = data.runs["r1"]
    run.settings = {"completion": {"attendance_rate": 100}}
    db.session.commit()
    assert [row[0] for row in all_rows(ROW_SETS["at-risk-attendance"], selection)] == ["Celina Czarnecka"]


def test_the_rows_behind_the_outcome_figures(data, consortium):
    selection = selection_for(consortium, data.filters())
    assert sorted(row[0] for row in all_rows(ROW_SETS["completions"], selection)) == [
        "Anna Alvarez",
        "Celina Czarnecka",
    ]
    assert sorted(row[0] for row in all_rows(ROW_SETS["certificates"], selection)) == [
        "Anna Alvarez",
        "Celina Czarnecka",
    ]
    attended = {row[0]: (row[2], row[4], float(row[5])) for row in all_rows(ROW_SETS["attended"], selection)}
    assert attended == {
        "Anna Alvarez": ("Hellenic BioCluster", 1, 3.0),
        "Bruno Bianchi": ("Hellenic BioCluster", 1, 3.0),
        "Celina Czarnecka": ("LifeScience Kraków", 1, 4.0),
    }


def test_the_trainee_record_shows_attendance_and_certificates(data, make, client, login_as):
    login_as(data.people["celina"])
    html = client.get(f"/reports/trainees/{data.people['celina'].id}").get_data(as_text=True)
    assert "Attendance" in html and "Certificates" in html


def test_a_session_held_before_a_trainees_confirmation_is_left_out_of_the_mean_rate(data, consortium):
    celina, r1 = data.people["celina"], data.runs["r1"]
    registration = db.session.scalar(select(Registration).filter_by(run_id=r1.id, user_id=celina.id))
    registration.confirmed_at = r1.sessions[0].starts_at + timedelta(minutes=10)  # promoted during it
    db.session.commit()
    assert tally(data, consortium, outcomes.mean_attendance_rate) == (100.0, 100.0, 100.0)  # was 66.7, 100, 75
    rated = {
        (run_id, user_id)
        for run_id, user_id, _, _ in outcomes.attendance_rates(selection_for(consortium, data.filters()))
    }
    assert (r1.id, celina.id) not in rated  # the rows behind the figure agree
