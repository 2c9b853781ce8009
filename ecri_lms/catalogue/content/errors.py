"""Problems found in the curriculum files, each naming its file and line."""

from dataclasses import dataclass

from ...infra.errors import ValidationError


@dataclass(frozen=True, order=True)
class ContentError:
    path: str  # relative to the content directory, with forward slashes
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ContentInvalid(ValidationError):
    """The content cannot be loaded; every problem found is listed and nothing was written."""

    def __init__(self, errors):
        self.errors = sorted(set(errors), key=lambda e: (e.path, e.line or 0, e.message))
        count = len(self.errors)
        super().__init__(f"The content has {count} error{'s' if count != 1 else ''}; nothing was changed.")
