"""Reading `topics.yaml`: curriculum areas, tracks and the topic codes used everywhere."""

from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .fields import FieldReader
from .yamltext import parse_yaml, read_text

TOPICS_FILE = "topics.yaml"
CODE_PATTERN = r"[A-Z][A-Z0-9_]{1,15}"
SLUG_PATTERN = r"[a-z][a-z0-9_]{1,39}"


@dataclass(frozen=True)
class NamedCode:
    code: str
    name: str
    position: int


@dataclass(frozen=True)
class TopicSpec:
    code: str
    name: str
    area: str
    track: str
    position: int


@dataclass(frozen=True)
class Taxonomy:
    areas: tuple[NamedCode, ...]
    tracks: tuple[NamedCode, ...]
    topics: tuple[TopicSpec, ...]

    @property
    def topic_codes(self) -> frozenset[str]:
        return frozenset(t.code for t in self.topics)


def read_taxonomy(content_dir: Path, errors: list[ContentError]) -> Taxonomy | None:
    """The taxonomy, or None (with errors) when the file is missing or malformed."""
    path = content_dir / TOPICS_FILE
    if not path.is_file():
        errors.append(ContentError(TOPICS_FILE, None, "the topic taxonomy file is missing"))
        return None
    before = len(errors)
    text = read_text(path, TOPICS_FILE, errors)
    document = parse_yaml(text, TOPICS_FILE, errors) if text is not None else None
    if document is None:
        return None
    if not isinstance(document.data, dict):
        errors.append(ContentError(TOPICS_FILE, 1, "expected a mapping with areas, tracks and topics"))
        return None
    root = FieldReader(document, errors)
    root.reject_unknown(("areas", "tracks", "topics"))
    areas = _named_codes(root, "areas", SLUG_PATTERN)
    tracks = _named_codes(root, "tracks", SLUG_PATTERN)
    topics = _topics(root, {a.code for a in areas}, {t.code for t in tracks})
    if len(errors) > before:
        return None
    return Taxonomy(tuple(areas), tuple(tracks), tuple(topics))


def _named_codes(root: FieldReader, key: str, pattern: str) -> list[NamedCode]:
    items: list[NamedCode] = []
    indexes = root.mapping_list(key)
    if not indexes:
        root.fail(f"{key!r} must list at least one entry", key)
    for index in indexes:
        reader = root.sub(key, index)
        reader.reject_unknown(("code", "name"))
        code = reader.text("code", pattern=pattern, max_length=40)
        name = reader.text("name", max_length=120)
        if code and any(item.code == code for item in items):
            reader.fail(f"duplicate {key[:-1]} code {code!r}", "code")
        elif code and name:
            items.append(NamedCode(code, name, len(items)))
    return items


def _topics(root: FieldReader, areas: set[str], tracks: set[str]) -> list[TopicSpec]:
    topics: list[TopicSpec] = []
    indexes = root.mapping_list("topics")
    if not indexes:
        root.fail("'topics' must list at least one topic", "topics")
    for index in indexes:
        reader = root.sub("topics", index)
        reader.reject_unknown(("code", "name", "area", "track"))
        code = reader.text("code", pattern=CODE_PATTERN)
        name = reader.text("name", max_length=200)
        area = reader.choice("area", sorted(areas))
        track = reader.choice("track", sorted(tracks))
        if code and any(topic.code == code for topic in topics):
            reader.fail(f"duplicate topic code {code!r}", "code")
        elif code and name and area and track:
            topics.append(TopicSpec(code, name, area, track, len(topics)))
    return topics
