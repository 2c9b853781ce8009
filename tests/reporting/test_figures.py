"""Every dashboard figure against the hand-computed answers of the small data set (dataset.py).

By hand, period = the last 90 days and the next 30, partners HBIO and LSK:
- runs held: HBIO R1, LSK R2 (R4 is to come, R3 was cancelled, the draft and the old run are out).
- seats offered: HBIO 10 (R1; cancelled R3 offers none), LSK 2 + 5.
- seats filled: HBIO 3 (Anna, Bruno, Celina on R1), LSK 3 (Celina, Anna on R2, Dora on R4).
- trainees registered: HBIO 3, LSK 3 (Celina, Anna, Dora), consortium 4 (Anna and Celina count once).
- hours delivered: HBIO 3 (R1's second session was cancelled), LSK 4 (R4 has not happened) = 7.
- SME participants: HBIO Anna + Celina, LSK Celina + Anna + Dora, consortium 3 (Bruno is research).
- distinct SMEs: Acme Bio and Kraków Labs for each partner, 2 in all.
- mean quiz score: HBIO (80 + 30) / 2 = 55 (Celina's essay is not graded), LSK Q2 by last attempt:
  Celina 50, Anna 100 → 75; consortium (80 + 30 + 50 + 100) / 4 = 65.
"""

import pytest

from ecri_lms.reporting import figures
from ecri_lms.reporting.dashboard import build_dashboard
from tests.reporting.dataset import tally


@pytest.mark.parametrize(
    "function, expected",
    [
        (figures.runs_held, (1, 1, 2)),
        (figures.runs_cancelled, (1, 0, 1)),
        (figures.seats_offered, (10, 7, 17)),
        (figures.seats_filled, (3, 3, 6)),
        (figures.waiting_list, (0, 1, 1)),
        (figures.trainees_registered, (3, 3, 4)),
        (figures.hours_delivered, (3.0, 4.0, 7.0)),
        (figures.sme_participants, (2, 3, 3)),
        (figures.distinct_smes, (2, 2, 2)),
        (figures.mean_quiz_score, (55.0, 75.0, 65.0)),
    ],
)
def test_each_figure_matches_the_hand_computed_answer(data, consortium, function, expected):
    assert tally(data, consortium, function) == expected


def test_filters_narrow_the_figures(data, consortium):
    assert tally(data, consortium, figures.trainees_registered, organisation_type="research") == (1, 0, 1)
    assert tally(data, consortium, figures.trainees_registered, format="online") == (0, 2, 2)
    assert tally(data, consortium, figures.seats_offered, course_id=data.courses["c1"].id) == (10, 5, 15)
    assert tally(data, consortium, figures.trainees_registered, partner_code="LSK") == (0, 3, 3)


def test_the_dashboard_lists_every_partner_with_zeros_and_no_mean_where_nothing_happened(data, consortium):
    dashboard = build_dashboard(consortium, data.filters())
    codes = [p.code for p in dashboard.partners]
    assert set(codes) == {"BIOIBAL", "HBIO", "LSK", "BIOPMED"}
    registered = dict(zip(codes, dashboard.row("trainees_registered").values, strict=True))
    assert registered == {"BIOIBAL": 0, "HBIO": 3, "LSK": 3, "BIOPMED": 0}
    assert dict(zip(codes, dashboard.row("mean_quiz_score").values, strict=True))["BIOPMED"] is None
    assert dashboard.row("trainees_registered").total == 4


def test_a_partner_coordinator_sees_only_their_partner(data, make):
    dashboard = build_dashboard(make.partner_coordinator("LSK"), data.filters())
    assert [p.code for p in dashboard.partners] == ["LSK"]
    assert dashboard.row("trainees_registered").total == 3
