"""DejaVu Sans for the needs report, so that Greek and Polish names render; found on the system, never copied."""

import os
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")


class FontMissing(RuntimeError):
    """DejaVu Sans is not installed; the message says how to install it."""


def find_font_dir() -> Path:
    """The folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (ECRI_FONT_DIR first, if set)."""
    candidates = [os.environ.get("ECRI_FONT_DIR", ""), *FONT_DIRS]
    for folder in (Path(c) for c in candidates if c):
        if (folder / f"{REGULAR}.ttf").is_file() and (folder / f"{BOLD}.ttf").is_file():
            return folder
    raise FontMissing("The PDF report needs the DejaVu Sans fonts: install Debian's fonts-dejavu-core "
                      "(apt-get install fonts-dejavu-core) or set ECRI_FONT_DIR to a folder holding "
                      "DejaVuSans.ttf and DejaVuSans-Bold.ttf.")


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab once; returns their names."""
    folder = find_font_dir()
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / f"{REGULAR}.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / f"{BOLD}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
