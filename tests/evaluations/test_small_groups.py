"""A run's evaluations never show one trainee's ratings or words: figures from 5 answers, comments from 3."""

from ecri_lms.evaluations import services
from ecri_lms.evaluations.results import run_results
from ecri_lms.infra.extensions import db
from tests.evaluations.conftest import answers, more_trainees


def _answer_all(ended, trainees, comment="Too fast for me."):
    for trainee in trainees:
        services.submit(trainee, ended.run, answers(usefulness=2, comment=comment))
    db.session.commit()


def test_one_answer_shows_neither_its_ratings_nor_its_comment(client, login_as, ended):
    _answer_all(ended, ended.trainees[:1])
    results = run_results(ended.trainer, ended.run)
    assert all(q.withheld for q in results.level_one + results.topics)
    assert results.comments == [] and results.comments_withheld
    login_as(ended.trainer)
    page = client.get(f"/evaluations/runs/{ended.run.id}/results").text
    assert "Too fast for me." not in page and "Hidden: fewer than 5 answers." in page
    assert "Comments appear from 3 answers" in page


def test_three_answers_show_comments_but_not_ratings(make, ended):
    _answer_all(ended, [*ended.trainees, *more_trainees(make, ended, 1)])
    results = run_results(ended.trainer, ended.run)
    assert results.comments == ["Too fast for me."] * 3 and not results.comments_withheld
    assert all(q.withheld for q in results.level_one)


def test_five_answers_show_everything(make, ended):
    _answer_all(ended, [*ended.trainees, *more_trainees(make, ended, 3)])
    results = run_results(ended.trainer, ended.run)
    assert not any(q.withheld for q in results.level_one + results.topics)
    assert results.level_one[0].answers.counts == (0, 5, 0, 0, 0)


def test_the_thresholds_are_settings(app, monkeypatch, make, ended):
    monkeypatch.setitem(app.config, "PRIVACY_MIN_GROUP_SIZE", 2)
    monkeypatch.setitem(app.config, "PRIVACY_MIN_COMMENTS", 2)
    _answer_all(ended, ended.trainees)
    results = run_results(ended.trainer, ended.run)
    assert not results.level_one[0].withheld and len(results.comments) == 2
