"""Functions and filters every template may use."""

from flask import Flask, request
from flask_login import current_user

from ..accounts.organisations import OrganisationType
from ..accounts.permissions import Cap, Role, can, has_capability, has_role
from ..assessment.models import AttemptState, QuizWindow
from ..attendance.models import Source, Status
from ..certificates.models import CertificateStatus
from ..evaluations.models import EvaluationStanding
from ..infra.i18n import LANGUAGES, country_name, current_language, format_number, format_percent
from ..infra.labels import readable
from ..infra.links import url_with_query
from ..infra.mail.models import OutboxStatus
from ..infra.navigation import nav_for
from ..infra.timeutil import format_in_zone
from ..needs.models import PlanStatus, SurveyStatus
from ..scheduling.models import Audience, DeliveryFormat, RegistrationStatus, RunStatus, SessionStatus

# The states templates compare with (`registration.status == RegistrationStatus.CONFIRMED`), never a string.
STATE_ENUMS = (
    RunStatus,
    SessionStatus,
    RegistrationStatus,
    AttemptState,
    CertificateStatus,
    SurveyStatus,
    PlanStatus,
    EvaluationStanding,
)
# Every enum whose codes a person may meet: each has a `label`, shown instead of the code.
LABELLED_ENUMS = (
    *STATE_ENUMS,
    QuizWindow,
    DeliveryFormat,
    Audience,
    OrganisationType,
    Role,
    Status,
    Source,
    OutboxStatus,
)


def _code_members() -> dict[str, object]:
    """The enum member of each stored code (a plain string) shown by `|label`, its words read in the
    reader's language at render time; a code two enums word differently is left out (the template names
    its enum: `|label(EvaluationStanding)`)."""
    members: dict[str, list] = {}
    for labelled in LABELLED_ENUMS:
        for member in labelled:
            members.setdefault(member.value, []).append(member)
    return {code: found[0] for code, found in members.items() if len({m.label for m in found}) == 1}


CODE_MEMBERS = _code_members()


def label(value, enum_class=None) -> str:
    """The words for a code: an enum member's label, a stored code's (of `enum_class` if given)."""
    if value is None or value == "":
        return ""
    if enum_class is not None:
        return enum_class(value).label
    own = getattr(value, "label", None)
    if isinstance(own, str):
        return own
    member = CODE_MEMBERS.get(str(value))
    return member.label if member is not None else readable(str(value))


def install_template_helpers(app: Flask) -> None:
    @app.context_processor
    def inject_helpers():
        return {
            "nav_items": lambda: nav_for(current_user),
            "can": lambda cap, partner_id=None: can(current_user, Cap(cap), partner_id),
            "has_capability": lambda cap: has_capability(current_user, Cap(cap)),
            "has_role": lambda role: has_role(current_user, Role(role)),
            "unread_notifications": _unread_count,
        }

    # Globals, not context variables: macros imported without context (the pager, badges) need them too.
    app.add_template_global(_page_url, "page_url")
    for state_enum in STATE_ENUMS:
        app.add_template_global(state_enum, state_enum.__name__)

    app.add_template_filter(label, "label")
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(country_name, "country")
    app.add_template_global(LANGUAGES, "site_languages")
    app.add_template_global(current_language, "current_language")

    @app.template_filter("in_zone")
    def in_zone(moment, zone_name: str, with_zone: bool = True) -> str:
        return format_in_zone(moment, zone_name, with_zone)

    @app.template_filter("viewer_time")
    def viewer_time(moment) -> str:
        """The time in the viewer's own zone (or UTC for anonymous viewers)."""
        zone = current_user.display_timezone if current_user.is_authenticated else "UTC"
        return format_in_zone(moment, zone)


def _page_url(page_number: int) -> str:
    """The current URL with its query string kept and ?page= replaced."""
    args = request.args.copy()
    args["page"] = page_number
    return url_with_query(request.endpoint, args, **(request.view_args or {}))


def _unread_count() -> int:
    if not current_user.is_authenticated:
        return 0
    from ..notifications.services import unread_count

    return unread_count(current_user)
