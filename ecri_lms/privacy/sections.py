"""Every area's part of a person's data, named here so the whole of the GDPR path reads in one place.

A new table that holds personal data gets its line in `personal_tables` (a test fails otherwise) and,
when the person should see it in their download or erasure must do more than that line says, its
area's `personal_data` module gets an `export` or `erase` listed below.
"""

from collections.abc import Callable

from ..accounts import personal_data as accounts
from ..accounts.audit import personal_data as audit
from ..assessment import personal_data as assessment
from ..attendance import personal_data as attendance
from ..catalogue import personal_data as catalogue
from ..certificates import personal_data as certificates
from ..evaluations import personal_data as evaluations
from ..notifications import personal_data as notifications
from ..notifications.outbox import personal_data as outbox
from ..scheduling import personal_data as scheduling

EXPORTERS: dict[str, Callable] = {
    "account": accounts.export,
    "login_sessions": accounts.export_devices,
    "audit": audit.export,
    "assessment": assessment.export,
    "attendance": attendance.export,
    "catalogue": catalogue.export,
    "certificates": certificates.export,
    "evaluations": evaluations.export,
    "notifications": notifications.export,
    "outbox": outbox.export,
    "scheduling": scheduling.export,
}

ERASERS: dict[str, Callable] = {
    "certificates": certificates.erase,
    "outbox": outbox.erase,
    "scheduling": scheduling.erase,
}
