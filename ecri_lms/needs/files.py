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
from ..infra.i18n import gettext as _
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
        return _("line %(line)d: %(reason)s", line=self.line, reason=self.reason)


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
            errors.add(1, _("column %(num)d has no name", num=index + 1))
        elif name in positions:
            errors.add(1, _("column %(name)s appears twice", name=name))
        elif name in required or name in optional or (pattern and pattern.match(name)):
            positions[name] = index
        else:
            errors.add(1, _("unknown column '%(name)s'", name=raw.strip()))
    for name in required:
        if name not in positions:
            errors.add(1, _("missing column %(name)s", name=name))
    return positions


def _cells(line: int, cells: list[str], width: int, errors: _Errors) -> list[str]:
    if len(cells) > width and any(cells[width:]):
        errors.add(line, _("%(cells)d cells but the header has %(columns)d columns", cells=len(cells), columns=width))
    return cells[:width] + [""] * (width - len(cells))


def _scale(line: int, label: str, text: str, errors: _Errors) -> int | None:
    if text == "":
        return None
    if not re.fullmatch(r"[+-]?\d+", text):
        errors.add(line, _("%(label)s '%(value)s' is not a whole number from 1 to 5", label=label, value=text))
        return None
    value = int(text)
    if value not in range(1, 6):
        errors.add(line, _("%(label)s %(value)d is outside the scale 1–5", label=label, value=value))
        return None
    return value


def _partner(line: int, text: str, vocab: Vocabulary, errors: _Errors) -> str:
    code = text.strip().upper()
    if not code:
        errors.add(line, _("partner is missing"))
    elif code not in vocab.partners:
        errors.add(line, _("unknown partner code '%(code)s'", code=text))
    elif vocab.allowed_partners is not None and code not in vocab.allowed_partners:
        if vocab.allowed_partners:
            refusal = _(
                "partner %(code)s is outside your scope (you may import for %(partners)s only)",
                code=code,
                partners=", ".join(sorted(vocab.allowed_partners)),
            )
        else:
            refusal = _("partner %(code)s is outside your scope (you may import for no partner)", code=code)
        errors.add(line, refusal)
    elif vocab.survey_partner is not None and code != vocab.survey_partner:
        errors.add(
            line,
            _("partner %(code)s is not this survey's partner (%(partner)s)", code=code, partner=vocab.survey_partner),
        )
    return code


def _topic(line: int, text: str, vocab: Vocabulary, errors: _Errors, column: str = "") -> str | None:
    """The topic code of a cell (or, with `column`, of a wide header's column name)."""
    code = text.strip().upper()
    if not code:
        errors.add(line, _("topic is missing"))
    elif code not in vocab.topics:
        if column:
            errors.add(line, _("unknown topic code '%(code)s' in column %(column)s", code=text.strip(), column=column))
        else:
            errors.add(line, _("unknown topic code '%(code)s'", code=text.strip()))
    elif code not in vocab.survey_topics:
        if column:
            errors.add(
                line, _("topic %(code)s is not part of this survey in column %(column)s", code=code, column=column)
            )
        else:
            errors.add(line, _("topic %(code)s is not part of this survey", code=code))
    else:
        return code
    return None


def _respondent(line: int, row: dict[str, str], vocab: Vocabulary, errors: _Errors) -> RespondentRows:
    external_id = row["respondent_id"]
    if not external_id:
        errors.add(line, _("respondent_id is missing"))
    elif len(external_id) > MAX_ID_LENGTH:
        errors.add(line, _("respondent_id is longer than %(num)d characters", num=MAX_ID_LENGTH))
    partner = _partner(line, row["partner"], vocab, errors)
    org_type = row["organisation_type"].strip().lower()
    if org_type not in ORG_TYPES:
        errors.add(
            line,
            _(
                "unknown organisation type '%(value)s' (use one of: %(types)s)",
                value=row["organisation_type"],
                types=", ".join(ORG_TYPES),
            ),
        )
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
            errors.add(
                line,
                _(
                    "organisation type differs from line %(line)d for respondent %(respondent)s",
                    line=known.line,
                    respondent=person.external_id,
                ),
            )
        if topic is None:
            continue
        if (*key, topic) in first_line:
            errors.add(
                line,
                _(
                    "respondent %(respondent)s (%(partner)s) already answered topic %(topic)s on line %(line)d",
                    respondent=person.external_id,
                    partner=person.partner,
                    topic=topic,
                    line=first_line[(*key, topic)],
                ),
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
            code = _topic(1, match["topic"], vocab, errors, column=name)
            if code:
                scales_by_topic.setdefault(code, set()).add(match["scale"])
    for code, scales in scales_by_topic.items():
        for missing in sorted(set(SCALES) - scales):
            errors.add(1, _("missing column %(name)s", name=code + "_" + missing))
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
                _(
                    "respondent %(respondent)s (%(partner)s) already appears on line %(line)d",
                    respondent=person.external_id,
                    partner=person.partner,
                    line=respondents[key].line,
                ),
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
            _(
                "the header is neither the long shape (%(long)s) nor the wide shape (%(wide)s)",
                long=",".join(LONG_COLUMNS),
                wide=",".join(RESPONDENT_COLUMNS) + ",<TOPIC>_importance,<TOPIC>_competence,…",
            ),
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
            errors.add(
                line,
                _(
                    "unknown curriculum area '%(value)s' (use one of: %(areas)s)",
                    value=row["area"],
                    areas=", ".join(sorted(vocab.areas)),
                ),
            )
        score = _scale(line, "score", row["score"], errors)
        if row["score"] == "":
            errors.add(line, _("score is missing"))
        note = row.get("note", "")
        if len(note) > MAX_NOTE_LENGTH:
            errors.add(line, _("note is longer than %(num)d characters", num=MAX_NOTE_LENGTH))
        if (partner, area) in first_line:
            errors.add(
                line,
                _(
                    "partner %(partner)s and area %(area)s already appear on line %(line)d",
                    partner=partner,
                    area=area,
                    line=first_line[(partner, area)],
                ),
            )
        first_line.setdefault((partner, area), line)
        if score is not None:
            scores.append(ScoreRow(line, partner, area, score, note))
    return ([], errors.by_line()) if errors else (scores, [])
