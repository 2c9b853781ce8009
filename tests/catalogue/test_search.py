"""Searching and filtering the catalogue (the same on SQLite and PostgreSQL)."""

from werkzeug.datastructures import MultiDict

from ecri_lms.catalogue.services import CatalogueFilter, catalogue_query, update_lesson
from ecri_lms.infra.extensions import db


def codes(**args) -> list[str]:
    filters = CatalogueFilter.from_args(MultiDict(args), may_include_archived=True)
    return [course.code for course in db.session.scalars(catalogue_query(filters)).unique()]


def test_search_finds_a_course_by_a_word_that_appears_only_in_one_of_its_lessons(make):
    make.course("LS10", title="Regulatory pathways", lessons=["Intro.", "The notified body reviews the dossier."])
    make.course("CE01", title="Cluster economics", lessons=["Marshall and Porter."])

    assert codes(q="notified") == ["LS10"]
    assert codes(q="NOTIFIED Body") == ["LS10"]


def test_search_covers_title_summary_and_outcomes_and_needs_every_word(make):
    make.course(
        "CE01",
        title="Cluster economics",
        summary="Screening initiatives.",
        outcomes=("Calculate a location quotient.",),
    )
    make.course("CE03", title="Strategy", summary="Strategic focusing.", outcomes=("Build a roadmap.",))

    assert codes(q="economics") == ["CE01"] and codes(q="screening") == ["CE01"]
    assert codes(q="location quotient") == ["CE01"] and codes(q="roadmap quotient") == []


def test_search_ignores_accents_and_case(make):
    make.course("CE07", lessons=["A study visit to Kraków and Łódź."])

    assert codes(q="krakow") == ["CE07"] and codes(q="LODZ") == ["CE07"] and codes(q="Kraków") == ["CE07"]


def test_like_wildcards_in_a_query_are_taken_literally(make):
    make.course("CE01", lessons=["Plain text."])
    make.course("CE02", lessons=["A 5% rise in the export_index."])

    assert codes(q="%") == ["CE02"] and codes(q="_") == ["CE02"]
    assert codes(q="5%") == ["CE02"] and codes(q="t_xt") == [] and codes(q="pl%n") == []


def test_an_edit_in_the_app_updates_what_search_finds(make):
    trainer = make.trainer()
    course = make.course("APP1", lessons=["Old words."])

    update_lesson(trainer, course.active_lessons[0], "Lesson 1", 20, "Brand new zebrafish words.")
    db.session.commit()

    assert codes(q="zebrafish") == ["APP1"] and codes(q="old") == []


def test_filters_by_level_audience_format_topic_and_area(make):
    make.course(
        "CE01",
        level="foundation",
        audience=("cluster_managers", "cluster_staff"),
        formats=("online",),
        topics=("ECON",),
    )
    make.course(
        "LS10", level="advanced", audience=("sme_staff",), formats=("in_person", "hybrid"), topics=("REG", "MKT")
    )

    assert codes(level="advanced") == ["LS10"]
    assert codes(audience="cluster_staff") == ["CE01"] and codes(audience="sme_staff") == ["LS10"]
    assert codes(format="hybrid") == ["LS10"]
    assert codes(topic="MKT") == ["LS10"] and codes(area="structure") == ["CE01"]
    assert codes(area="value_chain", level="foundation") == []


def test_unknown_filter_values_are_ignored_not_trusted(make):
    make.course("CE01")

    assert codes(level="'; DROP TABLE course; --", topic="NOPE", audience="x") == ["CE01"]


def test_archived_courses_are_left_out_unless_asked_for(make):
    make.course("OLD1", archived=True)
    make.course("NEW1")

    filters = CatalogueFilter.from_args(MultiDict({"archived": "1"}), may_include_archived=False)
    assert [c.code for c in db.session.scalars(catalogue_query(filters)).unique()] == ["NEW1"]
    assert codes(archived="1") == ["NEW1", "OLD1"]
