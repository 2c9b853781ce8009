"""Every route of the app, and a concrete URL for it pointing at the world's objects."""

from flask import url_for

from ecri_lms import create_app

# Served by Flask and Bootstrap-Flask from static files: no application code behind them.
EXEMPT_ENDPOINTS = frozenset({"static", "bootstrap.static"})

# Where a URL variable does not name the object its name suggests.
SPECIAL_VALUES = {
    ("needs.answer", "token"): "survey_token",
    ("accounts.reset_password", "token"): "bogus_token",
    ("scheduling.personal_feed", "token"): "bogus_token",
    ("scheduling.partner_feed", "code"): "partner_code",
    ("needs.self_assessment_edit", "code"): "partner_code",
    ("certificates.verify", "code"): "certificate_code",
    ("attendance.check_in_link", "code"): "check_in_code",
    ("reporting.partner", "code"): "partner_code",
    ("reporting.chart_export", "key"): "chart_key",
}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def route_cases(app=None) -> list[tuple[str, str]]:
    """(endpoint, method) for every rule of the app, static files aside."""
    app = app or create_app("testing")
    cases = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in EXEMPT_ENDPOINTS:
            continue
        cases.update((rule.endpoint, method) for method in rule.methods if method in METHODS)
    return sorted(cases)


def rule_of(app, endpoint: str):
    return next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)


def url_of(app, endpoint: str, ids: dict, **overrides) -> str:
    """The endpoint's URL with the world's object for each variable (or the overrides)."""
    rule = rule_of(app, endpoint)
    values = {name: overrides.get(name, ids[SPECIAL_VALUES.get((endpoint, name), name)]) for name in rule.arguments}
    with app.test_request_context():
        return url_for(endpoint, **values)
