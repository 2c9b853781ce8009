"""A survey's name and items in the respondents' languages: entered per language, read in the respondent's,
the original where none is given, and every language counted in the same ranking."""

import pytest
from sqlalchemy import func, select

from ecri_lms.accounts.permissions import SYSTEM
from ecri_lms.infra.errors import NotFound, PermissionDenied, ValidationError
from ecri_lms.infra.extensions import db
from ecri_lms.infra.i18n import current_language, in_language
from ecri_lms.needs.disclosure import shown_ranking
from ecri_lms.needs.models import Answer, Respondent, SurveyItemTranslation
from ecri_lms.needs.services import surveys, translations

GREEK_FIN = "Χρηματοδότηση και επιχειρηματικά μοντέλα του φορέα της συστάδας"
GREEK_NAME = "Έρευνα αναγκών HBIO"
POLISH_FIN = "Finansowanie i modele biznesowe organizacji klastra"


@pytest.fixture
def survey(make):
    survey = make.survey(name="HBIO needs", partner="HBIO", topics=("FIN", "IP"))
    translations.save_translation(SYSTEM, survey, "el", GREEK_NAME, {"FIN": GREEK_FIN, "IP": ""})
    translations.save_translation(SYSTEM, survey, "pl", "", {"FIN": POLISH_FIN})
    db.session.commit()
    return survey


def _link(survey, partner: str = "HBIO") -> str:
    _respondent, token = surveys.create_links(SYSTEM, survey, partner_code=partner, organisation_type="sme", count=1)[0]
    db.session.commit()
    return f"/needs/answer/{token}"


def test_texts_fall_back_to_the_original_where_no_translation_is_given(survey):
    greek = translations.survey_texts(survey, "el")
    fin, ip = survey.topics[0], survey.topics[1]
    assert (greek.name, greek.item(fin)) == (GREEK_NAME, GREEK_FIN)
    assert greek.item(ip) == ip.name  # left empty: the original
    polish = translations.survey_texts(survey, "pl")
    assert (polish.name, polish.item(fin)) == ("HBIO needs", POLISH_FIN)
    english = translations.survey_texts(survey, "en")
    assert (english.name, english.item(fin)) == ("HBIO needs", fin.name)


def test_saving_a_language_again_replaces_it_and_an_empty_text_removes_it(survey):
    translations.save_translation(SYSTEM, survey, "el", "", {"FIN": "", "IP": "Διανοητική ιδιοκτησία"})
    stored = translations.translations(survey)
    assert stored["el"].name == "" and stored["el"].items == {"IP": "Διανοητική ιδιοκτησία"}
    assert stored["el"].count(survey) == 1 and stored["es"].count(survey) == 0
    assert db.session.scalar(select(func.count()).select_from(SurveyItemTranslation)) == 2  # el IP, pl FIN


def test_only_languages_and_topics_of_the_survey_are_taken(survey):
    with pytest.raises(ValidationError):
        translations.save_translation(SYSTEM, survey, "en", "x", {})
    with pytest.raises(ValidationError):
        translations.save_translation(SYSTEM, survey, "de", "x", {})
    with pytest.raises(ValidationError, match="REG"):
        translations.save_translation(SYSTEM, survey, "el", "", {"REG": "Κανονιστικά"})
    with pytest.raises(ValidationError):
        translations.save_translation(SYSTEM, survey, "el", "", {"FIN": "x" * 301})


def test_the_partner_scope_applies_to_editing_translations(survey, make):
    with pytest.raises(NotFound):  # another partner's survey is not even seen
        translations.save_translation(make.partner_coordinator("LSK"), survey, "pl", "", {"FIN": "x"})
    consortium_wide = make.survey(name="Everyone", topics=("FIN",))
    with pytest.raises(PermissionDenied):
        translations.save_translation(make.partner_coordinator("HBIO"), consortium_wide, "el", "", {"FIN": "x"})
    translations.save_translation(make.partner_coordinator("HBIO"), survey, "el", "", {"FIN": "Χρηματοδότηση"})
    assert translations.translations(survey)["el"].items == {"FIN": "Χρηματοδότηση"}


