"""What an imported file must say: survey answers (long or wide) and self-assessment scores.

Pure checks over a `Table` and the vocabulary the file may use (partner, topic and area codes,
the importer's scope). Every problem of every line is collected; a caller imports nothing unless
the list is empty.

Survey answers, one of two shapes, told apart by the header:
  long:  respondent_id,partner,organisation_type,topic,importance,competence
  wide:  respondent_id,partner,organisation_type,<TOPIC>_importance,<TOPIC>_competence,…
Self-assessment: partner,area,score[,note]
"""

import re
from dataclasses import dataclass, field

from ..accounts.organisations import OrganisationType
from .tabular import Table

RESPONDENT_COLUMNS = ("respondent_id", "partner", "organisation_type")
LONG_COLUMNS = (*RESPONDENT_COLUMNS, "topic", "importance", "competence")
SCALES = ("importance", "competence")
WIDE_COLUMN = re.compile(r"^(?P<topic>.+)_(?P<scale>importance|competence)$")
ASSESSMENT_COLUMNS = ("partner", "area", "score")
ASSESSMENT_OPTIONAL = ("note",)
ORG_TYPES = tuple(t.value for t in OrganisationType)
MAX_ID_LENGTH = 64
MAX_NOTE_LENGTH = 2000


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Vocabulary:
    """The codes a file may use. `allowed_partners` None means any known partner."""

    partners: frozenset[str]
    topics: frozenset[str] = frozenset()
    survey_topics: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    allowed_partners: frozenset[str] | None = None
    survey_partner: str | None = None


@dataclass
class RespondentRows:
    """One respondent's answers as read from the file, keyed by topic code."""

    line: int
    external_id: str
    partner: str
    organisation_type: str
    answers: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreRow:
    line: int
    partner: str
    area: str
    score: int
    note: str


class _Errors(list):
    def add(self, line: int, reason: str) -> None:
        self.append(LineError(line, reason))

    def by_line(self) -> list[LineError]:
        """The errors in line order, each line's in the order they were found."""
        return sorted(self, key=lambda error: error.line)


