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
from .clikit import Typer
from .errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, TimelineError, UsageError

app = Typer(
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

_state = {"no_color": False, "quiet": False, "verbose": False, "no_migrate": False}

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        metavar="FILE|URL",
        help="Database file or SQLAlchemy URL [env: TIMELINE_DB; default: timeline.db in the user data directory].",
        show_default=False,
    ),
]


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class ExtractFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class ExportFormat(str, Enum):
    timelinejs = "timelinejs"
    ical = "ical"
    edtf = "edtf"
    html = "html"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


#: The export formats that are rows and columns (``--fields`` applies).
TABULAR_EXPORTS = ("json", "jsonl", "csv", "tsv", "markdown")


def _set_quiet(value: bool) -> bool:
    if value:
        _state["quiet"] = True
    return value


def _set_verbose(value: bool) -> bool:
    if value:
        _state["verbose"] = True
    return value


def _verbose() -> bool:
    return _state["verbose"] and not _state["quiet"]


# Options every command takes alike (also before the command: ``timeline -q list``).
QuietOption = Annotated[bool, typer.Option("-q", "--quiet", callback=_set_quiet,
                                           help="Print only data and errors: no progress, summary or notes.")]
VerboseOption = Annotated[bool, typer.Option("-v", "--verbose", callback=_set_verbose,
                                             help="Say more on stderr: the database used, each document read.")]
FormatOption = Annotated[ListFormat, typer.Option(
    "--format", "-f", help="table for people (one line a row when piped); json, jsonl, csv, tsv or markdown for other tools.")]
FieldsOption = Annotated[Optional[str], typer.Option(
    "--fields", metavar="NAMES", show_default=False,
    help="Only these columns, in this order, comma-separated, in every format; an unknown name lists the known ones.")]


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


def _say(message: str) -> None:
    """Talk on stderr (a summary, a note), unless -q/--quiet."""
    if not _state["quiet"]:
        _err().print(message, soft_wrap=True, markup=False)


def _require_database(db: str | None) -> None:
    """A read command never creates a database: a SQLite file that is not there
    is an error (exit 1) that says so."""
    from . import settings
    from .errors import DatabaseError

    url = settings.db_url(db)
    if not url.startswith("sqlite:///"):
        return
    path = url[len("sqlite:///"):].split("?", 1)[0]
    if path and path != ":memory:" and not path.startswith("file:") and not os.path.exists(path):
        raise DatabaseError(f"no database at {path}; run `timeline ingest` first, or pass --db")


def _open_database(db: str | None, *, read: bool = True):
    """The database for a command: migrated to head, or refused if behind under
    --no-migrate; -v/--verbose says which database it is. A read command on a
    SQLite file that does not exist is an error, never a new empty database."""
    if read and not _state["no_migrate"]:  # under --no-migrate, db.connect says what to do
        _require_database(db)
    from .db import open_database

    engine = open_database(db, migrate=not _state["no_migrate"])
    if _verbose():
        _say(f"database: {engine.url.render_as_string(hide_password=True)}")
    return engine


EncodingOption = Annotated[
    Optional[str],
    typer.Option(
        "--encoding", metavar="NAME",
        help="Encoding of input that is not UTF-8, e.g. latin-1, cp1252, cp1251 (UTF-8 and byte-order-marked files are read as they are).",
        show_default=False,
    ),
]


def _encoding(value: str | None) -> str | None:
    if value is None:
        return None
    from .read.text import check_encoding

    try:
        return check_encoding(value)
    except ValueError as exc:
        raise UsageError(f"--encoding: {exc}") from None


def _read(db: str | None, fn):
    """``fn(session)`` on a read session (ORM) of the database, which is closed after."""
    from .db import session_factory

    engine = _open_database(db)
    try:
        with session_factory(engine)() as session:
            return fn(session)
    finally:
        engine.dispose()


