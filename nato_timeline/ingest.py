"""The ingest loop: read each document, run the pipeline, store it in its own
transaction. A failure rolls back that document only; the report says what
happened to each.

Several ``timeline ingest`` processes may write to one database at once: each
document's write transaction holds the database's write lock (see
``db.session_factory(write=True)``), re-checks whether the document is stored,
and is retried when a concurrent writer stored a conflicting row first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from . import store
from .db import session_factory
from .errors import DatabaseError
from .furniture import site_furniture
from .pipeline import extract_document
from .read import InputError, discover, read_file
from .records import Document
from .temporal.types import PartialDate
from .views import IngestReport

#: progress(done, total, name) after each file
Progress = Callable[[int, int, str], None]

#: How often one document's write transaction is tried when a concurrent writer
#: got in first: a unique constraint (the same document or event stored meanwhile),
#: or a PostgreSQL serialization failure or deadlock.
STORE_ATTEMPTS = 3
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected


def source_key(doc: Document) -> str:
    """What identifies a document's source across ingests: its path, plus the
    record's name for one line of a .jsonl file."""
    return doc.path if Path(doc.path).name == doc.name else f"{doc.path}#{doc.name}"


def run(
    paths: Sequence[str | Path],
    *,
    engine: Engine,
    published: PartialDate | None = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> IngestReport:
    """Ingest every document under ``paths`` into the database behind ``engine``."""
    report = IngestReport()
    Session = session_factory(engine, write=True)
    found = list(discover(paths))
    total = len(found)
    batch = {i: _read(item, published) for i, item in enumerate(found) if not isinstance(item, InputError)}
    every = [d for docs in batch.values() if isinstance(docs, list) for d in docs]
    extra = {id(d): f for d, f in zip(every, site_furniture(every))}  # lines repeated across a site
    for done, item in enumerate(found, 1):
        if should_stop():
            report.interrupted = True
            break
        if isinstance(item, InputError):
            _fail(report, str(item))
        else:
            docs = batch[done - 1]
            if isinstance(docs, InputError):
                _fail(report, str(docs))
                docs = []
            for doc in docs:
                if should_stop():
                    report.interrupted = True
                    break
                _ingest_one(Session, doc, report, extra.get(id(doc), ()))
        if progress is not None:
            progress(done, total, item.path if isinstance(item, InputError) else item.name)
    try:
        with Session.begin() as session:
            report.resolved_cross_document = store.resolve_year_less(session)
    except OperationalError as exc:
        raise DatabaseError(f"cannot write to the database: {_reason(exc)}") from exc
    return report


def _read(path, published: PartialDate | None) -> list[Document] | InputError:
    try:
        return read_file(path, published=published)
    except InputError as exc:
        return exc


def _ingest_one(Session, doc: Document, report: IngestReport, extra_furniture=()) -> None:
    """``Session`` is a writer's session factory (``session_factory(engine, write=True)``)."""
    key = source_key(doc)
    try:
        # a short transaction first, so an unchanged document costs no extraction;
        # extraction runs outside any transaction, holding no lock
        with Session.begin() as session:
            state, _ = store.document_state(session, source_key=key, sha256=doc.sha256)
        if state != "unchanged":
            state, saved = _store_with_retry(Session, key, extract_document(doc, extra_furniture))
        if state == "unchanged":
            report.unchanged += 1
            return
    except OperationalError as exc:
        # the database itself cannot be written (read-only, locked, disk full):
        # every other document would fail the same way
        raise DatabaseError(f"cannot write to the database: {_reason(exc)}") from exc
    except SQLAlchemyError as exc:
        _fail(report, f"{doc.path}: could not store: {_reason(exc)}")
        return
    except Exception as exc:  # an extraction bug must not lose the rest of the batch
        _fail(report, f"{doc.path}: could not extract: {type(exc).__name__}: {exc}")
        return
    if state == "changed":
        report.changed += 1
    else:
        report.new += 1
    report.events_added += saved.added
    report.events_merged += saved.merged


def _store_with_retry(Session, key: str, extraction) -> tuple[str, store.SaveResult | None]:
    """Store one extracted document in one write transaction: the state is checked
    again under the write lock (another process may have stored it since), a
    changed document's earlier version is replaced. A transaction that loses a
    race to a concurrent writer (unique constraint, serialization failure,
    deadlock) is rolled back and tried again, up to ``STORE_ATTEMPTS`` times; the
    next try sees the other writer's rows and merges into them. Returns the state
    (``new``, ``changed`` or ``unchanged``) and what was saved."""
    doc = extraction.document
    for attempt in range(1, STORE_ATTEMPTS + 1):
        try:
            with Session.begin() as session:
                state, existing = store.document_state(session, source_key=key, sha256=doc.sha256)
                if state == "unchanged":
                    return state, None
                if existing is not None:
                    store.delete_document(session, document_id=existing.id)
                return state, store.save_extraction(session, extraction=extraction, source_key=key)
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
