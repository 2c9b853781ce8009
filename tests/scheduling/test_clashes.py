"""A trainee confirmed on two runs whose sessions meet at the same time is warned, never refused."""

from datetime import timedelta

from ecri_lms.infra.extensions import db
from ecri_lms.scheduling.queries import upcoming_sessions_for
from ecri_lms.scheduling.services import clashes_with_run, clashing_ids


def _runs(make):
    first = make.run(partner="HBIO", starts_in=timedelta(days=10), hours=3, format="online")
    same_time = make.run(partner="LSK", starts_in=timedelta(days=10, hours=1), hours=3, format="online")
    later = make.run(partner="LSK", starts_in=timedelta(days=11), hours=3, format="online")
    return first, same_time, later


def test_registering_on_a_run_that_overlaps_a_confirmed_one_names_the_clash(make):
    first, same_time, later = _runs(make)
    trainee = make.trainee("HBIO")
    make.registration(first, trainee)
    db.session.commit()
    (clash,) = clashes_with_run(trainee, same_time)
    assert clash.session.run_id == same_time.id and clash.other.run_id == first.id
    assert first.display_title in clash.describe("Europe/Athens")
    assert clashes_with_run(trainee, later) == []


def test_a_cancelled_session_or_a_waiting_list_place_is_no_clash(make):
    first, same_time, _ = _runs(make)
    trainee = make.trainee("HBIO")
    make.registration(first, trainee, status="waitlisted")
    db.session.commit()
    assert clashes_with_run(trainee, same_time) == []


def test_my_sessions_marks_the_overlapping_ones(make, client, login_as):
    first, same_time, later = _runs(make)
    trainee = make.trainee("HBIO")
    for run in (first, same_time, later):
        make.registration(run, trainee)
    db.session.commit()
    sessions = upcoming_sessions_for(trainee)
    assert clashing_ids(sessions) == {first.sessions[0].id, same_time.sessions[0].id}
    login_as(trainee)
    assert client.get("/my/sessions").text.count("Overlaps another of your sessions") == 2


def test_the_registration_page_warns_after_the_seat_is_confirmed(make, client, login_as):
    first, same_time, _ = _runs(make)
    trainee = make.trainee("HBIO")
    make.registration(first, trainee)
    db.session.commit()
    login_as(trainee)
    page = client.post(f"/runs/{same_time.id}/register", follow_redirects=True).text
    assert "Your seat is confirmed." in page and "At the same time as another of your runs" in page
