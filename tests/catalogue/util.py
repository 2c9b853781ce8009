"""Small helpers for the catalogue tests."""

from pathlib import Path


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a content file, failing loudly if the text is not there."""
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))
