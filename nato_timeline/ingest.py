"""The ingest loop: read each document, run the pipeline, store it in its own
transaction. A failure rolls back that document only; the report says what
happened to each.

Documents stream: paths are expanded as they are reached, a ``.jsonl`` file is
read a line at a time, and each result is stored as soon as it comes, so
memory does not grow with the size of the corpus. With ``jobs`` > 1, reading
and extraction (pure, see :mod:`nato_timeline.pipeline`) run in that many
worker processes while this process stores the results one transaction per
document in input order, so the database is the same as with ``jobs=1``, which
does everything in this process with no pool.

Lines repeated across pages of one site (navigation, promos, sign-offs) are
furniture: a first pass over the batch records each line's hash per site
(:class:`nato_timeline.furniture.RepeatedLines`), so memory grows with the
number of distinct lines, not with the text, and extraction then leaves them out.
With ``jobs`` > 1 the first pass reads the pages in the workers as well.

Several ``timeline ingest`` processes may write to one database at once: each
document's write transaction holds the database's write lock (see
``db.session_factory(write=True)``), re-checks whether the document is stored,
and is retried when a concurrent writer stored a conflicting row first.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from . import store
from .corrections import ops
from .corrections.apply import events_of_source, has_live, reapply, reapply_all
from .db import session_factory
from .errors import DatabaseError
from .furniture import RepeatedLines
from .pipeline import extract_document
from .read import MAX_DOCUMENT_BYTES, InputError, discover, iter_jsonl_lines, jsonl_record, read_file
from .records import Document, Extraction
from .temporal.types import PartialDate
from .views import IngestReport

#: progress(done, total, name) after each document: ``done`` counts the files
#: finished, ``total`` the files found (``None`` until they are counted).
Progress = Callable[[int, "int | None", str], None]

#: Results waiting to be stored, per worker: enough to keep the workers busy
#: while the writer stores, few enough that memory stays flat.
IN_FLIGHT_PER_JOB = 2

#: How often one document's write transaction is tried when a concurrent writer
#: got in first: a unique constraint (the same document or event stored meanwhile),
#: or a PostgreSQL serialization failure or deadlock.
STORE_ATTEMPTS = 3
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected

#: The batch's repeated lines, set before extraction starts (inherited by forked workers)
_repeated: RepeatedLines | None = None


def source_key(doc: Document) -> str:
    """What identifies a document's source across ingests: its path, plus the
    record's name for one line of a .jsonl file."""
    return doc.path if Path(doc.path).name == doc.name else f"{doc.path}#{doc.name}"


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------ work units


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of input: a file, or one line of a ``.jsonl`` file (``line_no``
    and ``line`` set). ``last`` marks the last piece of its file; ``error`` is a
    problem found before any work (a missing path, an unreadable ``.jsonl``);
    ``stored`` says the content is already in the database, so there is nothing
    to extract."""

    path: str
    line_no: int = 0
    line: bytes | None = None
    last: bool = True
    error: str | None = None
    stored: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What reading and extracting one unit gave: per document, its extraction
    or the reason it failed (``(None, message)`` when it could not be read), and
    the warnings raised on the way, raised again by the process that stores it
    (so the command shows them as it shows its own)."""

    items: tuple[tuple[Document | None, Extraction | str | None], ...] = ()
    warnings: tuple[Warning, ...] = ()


