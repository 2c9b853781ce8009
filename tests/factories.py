"""Building test data quickly: one call per object, sensible defaults, committed."""

import io
import itertools
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ecri_lms.accounts.login_sessions import start_login_session
from ecri_lms.accounts.models import User, UserRole
from ecri_lms.accounts.organisations import Partner
from ecri_lms.accounts.partners.services import ensure_consortium, find_or_create_organisation
from ecri_lms.accounts.permissions import Role
from ecri_lms.assessment.models import Attempt, AttemptAnswer, Question, QuestionCategory, Quiz
from ecri_lms.attendance.models import AttendanceMark
from ecri_lms.catalogue.models import (
    Course,
    CourseTopic,
    CurriculumArea,
    Enrolment,
    Lesson,
    LessonProgress,
    Material,
    MaterialVersion,
    Topic,
)
from ecri_lms.catalogue.search import refresh_search_text
from ecri_lms.certificates.models import Certificate, Completion
from ecri_lms.infra.extensions import db
from ecri_lms.infra.storage import get_storage
from ecri_lms.infra.timeutil import utcnow
from ecri_lms.needs.models import Answer, Respondent, Survey
from ecri_lms.scheduling.models import CourseRun, Registration, TrainingSession, Venue
from ecri_lms.scheduling.services.sessions import refresh_schedule
from tests.hashing import CHEAP_HASHER

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = CHEAP_HASHER.hash(PASSWORD)  # hashed once, as the test process hashes (tests/hashing.py)
_counter = itertools.count(1)

# The curriculum's topic codes and their areas (as in course_content/topics.yaml).
TOPIC_AREAS = {
    "ECON": "structure",
    "STRAT": "strategy_services",
    "GOV": "management_governance",
    "FIN": "financing",
    "SERV": "strategy_services",
    "PROJ": "strategy_services",
    "INTL": "contacts_interaction",
    "COMM": "contacts_interaction",
    "PERF": "achievements_recognition",
    "VCHAIN": "value_chain",
    "REG": "value_chain",
    "MKT": "value_chain",
    "IP": "value_chain",
}
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def login_identity(user: User) -> str:
    """What logging in puts in the session cookie as `_user_id`: a new login session of `user`, committed."""
    start_login_session(user, "test client")
    db.session.commit()
    return user.get_id()


