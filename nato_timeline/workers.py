"""Local worker processes for ``timeline ingest --jobs N``: units handed to a
process pool and their results taken back in input order.

At most ``IN_FLIGHT_PER_JOB`` units per process are submitted and not yet taken,
so memory stays flat whatever the corpus. Workers leave Ctrl-C to the main
process, which stops after the current document, and end by themselves when
the process that started them is gone.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

#: Results waiting to be stored, per worker: enough to keep the workers busy
#: while the writer stores, few enough that memory stays flat.
IN_FLIGHT_PER_JOB = 2


def in_workers(units: Iterable, fn: Callable, args: tuple, jobs: int, *, failed: Callable[[Any, str], Any],
               skipped: Any = None, initializer: Callable | None = None, initargs: tuple = ()
               ) -> Iterator[tuple[Any, Any]]:
    """``(unit, fn(unit, *args))`` for each unit, in input order, computed by
    ``jobs`` worker processes, each started with ``initializer(*initargs)``. A
    unit with an ``error`` or already ``stored`` is not sent: its result is
    ``skipped``. ``failed(unit, reason)`` stands for the result of a unit whose
    worker could not give it."""
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(jobs, initializer, initargs)
    window: deque = deque()
    finished = False
    try:
        for unit in units:
            if getattr(unit, "error", None) or getattr(unit, "stored", False):
                window.append((unit, None))
            else:
                try:
                    with _sigint_blocked():  # a worker started here begins with SIGINT blocked
                        future = pool.submit(fn, unit, *args)
                except BrokenProcessPool:  # a worker died: the units it held fail, the rest go on
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = _pool(jobs, initializer, initargs)
                    with _sigint_blocked():
                        future = pool.submit(fn, unit, *args)
                window.append((unit, future))
            while len(window) >= IN_FLIGHT_PER_JOB * jobs:
                yield _taken(window.popleft(), failed, skipped)
        while window:
            yield _taken(window.popleft(), failed, skipped)
        finished = True
    finally:
        if not finished:
            # stopped early (Ctrl-C, a database error): the running units are
            # dropped too, however long their documents would still take
            _end_workers(pool)
        # queued units are dropped; running ones (at most ``jobs``) are waited for.
        # Not waiting leaves the pool's manager thread to race the interpreter's
        # exit, which then prints "Exception ignored ... Bad file descriptor".
        pool.shutdown(wait=True, cancel_futures=True)


def _end_workers(pool) -> None:
    """End the pool's worker processes now (they ignore Ctrl-C)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)


def _pool(jobs: int, initializer: Callable | None, initargs: tuple):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork on Linux: a worker starts in milliseconds with everything imported
    # (spawn would import it all again in each); elsewhere the platform's default
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init,
                               initargs=(initializer, initargs))


def _taken(entry, failed, skipped) -> tuple[Any, Any]:
    from concurrent.futures.process import BrokenProcessPool

    unit, future = entry
    if future is None:
        return unit, skipped
    try:
        return unit, future.result()
    except BrokenProcessPool:
        reason = "a worker process ended abruptly (killed, or out of memory)"
    except Exception as exc:  # the unit or its result could not be passed between processes
        reason = f"{type(exc).__name__}: {exc}"
    return unit, failed(unit, reason)


def _worker_init(initializer: Callable | None, initargs: tuple) -> None:
    """Workers leave Ctrl-C to the main process, which stops after the current
    document; they finish what they hold and print nothing."""
    if initializer is not None:
        initializer(*initargs)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _end_with_parent(os.getppid())


def _end_with_parent(parent: int, every: float = 0.5) -> None:
    """End this worker when the process that started it is gone. A parent killed
    outright (SIGKILL, the out-of-memory killer) cannot stop its pool, and its
    workers would wait for work forever; their new parent is another process."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


@contextmanager
def _sigint_blocked():
    """SIGINT held back in this thread, so that a process started meanwhile
    cannot take a Ctrl-C before its initializer ignores it."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