def _units(paths: Sequence[str | Path], is_stored: Callable[[str], bool]) -> Iterator[Unit]:
    """The units under ``paths``, in order, found as they are needed."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield Unit(item.path, error=str(item))
        elif item.suffix.lower() == ".jsonl":
            yield from _jsonl_units(item, is_stored)
        else:
            yield Unit(str(item), stored=is_stored(_file_sha256(item)))


def _jsonl_units(path: Path, is_stored: Callable[[str], bool]) -> Iterator[Unit]:
    lines = iter_jsonl_lines(path)
    ahead: tuple[int, bytes] | None = None
    while True:
        try:
            n, line = next(lines)
        except StopIteration:
            break
        except InputError as exc:
            if ahead is not None:
                yield _line_unit(path, ahead, is_stored, last=False)
            yield Unit(str(path), error=str(exc))
            return
        if ahead is not None:
            yield _line_unit(path, ahead, is_stored, last=False)
        ahead = (n, line)
    if ahead is not None:
        yield _line_unit(path, ahead, is_stored, last=True)


def _line_unit(path: Path, numbered: tuple[int, bytes], is_stored: Callable[[str], bool], *, last: bool) -> Unit:
    n, line = numbered
    return Unit(str(path), n, line, last=last, stored=is_stored(hashlib.sha256(line).hexdigest()))


def _file_sha256(path: Path) -> str:
    """The hash ``read_file`` gives the file's document, read in blocks (empty when
    it cannot be read or is too large to be a document: the reader reports why)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            while block := f.read(1 << 16):
                size += len(block)
                if size > MAX_DOCUMENT_BYTES:
                    return ""
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _read_unit(unit: Unit, published: PartialDate | None, *, layout: bool = True) -> list[Document]:
    """The documents of one unit (raises :class:`InputError`); ``layout`` as in
    :func:`nato_timeline.read.read_file`."""
    if unit.line is not None:
        return [jsonl_record(Path(unit.path), unit.line_no, unit.line, published, layout=layout)]
    return read_file(Path(unit.path), published=published, layout=layout)


def work(unit: Unit, published: PartialDate | None) -> Outcome:
    """Read and extract one unit: what a worker process runs. Pure but for the
    batch's repeated lines (``_repeated``, set before any unit is worked on)."""
    items: list[tuple[Document | None, Extraction | str | None]] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        try:
            docs = _read_unit(unit, published)
        except InputError as exc:
            items.append((None, str(exc)))
            docs = []
        except Exception as exc:  # a reader bug must not lose the rest of the batch either
            items.append((None, f"{unit.path}: could not read: {type(exc).__name__}: {exc}"))
            docs = []
        for doc in docs:
            try:
                extra = _repeated.spans(doc) if _repeated is not None else ()
                items.append((doc, extract_document(doc, extra)))
            except Exception as exc:  # an extraction bug must not lose the rest of the batch
                items.append((doc, f"{doc.path}: could not extract: {type(exc).__name__}: {exc}"))
    raised = tuple(w.message if isinstance(w.message, Warning) else w.category(str(w.message)) for w in caught)
    return Outcome(tuple(items), raised)


def repeated_lines_of(paths: Sequence[str | Path], published: PartialDate | None = None, *,
                      jobs: int = 1) -> RepeatedLines | None:
    """The first pass: every page's lines by site, to find those repeated across a
    site. ``None`` when the batch has fewer than two pages (nothing to compare).
    Unreadable input is skipped here; the second pass reports it. With ``jobs``
    > 1 the pages are read in that many worker processes, each unit's lines sent
    back as digests and gathered here."""
    seen = RepeatedLines()
    units = (u for u in _units(paths, lambda _sha256: False) if u.error is None)
    if jobs <= 1:
        parts = (lines_of(unit, published) for unit in units)
    else:
        parts = (part for _, part in _in_workers(units, published, jobs, fn=lines_of, failed=lambda _u, _r: None))
    for part in parts:
        if part is not None:
            seen.update(part)
    return seen if seen.pages > 1 else None


def lines_of(unit: Unit, published: PartialDate | None) -> RepeatedLines | None:
    """The lines of one unit's pages, for the first pass (``None`` when it cannot
    be read: it is reported, with its reason, when the unit is ingested)."""
    seen = RepeatedLines()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            docs = _read_unit(unit, published, layout=False)
        except Exception:
            return None
        for doc in docs:
            seen.add(doc)
    return seen


# ------------------------------------------------------------------ the loop