class Factory:
    """Test data builders; every builder commits so that requests see the rows."""

    def partners(self) -> dict[str, Partner]:
        partners = {p.code: p for p in ensure_consortium()}
        db.session.commit()
        return partners

    def partner(self, code: str = "HBIO") -> Partner:
        return self.partners()[code]

    def user(
        self,
        *roles: Role | str,
        partner: str | Partner | None = "HBIO",
        name: str | None = None,
        email: str | None = None,
        organisation: str = "Test Bio SME",
        org_type: str = "sme",
        timezone: str | None = None,
        language: str | None = "en",
    ) -> User:
        """A user who has logged in before: their language is stored (English unless a test says)."""
        roles = roles or (Role.TRAINEE,)
        if isinstance(partner, str):
            partner = self.partner(partner)
        number = next(_counter)
        org = find_or_create_organisation(partner, organisation, org_type) if partner else None
        user = User(
            email=email or f"user{number}@example.org",
            name=name or f"Test User {number}",
            password_hash=_PASSWORD_HASH,
            partner_id=partner.id if partner else None,
            organisation_id=org.id if org else None,
            timezone=timezone or (partner.timezone if partner else "UTC"),
            language=language,
        )
        user.roles.extend(UserRole(role=Role(r).value) for r in roles)
        db.session.add(user)
        db.session.commit()
        return user

    def trainee(self, partner: str = "HBIO", **kw) -> User:
        return self.user(Role.TRAINEE, partner=partner, **kw)

    def trainer(self, partner: str = "HBIO", **kw) -> User:
        return self.user(Role.TRAINER, partner=partner, **kw)

    def partner_coordinator(self, partner: str = "HBIO", **kw) -> User:
        return self.user(Role.PARTNER_COORDINATOR, partner=partner, **kw)

    def consortium_coordinator(self, **kw) -> User:
        kw.setdefault("partner", "BIOIBAL")
        return self.user(Role.CONSORTIUM_COORDINATOR, **kw)

    def admin(self, **kw) -> User:
        kw.setdefault("partner", None)
        return self.user(Role.ADMIN, **kw)

    # ---- catalogue ----

    def area(self, code: str = "strategy_services", name: str = "Strategy and services") -> CurriculumArea:
        area = db.session.scalar(select(CurriculumArea).where(CurriculumArea.code == code))
        if area is None:
            area = CurriculumArea(code=code, name=name)
            db.session.add(area)
            db.session.commit()
        return area

    def topic(self, code: str = "ECON") -> Topic:
        """The topic with this code (and its area), created on first use."""
        topic = db.session.scalar(db.select(Topic).where(Topic.code == code))
        if topic is not None:
            return topic
        area_code = TOPIC_AREAS.get(code, "structure")
        area = db.session.scalar(db.select(CurriculumArea).where(CurriculumArea.code == area_code))
        if area is None:
            area = CurriculumArea(code=area_code, name=area_code.replace("_", " ").capitalize())
            db.session.add(area)
            db.session.flush()
        track = "life_science_value_chain" if area_code == "value_chain" else "cluster_excellence"
        topic = Topic(code=code, name=f"Topic {code}", track=track, area_id=area.id)
        db.session.add(topic)
        db.session.commit()
        return topic

    def course(
        self,
        code: str | None = None,
        *,
        title: str | None = None,
        lessons: int | list[str] = 3,
        topics: tuple[str, ...] = ("ECON",),
        source: str = "app",
        level: str = "foundation",
        audience: tuple[str, ...] = ("cluster_managers",),
        formats: tuple[str, ...] = ("online",),
        summary: str = "A course for the tests.",
        outcomes: tuple[str, ...] = ("Explain the subject.",),
        archived: bool = False,
        prerequisites: tuple[str, ...] = (),
    ) -> Course:
        """A course with `lessons` lessons (a number, or their bodies)."""
        number = next(_counter)
        course = Course(
            code=code or f"TC{number:03d}",
            title=title or f"Test course {number}",
            summary=summary,
            level=level,
            audience=list(audience),
            formats=list(formats),
            outcomes=list(outcomes),
            prerequisites=list(prerequisites),
            duration_hours=6,
            source=source,
            completion_rules={"lessons": "all", "quizzes": [], "essays_graded": False},
            archived_at=utcnow() if archived else None,
        )
        course.course_topics = [CourseTopic(topic=self.topic(c), position=i) for i, c in enumerate(topics)]
        bodies = lessons if isinstance(lessons, list) else [f"Text of lesson {i}." for i in range(1, lessons + 1)]
        for position, body in enumerate(bodies, start=1):
            course.lessons.append(
                Lesson(slug=f"lesson-{position}", title=f"Lesson {position}", minutes=20, body=body, position=position)
            )
        refresh_search_text(course)
        db.session.add(course)
        db.session.commit()
        return course

    # --- Needs analysis: the real topic codes of course_content/topics.yaml, surveys, answers ---

    def curriculum_topics(self) -> dict[str, Topic]:
        """The seven curriculum areas and thirteen topics, created once per test."""
        existing = {t.code: t for t in db.session.scalars(select(Topic))}
        if existing:
            return existing
        areas = {
            code: CurriculumArea(code=code, name=name, position=index)
            for index, (code, name) in enumerate(CURRICULUM_AREAS)
        }
        topics = {
            code: Topic(code=code, name=name, area=areas[area], track=track, position=index)
            for index, (code, name, area, track) in enumerate(CURRICULUM_TOPICS)
        }
        db.session.add_all([*areas.values(), *topics.values()])
        db.session.commit()
        return topics

    def tagged_course(self, code: str, *topic_codes: str, archived: bool = False) -> Course:
        topics = self.curriculum_topics()
        course = Course(
            code=code,
            title=f"Course {code}",
            level="foundation",
            archived_at=utcnow() if archived else None,
            course_topics=[CourseTopic(topic=topics[t], position=i) for i, t in enumerate(topic_codes)],
        )
        db.session.add(course)
        db.session.commit()
        return course

    def lesson(self, course: Course, title: str = "Another lesson", body: str = "More text.") -> Lesson:
        position = len(course.active_lessons) + 1
        lesson = Lesson(slug=f"extra-{next(_counter)}", title=title, body=body, minutes=15, position=position)
        course.lessons.append(lesson)
        refresh_search_text(course)
        db.session.commit()
        return lesson

    def enrolment(self, user: User, course: Course) -> Enrolment:
        enrolment = Enrolment(user_id=user.id, course_id=course.id)
        db.session.add(enrolment)
        db.session.commit()
        return enrolment

    def progress(self, user: User, lesson: Lesson, done: bool = True) -> LessonProgress:
        row = LessonProgress(user_id=user.id, lesson_id=lesson.id, completed_at=utcnow() if done else None)
        db.session.add(row)
        db.session.commit()
        return row

    def material(
        self,
        owner: Course | Lesson,
        *,
        title: str = "Slides",
        versions: int = 1,
        data: bytes = PDF_BYTES,
        uploader: User | None = None,
    ) -> Material:
        """A material stored through the app's storage, with `versions` versions."""
        material = Material(
            owner_type="lesson" if isinstance(owner, Lesson) else "course",
            owner_id=owner.id,
            title=title,
            created_by_id=uploader.id if uploader else None,
        )
        db.session.add(material)
        db.session.flush()
        for number in range(1, versions + 1):
            content = data + f"% version {number}\n".encode()
            stored = get_storage().save(io.BytesIO(content))
            db.session.add(
                MaterialVersion(
                    material_id=material.id,
                    number=number,
                    storage_key=stored.key,
                    original_name=f"slides v{number}.pdf",
                    file_name=f"slides_v{number}.pdf",
                    kind="pdf",
                    content_type="application/pdf",
                    size_bytes=stored.size,
                    sha256=stored.sha256,
                )
            )
        db.session.commit()
        db.session.refresh(material)
        return material

    def survey(
        self, name: str = "Needs survey", partner: str | None = None, status: str = "open", topics: tuple[str, ...] = ()
    ) -> Survey:
        all_topics = self.curriculum_topics()
        self.partners()
        survey = Survey(
            name=name,
            partner_id=self.partner(partner).id if partner else None,
            status=status,
            topics=[all_topics[c] for c in (topics or all_topics)],
        )
        db.session.add(survey)
        db.session.commit()
        return survey

    def respondent(
        self,
        survey: Survey,
        partner: str = "HBIO",
        org_type: str = "sme",
        ratings: dict[str, tuple[int | None, int | None]] | None = None,
        external_id: str | None = None,
    ) -> Respondent:
        """A respondent who answered, with ratings by topic code."""
        topics = self.curriculum_topics()
        respondent = Respondent(
            survey_id=survey.id,
            partner_id=self.partner(partner).id,
            organisation_type=org_type,
            external_id=external_id or f"R{next(_counter)}",
            answered_at=utcnow(),
            answers=[
                Answer(topic_id=topics[code].id, importance=i, competence=c) for code, (i, c) in (ratings or {}).items()
            ],
        )
        db.session.add(respondent)
        db.session.commit()
        return respondent

    # ---- scheduling ----

    def venue(
        self,
        partner: str = "HBIO",
        name: str | None = None,
        room: str = "Room 1",
        capacity: int = 40,
        address: str = "1 Science Park Road",
    ) -> Venue:
        venue = Venue(
            partner_id=self.partner(partner).id,
            name=name or f"Venue {next(_counter)}",
            room=room,
            address=address,
            capacity=capacity,
        )
        db.session.add(venue)
        db.session.commit()
        return venue

    def run(
        self,
        course: Course | None = None,
        partner: str = "HBIO",
        capacity: int = 20,
        status: str = "published",
        audience: str = "consortium",
        trainers=(),
        starts_in: timedelta | None = timedelta(days=14),
        sessions: int = 1,
        hours: float = 3,
        format: str = "in_person",
        venue: Venue | None = None,
        **fields,
    ) -> CourseRun:
        """A run whose sessions meet daily from `starts_in` from now (at a whole hour); none if starts_in is None."""
        partner_obj = self.partner(partner)
        run = CourseRun(
            course=course or self.course(),
            partner=partner_obj,
            capacity=capacity,
            status=status,
            audience=audience,
            delivery_format=format,
            settings={},
            **fields,
        )
        run.trainers = list(trainers)
        db.session.add(run)
        db.session.flush()
        if starts_in is not None:
            if format != "online" and venue is None:
                venue = self.venue(partner, capacity=max(capacity, 40))
            first = (utcnow() + starts_in).replace(minute=0, second=0, microsecond=0)
            for day in range(sessions):
                start = first + timedelta(days=day)
                self.training_session(run, start, hours=hours, format=format, venue=venue, commit=False)
        db.session.commit()
        return run

    def training_session(
        self,
        run: CourseRun,
        start: datetime,
        hours: float = 3,
        format: str = "in_person",
        venue: Venue | None = None,
        commit: bool = True,
        **fields,
    ) -> TrainingSession:
        zone = venue.partner.timezone if venue is not None else run.partner.timezone
        online_link = "https://meet.example.org/ecri" if format != "in_person" else None
        training_session = TrainingSession(
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            timezone=zone,
            format=format,
            venue=venue if format != "online" else None,
            meeting_url=online_link,
            **fields,
        )
        run.sessions.append(training_session)
        refresh_schedule(run)
        db.session.flush()
        if commit:
            db.session.commit()
        return training_session

    def registration(
        self, run: CourseRun, user: User, status: str = "confirmed", confirmed_at: datetime | None = None
    ) -> Registration:
        """A place on the run; a confirmed one was confirmed at `confirmed_at`, by default before the run began
        (so that every session is expected of the trainee: pass a later time for a late joiner)."""
        position = (
            db.session.scalar(select(func.max(Registration.position)).where(Registration.run_id == run.id)) or 0
        ) + 1
        if status == "confirmed" and confirmed_at is None:
            confirmed_at = min(utcnow(), run.starts_at) if run.starts_at else utcnow()
        registration = Registration(
            run_id=run.id,
            user_id=user.id,
            status=status,
            position=position,
            confirmed_at=confirmed_at if status == "confirmed" else None,
        )
        db.session.add(registration)
        db.session.commit()
        return registration

    # ---- assessment, for reports: quizzes and finished attempts without going through the attempt flow ----

    def report_quiz(
        self, course: Course, *, pass_mark: int = 50, grading_method: str = "highest", title: str | None = None
    ) -> Quiz:
        number = next(_counter)
        quiz = Quiz(
            course_id=course.id,
            slug=f"quiz-{number}",
            title=title or f"Quiz {number}",
            pass_mark=pass_mark,
            grading_method=grading_method,
        )
        db.session.add(quiz)
        db.session.commit()
        return quiz

    def finished_attempt(self, quiz: Quiz, user: User, score: float | None, *, essay_waiting: bool = False) -> Attempt:
        """A graded attempt with `score`, or (essay_waiting) one whose essay answer waits for a grader."""
        number = (
            db.session.scalar(
                select(func.max(Attempt.number)).where(Attempt.quiz_id == quiz.id, Attempt.user_id == user.id)
            )
            or 0
        ) + 1
        now = utcnow()
        attempt = Attempt(
            quiz_id=quiz.id,
            user_id=user.id,
            number=number,
            started_at=now,
            submitted_at=now,
            state="needs_grading" if essay_waiting else "graded",
            score=None if essay_waiting else score,
            graded_at=None if essay_waiting else now,
        )
        db.session.add(attempt)
        if essay_waiting:
            category = db.session.scalar(select(QuestionCategory).where(QuestionCategory.course_id == quiz.course_id))
            if category is None:
                category = QuestionCategory(course_id=quiz.course_id, path="")
                db.session.add(category)
                db.session.flush()
            question = Question(
                course_id=quiz.course_id,
                category_id=category.id,
                qtype="essay",
                name=f"Essay {number}",
                text="Discuss.",
                spec={},
                fingerprint=f"essay-{next(_counter)}",
            )
            db.session.add(question)
            db.session.flush()
            attempt.answers.append(AttemptAnswer(question_id=question.id, response="My essay.", saved_at=now))
        db.session.commit()
        return attempt

    # ---- attendance and certificates, for reports ----

    def mark(self, training_session: TrainingSession, user: User, status: str = "present") -> AttendanceMark:
        mark = AttendanceMark(training_session_id=training_session.id, user_id=user.id, status=status)
        db.session.add(mark)
        db.session.commit()
        return mark

    def completion(self, run: CourseRun, user: User, completed_at: datetime | None = None) -> Completion:
        completion = Completion(run_id=run.id, user_id=user.id, completed_at=completed_at or utcnow())
        db.session.add(completion)
        db.session.commit()
        return completion

    def certificate(
        self, run: CourseRun, user: User, *, revoked: bool = False, superseded: bool = False
    ) -> Certificate:
        """A certificate snapshot of the run for the user; revoked or superseded when asked."""
        now = utcnow()
        certificate = Certificate(
            user_id=user.id,
            run_id=run.id,
            trainee_name=user.name,
            course_title=run.course.title,
            course_code=run.course.code,
            hours=3,
            partner_name=run.partner.name,
            issued_on=now.date(),
            issued_at=now,
            revoked_at=now if revoked else None,
            superseded_at=now if superseded else None,
        )
        db.session.add(certificate)
        db.session.commit()
        return certificate


