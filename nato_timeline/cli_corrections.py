"""The commands an analyst corrects the timeline with: accept, reject, edit,
merge, split, forget, undo, log and review; and ``types``. Each parses its
arguments, calls one function of :mod:`nato_timeline.corrections.ops` in one
write transaction, and prints what it did. Registered on the ``timeline`` app
by :mod:`nato_timeline.cli`."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from .cli import DbOption, ListFormat, QuietOption, VerboseOption, _err, _open_database, _out, _read, _user_date, app, handle_errors
from .errors import UsageError

ByOption = Annotated[Optional[str], typer.Option("--by", help="Who makes the correction, for the log [default: the login name].", show_default=False)]
ReasonOption = Annotated[Optional[str], typer.Option("--reason", help="Why, for the log.", show_default=False)]
EventsArgument = Annotated[list[str], typer.Argument(help="Event ids, slugs, or words from a title.", show_default=False)]


class Status(str, Enum):
    occurred = "occurred"
    scheduled = "scheduled"


class LogFormat(str, Enum):
    """The formats of ``log``: a table for people, JSON or CSV for other tools."""

    table = "table"
    json = "json"
    csv = "csv"


def _write(db: str | None, fn):
    """Run ``fn(session)`` in one write transaction on the database."""
    from .db import session_factory

    engine = _open_database(db)
    try:
        with session_factory(engine, write=True).begin() as session:
            return fn(session)
    finally:
        engine.dispose()


def _report(lines, lost=()) -> None:
    from .render import warning_line

    for line in lines:
        typer.echo(line)
    for line in lost:
        _err().print(warning_line(line), soft_wrap=True)


@app.command()
@handle_errors
def accept(events: EventsArgument, by: ByOption = None, db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Mark events reviewed: a human checked them (and a rejection is lifted).

    Kept across re-ingests: corrections name events by their quotes, not by id.

    Examples:

      timeline accept 2022-01-12-nato-russia-council-meets-in-brussels

      timeline accept 4 7 9 --by anna
    """
    from .corrections import ops

    _report(_write(db, lambda s: ops.accept(s, events, by=by)))


