"""Other areas add panels to a run's page through scheduling's registry, in order, when visible."""

import pytest

from ecri_lms.scheduling import panels


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(panels, "_PANELS", {})
    return panels


def test_run_panels_come_in_order_with_their_data_and_only_when_visible(registry):
    registry.register_run_panel("late", 50, "late.html", lambda user, run: True, lambda user, run: {"n": run})
    registry.register_run_panel("early", 10, "early.html", lambda user, run: True, lambda user, run: {"n": user})
    registry.register_run_panel("hidden", 30, "hidden.html", lambda user, run: False, lambda user, run: {})
    shown = registry.run_panels_for("someone", 7)
    assert [(panel.name, data) for panel, data in shown] == [("early", {"n": "someone"}), ("late", {"n": 7})]


def test_registering_a_panel_again_replaces_it(registry):
    registry.register_run_panel("one", 10, "a.html", lambda user, run: True, lambda user, run: {})
    registry.register_run_panel("one", 20, "b.html", lambda user, run: True, lambda user, run: {})
    assert [panel.template for panel, _ in registry.run_panels_for(None, None)] == ["b.html"]