CURRICULUM_AREAS = (
    ("structure", "Structure of the cluster"),
    ("management_governance", "Management and governance"),
    ("financing", "Financing"),
    ("strategy_services", "Strategy and services"),
    ("contacts_interaction", "Contacts and interaction"),
    ("achievements_recognition", "Achievements and recognition"),
    ("value_chain", "Life-science value chain"),
)
CURRICULUM_TOPICS = (
    ("ECON", "Cluster economics, initiative screening and smart specialisation", "structure", "cluster_excellence"),
    ("STRAT", "Cluster strategy and strategic focusing", "strategy_services", "cluster_excellence"),
    (
        "GOV",
        "Governance, cluster organisation management and membership models",
        "management_governance",
        "cluster_excellence",
    ),
    ("FIN", "Financing and business models of the cluster organisation", "financing", "cluster_excellence"),
    ("SERV", "Service portfolio for member SMEs", "strategy_services", "cluster_excellence"),
    ("PROJ", "Project and innovation management for clusters", "strategy_services", "cluster_excellence"),
    ("INTL", "Internationalisation and partnerships", "contacts_interaction", "cluster_excellence"),
    ("COMM", "Communication and member engagement", "contacts_interaction", "cluster_excellence"),
    (
        "PERF",
        "Benchmarking, performance measurement and excellence labels",
        "achievements_recognition",
        "cluster_excellence",
    ),
    (
        "VCHAIN",
        "Industry analysis, segmentation and the life-science value chain",
        "value_chain",
        "life_science_value_chain",
    ),
    (
        "REG",
        "Regulatory pathways for health products (EMA procedures, MDR/IVDR, clinical trials)",
        "value_chain",
        "life_science_value_chain",
    ),
    ("MKT", "Market access, reimbursement (HTA) and commercialisation", "value_chain", "life_science_value_chain"),
    (
        "IP",
        "Intellectual property, technology transfer and investment readiness",
        "value_chain",
        "life_science_value_chain",
    ),
)
