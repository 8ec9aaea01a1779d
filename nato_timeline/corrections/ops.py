"""The corrections the commands make: record one in the log, apply it, undo it,
and read the log back. Each function takes the caller's (write) session and
never commits: a correction and its effect land in one transaction."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .. import models as m
from .. import store
from ..errors import NotFound, UsageError
from ..views import LogEntry
from . import APPLIED_OPS
from .anchors import Anchor, find_event, find_source, of_event, of_sources, source_ids_of_event
from .apply import FIELDS, anchors_of, move_sources, new_event, reapply


def who(by: str | None) -> str:
    """The name a log entry is made under: ``--by``, else the login name."""
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container without a passwd entry)
        return "unknown"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def record(session: Session, *, op: str, by: str | None, summary: str, reason: str | None = None,
           changes: dict | None = None, anchors: Sequence[Anchor] = ()) -> int:
    """Add an entry to the log; returns its id."""
    entry = m.Correction(op=op, at=_now(), by=who(by)[:200], reason=reason, summary=summary,
                         changes=json.dumps(changes or {}, ensure_ascii=False, sort_keys=True))
    entry.anchors = [m.CorrectionAnchor(grp=a.grp, source_key=a.source_key, quote=a.quote, start=a.start,
                                        timex_at=a.timex_at) for a in anchors]
    session.add(entry)
    session.flush()
    return entry.id


def event_id(session: Session, key: str) -> tuple[int, str]:
    """The id and slug of the one event ``key`` names (id, slug or title words),
    rejected ones included; NotFound or UsageError otherwise."""
    from ..queries import find_events, suggest_events

    if not key.strip():
        raise UsageError("EVENT is empty: give an id, a slug or words from the title")
    found = find_events(session, key, include_rejected=True)
    if not found:
        near = suggest_events(session, key)
        hint = f"; did you mean: {', '.join(near)}" if near else ""
        raise NotFound(f"no event matches {key!r}{hint}")
    if len(found) > 1:
        slugs = ", ".join(f"{e.id} {e.slug}" for e in found[:5])
        raise UsageError(f"{len(found)} events match {key!r}; name one by id or slug: {slugs}"
                         + (", …" if len(found) > 5 else ""))
    return found[0].id, found[0].slug


def _one_each(session: Session, keys: Sequence[str]) -> list[tuple[int, str]]:
    out = list(dict.fromkeys(event_id(session, k) for k in keys))
    if not out:
        raise UsageError("give at least one EVENT")
    return out


def accept(session: Session, keys: Sequence[str], *, by: str | None = None) -> list[str]:
    """Mark events reviewed (and no longer rejected). Returns a line per event."""
    done = []
    for eid, slug in _one_each(session, keys):
        record(session, op="accept", by=by, summary=f"accepted {slug}", anchors=of_event(session, eid))
        reapply(session, event_ids=[eid])
        done.append(f"accepted {slug}")
    return done


def reject(session: Session, keys: Sequence[str], *, reason: str | None = None, by: str | None = None) -> list[str]:
    """Hide events from list, search, export and show; returns a line per event."""
    done = []
    for eid, slug in _one_each(session, keys):
        record(session, op="reject", by=by, reason=reason, summary=f"rejected {slug}",
               anchors=of_event(session, eid))
        reapply(session, event_ids=[eid])
        done.append(f"rejected {slug}")
    return done


def edit(session: Session, key: str, changes: dict, *, reason: str | None = None, by: str | None = None) -> str:
    """Change fields of one event (``apply.FIELDS``); a date keeps the precision given."""
    changes = {k: v for k, v in changes.items() if k in FIELDS and v is not None}
    if not changes:
        raise UsageError("nothing to change: give --date, --title, --type, --status, --summary, --actor or --place")
    eid, slug = event_id(session, key)
    what = ", ".join(f"{k} {'; '.join(v) if isinstance(v, list) else v!s}" for k, v in changes.items())
    record(session, op="edit", by=by, reason=reason, summary=f"edited {slug}: {what}", changes=changes,
           anchors=of_event(session, eid))
    reapply(session, event_ids=[eid])
    return f"edited {slug}: {what}"


def merge(session: Session, keys: Sequence[str], *, date: str | None = None, reason: str | None = None,
          by: str | None = None) -> str:
    """Make one event of several, with all their sources; the first named is kept.
    Dates that disagree leave it flagged disputed unless ``date`` is given."""
    events = _one_each(session, keys)
    if len(events) < 2:
        raise UsageError("merge needs at least two different events")
    anchors = [a for g, (eid, _) in enumerate(events) for a in of_event(session, eid, grp=g)]
    slugs = " + ".join(s for _, s in events)
    cid = record(session, op="merge", by=by, reason=reason, summary=f"merged {slugs}",
                 changes={"date": date} if date else {}, anchors=anchors)
    reapply(session, event_ids=[e for e, _ in events])
    kept = find_event(session, [a for a in anchors if a.grp == 0]) or events[0][0]
    slug, disputed = session.execute(select(m.Event.slug, m.Event.disputed).where(m.Event.id == kept)).one()
    note = "; its sources give different dates: disputed (give --date to choose)" if disputed else ""
    session.execute(update(m.Correction).where(m.Correction.id == cid)
                    .values(summary=f"merged {slugs} into {slug}"))
    return f"merged {len(events)} events into {slug}{note}"


def split(session: Session, key: str, numbers: Sequence[int], *, reason: str | None = None,
          by: str | None = None) -> str:
    """Move the sources numbered ``numbers`` (as ``show`` numbers them) into a new event."""
    eid, slug = event_id(session, key)
    ids = source_ids_of_event(session, eid)
    wanted = sorted(set(numbers))
    if not wanted:
        raise UsageError("give the sources to move with --source N (as `timeline show` numbers them)")
    bad = [n for n in wanted if not 1 <= n <= len(ids)]
    if bad:
        raise UsageError(f"--source {bad[0]}: {slug} has sources 1 to {len(ids)}")
    if len(wanted) == len(ids):
        raise UsageError(f"--source: that is every source of {slug}; leave at least one")
    moved = [ids[n - 1] for n in wanted]
    anchors = of_sources(session, [i for i in ids if i not in moved], 0) + of_sources(session, moved, 1)
    nums = ", ".join(map(str, wanted))
    cid = record(session, op="split", by=by, reason=reason, summary=f"split sources {nums} off {slug}",
                 anchors=anchors)
    reapply(session, event_ids=[eid])
    new = find_event(session, [a for a in anchors if a.grp == 1])
    new_slug = session.scalar(select(m.Event.slug).where(m.Event.id == new))
    session.execute(update(m.Correction).where(m.Correction.id == cid)
                    .values(summary=f"split sources {nums} off {slug} into {new_slug}"))
    return f"split sources {nums} off {slug} into {new_slug}"


def _document(session: Session, key: str) -> m.Document:
    k = key.strip()
    if not k:
        raise UsageError("DOCUMENT is empty: give a file name as `timeline sources` shows it")
    docs = list(session.scalars(select(m.Document).where(
        (m.Document.name == k) | (m.Document.source_key == k) | (m.Document.path == k))))
    if not docs:
        docs = [d for d in session.scalars(select(m.Document).where(m.Document.path.like(f"%{os.path.basename(k)}")))
                if os.path.abspath(d.path) == os.path.abspath(k)]
    if not docs:
        raise NotFound(f"no document named {key!r} is stored (timeline sources lists them)")
    if len(docs) > 1:
        raise UsageError(f"{len(docs)} documents are named {key!r}; give the path: "
                         + ", ".join(d.source_key for d in docs[:5]))
    return docs[0]


def forget(session: Session, keys: Sequence[str], *, reason: str | None = None,
           by: str | None = None) -> tuple[list[str], list[str]]:
    """Remove documents and what only they support; later ingests skip them
    until the forget is undone. Returns a line per document, and a line per
    correction that no longer applies."""
    done, lost = [], []
    for key in dict.fromkeys(keys):
        doc = _document(session, key)
        events = set(session.scalars(select(m.EventSource.event_id).where(m.EventSource.document_id == doc.id)))
        name, source_key = doc.name, doc.source_key
        record(session, op="forget", by=by, reason=reason, summary=f"forgot {name}",
               changes={"source_key": source_key, "document": name, "sha256": doc.sha256})
        moved = store.delete_document(session, document_id=doc.id)
        remaining = set(session.scalars(select(m.Event.id).where(m.Event.id.in_(events))))
        lost += reapply(session, event_ids=remaining | moved, source_keys=[source_key])
        gone = len(events) - len(remaining)
        done.append(f"forgot {name}: {gone} event{'s' if gone != 1 else ''} removed, "
                    f"{len(remaining)} kept with other sources")
    return done, lost


def is_forgotten(session: Session, source_key: str) -> bool:
    """Whether a live ``forget`` names this document's source."""
    for changes in session.scalars(select(m.Correction.changes).where(
            m.Correction.op == "forget", m.Correction.undone_at.is_(None))):
        if json.loads(changes).get("source_key") == source_key:
            return True
    return False