def run(
    paths: Sequence[str | Path],
    *,
    engine: Engine,
    published: PartialDate | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    jobs: int = 1,
    by: str | None = None,
) -> IngestReport:
    """Ingest every document under ``paths`` into the database behind ``engine``,
    reading and extracting in ``jobs`` processes; the log records the ingest
    under ``by`` (default: the login name)."""
    global _repeated
    report = IngestReport()
    Session = session_factory(engine, write=True)
    total = sum(1 for _ in discover(paths)) if progress is not None else None
    done = 0

    Reader = session_factory(engine)

    def is_stored(sha256: str) -> bool:
        with Reader() as session:
            return store.is_stored(session, sha256=sha256, published=published.value if published else None)

    _repeated = repeated_lines_of(paths, published, jobs=jobs)
    units = _units(paths, is_stored)
    outcomes = _in_process(units, published) if jobs <= 1 else _in_workers(units, published, jobs)
    try:
        while True:
            if should_stop():
                report.interrupted = True
                break
            try:
                unit, outcome = next(outcomes)
            except StopIteration:
                break
            for warning in outcome.warnings:
                warnings.warn(warning, stacklevel=1)
            name = _store(Session, unit, outcome, report)
            done += unit.last
            if progress is not None:
                progress(done, total, name)
    finally:
        outcomes.close()  # stops the workers: what is queued is dropped
        _repeated = None
    try:
        with Session.begin() as session:
            report.resolved_cross_document = store.resolve_year_less(session)
            if report.resolved_cross_document:  # sources moved between events
                report.stale_corrections += reapply_all(session)
            if report.new or report.changed:  # an ingest that wrote nothing leaves no trace
                ops.record(session, op="ingest", by=by, summary=_ingest_summary(paths, report),
                           changes=report.to_json())
    except OperationalError as exc:
        raise DatabaseError(f"cannot write to the database: {_reason(exc)}") from exc
    return report


def _ingest_summary(paths: Sequence[str | Path], report: IngestReport) -> str:
    names = [Path(p).name or str(p) for p in paths]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (f"ingested {shown}: {report.new} new, {report.changed} changed, {report.unchanged} unchanged, "
            f"{report.failed} failed")


def _store(Session, unit: Unit, outcome: Outcome, report: IngestReport) -> str:
    """Store what one unit gave; returns a name for the progress line."""
    if unit.error is not None:
        _fail(report, unit.error)
        return unit.path
    if unit.stored:
        report.unchanged += 1
        return Path(unit.path).name
    name = Path(unit.path).name
    for doc, extraction in outcome.items:
        if doc is None:
            _fail(report, str(extraction))
            continue
        name = doc.name
        _ingest_one(Session, doc, extraction, report)
    return name


def _in_process(units: Iterable[Unit], published: PartialDate | None) -> Iterator[tuple[Unit, Outcome]]:
    for unit in units:
        yield unit, (Outcome() if unit.error or unit.stored else work(unit, published))


def _in_workers(units: Iterable[Unit], published: PartialDate | None, jobs: int, *, fn=None,
                failed=None) -> Iterator[tuple[Unit, Outcome]]:
    """Outcomes in input order, extracted by ``jobs`` worker processes, with at
    most ``IN_FLIGHT_PER_JOB * jobs`` units submitted and not yet taken. ``fn``
    (default :func:`work`) is what a worker runs on a unit; ``failed(unit,
    reason)`` is what stands for its result when the worker could not give it
    (default: an :class:`Outcome` with the reason)."""
    from concurrent.futures.process import BrokenProcessPool

    fn = fn or work
    failed = failed or _failed
    pool = _pool(jobs)
    window: deque = deque()
    try:
        for unit in units:
            if unit.error or unit.stored:
                window.append((unit, None))
            else:
                try:
                    with _sigint_blocked():  # a worker started here begins with SIGINT blocked
                        future = pool.submit(fn, unit, published)
                except BrokenProcessPool:  # a worker died: the units it held fail, the rest go on
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = _pool(jobs)
                    with _sigint_blocked():
                        future = pool.submit(fn, unit, published)
                window.append((unit, future))
            while len(window) >= IN_FLIGHT_PER_JOB * jobs:
                yield _taken(window.popleft(), failed)
        while window:
            yield _taken(window.popleft(), failed)
    finally:
        # queued units are dropped; running ones (at most ``jobs``) are waited for.
        # Not waiting leaves the pool's manager thread to race the interpreter's
        # exit, which then prints "Exception ignored ... Bad file descriptor".
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork on Linux: a worker starts in milliseconds with everything imported
    # (spawn would import it all again in each); elsewhere the platform's default
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(_repeated,))


def _taken(entry, failed) -> tuple[Unit, Outcome]:
    from concurrent.futures.process import BrokenProcessPool

    unit, future = entry
    if future is None:
        return unit, Outcome()
    try:
        return unit, future.result()
    except BrokenProcessPool:
        reason = "a worker process ended abruptly (killed, or out of memory)"
    except Exception as exc:  # the unit or its result could not be passed between processes
        reason = f"{type(exc).__name__}: {exc}"
    return unit, failed(unit, reason)


