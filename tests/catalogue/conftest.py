"""Fixtures for the catalogue tests: a writable copy of the small curriculum in data/content."""

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "content"


@pytest.fixture
def content_dir(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def use_content(app, content_dir, monkeypatch) -> Path:
    """Point the app's CONTENT_DIR at the test curriculum (for the media route and the demo)."""
    monkeypatch.setitem(app.config, "CONTENT_DIR", str(content_dir))
    return content_dir
