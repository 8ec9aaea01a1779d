"""The ``timeline`` command line: parse arguments, call one function, render.

Heavy modules (SQLAlchemy, Alembic, the extraction engine) are imported inside
the commands, so ``timeline --help`` starts fast.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
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
        "  timeline show 2022-01-12-nato-russia-council-meets-in-brussels\n\n"
        "  timeline export --format html -o chronology.html"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"no_color": False, "quiet": False, "verbose": False}

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


class ExportFormat(str, Enum):
    timelinejs = "timelinejs"
    ical = "ical"
    edtf = "edtf"
    html = "html"
    json = "json"
    csv = "csv"
    markdown = "markdown"


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
            raise _fail(
                f"internal error: {type(exc).__name__}: {exc} (set TIMELINE_DEBUG=1 to see the traceback)",
                EXIT_FAILED,
            ) from None

    return wrapper


def _say(message: str) -> None:
    """Talk on stderr (a summary, a note), unless -q/--quiet."""
    if not _state["quiet"]:
        _err().print(message, soft_wrap=True, markup=False)


def _open_database(db: str | None):
    """open_database, saying which database with -v/--verbose."""
    from .db import open_database

    engine = open_database(db)
    if _state["verbose"] and not _state["quiet"]:
        _say(f"database: {engine.url.render_as_string(hide_password=True)}")
    return engine


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
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only: no progress, summary or notes on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Say more on stderr: the database used, each document ingested.")] = False,
) -> None:
    _state["no_color"] = no_color
    _state["quiet"] = quiet
    _state["verbose"] = verbose and not quiet


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
    from .ingest import run
    from .render import clean as render_clean
    from .render import ingest_summary

    if quiet:  # ingest's own -q, kept from before the global one
        _state.update(quiet=True, verbose=False)
    quiet, verbose = _state["quiet"], _state["verbose"]

    when = _user_date(published, "--published")
    targets = [str(p) for p in paths] if paths else [str(settings.seeds_dir())]
    missing = [t for t in targets if not os.path.lexists(t)]
    if missing and len(missing) == len(targets):
        # nothing to read at all: a usage error, and no database is touched
        raise UsageError(f"{missing[0]}: no such file or directory")
    engine = _open_database(db)
    err = _err()
    stop = {"requested": False}

    def on_sigint(signum, frame):
        if stop["requested"]:
            raise KeyboardInterrupt
        stop["requested"] = True
        err.print("[yellow]Stopping after the current document (Ctrl-C again to stop now)...[/]")

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        if verbose:
            def each_document(done: int, total: int, name: str) -> None:
                err.print(f"[{done}/{total}] {render_clean(name)}", soft_wrap=True, markup=False, highlight=False)

            report = run(targets, engine=engine, published=when, progress=each_document,
                         should_stop=lambda: stop["requested"])
        elif err.is_terminal and not quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TextColumn("{task.fields[name]}"), console=err, transient=True) as bar:
                task = bar.add_task("Ingesting", total=None, name="")

                def progress(done: int, total: int, name: str) -> None:
                    bar.update(task, completed=done, total=total, name=name)

                report = run(targets, engine=engine, published=when, progress=progress,
                             should_stop=lambda: stop["requested"])
        else:
            report = run(targets, engine=engine, published=when, should_stop=lambda: stop["requested"])
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
    from .db import session_factory
    from .store import list_events

    engine = _open_database(db)
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
    from .db import session_factory
    from .errors import NotFound
    from .store import find_events, suggest_events

    engine = _open_database(db)
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
    for item in iter_documents([str(p) for p in paths], published=when):
        if isinstance(item, InputError):
            from .render import error_line

            _err().print(error_line(str(item)), soft_wrap=True)
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


def _select_events(db: str | None, *, since: str | None, until: str | None, limit: int | None,
                   include_undated: bool):
    """The events ``list``'s filters select: the one place that turns those options into a
    query, so that ``export`` takes the same filters as ``list``."""
    since_d = _user_date(since, "--since")
    until_d = _user_date(until, "--until")
    if since_d and until_d and since_d.interval()[0] > until_d.interval()[1]:
        raise UsageError(f"--since {since} is after --until {until}")
    from .db import session_factory
    from .store import list_events

    engine = _open_database(db)
    try:
        with session_factory(engine)() as session:
            return list_events(session, since=since_d, until=until_d, limit=limit,
                               include_undated=include_undated)
    finally:
        engine.dispose()


def _render_export(fmt: ExportFormat, events) -> str:
    if fmt in (ExportFormat.json, ExportFormat.csv, ExportFormat.markdown):
        from . import render

        if fmt is ExportFormat.json:
            return render.events_json(events) + "\n"
        if fmt is ExportFormat.csv:
            return render.events_csv(events)
        return render.events_markdown(events) + "\n"
    import importlib

    from .export import MODULES

    return importlib.import_module(f".export.{MODULES[fmt.value]}", __package__).render(events)


def _write_atomically(text: str, output: Path) -> None:
    """Write ``text`` to ``output`` through a temporary file in the same folder and a
    rename, so a failure never leaves half a file (nor touches an existing one)."""
    import tempfile

    parent = output.parent
    if not parent.is_dir():
        raise UsageError(f"-o {output}: folder {parent} does not exist")
    if output.is_dir():
        raise UsageError(f"-o {output}: is a folder; give a file name")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        mode = output.stat().st_mode & 0o777 if output.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, output)
        tmp = None
    except OSError as exc:
        raise TimelineError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@app.command()
@handle_errors
def export(
    fmt: Annotated[
        Optional[ExportFormat],
        typer.Option("--format", "-f", help="timelinejs, ical, edtf, html; or json, csv, markdown as in list. Required.",
                     show_default=False),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", help="Write to this file (atomically) instead of stdout.", show_default=False),
    ] = None,
    since: Annotated[Optional[str], typer.Option(help="Events that start on or after the start of this date: 2021, 2021-06, 'June 2021'.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events that start on or before the end of this date.")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many events.")] = None,
    include_undated: Annotated[bool, typer.Option("--include-undated", help="Also export events whose year could not be resolved (html, edtf, json, csv, markdown).")] = False,
    db: DbOption = None,
) -> None:
    """Export the chronology for other tools: TimelineJS, calendars, EDTF, a web page.

    timelinejs: Knight Lab TimelineJS 3 JSON. ical: iCalendar all-day events with
    stable UIDs, so a re-import updates them. edtf: CSV with an EDTF date per
    event. html: one self-contained page (no network, no script) to open or print.
    Takes the same filters as list.

    Examples:

      timeline export --format html -o chronology.html

      timeline export --format ical --since 2021 -o nato-russia.ics

      timeline export --format timelinejs --since 2014 > timeline.json

      timeline export --format edtf --include-undated -o events.csv
    """
    if fmt is None:
        raise UsageError("--format is required: one of " + ", ".join(f.value for f in ExportFormat))
    events = _select_events(db, since=since, until=until, limit=limit, include_undated=include_undated)
    from .export import NEED_A_YEAR

    if not events:
        _say("No events to export: run timeline ingest to add documents, or widen the filters.")
    left_out = sum(1 for e in events if not e.precision) if fmt.value in NEED_A_YEAR else 0
    if left_out:
        _say(f"note: {left_out} undated event{'s' if left_out != 1 else ''} left out: {fmt.value} needs a year")
    text = _render_export(fmt, events)
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    _write_atomically(text, output)
    if _state["verbose"] or events:
        n = len(events) - left_out
        _say(f"Exported {n} event{'s' if n != 1 else ''} ({fmt.value}) to {output}.")


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main", "EXIT_USAGE"]
