"""Reading URLs, against an HTTP server this test starts on the loopback address:
redirects, errors, sizes, timeouts, the User-Agent and the kind of what comes back."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nato_timeline.read import InputError, read_source
from nato_timeline.read.fetch import USER_AGENT, fetch

from .reading_files import NEWS_PAGE, RSS, TABLE_PAGE, make_pdf

PDF = make_pdf([["Statement of 12 January 2022", "The NATO-Russia Council met in Brussels on 12 January 2022."]])


class Site(BaseHTTPRequestHandler):
    """The pages of the test's site; ``release`` lets a slow answer end."""

    agents: list[str] = []
    release = threading.Event()

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        Site.agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/news": (200, "text/html; charset=utf-8", NEWS_PAGE.encode()),
            "/table": (200, "text/html", TABLE_PAGE.encode()),
            "/report": (200, "application/octet-stream", PDF),
            "/feed": (200, "text/xml", RSS.encode()),
            "/wire": (200, "text/plain; charset=utf-8",
                      b"Brussels, 12 January 2022\n\nThe NATO-Russia Council met in Brussels today.\n"),
        }
        if self.path in routes:
            status, kind, data = routes[self.path]
            self._answer(status, kind, data)
        elif self.path == "/old-news":
            self._redirect("/moved")
        elif self.path == "/moved":
            self._redirect("/news")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "200000000")
            self.end_headers()
            self.wfile.write(b"<html>")
        elif self.path == "/endless":  # no Content-Length: the size shows only while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"The Council met again. " * 100)
        elif self.path == "/slow":
            Site.release.wait(10)
            self._answer(200, "text/plain", b"Too late.")
        else:
            self._answer(404, "text/html", b"<html><body><h1>Not Found</h1></body></html>")

    def _answer(self, status: int, kind: str, data: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def site():
    Site.agents.clear()
    Site.release.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        Site.release.set()
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_a_page_behind_two_redirects(site):
    [doc] = read_source(f"{site}/old-news")
    assert doc.kind == "html"
    assert doc.path == f"{site}/old-news"  # the address given is the document's source
    assert doc.url == "https://observer.example.org/2022/01/nato-russia-council-meets"  # the canonical one
    assert doc.published_from == "json-ld"
    assert "The meeting on 12 January 2022 lasted about four hours" in doc.body
    assert Site.agents and all(agent == USER_AGENT for agent in Site.agents)
    assert USER_AGENT.startswith("nato-timeline/")


def test_the_url_after_redirects_when_the_page_names_none(site):
    got = fetch(f"{site}/old-news")
    assert got.url == f"{site}/news" and got.content_type.startswith("text/html")
    [doc] = read_source(f"{site}/table")
    assert doc.url == f"{site}/table"


@pytest.mark.parametrize("path, kind", [("/report", "pdf"), ("/feed", "feed"), ("/wire", "text")])
def test_the_kind_comes_from_the_answer(site, path, kind):
    docs = read_source(site + path)
    assert {d.kind for d in docs} == {kind}


@pytest.mark.parametrize("path, reason", [
    ("/missing", "HTTP 404 Not Found"),
    ("/huge", "too large (200.0 MB): a document may have at most 100.0 MB; split it"),
    ("/loop", "too many redirects (more than 10) or a redirect loop"),
])
def test_a_url_that_cannot_be_read_is_one_line(site, path, reason):
    with pytest.raises(InputError) as info:
        read_source(site + path)
    assert str(info.value) == f"{site}{path}: {reason}"


def test_an_answer_without_a_length_stops_one_chunk_past_the_cap(site):
    with pytest.raises(InputError) as info:
        fetch(f"{site}/endless", max_bytes=50_000)
    assert str(info.value) == f"{site}/endless: too large (more than 50 kB): a document may have at most 50 kB; split it"
    assert len(fetch(f"{site}/endless").data) == 64 * 2300


def test_a_server_that_does_not_answer(site):
    with pytest.raises(InputError) as info:
        fetch(f"{site}/slow", timeout=0.2)
    assert str(info.value) == f"{site}/slow: no answer within 0.2 s"


def test_a_server_that_is_not_there():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError) as info:
        fetch(f"http://127.0.0.1:{port}/")
    assert str(info.value).startswith(f"http://127.0.0.1:{port}/: cannot fetch: ")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_urls_reports_each_failure_and_stores_the_rest(cli, site, query, jobs):
    result = cli("ingest", f"{site}/old-news", f"{site}/missing", f"{site}/huge", f"{site}/table", "--jobs", jobs)
    assert result.exit_code == 1
    assert "2 new, 0 changed, 0 unchanged, 2 failed" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {site}/missing: HTTP 404 Not Found",
        f"error: {site}/huge: too large (200.0 MB): a document may have at most 100.0 MB; split it",
    ]
    stored = query("SELECT name, url FROM documents ORDER BY name")
    host = site.removeprefix("http://")
    assert stored == [(f"{host}/old-news", "https://observer.example.org/2022/01/nato-russia-council-meets"),
                      (f"{host}/table", f"{site}/table")]
    again = cli("ingest", f"{site}/old-news", f"{site}/table")
    assert "0 new, 0 changed, 2 unchanged, 0 failed" in again.stdout


def test_extract_a_url(runner, site):
    from nato_timeline.cli import app

    result = runner.invoke(app, ["extract", f"{site}/table", f"{site}/missing", "--format", "json"])
    assert result.exit_code == 1
    assert f"error: {site}/missing: HTTP 404 Not Found" in result.stderr
    [doc] = json.loads(result.stdout)
    assert (doc["kind"], doc["source"], doc["url"]) == ("html", f"{site}/table", f"{site}/table")
    assert {"2022-01-10", "2022-01-12", "2022-01-13"} <= {e["date"] for e in doc["events"]}