def test_an_anonymous_respondent_reads_the_survey_in_the_language_of_the_request(client, survey):
    path = _link(survey)
    greek = client.get(path, headers={"Accept-Language": "el"})
    assert greek.status_code == 200
    assert GREEK_NAME in greek.text and GREEK_FIN in greek.text
    assert survey.topics[1].name in greek.text  # IP has no Greek text: the original
    english = client.get(path)
    assert "HBIO needs" in english.text and GREEK_FIN not in english.text and survey.topics[0].name in english.text


def test_a_signed_in_respondent_reads_it_in_their_profiles_language(client, login_as, make, survey):
    login_as(make.trainee("LSK", language="pl"))
    page = client.get(_link(survey), headers={"Accept-Language": "el"})
    assert POLISH_FIN in page.text and GREEK_FIN not in page.text


def test_a_survey_answered_in_greek_counts_in_the_same_ranking_as_one_answered_in_english(client, make, survey):
    ratings = [(5, 2), (4, 3), (5, 1), (3, 3), (4, 2), (5, 2)]
    in_english = make.survey(name="HBIO needs, answered in English", partner="HBIO", topics=("FIN", "IP"))
    for index, (importance, competence) in enumerate(ratings):
        answers = {"imp_FIN": str(importance), "comp_FIN": str(competence), "imp_IP": "4", "comp_IP": "2"}
        greek = client.post(_link(survey), data=answers, headers={"Accept-Language": "el" if index % 2 else "en"})
        assert greek.status_code == 200
        english = client.post(_link(in_english), data=answers)
        assert english.status_code == 200

    mixed, original = shown_ranking(survey), shown_ranking(in_english)
    assert [(n.topic, n.n, n.mwds, n.rank) for n in mixed] == [(n.topic, n.n, n.mwds, n.rank) for n in original]
    fin = next(need for need in mixed if need.topic == "FIN")
    assert fin.n == len(ratings) and fin.rank is not None
    fin_id = survey.topics[0].id
    stored = db.session.scalar(
        select(func.count())
        .select_from(Answer)
        .join(Answer.respondent)
        .where(Respondent.survey_id == survey.id)
        .where(Answer.topic_id == fin_id)
    )
    assert stored == len(ratings)  # every language's answers name the same item


def test_the_survey_page_offers_a_form_per_language_to_whoever_may_change_the_survey(client, login_as, make, survey):
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/needs/surveys/{survey.id}")
    assert page.status_code == 200
    for language in ("es", "el", "pl", "it"):
        assert f'name="{language}-item_FIN"' in page.text
    saved = client.post(
        f"/needs/surveys/{survey.id}/translations",
        data={"language": "it", "it-name": "Fabbisogni HBIO", "it-item_FIN": "Finanziamento", "it-item_IP": ""},
        follow_redirects=True,
    )
    assert saved.status_code == 200 and "Italiano" in saved.text
    texts = translations.survey_texts(survey, "it")
    assert (texts.name, texts.item(survey.topics[0])) == ("Fabbisogni HBIO", "Finanziamento")
    refused = client.post(f"/needs/surveys/{survey.id}/translations", data={"language": "xx"}, follow_redirects=True)
    assert "Choose one of the languages" in refused.text


def test_who_may_not_change_the_survey_sees_the_translations_but_no_form(client, login_as, make):
    consortium_wide = make.survey(name="Everyone", topics=("FIN",))
    translations.save_translation(SYSTEM, consortium_wide, "el", "", {"FIN": GREEK_FIN})
    db.session.commit()
    login_as(make.partner_coordinator("HBIO"))
    page = client.get(f"/needs/surveys/{consortium_wide.id}")
    assert GREEK_FIN in page.text and 'name="el-item_FIN"' not in page.text
    assert (
        client.post(
            f"/needs/surveys/{consortium_wide.id}/translations", data={"language": "el", "el-item_FIN": "x"}
        ).status_code
        == 302
    )
    assert translations.translations(consortium_wide)["el"].items == {"FIN": GREEK_FIN}


def test_messages_of_a_respondents_page_are_chosen_in_their_language(app):
    with in_language("el"):
        assert current_language() == "el"
    with in_language("xx"):
        assert current_language() == "en"
