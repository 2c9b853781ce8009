"""Building test data quickly: one call per object, sensible defaults, committed."""

import itertools

from ecri_lms.accounts.models import User, UserRole
from ecri_lms.accounts.passwords import hash_password
from ecri_lms.accounts.permissions import Role
from ecri_lms.extensions import db
from ecri_lms.partners.models import Partner
from ecri_lms.partners.services import ensure_consortium, find_or_create_organisation

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
