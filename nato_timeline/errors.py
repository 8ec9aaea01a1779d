"""The one error hierarchy. Library code raises these; ``cli.main`` turns each
into one line on stderr and its exit code, never a traceback."""

from __future__ import annotations

#: Exit codes, documented in the README.
EXIT_OK = 0
EXIT_FAILED = 1  # not found, or some inputs failed
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class TimelineError(Exception):
    """A failure the user can act on; ``str(error)`` is the one-line message."""

    exit_code = EXIT_FAILED


class UsageError(TimelineError):
    """The command line is wrong: a bad date, a missing path, a bad option value."""

    exit_code = EXIT_USAGE


class NotFound(TimelineError):
    """What was asked for does not exist (an event, a document)."""

    exit_code = EXIT_FAILED


class DatabaseError(TimelineError):
    """The database cannot be opened, read or written."""

    exit_code = EXIT_FAILED


class NewerDatabase(DatabaseError):
    """The database was written by a newer version of this program."""


class OutdatedDatabase(DatabaseError):
    """The database is behind this program's schema and migrating was turned
    off (``--no-migrate``/``TIMELINE_NO_MIGRATE``): run ``timeline db upgrade``."""


class ClusterError(TimelineError):
    """A Dask cluster cannot be used: no scheduler at the address, no workers, or
    workers that cannot run this version of the program."""
