"""Extraction on a Dask cluster (``timeline ingest --dask-scheduler ADDRESS``).

The workers read and extract (the same :func:`nato_timeline.ingest.work` as a
local worker process runs); this process hands them the units, takes the
results back in input order and stores them, so the database is the one
``--jobs 1`` gives. Units go ``BATCH`` to a task, and at most
``IN_FLIGHT_PER_THREAD`` tasks per worker thread are out at a time, so memory
here stays flat whatever the corpus.

Dask is an optional dependency (``pip install 'nato-timeline[dask]'``), imported
only here and only when a scheduler is given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from . import __version__
from .errors import ClusterError, UsageError

#: units a task: enough that scheduling costs little beside extracting them
BATCH = 8
#: tasks handed out and not yet taken back, per worker thread: enough to keep
#: every thread busy while this process stores, few enough that memory stays flat
IN_FLIGHT_PER_THREAD = 2

#: how long to wait for the scheduler to answer, in seconds
CONNECT_TIMEOUT = 10


def _worker_version() -> str:
    """What a worker runs: the version of nato-timeline it imports."""
    from nato_timeline import __version__ as version

    return version


class DaskCluster:
    """A connection to a Dask scheduler whose workers run nato-timeline."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise UsageError("--dask-scheduler needs Dask: pip install 'nato-timeline[dask]'") from None
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {_first_line(exc)}") from None
        try:
            self._check_workers(address)
        except BaseException:
            self.close()
            raise

    def _check_workers(self, address: str) -> None:
        try:
            versions = self.client.run(_worker_version)
        except ImportError:
            raise ClusterError(f"the workers of {address} cannot import nato_timeline: "
                               f"install nato-timeline {__version__} on them") from None
        if not versions:
            raise ClusterError(f"the Dask scheduler at {address} has no workers")
        other = sorted({v for v in versions.values() if v != __version__})
        if other:
            raise ClusterError(f"the workers of {address} run nato-timeline {', '.join(other)}, this is "
                               f"{__version__}: install the same version everywhere")

    @property
    def threads(self) -> int:
        """How many tasks the cluster runs at once."""
        return max(1, sum(self.client.nthreads().values()))

    def share(self, value: Any) -> Any:
        """``value`` sent to every worker once, as a handle to give tasks instead
        of sending it with each."""
        if value is None:
            return None
        return self.client.scatter(value, broadcast=True)

    def results(self, units: Iterable, fn: Callable, args: tuple, *, failed: Callable[[Any, str], Any],
                skipped: Any = None) -> Iterator[tuple[Any, Any]]:
        """``(unit, fn(unit, *args))`` for each unit, in input order, computed on the
        workers, ``BATCH`` consecutive units a task (one task per unit would spend
        more on scheduling than on extracting). A unit with an ``error`` or already
        ``stored`` is not sent: its result is ``skipped``. A task that fails (or
        whose worker died more often than the scheduler allows) gives
        ``failed(unit, reason)`` for each unit it held."""
        window: deque = deque()  # (units, future), in input order; future None for skipped units
        batch: list = []

        def send() -> None:
            # pure=False: two batches with equal content are still two tasks
            window.append((tuple(batch), self.client.submit(_each, fn, tuple(batch), args, pure=False)))
            batch.clear()

        try:
            for unit in units:
                if getattr(unit, "error", None) or getattr(unit, "stored", False):
                    if batch:
                        send()
                    window.append(((unit,), None))
                else:
                    batch.append(unit)
                    if len(batch) == BATCH:
                        send()
                while len(window) >= IN_FLIGHT_PER_THREAD * self.threads:
                    yield from self._taken(window.popleft(), failed, skipped)
            if batch:
                send()
            while window:
                yield from self._taken(window.popleft(), failed, skipped)
        finally:
            futures = [f for _, f in window if f is not None]
            if futures:
                self.client.cancel(futures)

    @staticmethod
    def _taken(entry, failed, skipped) -> Iterator[tuple[Any, Any]]:
        units, future = entry
        if future is None:
            yield units[0], skipped
            return
        try:
            results = future.result()
        except Exception as exc:  # the task raised, or its workers kept dying
            reason = f"on the Dask cluster: {type(exc).__name__}: {_first_line(exc)}"
            results = [failed(unit, reason) for unit in units]
        yield from zip(units, results)

    def close(self) -> None:
        self.client.close()


def _each(fn: Callable, units: tuple, args: tuple) -> list:
    """What a task runs: ``fn`` on each unit of its batch."""
    return [fn(unit, *args) for unit in units]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
