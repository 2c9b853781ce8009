"""Partners (the consortium's clusters) and organisations (their members: SMEs and others)."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..infra.db_types import UTCDateTime
from ..infra.extensions import db
from ..infra.i18n import lazy_gettext as _l
from ..infra.labels import Labelled
from ..infra.timeutil import utcnow


class OrganisationType(Labelled, str, enum.Enum):
    SME = "sme"
    LARGE_COMPANY = "large_company"
    RESEARCH = "research"
    CLUSTER_TEAM = "cluster_team"
    PUBLIC_BODY = "public_body"

    @property
    def label(self) -> str:
        return str(ORGANISATION_TYPE_LABELS[self])


ORGANISATION_TYPE_LABELS = {
    OrganisationType.SME: _l("SME"),
    OrganisationType.LARGE_COMPANY: _l("Large company"),
    OrganisationType.RESEARCH: _l("Research body (university, hospital, institute)"),
    OrganisationType.CLUSTER_TEAM: _l("Cluster management team"),
    OrganisationType.PUBLIC_BODY: _l("Public body"),
}


class Partner(db.Model):
    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(80))
    region: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(80))
    country_code: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    # The language of the partner's region: what its people read until they choose their own.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    is_coordinator: Mapped[bool] = mapped_column(default=False, server_default=false())
    website: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisations: Mapped[list["Organisation"]] = relationship(back_populates="partner")

    __table_args__ = (
        Index(
            "uq_partner_single_coordinator",
            "is_coordinator",
            unique=True,
            sqlite_where=text("is_coordinator"),
            postgresql_where=text("is_coordinator"),
        ),
    )

    def __repr__(self) -> str:
        return f"<Partner {self.code}>"


class Organisation(db.Model):
    """A member organisation of a partner cluster: where trainees work."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partner.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    partner: Mapped[Partner] = relationship(back_populates="organisations")

    __table_args__ = (
        UniqueConstraint("partner_id", "name_key"),
        CheckConstraint(
            "type IN ('sme','large_company','research','cluster_team','public_body')",
            name="known_type",
        ),
    )

    @property
    def type_label(self) -> str:
        return OrganisationType(self.type).label


def organisation_key(name: str) -> str:
    """Case- and space-insensitive key, so 'Acme  Bio' and 'acme bio' are one organisation."""
    return " ".join(name.split()).casefold()
