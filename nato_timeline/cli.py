"""The ``timeline`` command line: parse arguments, call one function, render.

Heavy modules (SQLAlchemy, Alembic, the extraction engine) are imported inside
the commands, so ``timeline --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, TimelineError, UsageError

app = typer.Typer(
    name="timeline",
    help=(
        "A timeline database for NATO–Russia relations: ingest documents, then query "
        "their dated events as a chronology, each backed by the quotes that support it.\n\n"
        "Examples:\n\n"
        "  timeline ingest                      # the bundled seed documents\n\n"
        "  timeline list --since 2021\n\n"
        "  timeline show 2022-01-12-nato-russia-council-meets-in-brussels"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"no_color": False, "quiet": False}

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        help="Database file or SQLAlchemy URL [env: TIMELINE_DB; default: timeline.db in the user data directory].",
        show_default=False,
    ),
]


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class ExtractFormat(str, Enum):
    table = "table"
    json = "json"


def _out():
    from .render import make_console

    return make_console(no_color=_state["no_color"])


def _err():
    from .render import make_console

    return make_console(stderr=True, no_color=_state["no_color"])


def _fail(message: str, code: int) -> typer.Exit:
    from .render import error_line

    _err().print(error_line(message), soft_wrap=True)
    return typer.Exit(code)


def handle_errors(func):
    """Turn library errors into one line on stderr and their exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except TimelineError as exc:
            raise _fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            raise _fail("interrupted", EXIT_INTERRUPTED) from None
        except typer.Exit:
            raise
        except BrokenPipeError:
            raise typer.Exit(EXIT_FAILED) from None
        except Exception as exc:
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            reason = _database_reason(exc)
            if reason is not None:
                raise _fail(f"database error: {reason}", EXIT_FAILED) from None
            raise _fail(
                f"internal error: {type(exc).__name__}: {exc} (set TIMELINE_DEBUG=1 to see the traceback)",
                EXIT_FAILED,
            ) from None

    return wrapper


def _database_reason(exc: Exception) -> str | None:
    """One line for an error the database driver raised (a damaged or incomplete
    database, an I/O error while reading), or None for any other exception."""
    if not type(exc).__module__.startswith("sqlalchemy"):
        return None
    orig = getattr(exc, "orig", None)
    if orig is None:
        return None
    lines = str(orig).strip().splitlines()
    reason = lines[0] if lines else type(orig).__name__
    if reason.startswith(("no such table", "no such column")):
        reason += " (the database is incomplete or damaged: restore a copy, or choose another file with --db)"
    return reason


@contextlib.contextmanager
def _reading_notes(err):
    """Show what reading a file says in passing (a file decoded from another
    encoding than UTF-8) as one ``warning:`` line on stderr."""
    from rich.markup import escape

    from .read import DecodedWarning
    from .render import clean

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, DecodedWarning):
            err.print(f"[yellow]warning:[/] {escape(clean(str(message)))}", soft_wrap=True)
        else:
            previous(message, category, filename, lineno, file, line)

    with warnings.catch_warnings():
        warnings.simplefilter("always", DecodedWarning)
        previous = warnings.showwarning
        warnings.showwarning = show
        yield


def _user_date(value: str | None, option: str):
    if value is None:
        return None
    from .temporal.userdates import parse_user_date

    try:
        return parse_user_date(value)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain output without colour (NO_COLOR is honoured too).")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    _state["no_color"] = no_color


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Files or folders (.txt, .md, .jsonl; folders recursively). Default: the bundled seeds.", show_default=False),
    ] = None,
    db: DbOption = None,
    published: Annotated[
        Optional[str], typer.Option("--published", help="Publication date of the documents, e.g. 2022-01-12.")
    ] = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Summary as text or JSON.")] = ShowFormat.text,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only.")] = False,
) -> None:
    """Read documents, extract their dated events and store them.

    Idempotent: a document already stored with the same content is counted as
    unchanged; a changed file replaces everything its earlier version gave.

    Examples:

      timeline ingest

      timeline ingest articles/ notes.md --db team.db

      timeline ingest wire.txt --published 2022-01-12
    """
    from . import settings
    from .db import open_database
    from .ingest import run
    from .render import ingest_summary

    when = _user_date(published, "--published")
    targets = [str(p) for p in paths] if paths else [str(settings.seeds_dir())]
    missing = [t for t in targets if not os.path.lexists(t)]
    if missing and len(missing) == len(targets):
        # nothing to read at all: a usage error, and no database is touched
        raise UsageError(f"{missing[0]}: no such file or directory")
    engine = open_database(db)
    err = _err()
    stop = {"requested": False}

    def on_sigint(signum, frame):
        if stop["requested"]:
            raise KeyboardInterrupt
        stop["requested"] = True
        err.print("[yellow]Stopping after the current document (Ctrl-C again to stop now)...[/]")

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        with _reading_notes(err):
            report = _run_ingest(run, targets, engine, when, err, quiet, stop)
    finally:
        signal.signal(signal.SIGINT, previous)
        engine.dispose()
    from .render import error_line

    for message in report.errors:
        err.print(error_line(message), soft_wrap=True)
    if fmt is ShowFormat.json:
        import json

        typer.echo(json.dumps(report.to_json(), indent=2))
    elif not quiet:
        _out().print(ingest_summary(report))
    if report.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.failed:
        raise typer.Exit(EXIT_FAILED)


