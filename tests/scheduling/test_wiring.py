"""Runs and the catalogue together: access through registration, runs on course pages, the partner filter."""

from ecri_lms.catalogue.services import may_study
from ecri_lms.catalogue.services.materials import owner_kind


def test_a_confirmed_trainee_studies_the_course_of_their_run(make):
    course = make.course()
    run = make.run(course=course)
    confirmed, waiting, stranger = make.trainee(), make.trainee(), make.trainee()
    make.registration(run, confirmed)
    make.registration(run, waiting, status="waitlisted")
    assert may_study(confirmed, course)
    assert not may_study(waiting, course) and not may_study(stranger, course)


def test_a_cancelled_run_gives_no_access(make):
    course = make.course()
    run = make.run(course=course, status="cancelled")
    trainee = make.trainee()
    make.registration(run, trainee)
    assert not may_study(trainee, course)


def test_the_course_page_lists_its_upcoming_runs_and_trainers(client, make, login_as):
    course = make.course(code="CE07", title="Internationalisation")
    trainer = make.trainer("LSK", name="Paweł Trener")
    make.run(course=course, partner="LSK", trainers=[trainer])
    login_as(make.trainee())
    page = client.get("/courses/CE07").text
    assert "Upcoming runs" in page and "Małopolska" in page and "Paweł Trener" in page


def test_the_catalogue_filters_courses_by_the_partner_offering_them(client, make, login_as):
    offered = make.course(code="LS10", title="Regulatory pathways")
    make.course(code="LS11", title="Market access")
    make.run(course=offered, partner="BIOPMED")
    login_as(make.trainee())
    page = client.get("/courses?partner=BIOPMED").text
    assert "Regulatory pathways" in page and "Market access" not in page
    assert "Market access" in client.get("/courses?partner=").text


def test_run_materials_are_for_the_runs_staff_and_confirmed_trainees(make):
    trainer = make.trainer("HBIO")
    run = make.run(partner="HBIO", trainers=[trainer])
    seated, outsider = make.trainee(), make.trainee()
    make.registration(run, seated)
    kind = owner_kind("run")
    assert kind.can_view(seated, run) and kind.can_view(trainer, run)
    assert not kind.can_view(outsider, run)
    assert kind.can_manage(trainer, run) and not kind.can_manage(seated, run)
