"""Links that give access to an account are hidden wherever someone other than the recipient reads a message."""

import re

LINK = re.compile(r"https?://\S+")
HIDDEN = "[link hidden]"


def redact_links(text: str) -> str:
    return LINK.sub(HIDDEN, text)
