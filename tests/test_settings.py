from __future__ import annotations

import filecmp

import pytest

from nato_timeline import settings

from .conftest import SEEDS, SHARED


def test_db_url_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    assert settings.db_url() == f"sqlite:///{tmp_path}/xdg/nato-timeline/timeline.db"
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "env.db"))
    assert settings.db_url() == f"sqlite:///{tmp_path}/env.db"
    assert settings.db_url(str(tmp_path / "opt.db")) == f"sqlite:///{tmp_path}/opt.db"
    assert settings.db_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_home_fallback_without_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings.default_db_path() == tmp_path / ".local" / "share" / "nato-timeline" / "timeline.db"


@pytest.mark.parametrize("value,expected", [
    ("sqlite:///x.db", True), ("postgresql://u@h/d", True), ("postgresql+psycopg://h/d", True),
    ("x.db", False), ("/tmp/x.db", False), ("C:/x.db", False),
])
def test_is_url(value, expected):
    assert settings.is_url(value) is expected


def test_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert settings.db_url("rel.db") == f"sqlite:///{tmp_path}/rel.db"


def test_bundled_seeds_are_found():
    found = sorted(p.name for p in settings.seeds_dir().iterdir())
    assert len(found) == 5 and all(n.endswith(".txt") for n in found)


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds not present")
def test_seeds_are_byte_for_byte_the_shared_ones():
    shared = sorted(p.name for p in (SHARED / "seeds").iterdir())
    assert sorted(p.name for p in SEEDS.iterdir()) == shared
    for name in shared:
        assert filecmp.cmp(SEEDS / name, SHARED / "seeds" / name, shallow=False), name
