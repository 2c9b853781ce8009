"""Accounts and the roles they hold."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..infra.db_types import UTCDateTime
from ..infra.extensions import db
from ..infra.timeutil import utcnow
from .organisations import Organisation, Partner
from .permissions import Role

ROLE_VALUES = ",".join(f"'{role.value}'" for role in Role)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    # Written at every login and read by no cached result: does not give the table a new version.
    __version_exempt__ = frozenset({"last_login_at"})

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    job_title: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # The language pages, e-mails and documents are in (accounts.languages); None until the first login.
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Part of the login cookie's identity: bumping it logs the user out everywhere.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    partner: Mapped[Partner | None] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    # Loaded on first use: the request's own user gets them with the account (accounts.loading), while
    # the many users pages list (trainers, trainees) never need theirs.
    roles: Mapped[list["UserRole"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    # The token of the login session this object was signed in or loaded with (accounts.login_sessions):
    # set per request, never stored (the database keeps only its hash).
    login_token = None

    def get_id(self) -> str:
        """What the session and remember cookies carry: it signs no one in once its version or login session ends."""
        return f"{self.id}:{self.session_version}:{self.login_token or ''}"

    @property
    def is_active(self) -> bool:
        return self.active and self.anonymised_at is None

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)

    @property
    def display_timezone(self) -> str:
        return self.timezone or (self.partner.timezone if self.partner else "UTC")

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserRole(db.Model):
    __tablename__ = "user_role"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32))

    user: Mapped[User] = relationship(back_populates="roles")

    __table_args__ = (
        UniqueConstraint("user_id", "role"),
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="known_role"),
    )


class LoginSession(db.Model):
    """A device signed in to an account, ended by logging out.

    Flask's session cookie and Flask-Login's remember cookie are signed, not stored: a copy of either
    keeps working until the server refuses it. They carry a random token whose hash is kept here, and
    every request is refused once this row has ended.
    """

    __tablename__ = "login_session"

    # Moved on at most every few minutes and read by no cached result: does not give the table a new version.
    __version_exempt__ = frozenset({"last_seen_at"})

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device: Mapped[str] = mapped_column(String(100))  # "Firefox on Windows", from the browser's User-Agent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginFailure(db.Model):
    """Failed logins to one account from one address, for the back-off of accounts.login_failures.

    The key is a keyed hash of the e-mail typed and the address: neither is kept in clear, not even for
    accounts that do not exist. A row is forgotten an hour after its last failure.
    """

    __tablename__ = "login_failure"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int]
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
