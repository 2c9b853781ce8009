"""Partners and their member organisations."""

from sqlalchemy import select

from ...infra.errors import Conflict, NotFound, ValidationError
from ...infra.extensions import db
from ...infra.i18n import DEFAULT_LANGUAGE, is_language
from ...infra.i18n import gettext as _
from ...infra.timeutil import is_known_timezone
from ..audit.services import record
from ..organisations import Organisation, OrganisationType, Partner, organisation_key
from ..permissions import Cap, require

# The consortium as it was funded (see DOMAIN.md): loaded on a fresh install and by the demo.
CONSORTIUM = (
    dict(
        code="BIOIBAL",
        short_name="BIOIB",
        name="BIOIB – Balearic Islands Biotech and Biomedical Cluster",
        region="Balearic Islands",
        country="Spain",
        country_code="ES",
        timezone="Europe/Madrid",
        language="es",
        is_coordinator=True,
        website="https://www.bioib.org",
    ),
    dict(
        code="HBIO",
        short_name="Hellenic BioCluster",
        name="Hellenic BioCluster (PRAXI Network / FORTH)",
        region="Attica",
        country="Greece",
        country_code="GR",
        timezone="Europe/Athens",
        language="el",
        is_coordinator=False,
        website="https://www.hbio.gr",
    ),
    dict(
        code="LSK",
        short_name="LifeScience Kraków",
        name="Klaster LifeScience Kraków",
        region="Małopolska",
        country="Poland",
        country_code="PL",
        timezone="Europe/Warsaw",
        language="pl",
        is_coordinator=False,
        website="https://www.lifescience.pl",
    ),
    dict(
        code="BIOPMED",
        short_name="bioPmed",
        name="bioPmed – Piedmont health cluster",
        region="Piedmont",
        country="Italy",
        country_code="IT",
        timezone="Europe/Rome",
        language="it",
        is_coordinator=False,
        website="https://www.biopmed.eu",
    ),
)


def all_partners() -> list[Partner]:
    """Every partner, the coordinator first and then by code, as pickers, reports and the feed page list them."""
    return list(db.session.scalars(select(Partner).order_by(Partner.is_coordinator.desc(), Partner.code)))


def get_partner_by_code(code: str) -> Partner:
    """The partner a form or URL names by its code (any case, spaces trimmed); 404 when there is none."""
    partner = db.session.scalar(select(Partner).where(Partner.code == code.strip().upper()))
    if partner is None:
        raise NotFound(_("No partner with code %(code)s.", code=repr(code)))
    return partner


def ensure_consortium() -> list[Partner]:
    """Create the four consortium partners that are missing; existing ones are left alone."""
    existing = {p.code for p in all_partners()}
    for data in CONSORTIUM:
        if data["code"] not in existing:
            db.session.add(Partner(**data))
    db.session.flush()
    return all_partners()


def add_partner(
    actor,
    *,
    code: str,
    name: str,
    short_name: str,
    region: str,
    country: str,
    country_code: str,
    timezone: str,
    language: str = DEFAULT_LANGUAGE,
    website: str | None = None,
) -> Partner:
    """An admin adds a partner cluster (a new member of the consortium)."""
    require(actor, Cap.MANAGE_PARTNERS)
    code = code.strip().upper()
    if not code.isalnum() or len(code) > 16:
        raise ValidationError(_("The code must be letters and digits only, at most 16 characters."))
    if not is_known_timezone(timezone):
        raise ValidationError(
            _("Unknown time zone %(zone)s: use an IANA name such as Europe/Madrid.", zone=repr(timezone))
        )
    language = language or DEFAULT_LANGUAGE
    if not is_language(language):
        raise ValidationError(_("Choose one of the languages offered."))
    if db.session.scalar(select(Partner).where(Partner.code == code)):
        raise Conflict(_("A partner with code %(code)s already exists.", code=code))
    partner = Partner(
        code=code,
        name=name.strip(),
        short_name=short_name.strip(),
        region=region.strip(),
        country=country.strip(),
        country_code=country_code.strip().upper()[:2],
        timezone=timezone,
        language=language,
        website=website or None,
    )
    db.session.add(partner)
    db.session.flush()
    record(actor, "partner.add", "partner", partner.id, partner_id=partner.id, summary=f"Added partner {code}")
    return partner


def find_or_create_organisation(partner: Partner, name: str, org_type: str) -> Organisation:
    """The member organisation of this name in this partner, created on first mention."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Give the name of your organisation."))
    try:
        OrganisationType(org_type)
    except ValueError:
        raise ValidationError(_("Choose a valid organisation type.")) from None
    key = organisation_key(name)
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.partner_id == partner.id, Organisation.name_key == key)
    )
    if organisation is None:
        organisation = Organisation(partner_id=partner.id, name=name[:200], name_key=key[:200], type=org_type)
        db.session.add(organisation)
        db.session.flush()
    return organisation