def _run_ingest(run, targets, engine, err, quiet, stop, *, verbose=False, **options):
    """Run the ingest (or the load: ``run`` is the function, ``options`` what it
    takes beside ``engine`` and the progress): a line per document with -v, a
    progress bar when stderr is a terminal, else quietly. A file name is shown as
    plain text: no markup, no escape sequences."""
    from .textsafe import visible

    should_stop = lambda: stop["requested"]  # noqa: E731
    if verbose:
        def each_document(done: int, total: int, name: str) -> None:
            err.print(f"[{done}/{total}] {visible(name)}", soft_wrap=True, markup=False, highlight=False)

        return run(targets, engine=engine, progress=each_document, should_stop=should_stop, **options)
    if err.is_terminal and not quiet:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[name]}", markup=False), console=err, transient=True) as bar:
            task = bar.add_task("Ingesting", total=None, name="")

            def progress(done: int, total: int, name: str) -> None:
                bar.update(task, completed=done, total=total, name=visible(name))

            return run(targets, engine=engine, progress=progress, should_stop=should_stop, **options)
    return run(targets, engine=engine, should_stop=should_stop, **options)


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
        if option != "--published":  # a document's date is never relative to today
            from .temporal.relative import relative_user_date

            relative = relative_user_date(value)
            if relative is not None:
                return relative
        raise UsageError(f"{option}: {exc}; or relative to today: yesterday, this month, last year, 2 years ago") from None


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
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Print only data and errors: no progress, summary or notes (also after the command).")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Say more on stderr: the database used, each document read (also after the command).")] = False,
    no_migrate: Annotated[
        bool,
        typer.Option("--no-migrate", envvar="TIMELINE_NO_MIGRATE",
                     help="Refuse a database that is not at the current schema instead of upgrading it "
                          "(run `timeline db upgrade` to migrate) [env: TIMELINE_NO_MIGRATE=1].",
                     show_envvar=False),
    ] = False,
) -> None:
    _state["no_color"] = no_color
    _state["quiet"] = quiet
    _state["verbose"] = verbose
    _state["no_migrate"] = no_migrate


@app.command()
@handle_errors
def ingest(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(help="Files or folders (.txt, .md, .jsonl, .html, .pdf, .rss, .atom; folders recursively), "
                            "- for standard input, or http(s) URLs. Default: the bundled seeds.", show_default=False),
    ] = None,
    db: DbOption = None,
    published: Annotated[
        Optional[str], typer.Option("--published", metavar="DATE", help="Publication date of the documents, e.g. 2022-01-12.")
    ] = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Summary as text or JSON.")] = ShowFormat.text,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    jobs: Annotated[
        Optional[int],
        typer.Option("-j", "--jobs", min=1, show_default=False,
                     help="Extract in this many processes (default: the number of cores); the database is the same whatever the number."),
    ] = None,
    dask_scheduler: Annotated[
        Optional[str],
        typer.Option("--dask-scheduler", metavar="ADDRESS", show_default=False,
                     help="Extract on the workers of this Dask scheduler (tcp://host:8786; needs nato-timeline[dask]) "
                          "and store here; the database is the one --jobs 1 gives."),
    ] = None,
    by: Annotated[Optional[str], typer.Option("--by", help="Who ingests, for the log [default: the login name].", show_default=False)] = None,
    encoding: EncodingOption = None,
) -> None:
    """Read documents, extract their dated events and store them.

    Idempotent: a document already stored with the same content is counted as
    unchanged; a changed file (or a stored one given another --published)
    replaces everything its earlier version gave, and the analyst's corrections
    are applied again to what it gives.
    Extraction runs on every core (--jobs), or on a Dask cluster
    (--dask-scheduler), while one writer stores the documents in order, one
    transaction each.

    Examples:

      timeline ingest

      timeline ingest articles/ notes.md --db team.db

      timeline ingest wire.txt --published 2022-01-12

      timeline ingest feeds/ --jobs 4

      timeline ingest archive.jsonl --dask-scheduler tcp://10.0.0.5:8786

      timeline ingest https://www.nato.int/cps/en/natohq/news.htm

      curl -s https://example.org/statement.pdf | timeline ingest -
    """
    from . import settings
    from .ingest import default_jobs, run

    when = _user_date(published, "--published")
    targets = [str(p) for p in paths] if paths else [str(settings.seeds_dir())]
    _refuse_when_all_missing(targets)
    cluster = None
    if dask_scheduler is not None:
        from .cluster import DaskCluster

        cluster = DaskCluster(dask_scheduler)
    try:
        _store_documents(run, targets, db, fmt, published=when, jobs=jobs or default_jobs(), cluster=cluster, by=by,
                         encoding=_encoding(encoding))
    finally:
        if cluster is not None:
            cluster.close()


