"""Rewriting text that names an erased person so that it names their pseudonym instead.

An address is matched in any case, never inside a longer address. A name is matched as a whole
(never the "Ana Li" of "Ana Lima" or of "Diana Li"), with any spacing, and in any case when it has
several words; a one-word name only as written, so that erasing a "Mark" leaves "full mark" alone.
Other people's longer names that contain the name ("Ana Li Wang") are protected: they stay whole.
"""

import re
from collections.abc import Iterable

_WORD_BEFORE, _WORD_AFTER = r"(?<!\w)", r"(?!\w)"
_ADDRESS_BEFORE, _ADDRESS_AFTER = r"(?<![\w.+-])", r"(?![\w-]|\.\w)"
LIKE_ESCAPE = "/"


def _name_pattern(name: str) -> str:
    """The name as a whole, with any spacing; in any case when it has several words."""
    words = name.split()
    body = r"\s+".join(re.escape(word) for word in words)
    flags = "(?i:" if len(words) > 1 else "(?:"
    return f"{flags}{_WORD_BEFORE}{body}{_WORD_AFTER})"


def _longest_first(texts: Iterable[str]) -> list[str]:
    return sorted({text.strip() for text in texts if text and text.strip()}, key=lambda text: (-len(text), text))


def name_regex(name: str) -> re.Pattern:
    return re.compile(_name_pattern(name))


def like_pattern(text: str) -> str:
    """A lower-case LIKE pattern (escape character LIKE_ESCAPE) that finds the text however a database stores it:
    characters beyond ASCII become `%`, as JSON may store them escaped and SQLite lowers only ASCII."""
    escaped = re.sub(r"([/%_])", r"/\1", text.lower())
    return "%" + re.sub(r"(?:[^\x00-\x7f]|\s)+", "%", escaped) + "%"


class Pseudonym:
    """The names and addresses of one person, and what they become."""

    def __init__(
        self, *, names: Iterable[str], emails: Iterable[str], name: str, email: str, protected: Iterable[str] = ()
    ):
        self.names, self.emails = _longest_first(names), _longest_first(emails)
        self.name, self.email = name, email
        addresses = "|".join(f"{_ADDRESS_BEFORE}{re.escape(address)}{_ADDRESS_AFTER}" for address in self.emails)
        self._addresses = re.compile(addresses, re.IGNORECASE) if addresses else None
        kept = "|".join(_name_pattern(other) for other in _longest_first(protected))
        names = "|".join(_name_pattern(known) for known in self.names)
        self._names = re.compile(f"(?P<kept>{kept})|{names}" if kept else names) if names else None

    def like_patterns(self) -> list[str]:
        """Patterns that find, in SQL, every text this pseudonym may rewrite (and some it will not)."""
        return [like_pattern(text) for text in (*self.emails, *self.names)]

    def rewrite(self, value):
        """The value (a text, or JSON-like lists and dicts of them) with the person's pseudonym for them."""
        if isinstance(value, str):
            return self._rewrite_text(value)
        if isinstance(value, list):
            return [self.rewrite(item) for item in value]
        if isinstance(value, dict):
            return {key: self.rewrite(item) for key, item in value.items()}
        return value

    def _rewrite_text(self, text: str) -> str:
        if self._addresses is not None:
            text = self._addresses.sub(self.email, text)
        if self._names is not None:
            text = self._names.sub(lambda match: match.group(0) if match.groupdict().get("kept") else self.name, text)
        return text