def _failed(unit: Unit, reason: str) -> Outcome:
    return Outcome(((None, f"{unit.path}: could not extract: {reason}"),))


def _worker_init(repeated: RepeatedLines | None = None) -> None:
    """Workers leave Ctrl-C to the main process, which stops after the current
    document; they finish what they hold and print nothing. ``repeated`` is the
    batch's repeated lines (inherited when forked, passed when spawned)."""
    global _repeated
    _repeated = repeated
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _end_with_parent(os.getppid())


def _end_with_parent(parent: int, every: float = 0.5) -> None:
    """End this worker when the process that started it is gone. A parent killed
    outright (SIGKILL, the out-of-memory killer) cannot stop its pool, and its
    workers would wait for work forever; their new parent is another process."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


@contextmanager
def _sigint_blocked():
    """SIGINT held back in this thread, so that a process started meanwhile
    cannot take a Ctrl-C before its initializer ignores it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _ingest_one(Session, doc: Document, extraction: Extraction | str | None, report: IngestReport) -> None:
    """Store one document in its own write transaction (``extraction`` is its
    extraction, or why it failed). ``Session`` is a writer's session factory
    (``session_factory(engine, write=True)``)."""
    key = source_key(doc)
    try:
        if not isinstance(extraction, Extraction):
            with Session.begin() as session:
                state, _ = store.document_state(session, source_key=key, sha256=doc.sha256)
            if state != "unchanged":
                _fail(report, str(extraction))
                return
        else:
            state, saved, lost = _store_with_retry(Session, key, extraction)
            report.stale_corrections += lost
        if state == "unchanged":
            report.unchanged += 1
            return
        if state == "forgotten":
            report.forgotten += 1
            return
    except OperationalError as exc:
        # the database itself cannot be written (read-only, locked, disk full):
        # every other document would fail the same way
        raise DatabaseError(f"cannot write to the database: {_reason(exc)}") from exc
    except SQLAlchemyError as exc:
        _fail(report, f"{doc.path}: could not store: {_reason(exc)}")
        return
    except Exception as exc:  # a bug in merging must not lose the rest of the batch
        _fail(report, f"{doc.path}: could not store: {type(exc).__name__}: {exc}")
        return
    if state == "changed":
        report.changed += 1
    else:
        report.new += 1
    report.events_added += saved.added
    report.events_merged += saved.merged


def _store_with_retry(Session, key: str, extraction) -> tuple[str, store.SaveResult | None, list[str]]:
    """Store one extracted document in one write transaction: the state is checked
    again under the write lock (another process may have stored it since), a
    changed document's earlier version is replaced. A transaction that loses a
    race to a concurrent writer (unique constraint, serialization failure,
    deadlock) is rolled back and tried again, up to ``STORE_ATTEMPTS`` times; the
    next try sees the other writer's rows and merges into them.

    The corrections log is applied to the events written, in the same
    transaction; a document a live ``forget`` names is not stored. Returns the
    state (``new``, ``changed``, ``unchanged`` or ``forgotten``), what was saved,
    and a line per correction that stopped applying."""
    doc = extraction.document
    published = doc.published.value if doc.published and doc.published_from == "command-line" else None
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with Session.begin() as session:
                state, existing = store.document_state(session, source_key=key, sha256=doc.sha256,
                                                       published=published)
                if state == "unchanged":
                    return state, None, []
                if state == "new" and ops.is_forgotten(session, key):
                    return "forgotten", None, []
                live = has_live(session)
                before = events_of_source(session, key) if live and existing is not None else set()
                if existing is not None:
                    store.delete_document(session, document_id=existing.id)
                saved = store.save_extraction(session, extraction=extraction, source_key=key)
                lost = (reapply(session, event_ids=before | events_of_source(session, key),
                                source_keys=[key] if existing is not None else []) if live else [])
                return state, saved, lost
        except (IntegrityError, OperationalError) as exc:
            retry = isinstance(exc, IntegrityError) or getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES
            if not retry or attempt == STORE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _fail(report: IngestReport, message: str) -> None:
    report.failed += 1
    report.errors.append(message)


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).strip().splitlines()[0]
