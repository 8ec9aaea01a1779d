"""Shared pieces of the reliability tests: generated documents, the CLI as a real
process, and direct looks into a SQLite file that do not go through the program."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ACTORS = ("NATO", "Russia", "the United States", "Ukraine", "the OSCE")
PLACES = ("Brussels", "Geneva", "Vienna", "Moscow", "Warsaw")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def article(i: int) -> str:
    """A short generated news text with two dated events; no two ``i`` below 2484
    share a date, so documents of one corpus never merge into each other's events."""
    a, b, place = ACTORS[i % 5], ACTORS[(i + 2) % 5], PLACES[(i * 3) % 5]
    day, month, year = 1 + i % 27, MONTHS[i % 12], 2000 + i % 23
    return (
        f"Report number {i} on {a}\n\n"
        f"{a} and {b} met in {place} on {day} {month} {year} to discuss security in Europe. "
        f"The talks lasted {i % 5 + 2} hours. Officials said little afterwards.\n\n"
        f"On {day + 1} {month} {year}, {b} signed an agreement with {a} in {place}.\n"
    )


def prose(n_chars: int) -> str:
    """About ``n_chars`` characters of article body (no title), event-dense."""
    parts, size, i = [], 0, 0
    while size < n_chars:
        body = article(i).split("\n", 2)[2]
        parts.append(body)
        size += len(body)
        i += 1
    return "".join(parts)[:n_chars]


def make_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def timeline_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "nato_timeline", *args]


def run_timeline(*args: str, prefix: tuple[str, ...] = (), timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """The CLI as a real process (its own interpreter, real signals, real file modes)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    env.pop("TIMELINE_DEBUG", None)
    return subprocess.run([*prefix, *timeline_argv(*args)], capture_output=True, text=True,
                          timeout=timeout, env=env, **kwargs)


def without_file_privileges() -> tuple[str, ...]:
    """A command prefix under which file modes hold. Root ignores them through the
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH capabilities: dropping both from the
    bounding set makes the kernel check modes as for anyone (the interpreter still
    runs, which ``setpriv --reuid=nobody`` could not promise under /root)."""
    if os.geteuid() != 0:
        return ()
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search")


def connect_ro(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)


def count(db: Path, table: str = "documents") -> int:
    """Rows in ``table``, as a separate reader sees them (0 before the table exists)."""
    if not db.exists():
        return 0
    try:
        con = connect_ro(db)
        try:
            return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def integrity(db: Path) -> tuple[str, list]:
    """``PRAGMA integrity_check`` and the rows of ``PRAGMA foreign_key_check``."""
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0], con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()


def per_document(db: Path) -> dict[str, tuple[int, int]]:
    """For each stored document (by source key): its temporal expressions and event sources."""
    con = connect_ro(db)
    try:
        rows = con.execute(
            "SELECT d.source_key,"
            " (SELECT count(*) FROM timexes t WHERE t.document_id = d.id),"
            " (SELECT count(*) FROM event_sources s WHERE s.document_id = d.id)"
            " FROM documents d"
        ).fetchall()
    finally:
        con.close()
    return {key: (t, s) for key, t, s in rows}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def has_table(db: Path, name: str) -> bool:
    con = connect_ro(db)
    try:
        return con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
    finally:
        con.close()


def as_nobody() -> tuple[str, ...]:
    """A command prefix that runs a process as the unprivileged user ``nobody``
    when the tests run as root (``()`` when they already run as someone else,
    whose file modes hold); skips the test, with the reason, when that cannot be
    done here. Files the process is to use must be in a folder it may enter
    (:func:`public_folder`)."""
    import shutil

    import pytest

    if os.geteuid() != 0:
        return ()
    prefix = ("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups")
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv is not installed to run as nobody")
    probe = subprocess.run([*prefix, *timeline_argv("--version")], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"running as root, and nobody cannot run the program: {probe.stderr.strip()[:200]}")
    return prefix


def public_folder(parent: Path | None = None) -> Path:
    """A new folder anyone may write into (under /tmp: pytest's own folders are
    private to the user running the tests)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="timeline-public-", dir=parent))
    folder.chmod(0o777)
    return folder
