"""The wheel carries the seeds and the migrations, and finds them when installed elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed: {proc.stderr[-2000:]}")
    [whl] = list(out.glob("*.whl"))
    return whl


def test_wheel_contains_seeds_migrations_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = {n for n in names if n.startswith("nato_timeline/_bundled/seeds/")}
    assert len(seeds) == len(list((REPO / "seeds").iterdir()))
    assert "nato_timeline/_bundled/migrations/env.py" in names
    assert any(n.startswith("nato_timeline/_bundled/migrations/versions/0001") for n in names)
    assert any(n.startswith("nato_timeline/data/") for n in names)
    assert any(n.startswith("nato_timeline/temporal/data/") for n in names)
    assert {"nato_timeline/export/timeline.html", "nato_timeline/export/timeline.css"} <= names


def test_installed_wheel_ingests_bundled_seeds_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site), TIMELINE_DB=str(tmp_path / "t.db"), NO_COLOR="1")
    code = ("import sys; from nato_timeline import settings; "
            "assert '_bundled' in str(settings.seeds_dir()), settings.seeds_dir(); "
            "from nato_timeline.cli import main; sys.argv=['timeline','ingest']; main()")
    proc = subprocess.run([sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "5 new" in proc.stdout
