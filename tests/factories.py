"""Building test data quickly: one call per object, sensible defaults, committed."""

import itertools
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ecri_lms.accounts.models import User, UserRole
from ecri_lms.accounts.passwords import hash_password
from ecri_lms.accounts.permissions import Role
from ecri_lms.catalogue.models import Course, CourseTopic, CurriculumArea, Topic
from ecri_lms.extensions import db
from ecri_lms.partners.models import Partner
from ecri_lms.partners.services import ensure_consortium, find_or_create_organisation
from ecri_lms.scheduling.models import CourseRun, Registration, TrainingSession, Venue
from ecri_lms.scheduling.services.sessions import refresh_schedule
from ecri_lms.timeutil import utcnow

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: Argon2 is slow on purpose
_counter = itertools.count(1)


class Factory:
    """Test data builders; every builder commits so that requests see the rows."""

    def partners(self) -> dict[str, Partner]:
        partners = {p.code: p for p in ensure_consortium()}
        db.session.commit()
        return partners

    def partner(self, code: str = "HBIO") -> Partner:
        return self.partners()[code]

    def user(self, *roles: Role | str, partner: str | Partner | None = "HBIO", name: str | None = None,
             email: str | None = None, organisation: str = "Test Bio SME", org_type: str = "sme",
             timezone: str | None = None) -> User:
        roles = roles or (Role.TRAINEE,)
        if isinstance(partner, str):
            partner = self.partner(partner)
        number = next(_counter)
        org = find_or_create_organisation(partner, organisation, org_type) if partner else None
        user = User(email=email or f"user{number}@example.org", name=name or f"Test User {number}",
                    password_hash=_PASSWORD_HASH, partner_id=partner.id if partner else None,
                    organisation_id=org.id if org else None,
                    timezone=timezone or (partner.timezone if partner else "UTC"))
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

    # --- catalogue and scheduling -------------------------------------------------------------

    def area(self, code: str = "STRATEGY", name: str = "Strategy and services") -> CurriculumArea:
        area = db.session.scalar(select(CurriculumArea).where(CurriculumArea.code == code))
        if area is None:
            area = CurriculumArea(code=code, name=name)
            db.session.add(area)
            db.session.commit()
        return area

    def topic(self, code: str = "STRAT", area: str = "STRATEGY") -> Topic:
        topic = db.session.scalar(select(Topic).where(Topic.code == code))
        if topic is None:
            topic = Topic(code=code, name=f"Topic {code}", track="cluster_management", area_id=self.area(area).id)
            db.session.add(topic)
            db.session.commit()
        return topic

    def course(self, code: str | None = None, title: str | None = None, topics=("STRAT",), **fields) -> Course:
        number = next(_counter)
        course = Course(code=code or f"C{number}", title=title or f"Course {number}", level="foundation",
                        formats=["in_person", "online"], duration_hours=6, **fields)
        course.course_topics = [CourseTopic(topic_id=self.topic(code).id, position=i) for i, code in enumerate(topics)]
        db.session.add(course)
        db.session.commit()
        return course

    def venue(self, partner: str = "HBIO", name: str | None = None, room: str = "Room 1", capacity: int = 40,
              address: str = "1 Science Park Road") -> Venue:
        venue = Venue(partner_id=self.partner(partner).id, name=name or f"Venue {next(_counter)}", room=room,
                      address=address, capacity=capacity)
        db.session.add(venue)
        db.session.commit()
        return venue

    def run(self, course: Course | None = None, partner: str = "HBIO", capacity: int = 20, status: str = "published",
            audience: str = "consortium", trainers=(), starts_in: timedelta | None = timedelta(days=14),
            sessions: int = 1, hours: float = 3, format: str = "in_person", venue: Venue | None = None,
            **fields) -> CourseRun:
        """A run whose sessions meet daily from `starts_in` from now (at a whole hour); none if starts_in is None."""
        partner_obj = self.partner(partner)
        run = CourseRun(course=course or self.course(), partner=partner_obj, capacity=capacity, status=status,
                        audience=audience, delivery_format=format, settings={}, **fields)
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

    def training_session(self, run: CourseRun, start: datetime, hours: float = 3, format: str = "in_person",
                         venue: Venue | None = None, commit: bool = True, **fields) -> TrainingSession:
        zone = venue.partner.timezone if venue is not None else run.partner.timezone
        online_link = "https://meet.example.org/ecri" if format != "in_person" else None
        training_session = TrainingSession(starts_at=start, ends_at=start + timedelta(hours=hours), timezone=zone,
                                           format=format, venue=venue if format != "online" else None,
                                           meeting_url=online_link, **fields)
        run.sessions.append(training_session)
        refresh_schedule(run)
        db.session.flush()
        if commit:
            db.session.commit()
        return training_session

    def registration(self, run: CourseRun, user: User, status: str = "confirmed") -> Registration:
        position = (db.session.scalar(select(func.max(Registration.position))
                                      .where(Registration.run_id == run.id)) or 0) + 1
        registration = Registration(run_id=run.id, user_id=user.id, status=status, position=position,
                                    confirmed_at=utcnow() if status == "confirmed" else None)
        db.session.add(registration)
        db.session.commit()
        return registration
