"""DejaVu TrueType fonts, embedded in every PDF so that Ł, Ø, ñ and Greek all render.

The fonts come from the system (Debian's fonts-dejavu-core) or from an installed Python package
that ships them (matplotlib); ECRI_FONT_DIR can point elsewhere. We never copy font files into the
repository.
"""

import os
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"
SERIF_ITALIC = "DejaVuSerif-Italic"
FACES = (SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC)


class FontsMissing(RuntimeError):
    """No DejaVu fonts were found; the message says how to install them."""


def _candidate_dirs() -> list[Path]:
    dirs = [
        os.environ.get("ECRI_FONT_DIR", ""),
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/local/share/fonts",
        "/opt/homebrew/share/fonts",
        "/Library/Fonts",
    ]
    try:
        import matplotlib

        dirs.append(str(Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"))
    except ImportError:
        pass
    return [Path(d) for d in dirs if d]


def font_dir() -> Path:
    for directory in _candidate_dirs():
        if (directory / f"{SANS}.ttf").is_file():
            return directory
    raise FontsMissing(
        "DejaVu fonts not found: install Debian's fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core) or set ECRI_FONT_DIR to a folder holding DejaVuSans.ttf."
    )


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register the DejaVu faces with reportlab once per process."""
    directory = font_dir()
    for face in FACES:
        path = directory / f"{face}.ttf"
        if path.is_file():
            pdfmetrics.registerFont(TTFont(face, str(path)))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