def _check_header(
    header: list[str],
    required: tuple[str, ...],
    optional: tuple[str, ...],
    errors: _Errors,
    pattern: re.Pattern | None = None,
) -> dict[str, int]:
    """Column positions by (lower-cased) name; missing, unknown and repeated columns are errors."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            errors.add(1, f"column {index + 1} has no name")
        elif name in positions:
            errors.add(1, f"column {name} appears twice")
        elif name in required or name in optional or (pattern and pattern.match(name)):
            positions[name] = index
        else:
            errors.add(1, f"unknown column {raw.strip()!r}")
    for name in required:
        if name not in positions:
            errors.add(1, f"missing column {name}")
    return positions


def _cells(line: int, cells: list[str], width: int, errors: _Errors) -> list[str]:
    if len(cells) > width and any(cells[width:]):
        errors.add(line, f"{len(cells)} cells but the header has {width} columns")
    return cells[:width] + [""] * (width - len(cells))


def _scale(line: int, label: str, text: str, errors: _Errors) -> int | None:
    if text == "":
        return None
    if not re.fullmatch(r"[+-]?\d+", text):
        errors.add(line, f"{label} {text!r} is not a whole number from 1 to 5")
        return None
    value = int(text)
    if value not in range(1, 6):
        errors.add(line, f"{label} {value} is outside the scale 1–5")
        return None
    return value


def _partner(line: int, text: str, vocab: Vocabulary, errors: _Errors) -> str:
    code = text.strip().upper()
    if not code:
        errors.add(line, "partner is missing")
    elif code not in vocab.partners:
        errors.add(line, f"unknown partner code {text!r}")
    elif vocab.allowed_partners is not None and code not in vocab.allowed_partners:
        errors.add(
            line,
            f"partner {code} is outside your scope (you may import for "
            f"{', '.join(sorted(vocab.allowed_partners)) or 'no partner'} only)",
        )
    elif vocab.survey_partner is not None and code != vocab.survey_partner:
        errors.add(line, f"partner {code} is not this survey's partner ({vocab.survey_partner})")
    return code


def _topic(line: int, text: str, vocab: Vocabulary, errors: _Errors, where: str = "") -> str | None:
    code = text.strip().upper()
    if not code:
        errors.add(line, "topic is missing")
    elif code not in vocab.topics:
        errors.add(line, f"unknown topic code {text.strip()!r}{where}")
    elif code not in vocab.survey_topics:
        errors.add(line, f"topic {code} is not part of this survey{where}")
    else:
        return code
    return None


def _respondent(line: int, row: dict[str, str], vocab: Vocabulary, errors: _Errors) -> RespondentRows:
    external_id = row["respondent_id"]
    if not external_id:
        errors.add(line, "respondent_id is missing")
    elif len(external_id) > MAX_ID_LENGTH:
        errors.add(line, f"respondent_id is longer than {MAX_ID_LENGTH} characters")
    partner = _partner(line, row["partner"], vocab, errors)
    org_type = row["organisation_type"].strip().lower()
    if org_type not in ORG_TYPES:
        errors.add(line, f"unknown organisation type {row['organisation_type']!r} (use one of: {', '.join(ORG_TYPES)})")
    return RespondentRows(line, external_id, partner, org_type)


def _named(positions: dict[str, int], cells: list[str]) -> dict[str, str]:
    return {name: cells[index] for name, index in positions.items()}


def _parse_long(table: Table, vocab: Vocabulary, errors: _Errors) -> list[RespondentRows]:
    positions = _check_header(table.header, LONG_COLUMNS, (), errors)
    if errors:
        return []
    respondents: dict[tuple[str, str], RespondentRows] = {}
    first_line: dict[tuple[str, str, str], int] = {}
    for line, raw in table.rows:
        row = _named(positions, _cells(line, raw, len(table.header), errors))
        person = _respondent(line, row, vocab, errors)
        topic = _topic(line, row["topic"], vocab, errors)
        ratings = tuple(_scale(line, scale, row[scale], errors) for scale in SCALES)
        if not person.external_id:
            continue
        key = (person.partner, person.external_id)
        known = respondents.setdefault(key, person)
        if known.organisation_type != person.organisation_type:
            errors.add(line, f"organisation type differs from line {known.line} for respondent {person.external_id}")
        if topic is None:
            continue
        if (*key, topic) in first_line:
            errors.add(
                line,
                f"respondent {person.external_id} ({person.partner}) already answered topic {topic} "
                f"on line {first_line[(*key, topic)]}",
            )
            continue
        first_line[(*key, topic)] = line
        if ratings != (None, None):
            known.answers[topic] = ratings
    return list(respondents.values())


def _wide_topics(positions: dict[str, int], vocab: Vocabulary, errors: _Errors) -> list[str]:
    """Topic codes of the wide header, each needing both its columns."""
    scales_by_topic: dict[str, set[str]] = {}
    for name in positions:
        match = WIDE_COLUMN.match(name)
        if match:
            code = _topic(1, match["topic"], vocab, errors, where=f" in column {name}")
            if code:
                scales_by_topic.setdefault(code, set()).add(match["scale"])
    for code, scales in scales_by_topic.items():
        for missing in sorted(set(SCALES) - scales):
            errors.add(1, f"missing column {code}_{missing}")
    return list(scales_by_topic)


def _parse_wide(table: Table, vocab: Vocabulary, errors: _Errors) -> list[RespondentRows]:
    positions = _check_header(table.header, RESPONDENT_COLUMNS, (), errors, WIDE_COLUMN)
    topics = _wide_topics(positions, vocab, errors)
    if errors:
        return []
    respondents: dict[tuple[str, str], RespondentRows] = {}
    for line, raw in table.rows:
        row = _named(positions, _cells(line, raw, len(table.header), errors))
        person = _respondent(line, row, vocab, errors)
        for code in topics:
            ratings = tuple(_scale(line, f"{code} {scale}", row[f"{code.lower()}_{scale}"], errors) for scale in SCALES)
            if ratings != (None, None):
                person.answers[code] = ratings
        if not person.external_id:
            continue
        key = (person.partner, person.external_id)
        if key in respondents:
            errors.add(
                line,
                f"respondent {person.external_id} ({person.partner}) already appears on line {respondents[key].line}",
            )
            continue
        respondents[key] = person
    return list(respondents.values())


def survey_shape(header: list[str]) -> str | None:
    """'long' or 'wide' as the header says, or None when it is neither."""
    names = {cell.strip().lower() for cell in header}
    if names & {"topic", *SCALES}:
        return "long"
    if any(WIDE_COLUMN.match(name) for name in names):
        return "wide"
    return None


def parse_survey_table(table: Table, vocab: Vocabulary) -> tuple[list[RespondentRows], list[LineError]]:
    """The respondents of a survey file, or the sorted list of everything wrong with it."""
    errors = _Errors()
    shape = survey_shape(table.header)
    if shape is None:
        errors.add(
            1,
            "the header is neither the long shape ("
            + ",".join(LONG_COLUMNS)
            + ") nor the wide shape ("
            + ",".join(RESPONDENT_COLUMNS)
            + ",<TOPIC>_importance,<TOPIC>_competence,…)",
        )
        return [], list(errors)
    respondents = (_parse_long if shape == "long" else _parse_wide)(table, vocab, errors)
    return ([], errors.by_line()) if errors else (respondents, [])


def parse_assessment_table(table: Table, vocab: Vocabulary) -> tuple[list[ScoreRow], list[LineError]]:
    """Self-assessment scores (partner, area, score, note), or everything wrong with the file."""
    errors = _Errors()
    positions = _check_header(table.header, ASSESSMENT_COLUMNS, ASSESSMENT_OPTIONAL, errors)
    if errors:
        return [], list(errors)
    scores: list[ScoreRow] = []
    first_line: dict[tuple[str, str], int] = {}
    for line, raw in table.rows:
        row = _named(positions, _cells(line, raw, len(table.header), errors))
        partner = _partner(line, row["partner"], vocab, errors)
        area = row["area"].strip().lower()
        if area not in vocab.areas:
            errors.add(line, f"unknown curriculum area {row['area']!r} (use one of: {', '.join(sorted(vocab.areas))})")
        score = _scale(line, "score", row["score"], errors)
        if row["score"] == "":
            errors.add(line, "score is missing")
        note = row.get("note", "")
        if len(note) > MAX_NOTE_LENGTH:
            errors.add(line, f"note is longer than {MAX_NOTE_LENGTH} characters")
        if (partner, area) in first_line:
            errors.add(line, f"partner {partner} and area {area} already appear on line {first_line[(partner, area)]}")
        first_line.setdefault((partner, area), line)
        if score is not None:
            scores.append(ScoreRow(line, partner, area, score, note))
    return ([], errors.by_line()) if errors else (scores, [])