def _run_ingest(run, targets, engine, when, err, quiet, stop):
    """Run the ingest, with a progress bar on stderr when it is a terminal."""
    if err.is_terminal and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from .render import clean

        # a file name is shown as plain text: no markup, no escape sequences
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[name]}", markup=False), console=err, transient=True) as bar:
            task = bar.add_task("Ingesting", total=None, name="")

            def progress(done: int, total: int, name: str) -> None:
                bar.update(task, completed=done, total=total, name=clean(name))

            return run(targets, engine=engine, published=when, progress=progress,
                       should_stop=lambda: stop["requested"])
    return run(targets, engine=engine, published=when, should_stop=lambda: stop["requested"])


@app.command("list")
@handle_errors
def list_(
    since: Annotated[Optional[str], typer.Option(help="Events that start on or after the start of this date: 2021, 2021-06, 'June 2021', '12 January 2022'.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events that start on or before the end of this date.")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many events.")] = None,
    include_undated: Annotated[bool, typer.Option("--include-undated", help="Also list events whose year could not be resolved.")] = False,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table for people; json, csv or markdown for other tools.")] = ListFormat.table,
    db: DbOption = None,
) -> None:
    """Print the chronology of stored events, grouped by year, each date at its own precision.

    Examples:

      timeline list --since 2021

      timeline list --since 'June 2021' --until 2022-01 --format json

      timeline list --limit 20 --format markdown > chronology.md
    """
    since_d = _user_date(since, "--since")
    until_d = _user_date(until, "--until")
    if since_d and until_d and since_d.interval()[0] > until_d.interval()[1]:
        raise UsageError(f"--since {since} is after --until {until}")
    from .db import open_database, session_factory
    from .store import list_events

    engine = open_database(db)
    try:
        with session_factory(engine)() as session:
            events = list_events(session, since=since_d, until=until_d, limit=limit,
                                 include_undated=include_undated)
    finally:
        engine.dispose()
    _print_events(events, fmt)


def _print_events(events, fmt: ListFormat) -> None:
    from . import render

    if fmt is ListFormat.json:
        typer.echo(render.events_json(events))
    elif fmt is ListFormat.csv:
        sys.stdout.write(render.events_csv(events))
    elif fmt is ListFormat.markdown:
        typer.echo(render.events_markdown(events))
    elif not events:
        _err().print("No events. Run [bold]timeline ingest[/] to add documents, or widen the filters.")
    else:
        _out().print(render.events_table(events))


@app.command()
@handle_errors
def show(
    event: Annotated[str, typer.Argument(help="An event id, a slug, or words from its title.", show_default=False)],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="text for people, json for other tools.")] = ShowFormat.text,
    db: DbOption = None,
) -> None:
    """Print one event with every field and every source quote behind it.

    Several matches are listed (exit 1); none gives close suggestions (exit 1).

    Examples:

      timeline show 2022-01-12-nato-russia-council-meets-in-brussels

      timeline show 7

      timeline show crimea --format json
    """
    if not event.strip():
        raise UsageError("EVENT is empty: give an id, a slug or words from the title")
    from . import render
    from .db import open_database, session_factory
    from .errors import NotFound
    from .store import find_events, suggest_events

    engine = open_database(db)
    try:
        with session_factory(engine)() as session:
            found = find_events(session, event)
            suggestions = suggest_events(session, event) if not found else []
    finally:
        engine.dispose()
    if not found:
        hint = f"; did you mean: {', '.join(suggestions)}" if suggestions else ""
        raise NotFound(f"no event matches {event!r}{hint}")
    if len(found) > 1:
        _err().print(f"{len(found)} events match {render.clean(event)!r}; name one by id or slug:")
        _out().print(render.candidates_table(found))
        raise typer.Exit(EXIT_FAILED)
    if fmt is ShowFormat.json:
        typer.echo(render.event_json(found[0]))
    else:
        _out().print(render.event_detail(found[0]))


@app.command()
@handle_errors
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.", show_default=False)],
    published: Annotated[Optional[str], typer.Option("--published", help="Publication date of the documents.")] = None,
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="table for people, json for other tools.")] = ExtractFormat.table,
) -> None:
    """Run extraction on documents without touching any database, and print what it finds.

    For each document: its publication date and how it was known, its temporal
    expressions (TIMEX3 type and value, and how each was anchored) and its events.

    Examples:

      timeline extract article.txt

      timeline extract wire.txt --published 2022-01-12 --format json
    """
    from . import render_extract
    from .pipeline import extract_document
    from .read import InputError, iter_documents

    when = _user_date(published, "--published")
    results, failed = [], 0
    err = _err()
    with _reading_notes(err):
        for item in iter_documents([str(p) for p in paths], published=when):
            if isinstance(item, InputError):
                from .render import error_line

                err.print(error_line(str(item)), soft_wrap=True)
                failed += 1
                continue
            results.append(extract_document(item))
    if fmt is ExtractFormat.json:
        typer.echo(render_extract.extractions_json(results))
    else:
        out = _out()
        for ex in results:
            out.print(render_extract.extraction_detail(ex))
    if failed:
        raise typer.Exit(EXIT_FAILED)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main", "EXIT_USAGE"]