@app.command()
@handle_errors
def load(
    files: Annotated[
        list[Path],
        typer.Argument(help="Files of extraction records, as `timeline extract --format jsonl` writes them.",
                       show_default=False),
    ],
    db: DbOption = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Summary as text or JSON.")] = ShowFormat.text,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Store extraction records written by `timeline extract --format jsonl`.

    Stored exactly as ingest stores what it extracts: one transaction per
    document, content already stored counted as unchanged, a changed document
    replacing its earlier version, events merged across documents. Extraction
    can so run anywhere (another machine, Spark, Ray, GNU parallel) and storing
    stays here.

    Examples:

      timeline extract articles/ --format jsonl > articles.jsonl

      timeline load articles.jsonl --db team.db
    """
    from .ingest import load as run

    targets = [str(f) for f in files]
    _refuse_when_all_missing(targets)
    _store_documents(run, targets, db, fmt)


def _refuse_when_all_missing(targets: list[str]) -> None:
    """Nothing to read at all is a usage error, and no database is touched."""
    from .read import STDIN, is_url

    missing = [t for t in targets if t != STDIN and not is_url(t) and not os.path.lexists(t)]
    if missing and len(missing) == len(targets):
        raise UsageError(f"{missing[0]}: no such file or directory")


def _store_documents(run, targets: list[str], db: str | None, fmt: ShowFormat, **options) -> None:
    """Run ``run`` (ingest's or load's) into the database: Ctrl-C stops after the
    current document; the errors, then the summary; exit 1 when any input failed."""
    from .render import error_line, ingest_summary, warning_line

    quiet, verbose = _state["quiet"], _verbose()
    engine = _open_database(db, read=False)
    err = _err()
    stop = {"requested": False}

    def on_sigint(signum, frame):
        if stop["requested"]:
            raise KeyboardInterrupt
        stop["requested"] = True
        err.print("[yellow]Stopping: what is stored stays; run the command again to finish "
                  "(Ctrl-C again to stop now)...[/]")

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        with _reading_notes(err):
            report = _run_ingest(run, targets, engine, err, quiet, stop, verbose=verbose, **options)
    finally:
        signal.signal(signal.SIGINT, previous)
        engine.dispose()
    for message in report.errors:
        err.print(error_line(message), soft_wrap=True)
    for message in report.stale_corrections:
        err.print(warning_line(message), soft_wrap=True)
    if fmt is ShowFormat.json:
        import json

        typer.echo(json.dumps(report.to_json(), indent=2))
    elif not quiet:
        _out().print(ingest_summary(report))
    if report.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.failed:
        raise typer.Exit(EXIT_FAILED)


# ---------------------------------------------------------------- list filters
# The options that choose events, as aliases any command can declare (``list``,
# and every command that takes "the filters of list"), and one function that
# turns their values into a ``queries.EventFilter``.

SinceOption = Annotated[Optional[str], typer.Option("--since", metavar="DATE", help="Events that start on or after the start of this date: 2021, 2021-06, 'June 2021', '12 January 2022', or relative to today: yesterday, 'this month', 'last year', '2 years ago'.", show_default=False)]
UntilOption = Annotated[Optional[str], typer.Option("--until", metavar="DATE", help="Events that start on or before the end of this date.", show_default=False)]
ActorOption = Annotated[Optional[list[str]], typer.Option("--actor", metavar="NAME", help="Events with this actor, any case (repeat for any of several). 'timeline actors' lists them.", show_default=False)]
TypeOption = Annotated[Optional[list[str]], typer.Option("--type", metavar="TYPE", help="Events of this type, e.g. meeting, talks, summit (repeat for any of several).", show_default=False)]
PlaceOption = Annotated[Optional[list[str]], typer.Option("--place", metavar="NAME", help="Events at this place, any case (repeat for any of several).", show_default=False)]
SourceOption = Annotated[Optional[list[str]], typer.Option("--source", metavar="DOCUMENT", help="Events reported by this document, by file name (repeat for any of several). 'timeline sources' lists them.", show_default=False)]
TextOption = Annotated[Optional[str], typer.Option("--text", metavar="QUERY", help="Full-text search of titles, summaries and quotes: words, \"a phrase\", prefix*, OR, -word.", show_default=False)]
MinSourcesOption = Annotated[Optional[int], typer.Option("--min-sources", min=1, help="Events with at least this many source quotes (the Sources column).", show_default=False)]
LimitOption = Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many events.", show_default=False)]
IncludeUndatedOption = Annotated[bool, typer.Option("--include-undated", help="Also list events whose year could not be resolved.")]
IncludeRejectedOption = Annotated[bool, typer.Option("--include-rejected", help="Also events a human rejected (timeline reject).")]
ReviewedOption = Annotated[Optional[bool], typer.Option("--reviewed/--unreviewed", help="Only events a human accepted, or only those not yet reviewed.", show_default=False)]


def _names(values: list[str] | None, option: str) -> tuple[str, ...]:
    out = []
    for v in values or ():
        if not v.strip():
            raise UsageError(f"{option} is empty: give a name")
        out.append(v.strip())
    return tuple(dict.fromkeys(out))


def event_filter(
    *,
    since: str | None = None,
    until: str | None = None,
    actor: list[str] | None = None,
    type_: list[str] | None = None,
    place: list[str] | None = None,
    source: list[str] | None = None,
    text: str | None = None,
    min_sources: int | None = None,
    include_undated: bool = False,
    limit: int | None = None,
    include_rejected: bool = False,
    reviewed: bool | None = None,
):
    """The ``queries.EventFilter`` for the list options' values; a bad date, an
    empty name or search text that breaks the search syntax is a ``UsageError``
    raised before any database is opened."""
    since_d = _user_date(since, "--since")
    until_d = _user_date(until, "--until")
    if since_d and until_d and since_d.interval()[0] > until_d.interval()[1]:
        raise UsageError(f"--since {since} is after --until {until}")
    if text is not None:
        from .textquery import parse

        try:
            parse(text)
        except UsageError as exc:
            raise UsageError(f"--text: {exc}") from None
    from .queries import EventFilter

    return EventFilter(
        since=since_d, until=until_d, actors=_names(actor, "--actor"), types=_names(type_, "--type"),
        places=_names(place, "--place"), sources=_names(source, "--source"), text=text,
        min_sources=min_sources, include_undated=include_undated, limit=limit,
        include_rejected=include_rejected, reviewed=reviewed,
    )


def _note_unknown_names(session, flt) -> None:
    from .queries import suggest_names, unknown_names
    from .render import note_line

    hints = {"actor": "timeline actors", "document": "timeline sources", "type": "timeline types"}
    for kind, name in unknown_names(session, flt):
        if _state["quiet"]:
            break
        hint = f" ({hints[kind]} lists them)" if kind in hints else ""
        close = suggest_names(session, kind, name)
        hint += f"; did you mean: {', '.join(close)}" if close else ""
        _err().print(note_line(f"no {kind} named {name!r} is stored{hint}"), soft_wrap=True)


@app.command("list")
@handle_errors
def list_(
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    type_: TypeOption = None,
    place: PlaceOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    min_sources: MinSourcesOption = None,
    limit: LimitOption = None,
    include_undated: IncludeUndatedOption = False,
    include_rejected: IncludeRejectedOption = False,
    reviewed: ReviewedOption = None,
    fmt: FormatOption = ListFormat.table,
    fields: FieldsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Print the chronology of stored events, grouped by year, each date at its own precision.

    Filters combine: every option must hold, and an option given several times
    keeps events that match any of its values. No event matching is not an
    error (exit 0).

    Examples:

      timeline list --since 2021

      timeline list --since 'June 2021' --until 2022-01 --format json

      timeline list --actor NATO --type meeting --type summit

      timeline list --text '"security guarantees" OR sanction*' --min-sources 2

      timeline list --limit 20 --format markdown > chronology.md
    """
    from . import render

    names = render.EVENTS.choose(fields)
    flt = event_filter(since=since, until=until, actor=actor, type_=type_, place=place, source=source,
                       text=text, min_sources=min_sources, include_undated=include_undated, limit=limit,
                       include_rejected=include_rejected, reviewed=reviewed)
    _print_listing(_select_events(db, flt), fmt, render.EVENTS, names, pretty=render.events_table,
                   markdown=render.events_markdown,
                   empty="No events. Run timeline ingest to add documents, or widen the filters.")


def _print_summaries(items, fmt: ListFormat, table, to_csv, to_markdown, empty: str) -> None:
    """A short summary listing (event types): JSON, CSV, Markdown or a table."""
    from . import render

    from . import tabular

    if fmt is ListFormat.json:
        typer.echo(render.records_json(items))
    elif fmt is ListFormat.jsonl:
        sys.stdout.write(tabular.json_lines(items))
    elif fmt in (ListFormat.csv, ListFormat.tsv):
        text = to_csv(items)
        if fmt is ListFormat.tsv:
            import csv as _csv
            import io as _io

            text = "".join("\t".join(row) + "\n" for row in _csv.reader(_io.StringIO(text)))
        sys.stdout.write(text)
    elif fmt is ListFormat.markdown:
        typer.echo(to_markdown(items))
    elif not items:
        _say(empty)
    else:
        _out().print(table(items))


def _print_listing(items, fmt: ListFormat, listing, names, *, pretty=None, markdown=None, empty: str = "") -> None:
    """``items`` in ``fmt``: the full records as JSON, the pretty table in a
    terminal, else the listing's columns (or those ``--fields`` chose) as rows."""
    from . import render, tabular

    if fmt is ListFormat.table and not items:
        _say(empty)
        return
    if names is None:
        if fmt is ListFormat.json:
            typer.echo(render.records_json(items))
            return
        if fmt is ListFormat.jsonl:
            sys.stdout.write(tabular.json_lines(items))
            return
        if fmt is ListFormat.markdown and markdown is not None:
            typer.echo(markdown(items))
            return
        if fmt is ListFormat.table and pretty is not None and _out().is_terminal:
            _out().print(pretty(items))
            return
    columns = names or (listing.table if fmt is ListFormat.table else listing.delimited)
    sys.stdout.write(tabular.render(fmt.value, columns, listing.rows(items, columns)))


@app.command()
@handle_errors
def show(
    event: Annotated[str, typer.Argument(help="An event id, a slug, or words from its title.", show_default=False)],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="text for people, json for other tools.")] = ShowFormat.text,
    related: Annotated[int, typer.Option("--related", min=0, help="List this many related events: shared actors, nearby dates (0: none; text only).")] = 5,
    include_rejected: IncludeRejectedOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Print one event with every field and every source quote behind it, then related events.

    Several matches are listed (exit 1); none gives close suggestions (exit 1).

    Examples:

      timeline show 2022-01-12-nato-russia-council-meets-in-brussels

      timeline show 7

      timeline show crimea --format json
    """
    if not event.strip():
        raise UsageError("EVENT is empty: give an id, a slug or words from the title")
    from .queries import MAX_EVENT_CHARS, MAX_EVENT_WORDS

    if len(event.split()) > MAX_EVENT_WORDS or len(event) > MAX_EVENT_CHARS:
        # every word is a condition of the query: the database has limits on both
        raise UsageError(f"EVENT is too long ({len(event.split())} words, {len(event)} characters): an id, a slug "
                         f"or at most {MAX_EVENT_WORDS} words and {MAX_EVENT_CHARS} characters from the title")
    from . import render
    from .errors import NotFound
    from .queries import find_events, related_events, suggest_events

    engine = _open_database(db)
    try:
        with engine.connect() as session:
            found = find_events(session, event, include_rejected=include_rejected)
            suggestions = suggest_events(session, event) if not found else []
            near = (related_events(session, found[0].id, related)
                    if len(found) == 1 and fmt is ShowFormat.text else [])
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
        if near:
            _out().print(render.related_section(near))


@app.command()
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="Words, \"a phrase\", prefix*, OR, NOT or -word, (groups).", show_default=False)],
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many events.")] = 20,
    fmt: FormatOption = ListFormat.table,
    fields: FieldsOption = None,
    include_rejected: IncludeRejectedOption = False,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Full-text search of event titles, summaries and source quotes, best match first.

    Each hit comes with a snippet, the matching words highlighted. All words
    must match; "quotes" make a phrase, word* a prefix, OR an alternative,
    NOT or a leading - an exclusion. No match exits 1 (like grep); a query that
    breaks the syntax exits 2.

    Examples:

      timeline search 'security guarantees'

      timeline search '"NATO-Russia Council" OR OSCE' --limit 5

      timeline search 'sanction* -Crimea' --format json
    """
    from .textquery import parse

    parse(query)  # a syntax error is a usage error before any database is opened
    from . import render

    names = render.HITS.choose(fields)
    from .queries import search_events

    engine = _open_database(db)
    try:
        with engine.connect() as session:
            hits = search_events(session, query, limit, include_rejected=include_rejected)
    finally:
        engine.dispose()
    if fmt is ListFormat.csv and names is None:
        sys.stdout.write(render.hits_csv(hits))
    elif hits or fmt is not ListFormat.table:
        _print_listing(hits, fmt, render.HITS, names, pretty=render.hits_table)
    if not hits:
        raise _fail(f"no event matches {query!r}", EXIT_FAILED)


