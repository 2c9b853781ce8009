"""An evaluation's invitation reaches each trainee in their own language, whoever runs the job."""

from sqlalchemy import select

from ecri_lms.evaluations.invitations import invite_due
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language
from ecri_lms.notifications.models import Notification
from tests.certificates.words import use_words


def test_each_trainee_is_invited_in_their_own_language(ended, tmp_path, monkeypatch):
    use_words(tmp_path, monkeypatch)
    greek, english = ended.trainees
    greek.language = "el"
    db.session.commit()
    assert invite_due() == (1, 2)
    subjects = dict(db.session.execute(select(Notification.user_id, Notification.subject)).all())
    assert subjects[greek.id] == f"Πώς ήταν το {ended.run.display_title};"
    assert subjects[english.id] == f"How was {ended.run.display_title}?"
    assert current_language() == "en"  # the job's own language is left as it was
