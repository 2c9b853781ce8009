"""Where a lesson's facts come from: the sources read and, for lessons that state regulations,
programmes, dates or figures, when they were last checked. A trainee can then tell how fresh a fact is."""

from dataclasses import dataclass
from datetime import date, datetime

from ...infra.timeutil import utcnow
from .fields import FieldReader

PROVENANCE_FIELDS = ("regulatory", "last_checked", "sources")
MAX_TITLE = 300


@dataclass(frozen=True)
class SourceRef:
    url: str
    title: str
    read: date

    def as_json(self) -> dict:
        return {"url": self.url, "title": self.title, "read": self.read.isoformat()}


@dataclass(frozen=True)
class Provenance:
    last_checked: date | None
    sources: tuple[SourceRef, ...]


def _date(reader: FieldReader, key: str) -> date | None:
    """A YAML date (2026-12-07), never in the future: a check cannot have happened yet."""
    value = reader.data.get(key)
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, date) or isinstance(value, datetime):
        reader.fail(f"{key!r} must be a date written YYYY-MM-DD", key)
        return None
    if value > utcnow().date():
        reader.fail(f"{key!r} is in the future ({value.isoformat()})", key)
        return None
    return value


def _source(reader: FieldReader, index: int) -> SourceRef | None:
    item = reader.sub("sources", index)
    before = len(reader.errors)
    item.reject_unknown(("url", "title", "read"))
    url = item.text("url", max_length=1000, pattern=r"https?://\S+")
    title = item.text("title", max_length=MAX_TITLE)
    if item.data.get("read") is None:
        item.fail("missing field 'read'")
    read = _date(item, "read") if item.data.get("read") is not None else None
    if len(reader.errors) > before or url is None or title is None or read is None:
        return None
    return SourceRef(url, title, read)


def read_provenance(reader: FieldReader) -> Provenance:
    """The lesson's `regulatory`, `last_checked` and `sources`; a regulatory lesson needs the other two."""
    regulatory = reader.boolean("regulatory")
    last_checked = _date(reader, "last_checked") if reader.data.get("last_checked") is not None else None
    sources = tuple(source for source in (_source(reader, index) for index in reader.mapping_list("sources")) if source)
    if regulatory and "last_checked" not in reader.data:
        reader.fail("a regulatory lesson needs 'last_checked': the date its facts were checked")
    if regulatory and not reader.data.get("sources"):
        reader.fail("a regulatory lesson needs 'sources': what its facts were checked against")
    if last_checked is not None and not regulatory:
        reader.fail("'last_checked' is for regulatory lessons: add 'regulatory: true'", "last_checked")
    return Provenance(last_checked, sources)
