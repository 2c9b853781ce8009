"""Words for codes. A code (`in_person`, `waitlisted`) is for machines: URLs, stored columns, the JSON a
program reads. A person reads its label, on every page and in every CSV or XLSX export."""

import enum


def readable(code: str) -> str:
    """A code no enum words, made readable as a last resort: "in_person" → "In person"."""
    return code.replace("_", " ").capitalize()


class Labelled:
    """Mixin for an enum a person reads: `label` is the member's wording in the reader's language, from
    the enum's `WORDING` (an `enum.nonmember` mapping every code → a `lazy_gettext` message)."""

    @property
    def label(self) -> str:
        return str(type(self).WORDING[self.value])


def wording(**labels):
    """An enum's `WORDING`: each code and the words a person reads for it (marked for translation)."""
    return enum.nonmember(labels)
