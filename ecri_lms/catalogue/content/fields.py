"""Typed reading of front-matter fields: each problem becomes an error on the line of its key."""

import re
from collections.abc import Iterable
from typing import Any

from .errors import ContentError
from .yamltext import Document

MISSING = object()


class FieldReader:
    """Reads the keys of one YAML mapping (at `path` inside `document`), collecting errors."""

    def __init__(self, document: Document, errors: list[ContentError], path: tuple = ()):
        self.document = document
        self.errors = errors
        self.path = path
        data = document.data
        for step in path:
            data = data[step]
        self.data: dict = data if isinstance(data, dict) else {}

    def fail(self, message: str, *key) -> None:
        self.errors.append(self.document.error(message, *self.path, *key))

    def _get(self, key: str, required: bool) -> Any:
        value = self.data.get(key, MISSING)
        if value is MISSING or value is None:
            if required:
                self.fail(f"missing field {key!r}")
            return MISSING
        return value

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in self.data:
            if key not in allowed:
                self.fail(f"unknown field {key!r} (expected one of: {', '.join(sorted(allowed))})", key)

    def text(
        self,
        key: str,
        *,
        required: bool = True,
        max_length: int | None = None,
        pattern: str | None = None,
        default: str | None = None,
    ) -> str | None:
        value = self._get(key, required)
        if value is MISSING:
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key!r} must be a non-empty text", key)
            return default
        value = value.strip()
        if max_length and len(value) > max_length:
            self.fail(f"{key!r} is longer than {max_length} characters", key)
        if pattern and not re.fullmatch(pattern, value):
            self.fail(f"{key!r} has an invalid value {value!r}", key)
        return value

    def choice(self, key: str, choices: Iterable[str], *, required: bool = True) -> str | None:
        value = self.text(key, required=required)
        choices = tuple(choices)
        if value is not None and value not in choices:
            self.fail(f"unknown {key} {value!r} (expected one of: {', '.join(choices)})", key)
            return None
        return value

    def text_list(
        self,
        key: str,
        *,
        required: bool = True,
        allowed: Iterable[str] | None = None,
        what: str = "value",
        non_empty: bool = True,
    ) -> list[str]:
        value = self._get(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.fail(f"{key!r} must be a list", key)
            return []
        if non_empty and not value:
            self.fail(f"{key!r} must not be empty", key)
        allowed_set = set(allowed) if allowed is not None else None
        items: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, (str, int)) or isinstance(item, bool) or not str(item).strip():
                self.fail(f"item {index + 1} of {key!r} must be a non-empty text", key, index)
                continue
            item = str(item).strip()
            if allowed_set is not None and item not in allowed_set:
                self.fail(f"unknown {what} {item!r} in {key!r}", key, index)
            elif item in items:
                self.fail(f"{item!r} appears twice in {key!r}", key, index)
            else:
                items.append(item)
        return items

    def number(
        self,
        key: str,
        *,
        required: bool = True,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
        default: float | None = None,
    ):
        value = self._get(key, required)
        if value is MISSING:
            return default
        kinds = (int,) if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            self.fail(f"{key!r} must be {'a whole number' if integer else 'a number'}", key)
            return default
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
            self.fail(f"{key!r} must be {bounds}", key)
            return default
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.fail(f"{key!r} must be true or false", key)
            return default
        return value

    def mapping_list(self, key: str) -> list[int]:
        """Indexes of the items of a list of mappings (an absent key is an empty list)."""
        value = self._get(key, False)
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.fail(f"{key!r} must be a list", key)
            return []
        good = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                good.append(index)
            else:
                self.fail(f"item {index + 1} of {key!r} must be a mapping of keys to values", key, index)
        return good

    def sub(self, *key) -> "FieldReader":
        return FieldReader(self.document, self.errors, self.path + key)
