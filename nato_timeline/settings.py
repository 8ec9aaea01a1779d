"""Where things live: the database URL and the bundled seeds and migrations.

The database URL is chosen by ``--db`` (a file path or a SQLAlchemy URL), then
the ``TIMELINE_DB`` environment variable, then ``timeline.db`` in the user's
data directory (``$XDG_DATA_HOME/nato-timeline/``, falling back to
``~/.local/share/nato-timeline/``).

``seeds/`` and ``migrations/`` sit at the top of the source tree. A wheel
carries them inside the package as ``nato_timeline/_bundled/``; a source
checkout (or an editable install) uses the top-level folders.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "TIMELINE_DB"
APP_DIR_NAME = "nato-timeline"
DB_FILE_NAME = "timeline.db"

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent


def data_dir() -> Path:
    """The user's data directory for this program (not created here)."""
    base = os.environ.get("XDG_DATA_HOME")
    root = Path(base) if base else Path.home() / ".local" / "share"
    return root / APP_DIR_NAME


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def is_url(value: str) -> bool:
    """True for a SQLAlchemy URL such as ``sqlite:///x.db`` or ``postgresql://...``."""
    head, sep, _ = value.partition("://")
    return bool(sep) and head.replace("+", "").replace("_", "").isalnum()


def db_url(option: str | None = None) -> str:
    """The SQLAlchemy URL to use, from ``--db``, ``TIMELINE_DB`` or the default path.
    An empty ``--db`` is a usage error, never the default database."""
    if option is not None and not option.strip():
        from .errors import UsageError

        raise UsageError("--db is empty: give a database file or URL, or leave --db out for the default")
    value = option or os.environ.get(ENV_DB) or ""
    if not value:
        return "sqlite:///" + str(default_db_path())
    if is_url(value):
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def _bundled(name: str) -> Path:
    inside = _PACKAGE_DIR / "_bundled" / name
    if inside.is_dir():
        return inside
    return _SOURCE_ROOT / name


def seeds_dir() -> Path:
    """The bundled seed corpus that ``timeline ingest`` reads when given no path."""
    return _bundled("seeds")


def migrations_dir() -> Path:
    """The Alembic script directory."""
    return _bundled("migrations")
