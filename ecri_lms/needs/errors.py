"""Domain errors particular to the needs area."""

from ..infra.errors import Conflict, ValidationError
from ..infra.i18n import ngettext
from .files import LineError


class ImportRefused(ValidationError):
    """A file was refused whole; `errors` says what is wrong on which line."""

    def __init__(self, errors: list[LineError]):
        self.errors = errors
        count = len(errors)
        super().__init__(
            ngettext(
                "The file was not imported: %(num)d problem found. "
                "Nothing was changed; correct the file and import it again.",
                "The file was not imported: %(num)d problems found. "
                "Nothing was changed; correct the file and import it again.",
                count,
            )
        )


class AlreadyAnswered(Conflict):
    """A one-use respondent link that has been used."""


class CoverageUnavailable(Conflict):
    """Coverage cannot be shown yet (no run data, or no approved plan); the message says which."""
