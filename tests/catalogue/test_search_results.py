"""The search results page: lessons named and linked with a marked, escaped snippet, only of courses the
visitor may see, in a constant number of queries; the index follows the content sync and app edits."""

import re

from ecri_lms.catalogue.content import sync_content
from ecri_lms.catalogue.models import Lesson, LessonTranslation
from ecri_lms.catalogue.search import refresh_search_text, search_hits
from ecri_lms.catalogue.services import add_lesson, archive_lesson, update_lesson
from ecri_lms.infra.extensions import db
from ecri_lms.infra.query_count import HEADER
from tests.catalogue.search_data import patent_course
from tests.catalogue.util import edit
from tests.factories import login_identity


def results(client, query: str, language: str = "en", **args) -> str:
    response = client.get("/courses", query_string={"q": query, **args}, headers={"Accept-Language": language})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page.split('<ol class="list-unstyled search-results">', 1)[1].split("</ol>", 1)[0]


def lesson_links(page: str) -> list[str]:
    return re.findall(r'href="(/courses/[^"]+/lessons/[^"]+)"', page)


def test_patents_and_patent_find_the_same_lesson_named_linked_and_marked(client, make):
    patent_course(make)
    make.course("CE01", title="Cluster economics", lessons=["Marshall and Porter."])

    for query in ("patents", "patent"):
        page = results(client, query)
        assert "Intellectual property for SMEs" in page and "Cluster economics" not in page
        assert lesson_links(page) == ["/courses/IP01/lessons/lesson-1"]
        assert ">Protecting inventions</a>" in page
        assert "A <mark>patent</mark> protects an invention for twenty years" in page


def test_a_polish_reader_gets_the_polish_lesson_and_its_link(client, make):
    patent_course(make)

    page = results(client, "patentów", language="pl")

    assert lesson_links(page) == ["/courses/IP01/lessons/lesson-1?lang=pl"]
    assert "<mark>Patenty</mark> i licencje</a>" in page and "Ochrona <mark>patentu</mark> trwa" in page
    assert 'href="/courses/IP01?lang=pl"' in page and "Własność intelektualna" in page


def test_a_greek_reader_gets_the_greek_lesson_with_the_word_marked(client, make):
    patent_course(make)

    page = results(client, "διπλώματα", language="el")

    assert lesson_links(page) == ["/courses/IP01/lessons/lesson-1?lang=el"]
    assert "Το <mark>δίπλωμα</mark> ευρεσιτεχνίας" in page and 'lang="el"' in page


def test_html_in_a_lesson_is_escaped_in_its_title_and_snippet(client, make):
    make.course(
        "XSS1",
        lessons=['<img src=x onerror="alert(1)"> The patent <b>office</b> & <script>alert("patent")</script>'],
    )
    lesson = db.session.scalar(db.select(Lesson).where(Lesson.slug == "lesson-1"))
    lesson.title = "<i>Patents</i> at work"
    refresh_search_text(lesson.course)
    db.session.commit()

    page = results(client, "patent")

    assert "<img" not in page and "<script" not in page and "<b>" not in page and "<i>" not in page
    escaped = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; The <mark>patent</mark> &lt;b&gt;office&lt;/b&gt; &amp;"
    assert escaped in page
    assert "&lt;i&gt;<mark>Patents</mark>&lt;/i&gt; at work</a>" in page


def test_markdown_is_read_as_text_in_a_snippet(make):
    markdown = "## Costs\n\nA **patent** in [the EPO](https://www.epo.org/fees) costs `money`."
    course = make.course("MD01", lessons=[markdown])

    [lesson] = search_hits([course], "patent", "en")[course.id].lessons

    assert str(lesson.snippet) == "Costs A <mark>patent</mark> in the EPO costs money."


def test_a_long_lesson_gives_a_short_passage_around_the_word(make):
    before, after = " ".join(f"before{i}" for i in range(60)), " ".join(f"after{i}" for i in range(60))
    course = make.course("LONG", lessons=[f"{before} The patent office. {after}"])

    [lesson] = search_hits([course], "patent", "en")[course.id].lessons

    snippet = str(lesson.snippet)
    assert snippet.startswith("… ") and snippet.endswith(" …") and len(snippet) < 320
    assert "The <mark>patent</mark> office." in snippet and "before0 " not in snippet and "after59" not in snippet