@app.command()
@handle_errors
def sources(
    fmt: FormatOption = ListFormat.table,
    fields: FieldsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """List the stored documents: publication date and how it was known, and how
    many temporal expressions, events and quotes each gave.

    Examples:

      timeline sources

      timeline sources --format json
    """
    from . import render
    from .queries import list_sources

    names = render.SOURCES.choose(fields)
    engine = _open_database(db)
    try:
        with engine.connect() as session:
            docs = list_sources(session)
    finally:
        engine.dispose()
    _print_listing(docs, fmt, render.SOURCES, names, pretty=render.sources_table, markdown=render.sources_markdown,
                   empty="No documents. Run timeline ingest to add some.")


@app.command()
@handle_errors
def actors(
    fmt: FormatOption = ListFormat.table,
    fields: FieldsOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """List the actors of the stored events, most events first, with the dates
    of their first and last events (each at its own precision).

    Examples:

      timeline actors

      timeline actors --format csv > actors.csv
    """
    from . import render
    from .queries import list_actors

    names = render.ACTORS.choose(fields)
    engine = _open_database(db)
    try:
        with engine.connect() as session:
            found = list_actors(session)
    finally:
        engine.dispose()
    _print_listing(found, fmt, render.ACTORS, names, pretty=render.actors_table, markdown=render.actors_markdown,
                   empty="No actors. Run timeline ingest to add documents.")


@app.command()
@handle_errors
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to read, - for standard input, or http(s) URLs.",
                                               show_default=False)],
    published: Annotated[Optional[str], typer.Option("--published", metavar="DATE", help="Publication date of the documents.")] = None,
    fmt: Annotated[
        ExtractFormat,
        typer.Option("--format", help="table for people, json for other tools, jsonl for `timeline load` "
                                      "(one extraction record a line, docs/extraction-records.md)."),
    ] = ExtractFormat.table,
    encoding: EncodingOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Run extraction on documents without touching any database, and print what it finds.

    For each document: its publication date and how it was known, its temporal
    expressions (TIMEX3 type and value, and how each was anchored) and its events.
    --format jsonl writes what ingest would store, for `timeline load`.

    Examples:

      timeline extract article.txt

      timeline extract wire.txt --published 2022-01-12 --format json

      timeline extract saved-page.html feed.rss report.pdf

      curl -s https://example.org/news | timeline extract - --format json

      timeline extract feeds/ --format jsonl > feeds.records.jsonl
    """
    encoding = _encoding(encoding)
    if fmt is ExtractFormat.jsonl:
        when = _user_date(published, "--published")
        with _reading_notes(_err()):
            failed = _write_records([str(p) for p in paths], when, encoding)
        if failed:
            raise typer.Exit(EXIT_FAILED)
        return
    from . import render_extract
    from .pipeline import extract_document
    from .read import InputError, iter_documents

    when = _user_date(published, "--published")
    results, failed = [], 0
    err = _err()
    with _reading_notes(err):
        for item in iter_documents(paths, published=when, encoding=encoding):
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


def _write_records(targets: list[str], when, encoding: str | None = None) -> int:
    """One extraction record a line on stdout for each document under ``targets``,
    extracted exactly as ingest extracts (the batch's repeated lines are
    furniture); each input that fails is one line on stderr. Returns how many failed."""
    from .extraction_records import dumps
    from .ingest import outcomes
    from .records import Extraction
    from .render import error_line

    err, failed = _err(), 0
    out = sys.stdout
    for unit, outcome in outcomes(targets, when, encoding=encoding):
        for warning in outcome.warnings:
            warnings.warn(warning, stacklevel=1)
        problems = [unit.error] if unit.error else [str(x) for _, x in outcome.items if not isinstance(x, Extraction)]
        for problem in problems:
            err.print(error_line(problem), soft_wrap=True)
        failed += len(problems)
        for _, extraction in outcome.items:
            if isinstance(extraction, Extraction):
                out.write(dumps(extraction) + "\n")
    out.flush()
    return failed


def _select_events(db: str | None, flt):
    """The events an :class:`EventFilter` selects, with a note for each name nothing
    has: one query for ``list`` and ``export``, so both take exactly the same filters."""
    from .queries import list_events

    engine = _open_database(db)
    try:
        with engine.connect() as session:
            events = list_events(session, flt)
            _note_unknown_names(session, flt)
            return events
    finally:
        engine.dispose()


def _render_export(fmt: ExportFormat, events, names=None) -> str:
    if fmt.value in TABULAR_EXPORTS:
        from . import render, tabular

        if names is not None:
            return tabular.render(fmt.value, names, render.EVENTS.rows(events, names))
        if fmt is ExportFormat.json:
            return render.events_json(events) + "\n"
        if fmt is ExportFormat.jsonl:
            return tabular.json_lines(events)
        if fmt is ExportFormat.markdown:
            return render.events_markdown(events) + "\n"
        return tabular.render(fmt.value, render.CSV_COLUMNS, render.EVENTS.rows(events, render.CSV_COLUMNS))
    import importlib

    from .export import MODULES

    return importlib.import_module(f".export.{MODULES[fmt.value]}", __package__).render(events)


def _write_atomically(text: str, output: Path) -> None:
    """Write ``text`` to ``output`` through a temporary file in the same folder and a
    rename, so a failure never leaves half a file (nor touches an existing one). A
    symbolic link is written through: the file it points to is replaced, the link stays."""
    import tempfile

    if output.is_symlink():
        output = Path(os.path.realpath(output))
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
        typer.Option("--format", "-f", help="timelinejs, ical, edtf, html; or json, jsonl, csv, tsv, markdown as in list. Required.",
                     show_default=False),
    ] = None,
    fields: FieldsOption = None,
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", help="Write to this file (atomically) instead of stdout.", show_default=False),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    actor: ActorOption = None,
    type_: TypeOption = None,
    place: PlaceOption = None,
    source: SourceOption = None,
    text: TextOption = None,
    min_sources: MinSourcesOption = None,
    limit: LimitOption = None,
    include_undated: Annotated[bool, typer.Option("--include-undated", help="Also export events whose year could not be resolved (html, edtf, json, csv, markdown).")] = False,
    include_rejected: IncludeRejectedOption = False,
    reviewed: ReviewedOption = None,
    db: DbOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Export the chronology for other tools: TimelineJS, calendars, EDTF, a web page.

    timelinejs: Knight Lab TimelineJS 3 JSON. ical: iCalendar all-day events with
    stable UIDs, so a re-import updates them. edtf: CSV with an EDTF date per
    event. html: one self-contained page (no network, no script) to open or print.
    Takes the same filters as list.

    Examples:

      timeline export --format html -o chronology.html

      timeline export --format ical --since 2021 -o nato-russia.ics

      timeline export --format html --actor NATO --type summit -o summits.html

      timeline export --format timelinejs --since 2014 > timeline.json

      timeline export --format edtf --include-undated -o events.csv
    """
    if fmt is None:
        raise UsageError("--format is required: one of " + ", ".join(f.value for f in ExportFormat))
    from . import render

    names = render.EVENTS.choose(fields)
    if names is not None and fmt.value not in TABULAR_EXPORTS:
        raise UsageError(f"--fields works with --format {', '.join(TABULAR_EXPORTS)}; not with {fmt.value}")
    flt = event_filter(since=since, until=until, actor=actor, type_=type_, place=place, source=source,
                       text=text, min_sources=min_sources, include_undated=include_undated, limit=limit,
                       include_rejected=include_rejected, reviewed=reviewed)
    events = _select_events(db, flt)
    from .export import NEED_A_YEAR

    if not events:
        _say("No events to export: run timeline ingest to add documents, or widen the filters.")
    left_out = sum(1 for e in events if not e.precision) if fmt.value in NEED_A_YEAR else 0
    if left_out:
        _say(f"note: {left_out} undated event{'s' if left_out != 1 else ''} left out: {fmt.value} needs a year")
    rendered = _render_export(fmt, events, names)
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(rendered.encode("utf-8"))
        sys.stdout.flush()
        return
    _write_atomically(rendered, output)
    if _verbose() or events:
        n = len(events) - left_out
        _say(f"Exported {n} event{'s' if n != 1 else ''} ({fmt.value}) to {output}.")


