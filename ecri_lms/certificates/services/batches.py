"""Every current certificate of a run as one ZIP of PDFs."""

import io
import zipfile

from ..permissions import require_manage_certificates
from ..queries import certificates_of_run
from .documents import named_file_name, pdf_of


def run_zip(actor, run) -> bytes:
    """The run's current certificates (revoked and superseded ones left out), one PDF each, named after
    its trainee so that a coordinator can hand each one to its holder."""
    require_manage_certificates(actor, run)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates_of_run(run.id):
            if certificate.is_current:
                archive.writestr(named_file_name(certificate), pdf_of(certificate))
    return buffer.getvalue()
