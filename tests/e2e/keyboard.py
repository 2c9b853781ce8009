"""Moving through a page with the Tab key, checking that the focus goes where it should and shows."""

import io

from PIL import Image, ImageChops
from playwright.sync_api import Locator, Page, expect

# How much a colour channel must change somewhere around the element when it takes the focus:
# enough to tell a real indicator from a faint ring lost in its background.
FOCUS_CHANGE = 64
MARGIN = 6


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab once: the focus must land on `target` and visibly mark it."""
    before = _viewport_image(page)
    page.keyboard.press("Tab")
    expect(target).to_be_focused()
    after = _viewport_image(page)
    box = target.bounding_box()
    assert box is not None, f"{target} has the focus but is not on screen"
    region = (
        max(0, int(box["x"]) - MARGIN),
        max(0, int(box["y"]) - MARGIN),
        min(after.width, int(box["x"] + box["width"]) + MARGIN),
        min(after.height, int(box["y"] + box["height"]) + MARGIN),
    )
    change = max(high for _, high in ImageChops.difference(before.crop(region), after.crop(region)).getextrema())
    assert change >= FOCUS_CHANGE, f"the focus on {target} is hardly visible (largest change {change}/255)"


def _viewport_image(page: Page) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot(caret="hide", animations="disabled"))).convert("RGB")
