"""``timeline ingest --dask-scheduler ADDRESS``: extraction on the workers of a
real Dask cluster (a ``distributed.LocalCluster`` of two worker processes),
storing in the command's process in input order. The database, the summary,
the errors and the exit code are those of ``--jobs 1``."""

from __future__ import annotations

import pytest

from .test_extraction_records import corpus  # noqa: F401  (a fixture)
from .test_ingest_parallel import rows, timeline

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed (pip install 'nato-timeline[dask]'): the cluster tests cannot run")


@pytest.fixture(scope="module")
def scheduler():
    """The address of a local cluster: a scheduler and two worker processes of one thread."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=50) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_the_cluster_stores_what_jobs_1_stores(corpus, tmp_path, scheduler):  # noqa: F811
    one, dask = tmp_path / "one.db", tmp_path / "dask.db"
    r1 = timeline("ingest", str(corpus), "--db", str(one), "--jobs", "1")
    rd = timeline("ingest", str(corpus), "--db", str(dask), "--dask-scheduler", scheduler)
    assert r1.returncode == rd.returncode == 1  # some inputs failed
    assert (r1.stdout, r1.stderr) == (rd.stdout, rd.stderr)
    assert "Traceback" not in rd.stderr
    assert "15 new, 0 changed, 1 unchanged, 3 failed" in rd.stdout
    got = rows(dask)
    assert got == rows(one)
    assert len(got["events"]) > 15
    # again: everything unchanged, nothing sent to the cluster
    again = timeline("ingest", str(corpus), "--db", str(dask), "--dask-scheduler", scheduler, "--format", "json")
    assert '"unchanged": 16' in again.stdout
    assert rows(dask) == got


@pytest.mark.slow
def test_the_workers_did_the_extraction(corpus, scheduler, engine):  # noqa: F811
    """The tasks ran on the cluster's workers, not in this process."""
    from nato_timeline.cluster import BATCH, DaskCluster
    from nato_timeline.ingest import run

    cluster = DaskCluster(scheduler)
    try:
        before = _tasks_done(cluster)
        report = run([corpus / "seeds"], engine=engine, cluster=cluster)
        after = _tasks_done(cluster)
    finally:
        cluster.close()
    assert report.new == 5 and report.failed == 0
    # a first pass (the pages' lines) and the extraction, each of the five seeds
    # in batches of BATCH
    assert after - before == 2 * -(-5 // BATCH)


def _tasks_done(cluster) -> int:
    def executed(dask_worker) -> int:
        return dask_worker.state.executed_count

    return sum(cluster.client.run(executed).values())


def test_an_unreachable_scheduler_is_one_line_and_no_database(runner, tmp_path, monkeypatch):
    from nato_timeline import cluster
    from nato_timeline.cli import app

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--dask-scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert not db.exists()
