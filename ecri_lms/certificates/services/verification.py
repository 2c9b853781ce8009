"""Public verification: what anyone holding a code may learn, and nothing more about the person."""

from dataclasses import dataclass
from datetime import date

from ...infra.extensions import db
from ...infra.timeutil import to_zone
from .. import codes
from ..models import Certificate, CertificateStatus
from .issuing import find_by_code


@dataclass(frozen=True)
class Verification:
    certificate: Certificate
    status: CertificateStatus
    code_display: str

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def revoked_on(self) -> date | None:
        revoked_at = self.certificate.revoked_at
        return to_zone(revoked_at, self.certificate.run.partner.timezone).date() if revoked_at else None

    @property
    def replacement_code(self) -> str | None:
        """The code of the certificate that replaced this one, so its holder's verifier can follow it."""
        replacement_id = self.certificate.superseded_by_id
        return db.session.get(Certificate, replacement_id).code if replacement_id else None


def verify(typed: str, now) -> Verification | None:
    """The certificate a typed code names, with its status today; None for codes never issued."""
    code = codes.normalise(typed)
    certificate = find_by_code(code) if code else None
    if certificate is None:
        return None
    return Verification(certificate, certificate.status_at(now), codes.display(code))
