"""Words for codes. A code (`in_person`, `waitlisted`) is for machines: URLs, stored columns, the JSON a
program reads. A person reads its label, on every page and in every CSV or XLSX export."""

import enum


def readable(code: str) -> str:
    """The code as words, for an enum that gives no wording of its own: "in_person" → "In person"."""
    return code.replace("_", " ").capitalize()


class Labelled:
    """Mixin for an enum a person reads: `label` is the member's wording, taken from the enum's `WORDING`
    (an `enum.nonmember` mapping code → words) or else the code made readable."""

    @property
    def label(self) -> str:
        wording = getattr(type(self), "WORDING", {})
        return wording.get(self.value) or readable(self.value)


def wording(**labels: str):
    """An enum's `WORDING`: its codes that do not read well as themselves, and what to say instead."""
    return enum.nonmember(labels)


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A number with its noun agreeing: "1 attempt", "3 attempts" (never "attempt(s)")."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
