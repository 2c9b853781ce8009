"""Which language a person reads: chosen once, stored, and used for every page and artefact made for them.

The order: the language in the user's profile (stored at the first login from the browser's choice,
changed by the switcher); for anonymous visitors the switcher's cookie, then the browser's
`Accept-Language`; then the language of the person's partner; then English.
"""

from flask import has_request_context, request
from flask_login import current_user

from ..infra.errors import ValidationError
from ..infra.i18n import DEFAULT_LANGUAGE, LANGUAGES, is_language
from ..infra.i18n import gettext as _

COOKIE = "language"
COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    """Flask-Babel's locale selector: the language of this request."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    user = current_user
    if user.is_authenticated and is_language(user.language):
        return user.language
    return visitor_language() or partner_language(user if user.is_authenticated else None) or DEFAULT_LANGUAGE


def visitor_language() -> str | None:
    """What this browser asked for: the switcher's cookie, else its best `Accept-Language` match."""
    cookie = request.cookies.get(COOKIE)
    if is_language(cookie):
        return cookie
    return request.accept_languages.best_match(LANGUAGES)


def partner_language(user) -> str | None:
    partner = getattr(user, "partner", None)
    return partner.language if partner is not None and is_language(partner.language) else None


def language_of(user) -> str:
    """The language of an e-mail, reminder or document made for `user` outside their own request."""
    if user is not None and is_language(getattr(user, "language", None)):
        return user.language
    return partner_language(user) or DEFAULT_LANGUAGE


def remember_first_language(user) -> None:
    """At the first login, the language this browser was reading in becomes the profile's."""
    if not is_language(user.language):
        user.language = visitor_language() or partner_language(user) or DEFAULT_LANGUAGE


def choose_language(user, code: str) -> None:
    """The switcher (and the profile) store a language for a signed-in person."""
    if not is_language(code):
        raise ValidationError(_("Choose one of the languages offered."))
    if user is not None and user.is_authenticated:
        user.language = code


def language_choices() -> list[tuple[str, str]]:
    return list(LANGUAGES.items())