def undo(session: Session, correction_id: int, *, by: str | None = None) -> tuple[str, list[str]]:
    """Revert one correction; the others stay applied. Returns a line, and a line
    per correction that no longer applies after it."""
    c = session.get(m.Correction, correction_id)
    if c is None:
        raise NotFound(f"no entry {correction_id} in the log (timeline log lists them)")
    if c.op == "ingest":
        raise UsageError(f"entry {correction_id} is an ingest: it cannot be undone "
                         "(timeline forget removes a document)")
    if c.undone_at is not None:
        raise UsageError(f"correction {correction_id} is already undone")
    anchors = anchors_of(session, [correction_id])[correction_id]
    events = {f[1] for a in anchors if (f := find_source(session, a)) is not None}
    c.undone_at, c.undone_by = _now(), who(by)[:200]
    session.flush()
    if c.op == "merge":  # each event merged in goes back to an event of its own
        for g in sorted({a.grp for a in anchors} - {0}):
            moved = [f[0] for a in anchors if a.grp == g and (f := find_source(session, a)) is not None]
            if moved:
                new = new_event(session)
                move_sources(session, moved, new)
                events.add(new)
    elif c.op == "split":  # the sources split off go back
        back = find_event(session, [a for a in anchors if a.grp == 0])
        moved = [f[0] for a in anchors if a.grp == 1 and (f := find_source(session, a)) is not None]
        if back is not None and moved:
            move_sources(session, moved, back)
    lost: list[str] = []
    if c.op in APPLIED_OPS:
        lost = reapply(session, event_ids=events, force=True)
    done = f"undid {correction_id} ({c.op}): {c.summary}"
    if c.op == "forget":
        done += "; the next ingest of the file stores it again"
    return done, lost


def log(session: Session, *, limit: int | None = None) -> list[LogEntry]:
    """The log, newest first."""
    q = select(m.Correction).order_by(m.Correction.id.desc())
    if limit is not None:
        q = q.limit(limit)
    return [LogEntry(id=c.id, op=c.op, at=c.at.replace(microsecond=0).isoformat() + "Z", by=c.by,
                     summary=c.summary, reason=c.reason, changes=json.loads(c.changes or "{}"),
                     undone=c.undone_at is not None, stale=c.stale)
            for c in session.scalars(q)]
