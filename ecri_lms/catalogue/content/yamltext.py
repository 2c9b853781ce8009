"""YAML and front-matter reading that remembers the line of every key, for precise error messages."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

FENCE = "---"


@dataclass
class Document:
    """Parsed YAML plus the 1-based line of every mapping key and list item, by path."""

    rel: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, *path) -> int:
        """The line of `path`, or of its nearest known parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line

    def error(self, message: str, *path) -> ContentError:
        return ContentError(self.rel, self.line(*path), message)


def read_text(path: Path, rel: str, errors: list[ContentError]) -> str | None:
    """The file as UTF-8 text (a BOM is dropped), or None with an error naming the bad line."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        errors.append(ContentError(rel, raw[: problem.start].count(b"\n") + 1, "the file is not valid UTF-8"))
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def parse_yaml(text: str, rel: str, errors: list[ContentError], first_line: int = 1) -> Document | None:
    """Parse one YAML document; on a syntax error, record it with its line and return None."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as problem:
        errors.append(_yaml_error(problem, rel, first_line))
        return None
    finally:
        loader.dispose()
    document = Document(rel, data, first_line=first_line)
    if node is not None:
        _record_lines(node, (), document, first_line - 1, errors)
    return document


def _yaml_error(problem: yaml.YAMLError, rel: str, first_line: int) -> ContentError:
    mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    reason = getattr(problem, "problem", None) or str(problem)
    context = getattr(problem, "context", None)
    return ContentError(rel, line, f"invalid YAML: {reason}" + (f" ({context})" if context else ""))


def _record_lines(node, path: tuple, document: Document, offset: int, errors: list[ContentError]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                errors.append(ContentError(document.rel, line, f"duplicate key {key!r}"))
            seen.add(key)
            document.lines[path + (key,)] = line
            _record_lines(value_node, path + (key,), document, offset, errors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            document.lines[path + (index,)] = item.start_mark.line + 1 + offset
            _record_lines(item, path + (index,), document, offset, errors)


def split_front_matter(text: str, rel: str, errors: list[ContentError]) -> tuple[Document | None, str]:
    """Split '---' front matter from the Markdown body; the front matter must be a YAML mapping."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        errors.append(ContentError(rel, 1, "missing front matter: the file must start with a line '---'"))
        return None, text
    closing = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in (FENCE, "...")), None)
    if closing is None:
        errors.append(ContentError(rel, 1, "the front matter is not closed by a line '---'"))
        return None, ""
    document = parse_yaml("\n".join(lines[1:closing]), rel, errors, first_line=2)
    body = "\n".join(lines[closing + 1 :]).strip("\n")
    if document is None:
        return None, body
    if not isinstance(document.data, dict):
        errors.append(ContentError(rel, 2, "the front matter must be a YAML mapping of keys to values"))
        return None, body
    return document, body
