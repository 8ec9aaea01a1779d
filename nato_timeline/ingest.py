"""The ingest loop: read each document, run the pipeline, store it in its own
transaction. A failure rolls back that document only; the report says what
happened to each.

Documents stream: paths are expanded as they are reached, a ``.jsonl`` file is
read a line at a time, and each result is stored as soon as it comes, so
memory does not grow with the size of the corpus. With ``jobs`` > 1, reading
and extraction (pure, see :mod:`nato_timeline.pipeline`) run in that many
worker processes (:mod:`nato_timeline.workers`), or on the workers of a Dask
cluster (:mod:`nato_timeline.cluster`), while this process stores the results
one transaction per document in input order, so the database is the same as
with ``jobs=1``, which does everything in this process with no pool.
:func:`load` stores extraction records written elsewhere
(:mod:`nato_timeline.extraction_records`) through the same storing loop.

Standard input (``-``) and URLs are read once, before the batch starts, into a
temporary folder that lives as long as the run: both passes and the workers
read them from there.

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
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from . import store
from .corrections import ops
from .corrections.apply import events_of_source, has_live, reapply
from .db import check_same_file, file_identity, session_factory
from .errors import DatabaseError
from .furniture import RepeatedLines
from .pipeline import extract_document
from .read import (
    MAX_DOCUMENT_BYTES,
    STDIN,
    InputError,
    Origin,
    discover,
    is_url,
    iter_jsonl_lines,
    jsonl_record,
    read_file,
)
from .records import Document, Extraction
from .temporal.types import PartialDate
from .views import IngestReport

#: progress(done, total, name) after each document: ``done`` counts the files
#: finished, ``total`` the files found (``None`` until they are counted).
Progress = Callable[[int, "int | None", str], None]

#: How often one document's write transaction is tried when a concurrent writer
#: got in first: a unique constraint (the same document or event stored meanwhile),
#: or a PostgreSQL serialization failure or deadlock.
STORE_ATTEMPTS = 3
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected

#: The batch's repeated lines, set before extraction starts (inherited by forked workers)
_repeated: RepeatedLines | None = None


def source_key(doc: Document) -> str:
    """What identifies a document's source across ingests: a URL (or standard
    input, ``-``) as it is, a file by its resolved absolute path (whatever folder it was named from, through
    whichever link), plus the record's name (its ``id`` or line number) for one
    line of a .jsonl file."""
    where = doc.path if "://" in doc.path or doc.path == "-" else os.path.realpath(doc.path)
    return where if Path(doc.path).name == doc.name else f"{where}#{doc.name}"


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
    to extract. ``origin`` is set when the file holds what standard input or a
    URL gave."""

    path: str
    line_no: int = 0
    line: bytes | None = None
    last: bool = True
    error: str | None = None
    stored: bool = False
    origin: Origin | None = None
    encoding: str | None = None  # --encoding, for input that is not UTF-8


@dataclass(frozen=True, slots=True)
class Outcome:
    """What reading and extracting one unit gave: per document, its extraction
    or the reason it failed (``(None, message)`` when it could not be read), and
    the warnings raised on the way, raised again by the process that stores it
    (so the command shows them as it shows its own)."""

    items: tuple[tuple[Document | None, Extraction | str | None], ...] = ()
    warnings: tuple[Warning, ...] = ()


@dataclass(frozen=True, slots=True)
class Spooled:
    """Standard input or a URL, read into ``file``."""

    file: Path
    origin: Origin


def spool(paths: Sequence[str | Path], directory: Path) -> list[str | Path | Spooled | InputError]:
    """``paths`` with standard input and each URL read into a file of ``directory``
    (or the :class:`InputError` that reading it gave), so that every pass over the
    batch reads the same bytes and none fetches twice."""
    from .read.fetch import fetch, read_stdin

    out: list[str | Path | Spooled | InputError] = []
    for n, target in enumerate(paths):
        stream = is_stream(target)
        if not stream and (isinstance(target, Path) or not (target == STDIN or is_url(target))):
            out.append(target)
            continue
        try:
            got = _read_once(target) if stream else read_stdin() if target == STDIN else fetch(target)
        except InputError as exc:
            out.append(exc)
            continue
        file = directory / f"{n}.input"
        file.write_bytes(got.data)
        out.append(Spooled(file, Origin(str(target), got.url, got.content_type)))
    return out