# ---------------------------------------------------------------- timeline db

db_app = Typer(
    name="db",
    help=(
        "Where the database is, what it holds, and its schema: check and upgrade it, for deployments "
        "that run migrations explicitly (with --no-migrate or TIMELINE_NO_MIGRATE=1 on the other commands).\n\n"
        "Examples:\n\n"
        "  timeline db check --db postgresql://timeline@dbhost/timeline || timeline db upgrade --db postgresql://timeline@dbhost/timeline\n\n"
        "  timeline db current"
    ),
    no_args_is_help=True,
)
app.add_typer(db_app)

#: ``timeline db check`` exit code for a database written by a newer version or not ours
DB_CHECK_NOT_OURS = 2


@db_app.command("upgrade")
@handle_errors
def db_upgrade(db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Bring the database to this program's schema revision (creating it if empty).

    Prints the revision it started from and the one it is at now. A database
    written by a newer version, or one that is not a nato-timeline database, is
    refused and left as it is (exit 1).

    Examples:

      timeline db upgrade

      timeline db upgrade --db postgresql://timeline@dbhost/timeline
    """
    from .db import connect, describe, guard, upgrade

    engine = connect(db)
    try:
        with guard(engine):
            before, after = upgrade(engine)
    finally:
        engine.dispose()
    if before == after:
        typer.echo(f"{describe(engine)}: already at {after} (head)")
    else:
        typer.echo(f"{describe(engine)}: upgraded from {before or 'empty'} to {after} (head)")


@db_app.command("current")
@handle_errors
def db_current(db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Print the database's schema revision and whether it is this program's head.

    Changes nothing. Exit 1 when the database cannot be opened.

    Examples:

      timeline db current

      TIMELINE_DB=postgresql://timeline@dbhost/timeline timeline db current
    """
    from .db import BEHIND, FOREIGN, HEAD, NEWER, SCHEMA_HEAD, connect, guard, schema_state

    engine = connect(db, must_exist=True)
    try:
        with guard(engine):
            state = schema_state(engine)
    finally:
        engine.dispose()
    rev = state.revision or "none"
    notes = {
        HEAD: "(head)",
        BEHIND: f"(behind head {SCHEMA_HEAD}: run `timeline db upgrade`)",
        NEWER: f"(newer than this program's head {SCHEMA_HEAD})",
        FOREIGN: "(not a nato-timeline database)",
    }
    typer.echo(f"{rev} {notes[state.status]}")


@db_app.command("check")
@handle_errors
def db_check(db: DbOption = None, quiet: QuietOption = False, verbose: VerboseOption = False) -> None:
    """Tell whether the database is at this program's schema head; changes nothing.

    Exit 0 at head; 1 when it is behind or empty (run `timeline db upgrade`) or
    cannot be opened; 2 when it was written by a newer version or is not a
    nato-timeline database.

    Examples:

      timeline db check && timeline ingest reports/

      timeline db check --db postgresql://timeline@dbhost/timeline || timeline db upgrade --db postgresql://timeline@dbhost/timeline
    """
    from .db import BEHIND, HEAD, NEWER, SCHEMA_HEAD, connect, describe, guard, schema_state

    engine = connect(db, must_exist=True)
    try:
        with guard(engine):
            state = schema_state(engine)
    finally:
        engine.dispose()
    where = describe(engine)
    if state.status == HEAD:
        typer.echo(f"{where}: at {SCHEMA_HEAD} (head)")
        return
    if state.status == BEHIND:
        at = f"at {state.revision}" if state.revision else "empty"
        raise _fail(f"{where} is {at}, behind head {SCHEMA_HEAD}: run `timeline db upgrade`", EXIT_FAILED)
    what = (f"was written by a newer version of nato-timeline (revision {state.revision})"
            if state.status == NEWER else "is not a nato-timeline database")
    raise _fail(f"{where} {what}", DB_CHECK_NOT_OURS)


from . import cli_sql  # noqa: E402,F401  (registers query, schema, db path, db stats)
from . import cli_corrections  # noqa: E402,F401  (registers accept, reject, edit, … on ``app``)


def main() -> None:
    """Console-script entry point."""
    try:
        app.for_argv(sys.argv[1:])()
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main", "EXIT_USAGE"]
