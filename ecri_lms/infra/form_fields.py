"""Form fields that read and show numbers the way the reader writes them ("62,5" in es/el/pl/it)."""

from wtforms import DecimalField, FloatField

from .i18n import format_number, parse_number
from .i18n import lazy_gettext as _l


class _LocaleNumber:
    """Parses the typed text with the request's language; shows a stored value in it."""

    digits = 2
    convert = float

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        try:
            self.data = type(self).convert(parse_number(valuelist[0]))
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a number, such as 62.5 (or 62,5).")) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data, self.digits, grouped=False)


class LocaleFloatField(_LocaleNumber, FloatField):
    convert = float


class LocaleDecimalField(_LocaleNumber, DecimalField):
    @staticmethod
    def convert(value):
        return value
