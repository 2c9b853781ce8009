"""What every page a browser test visits must pass: axe-core, the Nu Html Checker, no browser errors.

`check_page(page, name)` runs them all and saves a screenshot. Accessibility and browser errors
fail at once. Valid HTML is batched: each page's HTML is queued, and the whole test's pages go to
one Nu run when the test ends (the JVM takes seconds to start), each message naming its page;
tests/e2e/conftest.py opens the batch around every test and runs it as part of the test.
"""

import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin
from weakref import WeakKeyDictionary

from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Response

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"

# axe is served to the page from its own origin (a Playwright route, never the app), so the app's
# Content-Security-Policy (script-src 'self') stays on in the test browser and is tested too.
AXE_PATH = "/__e2e__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""
VNU_TIMEOUT = 300


@dataclass
class PageLog:
    """What a watched page received and complained about."""

    document: Response | None = None
    errors: list[str] = field(default_factory=list)


_logs: "WeakKeyDictionary[Page, PageLog]" = WeakKeyDictionary()


def serve_axe(context: BrowserContext, base_url: str) -> None:
    """Answer the axe script's URL on the app's origin from node_modules."""
    context.route(
        base_url + AXE_PATH,
        lambda route: route.fulfill(path=str(AXE_JS), content_type="text/javascript; charset=utf-8"),
    )


def watch(page: Page) -> None:
    """Record the page's HTML documents as received, failed assets, console errors and uncaught exceptions.

    A page's own error status (a form sent back with its errors is a 400) is the app's answer, not
    a fault: only assets (styles, scripts, images) that fail count, and the console's own line
    about any failed load is left out in favour of that.
    """
    log = PageLog()
    _logs[page] = log

    def on_response(response: Response) -> None:
        if response.request.is_navigation_request():
            if response.frame == page.main_frame and not 300 <= response.status < 400:
                log.document = response
        elif response.status >= 400:
            log.errors.append(f"asset: {response.status} for {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            log.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_page_error(error: Error) -> None:
        log.errors.append(f"uncaught: {error.message}")

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)


def check_page(page: Page, name: str) -> None:
    """Every check on the page once it has loaded (styles too: contrast depends on them), and a screenshot."""
    page.wait_for_load_state("load")
    assert_valid_html(page, name)
    assert_accessible(page)
    save_screenshot(page, name)
    assert_no_browser_errors(page)


# -- accessibility -----------------------------------------------------------------------------


def assert_accessible(page: Page) -> None:
    """No serious or critical WCAG 2.1 A/AA violation that axe-core finds on the page."""
    if not page.evaluate("() => 'axe' in window"):
        page.add_script_tag(url=urljoin(page.url, AXE_PATH))
    results = page.evaluate(AXE_RUN, AXE_TAGS)
    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe found on {page.url}:\n" + "\n".join(describe_violation(v) for v in blocking)


def describe_violation(violation: dict) -> str:
    """One rule's failure: id, impact, help, and every element it failed on."""
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        summary = " ".join((node.get("failureSummary") or "").split())
        lines.append(f"    {_selector(node['target'])}: {summary}")
    return "\n".join(lines)


def _selector(target: list) -> str:
    """axe's target path (frames and shadow roots nest lists) as one readable selector."""
    return " >>> ".join(_selector(part) if isinstance(part, list) else part for part in target)


# -- valid HTML --------------------------------------------------------------------------------


@dataclass
class HtmlBatch:
    """Documents waiting for one Nu Html Checker run, each with a label that names its page."""

    documents: list[tuple[str, str]] = field(default_factory=list)

    def add(self, label: str, html: str) -> None:
        self.documents.append((label, html))

    def errors(self) -> list[str]:
        """Every error Nu reports, as 'label, line N: message', and empties the batch."""
        documents, self.documents = self.documents, []
        if not documents:
            return []
        with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
            paths = []
            for index, (_, html) in enumerate(documents):
                path = Path(folder) / f"{index:03d}.html"
                path.write_text(html, encoding="utf-8")
                paths.append(path)
            report = run_vnu(paths)
        labels = {path.name: label for path, (label, _) in zip(paths, documents, strict=True)}
        return [
            _describe_message(message, labels)
            for message in report["messages"]
            if message["type"] in ("error", "non-document-error")
        ]

    def assert_valid(self) -> None:
        problems = self.errors()
        assert not problems, "The Nu Html Checker found:\n" + "\n".join(problems)


def run_vnu(paths: list[Path]) -> dict:
    """Check files with vnu.jar in one JVM; files, never URLs (vnu refuses loopback addresses)."""
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--exit-zero-always",
            "--no-langdetect",
            "--format",
            "json",
            "--stdout",
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"vnu failed ({result.returncode}): {result.stderr or result.stdout}")
    return json.loads(result.stdout)


def _describe_message(message: dict, labels: dict[str, str]) -> str:
    label = labels.get(Path(message.get("url", "")).name, message.get("url", "?"))
    extract = " ".join(message.get("extract", "").split())
    return f"- {label}, line {message.get('lastLine', '?')}: {message['message']}  [{extract}]"


_batches: list[HtmlBatch] = []


@contextmanager
def collecting_html() -> Iterator[HtmlBatch]:
    """While open, assert_valid_html queues pages in this batch."""
    batch = HtmlBatch()
    _batches.append(batch)
    try:
        yield batch
    finally:
        _batches.remove(batch)


def assert_valid_html(page: Page, name: str) -> None:
    """Queue the HTML the server sent and the DOM as scripts left it, for the test's Nu run."""
    if not _batches:
        raise RuntimeError("assert_valid_html queues pages: open collecting_html() around the test first.")
    batch = _batches[-1]
    batch.add(f"{name} ({page.url}) as sent", server_html(page))
    batch.add(f"{name} ({page.url}) as rendered", page.content())


def server_html(page: Page) -> str:
    """The HTML the server sent for the page being shown: the recorded response, or fetched again.

    The recorded response is preferred because it is also right for pages that answer a POST
    (a form shown again with its errors); fetching again, with the page's cookies, is the fallback
    for pages that were not watched.
    """
    log = _logs.get(page)
    if log and log.document and urldefrag(log.document.url).url == urldefrag(page.url).url:
        return log.document.text()
    return page.request.get(page.url).text()


# -- browser errors and screenshots ------------------------------------------------------------


def assert_no_browser_errors(page: Page) -> None:
    """No console error (a CSP violation, a failed asset) and no uncaught script error so far."""
    log = _logs.get(page)
    if log is None:
        raise RuntimeError("Call watch(page) when the page is opened: it records the browser's errors.")
    errors, log.errors = log.errors, []
    assert not errors, f"The browser reported on {page.url}:\n" + "\n".join(errors)


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in tests/artifacts/screenshots/ (not committed)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