def is_stream(target: str | Path) -> bool:
    """Whether ``target`` is a pipe, a FIFO or a device (``/dev/stdin``, ``<(...)``):
    a file that can be read only once, so that every pass over the batch must use
    the bytes read the first time."""
    import stat

    if isinstance(target, str) and (target == STDIN or is_url(target)):
        return False
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _read_once(target: str | Path):
    """The bytes of a stream, read once (at most one byte more than a document may have)."""
    from .read.fetch import Fetched

    try:
        with open(target, "rb") as f:
            data = f.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise InputError(str(target), exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(str(target), f"too large: a document may have at most "
                                      f"{MAX_DOCUMENT_BYTES // 1_000_000} MB; split it")
    return Fetched(str(target), None, None, data)


def _units(paths: Sequence[str | Path | Spooled | InputError], is_stored: Callable[[str], bool],
           encoding: str | None = None) -> Iterator[Unit]:
    """The units under ``paths``, in order, found as they are needed; each reads
    input that is not UTF-8 with ``encoding`` when it is given."""
    if encoding is not None:
        yield from (replace(u, encoding=encoding) for u in _units(paths, is_stored))
        return
    for target in paths:
        if isinstance(target, Spooled):
            yield Unit(str(target.file), stored=is_stored(_file_sha256(target.file)), origin=target.origin)
        elif isinstance(target, InputError):
            yield Unit(target.path, error=str(target))
        else:
            yield from _file_units(target, is_stored)


def _file_units(target: str | Path, is_stored: Callable[[str], bool]) -> Iterator[Unit]:
    for item in discover([target]):
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
            if os.fstat(f.fileno()).st_size > MAX_DOCUMENT_BYTES:
                return ""
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
        return [jsonl_record(Path(unit.path), unit.line_no, unit.line, published, layout=layout,
                             encoding=unit.encoding)]
    return read_file(Path(unit.path), published=published, layout=layout, origin=unit.origin, encoding=unit.encoding)


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
            where = unit.origin.source if unit.origin else unit.path
            items.append((None, f"{where}: could not read: {type(exc).__name__}: {exc}"))
            docs = []
        for doc in docs:
            try:
                extra = _repeated.spans(doc) if _repeated is not None else ()
                items.append((doc, extract_document(doc, extra)))
            except Exception as exc:  # an extraction bug must not lose the rest of the batch
                items.append((doc, f"{doc.path}: could not extract: {type(exc).__name__}: {exc}"))
    raised = tuple(w.message if isinstance(w.message, Warning) else w.category(str(w.message)) for w in caught)
    return Outcome(tuple(items), raised)


def repeated_lines_of(paths: Sequence[str | Path | Spooled | InputError], published: PartialDate | None = None, *,
                      jobs: int = 1, cluster=None, encoding: str | None = None) -> RepeatedLines | None:
    """The first pass: every page's lines by site, to find those repeated across a
    site. ``None`` when the batch has fewer than two pages (nothing to compare).
    Unreadable input is skipped here; the second pass reports it. With ``jobs``
    > 1 the pages are read in that many worker processes (on the workers of a
    :class:`nato_timeline.cluster.DaskCluster` when ``cluster`` is given), each
    unit's lines sent back as digests and gathered here."""
    seen = RepeatedLines()
    units = (u for u in _units(paths, lambda _sha256: False, encoding) if u.error is None)
    if cluster is not None:
        parts = (part for _, part in cluster.results(units, lines_of, (published,), failed=lambda _u, _r: None))
    elif jobs <= 1:
        parts = (lines_of(unit, published) for unit in units)
    else:
        parts = (part for _, part in _in_workers(units, published, jobs, fn=lines_of, failed=lambda _u, _r: None))
    for part in parts:
        if part is not None:
            seen.update(part)
    return seen if seen.pages > 1 else None


def work_with(unit: Unit, published: PartialDate | None, repeated: RepeatedLines | None) -> Outcome:
    """:func:`work` with the batch's repeated lines given: what a Dask worker runs."""
    _set_repeated(repeated)
    return work(unit, published)


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


def outcomes(paths: Sequence[str | Path], published: PartialDate | None = None, *, jobs: int = 1,
             is_stored: Callable[[str], bool] = lambda _sha256: False, cluster=None,
             encoding: str | None = None) -> Iterator[tuple[Unit, Outcome]]:
    """Every unit under ``paths`` with what reading and extracting it gave, in input
    order: what ``ingest`` stores and ``extract --format jsonl`` writes. Extraction
    runs in this process (``jobs`` 1), in ``jobs`` worker processes, or on the
    workers of ``cluster`` (a :class:`nato_timeline.cluster.DaskCluster`); the
    outcomes are the same. A unit whose content ``is_stored`` is not extracted;
    ``encoding`` reads input that is not UTF-8 (``--encoding``)."""
    global _repeated
    _repeated = repeated_lines_of(paths, published, jobs=jobs, cluster=cluster, encoding=encoding)
    units = _units(paths, is_stored, encoding)
    if cluster is not None:
        inner = cluster.results(units, work_with, (published, cluster.share(_repeated)), failed=_failed,
                                skipped=Outcome())
    elif jobs <= 1:
        inner = _in_process(units, published)
    else:
        inner = _in_workers(units, published, jobs)
    try:
        yield from inner
    finally:
        inner.close()  # stops the workers: what is queued is dropped
        _repeated = None


def run(
    paths: Sequence[str | Path],
    *,
    engine: Engine,
    published: PartialDate | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    jobs: int = 1,
    cluster=None,
    by: str | None = None,
    encoding: str | None = None,
) -> IngestReport:
    """Ingest every document under ``paths`` into the database behind ``engine``,
    reading and extracting in ``jobs`` processes, or on ``cluster``; the log records
    the ingest under ``by`` (default: the login name). ``-`` in ``paths`` is standard
    input, and an ``http(s)://`` address is fetched: both are read once into a
    temporary folder, so that every pass and worker sees the same bytes."""
    import tempfile

    options = dict(engine=engine, published=published, progress=progress, should_stop=should_stop, jobs=jobs,
                   cluster=cluster, by=by, named=list(paths), encoding=encoding)
    if not any(isinstance(p, str) and (p == STDIN or is_url(p)) or is_stream(p) for p in paths):
        return _run(list(paths), **options)
    with tempfile.TemporaryDirectory(prefix="timeline-ingest-") as directory:
        return _run(spool(paths, Path(directory)), **options)


def _run(
    paths: Sequence[str | Path | Spooled | InputError],
    *,
    engine: Engine,
    published: PartialDate | None,
    progress: Progress | None,
    should_stop: Callable[[], bool],
    jobs: int,
    cluster=None,
    by: str | None = None,
    named: Sequence[str | Path] = (),
    encoding: str | None = None,
) -> IngestReport:
    Reader = session_factory(engine)

    def is_stored(sha256: str) -> bool:
        with Reader() as session:
            return store.is_stored(session, sha256=sha256, published=published.value if published else None)

    total = sum(1 for _ in _targets_found(paths)) if progress is not None else None
    found = outcomes(paths, published, jobs=jobs, is_stored=is_stored, cluster=cluster, encoding=encoding)
    return store_outcomes(engine, found, progress=progress, should_stop=should_stop, total=total, by=by,
                          named=named)


def load(files: Sequence[str | Path], *, engine: Engine, progress: Progress | None = None,
         should_stop: Callable[[], bool] = lambda: False) -> IngestReport:
    """Store the extraction records of ``files`` (written by ``timeline extract
    --format jsonl``) exactly as ``run`` stores what it extracts: one transaction
    per document, content already stored counted as unchanged, a changed document
    replacing its earlier version, events merged and year-less dates resolved
    across documents as each is stored. A line that is not a record fails alone; a file of an unknown record
    version is refused whole, with one line."""
    return store_outcomes(engine, _record_outcomes(files), progress=progress, should_stop=should_stop,
                          total=len(files), named=list(files))


def _record_outcomes(files: Sequence[str | Path]) -> Iterator[tuple[Unit, Outcome]]:
    """Each record of ``files`` as the unit and outcome ``run`` would have for it
    (a line that is not a record as a failed one); ``last`` marks a file's end."""
    from .extraction_records import read_records

    for path in map(str, files):
        pending = None  # the record read last, given out once the next one is known
        try:
            for n, got in read_records(Path(path)):
                if pending is not None:
                    yield pending
                item = (got.document, got) if isinstance(got, Extraction) else (None, got)
                pending = (Unit(path, n, last=False), Outcome((item,)))
        except InputError as exc:
            if pending is not None:
                yield pending
            yield Unit(path, error=str(exc)), Outcome()
            continue
        if pending is not None:
            yield replace(pending[0], last=True), pending[1]


def store_outcomes(engine: Engine, found: Iterator[tuple[Unit, Outcome]], *, progress: Progress | None = None,
                   should_stop: Callable[[], bool] = lambda: False, total: int | None = None,
                   by: str | None = None, named: Sequence[str | Path] = ()) -> IngestReport:
    """Store each outcome in its own write transaction, in order (each merges its
    events with the stored ones, dates year-less mentions across documents and
    applies the analysts' corrections to what moved), then log the ingest
    (``named``, the paths given, by ``by``) when it wrote anything; ``found`` is
    closed when done."""
    report = IngestReport()
    Session = session_factory(engine, write=True)
    database_file = file_identity(engine)
    done = 0
    try:
        while True:
            if should_stop():
                report.interrupted = True
                break
            try:
                with _interruptible():
                    unit, outcome = next(found)
            except StopIteration:
                break
            except KeyboardInterrupt:  # while reading and extracting: nothing half stored
                report.interrupted = True
                break
            for warning in outcome.warnings:
                warnings.warn(warning, stacklevel=1)
            name = _store(Session, unit, outcome, report)
            check_same_file(database_file)  # removed or replaced: nothing stored from now on would be kept
            done += unit.last
            if progress is not None:
                progress(done, total, name)
    finally:
        found.close()
    try:
        with Session.begin() as session:
            if report.new or report.changed:  # an ingest that wrote nothing leaves no trace
                ops.record(session, op="ingest", by=by, summary=_ingest_summary(named, report),
                           changes=report.to_json())
    except OperationalError as exc:
        raise DatabaseError(f"cannot write to the database: {_reason(exc)}") from exc
    check_same_file(database_file)
    return report


@contextmanager
def _interruptible():
    """Within: a Ctrl-C raises ``KeyboardInterrupt`` at once, after the handler
    that was there (the command's, which says it is stopping) has run. Reading
    and extracting a document stores nothing, so stopping there loses nothing;
    a long document (minutes of work) is not waited for. Outside the main
    thread, or where Ctrl-C is ignored, nothing changes."""
    import signal
    import threading

    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous in (signal.SIG_IGN, None):
        yield
        return

    def on_sigint(signum, frame):
        if callable(previous):
            previous(signum, frame)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _targets_found(paths: Sequence[str | Path | Spooled | InputError]) -> Iterator[object]:
    """One item per file (or standard input, or URL) under ``paths``, for the count
    the progress bar shows."""
    for target in paths:
        if isinstance(target, (Spooled, InputError)):
            yield target
        else:
            yield from discover([target])


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
    name = unit.origin.source if unit.origin else Path(unit.path).name
    if unit.stored:
        report.unchanged += 1
        return name
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
    """Outcomes in input order, extracted by ``jobs`` worker processes
    (:func:`nato_timeline.workers.in_workers`). ``fn`` (default :func:`work`) is
    what a worker runs on a unit; ``failed(unit, reason)`` is what stands for its
    result when the worker could not give it (default: an :class:`Outcome` with
    the reason)."""
    from .workers import in_workers

    # the batch's repeated lines: inherited when forked, passed when spawned
    return in_workers(units, fn or work, (published,), jobs, failed=failed or _failed, skipped=Outcome(),
                      initializer=_set_repeated, initargs=(_repeated,))


def _failed(unit: Unit, reason: str) -> Outcome:
    return Outcome(((None, f"{unit.path}: could not extract: {reason}"),))


def _set_repeated(repeated: RepeatedLines | None) -> None:
    global _repeated
    _repeated = repeated


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
    report.resolved_cross_document += saved.resolved


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
                    before |= store.delete_document(session, document_id=existing.id)
                saved = store.save_extraction(session, extraction=extraction, source_key=key)
                # every event the document's mentions moved, not only its own
                lost = (reapply(session, event_ids=before | saved.touched | events_of_source(session, key),
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