def test_an_archived_courses_lessons_appear_only_to_staff_who_ask_for_archived_courses(client, login_as, make):
    hidden = patent_course(make, code="OLD1", archived=True)
    trainee = make.trainee()
    make.enrolment(trainee, hidden)

    assert "OLD1" not in client.get("/courses?q=patent").get_data(as_text=True)
    login_as(trainee)
    assert "OLD1" not in client.get("/courses?q=patent&archived=1").get_data(as_text=True)
    login_as(make.trainer())
    assert "OLD1" not in client.get("/courses?q=patent").get_data(as_text=True)
    assert lesson_links(results(client, "patent", archived="1")) == ["/courses/OLD1/lessons/lesson-1"]


def test_an_archived_lesson_never_appears(client, make):
    trainer = make.trainer()
    course = patent_course(make)

    archive_lesson(trainer, course.active_lessons[0])
    db.session.commit()

    assert lesson_links(results(client, "patent")) == []
    assert search_hits([course], "διπλώματα", "el")[course.id].lessons == []


def test_an_edit_in_the_app_rebuilds_the_lessons_index(make):
    trainer = make.trainer()
    course = make.course("APP1", lessons=["Old words about trade marks."])

    update_lesson(trainer, course.active_lessons[0], "Lesson 1", 20, "Licensing patents brings income.")
    added = add_lesson(trainer, course, "Spin-offs", 15, "A spin-off licenses the patent back.")
    db.session.commit()

    hits = search_hits([course], "patent", "en")[course.id].lessons
    assert [hit.slug for hit in hits] == ["lesson-1", added.slug]
    assert search_hits([course], "marks", "en")[course.id].lessons == []


def test_the_content_sync_indexes_translated_lessons_and_reindexes_what_changed(content_dir):
    sync_content(content_dir)
    db.session.commit()
    course = db.session.scalar(db.select(Lesson).where(Lesson.slug == "why-clusters")).course

    [hit] = search_hits([course], "zumbidos", "es")[course.id].lessons
    assert (hit.slug, hit.language) == ("why-clusters", "es") and "el <mark>zumbido</mark> local" in str(hit.snippet)

    edit(content_dir / "courses/TA01/translations/es/lessons/01-why-clusters.md", "zumbido", "murmullo")
    sync_content(content_dir)
    db.session.commit()

    assert search_hits([course], "zumbidos", "es")[course.id].lessons == []
    assert [h.slug for h in search_hits([course], "murmullos", "es")[course.id].lessons] == ["why-clusters"]


def _queries(counting_app, user, query: str) -> int:
    client = counting_app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = login_identity(user)
        session["_fresh"] = True
    response = client.get("/courses", query_string={"q": query}, headers={"Accept-Language": "pl"})
    assert response.status_code == 200
    return int(response.headers[HEADER])


def test_a_search_reads_as_many_queries_for_eight_matching_courses_as_for_one(make, make_app):
    trainee = make.trainee()
    patent_course(make)
    counting_app = make_app(COUNT_QUERIES=True, RESULT_CACHE=False)
    one = _queries(counting_app, trainee, "patent licencje")

    for number in range(2, 9):
        course = patent_course(make, code=f"IP{number:02d}")
        for position in range(3, 6):
            lesson = Lesson(slug=f"more-{position}", title=f"Patents {position}", body="Patent licensing.")
            lesson.position = position
            lesson.translations = [LessonTranslation(language="pl", title="Patenty", body="Licencje patentów.")]
            course.lessons.append(lesson)
        refresh_search_text(course)
        make.enrolment(trainee, course)
    db.session.commit()
    eight = _queries(counting_app, trainee, "patent licencje")

    assert eight == one
    page = results(counting_app.test_client(), "patent licencje", language="pl")
    assert len(lesson_links(page)) == 1 + 7 * 3  # at most three lessons a course
