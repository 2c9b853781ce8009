"""The evaluation pages: the form for trainees, the results for staff, and where they are linked from."""

from ecri_lms.evaluations import services
from ecri_lms.infra.extensions import db
from tests.evaluations.conftest import answers

FORM = {"usefulness": "4", "trainer": "5", "organisation": "3", "comment": "Useful.", "comp_FIN": "4", "comp_REG": "5"}
FORM |= {"imp_FIN": "5", "imp_REG": "3"}


def test_a_trainee_sends_the_form_once(client, login_as, ended):
    trainee = ended.trainees[0]
    login_as(trainee)
    page = client.get(f"/evaluations/runs/{ended.run.id}")
    assert page.status_code == 200 and "Your competence now" in page.text
    assert 'name="comp_FIN"' in page.text and 'name="comp_REG"' in page.text
    sent = client.post(f"/evaluations/runs/{ended.run.id}", data=FORM)
    assert sent.status_code == 302 and sent.location.endswith("/evaluations/")
    assert services.evaluation_of(trainee, ended.run).comment == "Useful."
    again = client.get(f"/evaluations/runs/{ended.run.id}", follow_redirects=True)
    assert "You have already evaluated this run" in again.text
    assert client.post(f"/evaluations/runs/{ended.run.id}", data=FORM).status_code == 302
    assert len(services.given_evaluations(trainee)) == 1


def test_a_missing_rating_is_a_form_error_not_a_record(client, login_as, ended):
    login_as(ended.trainees[0])
    incomplete = {key: value for key, value in FORM.items() if key != "comp_REG"}
    page = client.post(f"/evaluations/runs/{ended.run.id}", data=incomplete)
    assert page.status_code == 400 and "Choose from 1 to 5." in page.text
    assert services.evaluation_of(ended.trainees[0], ended.run) is None


def test_a_trainee_of_another_run_gets_not_found(client, login_as, make, ended):
    login_as(make.trainee("HBIO"))
    assert client.get(f"/evaluations/runs/{ended.run.id}").status_code == 404
    assert client.post(f"/evaluations/runs/{ended.run.id}", data=FORM).status_code == 404
    assert client.get("/evaluations/runs/999999").status_code == 404


def test_the_results_page_is_for_the_runs_trainer_and_coordinators_only(
    client, login_as, make, ended, every_group_shown
):
    services.submit(ended.trainees[0], ended.run, answers(comment="More exercises, please."))
    db.session.commit()
    login_as(ended.trainer)
    page = client.get(f"/evaluations/runs/{ended.run.id}/results")
    assert page.status_code == 200 and "1 of 2 confirmed trainees have answered" in page.text
    assert "More exercises, please." in page.text and ended.trainees[0].name not in page.text
    login_as(make.partner_coordinator("LSK"))
    assert client.get(f"/evaluations/runs/{ended.run.id}/results").status_code == 404
    login_as(ended.trainees[0])
    assert client.get(f"/evaluations/runs/{ended.run.id}/results").status_code == 403


def test_trainees_find_the_evaluation_on_their_dashboard_the_run_page_and_their_list(client, login_as, ended):
    login_as(ended.trainees[0])
    link = f'href="/evaluations/runs/{ended.run.id}"'
    assert link in client.get("/").text and "Evaluations to give" in client.get("/").text
    assert link in client.get(f"/runs/{ended.run.id}").text
    assert link in client.get("/evaluations/").text
    client.post(f"/evaluations/runs/{ended.run.id}", data=FORM)
    assert "Evaluations to give" not in client.get("/").text
    assert "You evaluated this run" in client.get(f"/runs/{ended.run.id}").text


def test_the_run_page_links_the_trainer_to_the_results(client, login_as, ended):
    login_as(ended.trainer)
    assert f'href="/evaluations/runs/{ended.run.id}/results"' in client.get(f"/runs/{ended.run.id}").text


def test_the_invite_command_notifies_and_reports(runner, ended):
    result = runner.invoke(args=["evaluations", "invite"])
    assert result.exit_code == 0 and "Runs whose trainees were invited: 1. Trainees invited: 2." in result.output
