"""DejaVu TrueType fonts, embedded in every PDF so that Ł, Ø, ñ and Greek all render.

reportlab's built-in faces (Helvetica, Times, Courier) have no Greek and are never embedded: every PDF
of the app draws only with the faces named here, each registered once and embedded (a subset) in the
file. The faces ship with the app in static/fonts/ (DejaVu's licence beside them: static/fonts/LICENSE),
so a server needs no font package; ECRI_FONT_DIR can point elsewhere, and a face missing from the
shipped folder is looked for in the system's (Debian's fonts-dejavu-core).
"""

import os
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics import shapes
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import tables

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF_BOLD = "DejaVuSerif-Bold"  # the certificate's title and holder
SERIF_ITALIC = "DejaVuSerif-Italic"  # the certificate's "This certifies that"
FACES = (SANS, SANS_BOLD, SERIF_BOLD, SERIF_ITALIC)
SHIPPED = Path(__file__).resolve().parents[3] / "static" / "fonts"


class FontsMissing(RuntimeError):
    """No DejaVu fonts were found; the message says how to install them."""


def _candidate_dirs() -> list[Path]:
    dirs = [
        os.environ.get("ECRI_FONT_DIR", ""),
        str(SHIPPED),
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/local/share/fonts",
        "/opt/homebrew/share/fonts",
        "/Library/Fonts",
    ]
    return [Path(d) for d in dirs if d]


def _missing(face: str) -> FontsMissing:
    return FontsMissing(
        f"DejaVu font {face}.ttf not found (the app ships it in static/fonts/): restore that folder, install "
        "Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or set ECRI_FONT_DIR to a folder holding it."
    )


def font_path(face: str) -> Path:
    """The file of one face: from the first folder that holds it."""
    for directory in _candidate_dirs():
        if (directory / f"{face}.ttf").is_file():
            return directory / f"{face}.ttf"
    raise _missing(face)


def font_dir() -> Path:
    """The folder the regular face comes from (the shipped one unless ECRI_FONT_DIR says otherwise)."""
    return font_path(SANS).parent


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the DejaVu faces with reportlab once per process (a missing face is an error, not Helvetica),
    and make DejaVu Sans reportlab's default wherever a PDF names no font: the page preamble every canvas
    writes, the strings of charts, the cells of tables. A PDF then names no face it does not embed."""
    for face in FACES:
        pdfmetrics.registerFont(TTFont(face, str(font_path(face))))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    rl_config.canvas_basefontname = SANS
    shapes.STATE_DEFAULTS["fontName"] = SANS
    tables.CellStyle.fontname = SANS