@app.command()
@handle_errors
def reject(events: EventsArgument, reason: ReasonOption = None, by: ByOption = None, db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Reject events that are not real: list, search, export and show leave them
    out (unless --include-rejected). `timeline undo` brings one back.

    Examples:

      timeline reject 12 --reason "a date in a headline, not an event"
    """
    from .corrections import ops

    _report(_write(db, lambda s: ops.reject(s, events, reason=reason, by=by)))


@app.command()
@handle_errors
def edit(
    event: Annotated[str, typer.Argument(help="An event id, a slug, or words from its title.", show_default=False)],
    date: Annotated[Optional[str], typer.Option("--date", help="The date, at the precision written: 2014, 2014-04, 2014-04-01, 'April 2014'.", show_default=False)] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="The title.", show_default=False)] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="The event type, e.g. meeting, summit.", show_default=False)] = None,
    status: Annotated[Optional[Status], typer.Option("--status", help="occurred or scheduled.", show_default=False)] = None,
    summary: Annotated[Optional[str], typer.Option("--summary", help="The summary.", show_default=False)] = None,
    actor: Annotated[Optional[list[str]], typer.Option("--actor", help="The actors (repeat for several); replaces those extracted.", show_default=False)] = None,
    place: Annotated[Optional[list[str]], typer.Option("--place", help="The places (repeat for several); replaces those extracted.", show_default=False)] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Correct an event's fields. A date keeps the precision written: 2014-04 stays a month.

    `timeline show` then says what a human changed, with the extracted value.

    Examples:

      timeline edit 3 --date 2014-04

      timeline edit crimea --title "Russia annexes Crimea" --type annexation

      timeline edit 9 --actor NATO --actor Russia --place Brussels
    """
    changes: dict = {}
    if date is not None:
        changes["date"] = _user_date(date, "--date").value
    for name, value in (("title", title), ("type", type_), ("summary", summary)):
        if value is not None:
            if not value.strip():
                raise UsageError(f"--{name} is empty")
            changes[name] = value.strip().lower() if name == "type" else value.strip()
    if status is not None:
        changes["status"] = status.value
    for name, values in (("actors", actor), ("places", place)):
        if values is not None:
            names = [v.strip() for v in values]
            if not all(names):
                raise UsageError(f"--{name[:-1]} is empty: give a name")
            changes[name] = list(dict.fromkeys(names))
    from .corrections import ops

    _report([_write(db, lambda s: ops.edit(s, event, changes, reason=reason, by=by))])


@app.command()
@handle_errors
def merge(
    events: EventsArgument,
    date: Annotated[Optional[str], typer.Option("--date", help="The date of the merged event, when the sources disagree.", show_default=False)] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Merge events that are one real event: the first keeps all the sources.

    When their sources give dates that disagree the event is flagged disputed,
    unless --date chooses one.

    Examples:

      timeline merge 5 11

      timeline merge 5 11 14 --date 2022-01-10
    """
    when = _user_date(date, "--date").value if date is not None else None
    from .corrections import ops

    _report([_write(db, lambda s: ops.merge(s, events, date=when, reason=reason, by=by))])


@app.command()
@handle_errors
def split(
    event: Annotated[str, typer.Argument(help="An event id, a slug, or words from its title.", show_default=False)],
    source: Annotated[Optional[list[int]], typer.Option("--source", help="A source to move, numbered as `timeline show` numbers them (repeat for several).", show_default=False)] = None,
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Move some of an event's sources into a new event of their own.

    Examples:

      timeline show 5                 # numbers the sources

      timeline split 5 --source 2 --source 3
    """
    from .corrections import ops

    _report([_write(db, lambda s: ops.split(s, event, source or [], reason=reason, by=by))])


@app.command()
@handle_errors
def forget(
    documents: Annotated[list[str], typer.Argument(help="Documents by file name (as `timeline sources` shows it) or path.", show_default=False)],
    reason: ReasonOption = None,
    by: ByOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Remove documents and every event only they support; events that other
    documents also report keep those sources. Later ingests skip the document
    until the forget is undone (`timeline undo`).

    Examples:

      timeline forget 004_opinion.txt --reason "an opinion piece"
    """
    from .corrections import ops

    done, lost = _write(db, lambda s: ops.forget(s, documents, reason=reason, by=by))
    _report(done, lost)


@app.command()
@handle_errors
def undo(
    entry: Annotated[int, typer.Argument(help="The id of a correction, as `timeline log` shows it.", show_default=False)],
    by: ByOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Revert one correction; the later ones stay applied.

    Examples:

      timeline log --limit 5

      timeline undo 12
    """
    from .corrections import ops

    done, lost = _write(db, lambda s: ops.undo(s, entry, by=by))
    _report([done], lost)


@app.command()
@handle_errors
def types(
    fmt: Annotated[ListFormat, typer.Option("--format", help="table for people; json, csv or markdown for other tools.")] = ListFormat.table,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """List the event types with how many events each has, most first (what --type takes).

    Examples:

      timeline types

      timeline list --type summits
    """
    from . import render
    from .cli import _print_summaries
    from .queries import list_types

    _print_summaries(_read(db, list_types), fmt, render.types_table, render.types_csv, render.types_markdown,
                     "No events. Run [bold]timeline ingest[/] to add documents.")


@app.command()
@handle_errors
def review(by: ByOption = None, db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Review events one at a time in the terminal, least confident and unreviewed first.

    Keys: a accept, r reject, d edit the date, t edit the title, m merge with
    another event, s skip, q quit. Each key is one correction, stored at once.
    Needs a terminal (exit 2 without one).

    Examples:

      timeline review --by anna
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("review needs a terminal: run it in one, or use accept, reject and edit")
    from .review import ReviewApp

    engine = _open_database(db)
    try:
        ReviewApp(engine, by=by).run()
    finally:
        engine.dispose()


@app.command()
@handle_errors
def log(
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many entries.", show_default=False)] = None,
    fmt: Annotated[LogFormat, typer.Option("--format", help="table for people; json or csv for other tools.")] = LogFormat.table,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Every correction and every ingest, newest first: who, when, what and why.

    A correction whose quotes are gone from its document says it no longer
    applies; one undone says so.

    Examples:

      timeline log --limit 10

      timeline log --format json
    """
    from . import render
    from .corrections import ops

    entries = _read(db, lambda session: ops.log(session, limit=limit))
    if fmt is LogFormat.json:
        typer.echo(render.log_json(entries))
    elif fmt is LogFormat.csv:
        sys.stdout.write(render.log_csv(entries))
    elif not entries:
        _err().print("The log is empty. Run [bold]timeline ingest[/] to add documents.")
    else:
        _out().print(render.log_table(entries))


__all__ = ["accept", "reject", "edit", "merge", "split", "forget", "undo", "log", "ListFormat"]
