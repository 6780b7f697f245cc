"""Steps, pipelines and executors.

A *step* takes an iterator of items and yields items (as in datatrove): reading yields
raw documents, cleaning turns them into articles, each NLP step fills fields of the
article. A step that cannot use an item yields a :class:`Rejection` in its place; later
steps pass rejections through untouched, so one bad document is reported with its
reason and the batch goes on. A step that only adds to an item (finding quotes in an
article) can instead be told to keep the item when it fails: the item goes on without
that step's findings, and the failure is counted as *degraded* in the step's statistics.

Steps declare which :class:`~blocwatch.model.Article` fields they need and provide (as
spaCy components do), and a :class:`Pipeline` checks the order before anything runs.

An *executor* decides where a pipeline runs. :class:`LocalExecutor` runs it in this
process or in a pool of processes; :class:`DaskExecutor` runs the same pipeline, unchanged,
on a Dask distributed cluster. Both cut the input into batches, run the whole pipeline
on each batch where they choose, and hand results back in input order with per-step
statistics.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from blocwatch.errors import BlocwatchError, ConfigError
from blocwatch.model import Rejection as Rejection  # steps yield it; it lives with the records

log = logging.getLogger(__name__)

In = TypeVar("In")
Out = TypeVar("Out")
In_contra = TypeVar("In_contra", contravariant=True)
Out_co = TypeVar("Out_co", covariant=True)


@dataclass(frozen=True, slots=True)
class Degraded:
    """An item a step failed on but let through unchanged (see ``MapStep(keep_on_error=...)``)."""

    item: Any
    step: str
    reason: str


@dataclass(slots=True)
class StepStats:
    """What went through one step: how many came in, went out, were rejected and why."""

    name: str
    seen: int = 0
    passed: int = 0
    rejected: int = 0
    degraded: int = 0
    """Items passed on without this step's work, because the step failed on them."""
    reasons: Counter[str] = field(default_factory=Counter)

    def merge(self, other: StepStats) -> None:
        self.seen += other.seen
        self.passed += other.passed
        self.rejected += other.rejected
        self.degraded += other.degraded
        self.reasons.update(other.reasons)


@dataclass(slots=True)
class RunStats:
    steps: dict[str, StepStats] = field(default_factory=dict)

    def step(self, name: str) -> StepStats:
        if name not in self.steps:
            self.steps[name] = StepStats(name)
        return self.steps[name]

    def merge(self, other: RunStats) -> None:
        for name, stats in other.steps.items():
            self.step(name).merge(stats)


@runtime_checkable
class Step(Protocol[In_contra, Out_co]):
    """One stage of work. ``requires``/``provides`` name the Article fields it reads/fills."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def run(self, items: Iterable[In_contra]) -> Iterator[Out_co | Rejection]: ...


def source_of(item: object) -> str:
    """A human label for an item, for rejection reports."""
    for attribute in ("source", "raw_path", "id"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    return repr(item)[:80]


class MapStep(Generic[In, Out]):
    """A step that transforms items one at a time.

    A :class:`BlocwatchError` from ``function`` rejects the item with the error's reason.
    Any other exception is a defect in the step; it is logged with its traceback and the
    item is rejected too, because one document that trips a bug must not stop a batch —
    unless ``keep_on_error`` is set, for steps that only add to an item: then the item
    goes on unchanged (marked :class:`Degraded`), so a defect in quote finding never
    costs the article itself.
    """

    def __init__(
        self,
        name: str,
        function: Callable[[In], Out],
        *,
        requires: Iterable[str] = (),
        provides: Iterable[str] = (),
        keep_on_error: bool = False,
    ) -> None:
        self.name = name
        self.function = function
        self.requires = frozenset(requires)
        self.provides = frozenset(provides)
        self.keep_on_error = keep_on_error

    def run(self, items: Iterable[In]) -> Iterator[Out | Rejection | Degraded]:
        for item in items:
            try:
                yield self.function(item)
            except BlocwatchError as exc:
                yield Rejection(exc.source or source_of(item), self.name, exc.reason)
            except Exception as exc:
                log.exception("step %s failed on %s", self.name, source_of(item))
                reason = f"internal error: {type(exc).__name__}: {exc}"
                if self.keep_on_error:
                    yield Degraded(item, self.name, reason)
                else:
                    yield Rejection(source_of(item), self.name, reason)

    def warm(self) -> None:
        """Load now what ``function`` would load on first use (see :meth:`Pipeline.warm`)."""
        warm = getattr(self.function, "warm", None)
        if callable(warm):
            warm()

    def __repr__(self) -> str:
        return f"MapStep({self.name!r})"


class BatchMapStep(MapStep[In, Out]):
    """A :class:`MapStep` whose work is cheaper done for several items at once.

    ``batch_function`` takes up to ``size`` items and returns their results in order
    (a parser fed one long stream instead of many short ones). When it fails, the items
    of that batch go through ``function`` one by one, so a bad item is rejected or
    degraded alone, exactly as :class:`MapStep` would.
    """

    def __init__(
        self,
        name: str,
        function: Callable[[In], Out],
        batch_function: Callable[[list[In]], list[Out]],
        *,
        size: int = 32,
        requires: Iterable[str] = (),
        provides: Iterable[str] = (),
        keep_on_error: bool = False,
    ) -> None:
        super().__init__(
            name, function, requires=requires, provides=provides, keep_on_error=keep_on_error
        )
        self.batch_function = batch_function
        self.size = size

    def run(self, items: Iterable[In]) -> Iterator[Out | Rejection | Degraded]:
        for batch in batched(items, self.size):
            try:
                results = self.batch_function(batch)
            except Exception:
                log.debug("step %s: batch failed, item by item", self.name, exc_info=True)
                yield from super().run(batch)
                continue
            if len(results) != len(batch):
                raise ConfigError(f"step {self.name!r} returned {len(results)} of {len(batch)}")
            yield from results

    def __repr__(self) -> str:
        return f"BatchMapStep({self.name!r}, size={self.size})"


class Pipeline:
    """Steps run in order over a stream of items; rejections pass through to the end."""

    def __init__(
        self, steps: Sequence[Step[Any, Any]], *, initial_fields: Iterable[str] = ()
    ) -> None:
        self.steps = list(steps)
        self.initial_fields = frozenset(initial_fields)
        self._check_order(set(self.initial_fields))

    def _check_order(self, available: set[str]) -> None:
        for step in self.steps:
            missing = step.requires - available
            if missing:
                raise ConfigError(
                    f"step {step.name!r} needs {', '.join(sorted(missing))}, which no earlier step provides"
                )
            available |= step.provides

    @property
    def names(self) -> list[str]:
        return [step.name for step in self.steps]

    def warm(self) -> None:
        """Load what the steps load on first use (a parser's model), so a worker is ready
        before its first batch rather than during it; steps without ``warm`` are skipped."""
        for step in self.steps:
            warm = getattr(step, "warm", None)
            if callable(warm):
                warm()

    def run(self, items: Iterable[Any], stats: RunStats | None = None) -> Iterator[Any]:
        stats = stats if stats is not None else RunStats()
        stream: Iterator[Any] = iter(items)
        for step in self.steps:
            stream = self._run_step(step, stream, stats.step(step.name))
        return stream

    @staticmethod
    def _run_step(step: Step[Any, Any], stream: Iterator[Any], stats: StepStats) -> Iterator[Any]:
        passthrough: list[Rejection] = []

        def accepted() -> Iterator[Any]:
            for item in stream:
                if isinstance(item, Rejection):
                    passthrough.append(item)
                    continue
                stats.seen += 1
                yield item

        for result in step.run(accepted()):
            yield from passthrough
            passthrough.clear()
            if isinstance(result, Rejection):
                stats.rejected += 1
                stats.reasons[result.reason] += 1
            elif isinstance(result, Degraded):
                stats.degraded += 1
                stats.reasons[result.reason] += 1
                stats.passed += 1
                result = result.item
            else:
                stats.passed += 1
            yield result
        yield from passthrough


# --------------------------------------------------------------------------- executors


def batched(items: Iterable[In], size: int) -> Iterator[list[In]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _warm(pipeline: Pipeline) -> None:
    pipeline.warm()


def run_batch(pipeline: Pipeline, batch: list[Any]) -> tuple[list[Any], RunStats]:
    """Run a whole pipeline over one batch; the unit of work every executor ships."""
    stats = RunStats()
    return list(pipeline.run(batch, stats)), stats


class Executor(Protocol):
    """Where a pipeline runs. ``stats`` accumulates over every call to :meth:`run`."""

    stats: RunStats

    def start(self, pipeline: Pipeline) -> None:
        """Get workers ready for ``pipeline`` (loaded, warmed) while the caller prepares;
        optional: :meth:`run` starts them itself otherwise."""
        ...

    def run(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...


_WORKER_PIPELINE: dict[str, Pipeline] = {}


def _install_pipeline(pipeline: Pipeline) -> None:
    # Per worker process: the pipeline (with its dictionaries) is shipped once, not per
    # batch, and warmed (spaCy loaded) before the first batch arrives.
    _WORKER_PIPELINE["current"] = pipeline
    pipeline.warm()


def _started() -> None:
    """A task that only makes the pool start a worker process (and run its initializer)."""


def _run_installed(batch: list[Any]) -> tuple[list[Any], RunStats]:
    return run_batch(_WORKER_PIPELINE["current"], batch)


class LocalExecutor:
    """Runs in this process (``workers=1``) or in a pool of ``workers`` processes.

    The pool is a warm one: :meth:`start` launches every worker before the first batch
    and each holds the pipeline, spaCy loaded, for the whole run. On Linux (``fork``)
    this process loads the pipeline once and the workers start as copies of it, so
    neither the imports, nor the dictionaries, nor spaCy are loaded again per worker
    (some 3 CPU s each); elsewhere (``spawn``) each worker loads them in the pool's
    initializer, overlapping whatever the caller does first.

    A fork copies every lock as it is at that moment, held ones included, but only the
    forking thread: a lock another thread holds (standard error's, while a progress bar
    draws or a writer thread logs) stays held in the worker for ever, and its first
    warning hangs the run. So the default forks only a process with one thread and
    spawns otherwise; ``start_method`` names one explicitly.
    """

    def __init__(
        self, workers: int = 1, *, batch_size: int = 32, start_method: str | None = None
    ) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.batch_size = batch_size
        self.start_method = start_method
        self.stats = RunStats()
        self._pool: ProcessPoolExecutor | None = None
        self._pool_pipeline: Pipeline | None = None

    def start(self, pipeline: Pipeline) -> None:
        """Warm ``pipeline`` and start the workers; a pool already started for this very
        pipeline is kept (so a caller may start it early and :meth:`run` again later)."""
        if self.workers == 1:
            pipeline.warm()
            return
        if self._pool is not None and self._pool_pipeline is pipeline:
            return
        self._shut()
        method = self._start_method()
        if method == "fork":
            pipeline.warm()  # once, here: the workers start as copies of this process
        context = multiprocessing.get_context(method)
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_install_pipeline, initargs=(pipeline,)
        )
        self._pool_pipeline = pipeline
        # The pool starts its processes on the first tasks (a spawning pool, one per task
        # it cannot place): one task per worker starts them all now.
        for _ in range(self.workers):
            self._pool.submit(_started)

    def _start_method(self) -> str:
        if self.start_method is not None:
            return self.start_method
        if sys.platform == "linux" and threading.active_count() == 1:
            return "fork"
        return "spawn"

    def run(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Any]:
        if self.workers == 1:
            yield from pipeline.run(items, self.stats)
            return
        self.start(pipeline)
        pool = self._pool
        assert pool is not None
        try:
            pending: list[Future[tuple[list[Any], RunStats]]] = []
            for batch in batched(items, self.batch_size):
                pending.append(pool.submit(_run_installed, batch))
                # Keep a bounded number of batches in flight so memory stays flat.
                if len(pending) >= 2 * self.workers:
                    yield from self._collect(pending.pop(0))
            for future in pending:
                yield from self._collect(future)
        finally:
            self._shut()

    def _collect(self, future: Future[tuple[list[Any], RunStats]]) -> list[Any]:
        results, stats = future.result()
        self.stats.merge(stats)
        return results

    def _shut(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool, self._pool_pipeline = None, None

    def close(self) -> None:
        self._shut()


LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes
    # glibc's mmap threshold at 128 kB: every array spaCy allocates above it is mapped
    # and unmapped again, its pages faulted in afresh each time (35 times the page faults
    # and 12 times the system CPU over the same parses, a fifth more CPU in all). The
    # local pool's workers keep glibc's own, adaptive thresholds; so do these.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # The statistical profiler samples each worker's stack every 10 ms for a dashboard
    # nobody looks at here.
    "distributed.worker.profile.enabled": False,
    # Every server (the scheduler and the nannies, all in this process, and each worker)
    # times its event loop every 20 ms, to warn when it is blocked for 3 s: most of the
    # scheduling CPU of an ingest. Once a second still catches such a block.
    "distributed.admin.tick.interval": "1s",
}
"""What :class:`DaskExecutor` changes in the Dask configuration of the cluster it starts
itself (never of a cluster it is given, whose workers are the operator's)."""


class DaskExecutor:
    """Runs batches on a Dask distributed cluster: a scheduler address, or a local cluster.

    With an ``address`` the executor connects to a scheduler already running (its workers
    are whatever joined it; ``workers`` is for the local cluster only). The pipeline is
    scattered to every worker once; batches are submitted with a bounded number in flight
    and gathered in input order. Needs the ``[dask]`` extra.
    """

    def __init__(
        self,
        address: str | None = None,
        *,
        workers: int = 2,
        batch_size: int = 64,
        client: Any = None,
        connect_timeout: float = 30.0,
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ConfigError(
                "the Dask executor needs the [dask] extra: pip install 'blocwatch[dask]'"
            ) from exc
        self._owns_client = client is None
        self._cluster: Any = None
        if client is not None:
            self.client = client
        elif address:
            try:
                self.client = Client(address, timeout=connect_timeout)  # type: ignore[no-untyped-call]
            except (OSError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        else:
            import dask

            # Read when the cluster starts its workers: they take this configuration and
            # these environment variables with them.
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
            # The workers are on this machine: results come straight from them rather
            # than through the scheduler (which runs in this process: a second copy).
            self.client = Client(self._cluster, direct_to_workers=True)  # type: ignore[no-untyped-call]
        self.batch_size = batch_size
        self.stats = RunStats()
        self._remote: tuple[Pipeline, Any] | None = None
        self._warming: list[Any] = []

    def start(self, pipeline: Pipeline) -> None:
        """Send the pipeline to every worker and warm it there (one task per worker);
        done once per pipeline."""
        if self._remote is not None and self._remote[0] is pipeline:
            return
        # hash=False: a random key, where Dask would otherwise name the data by its
        # hash, pickling (and unpickling, to check) the pipeline twice more to get it.
        [remote] = self.client.scatter([pipeline], broadcast=True, hash=False)
        self._remote = (pipeline, remote)
        self._warming = [
            self.client.submit(
                _warm, remote, workers=[address], allow_other_workers=False, pure=False
            )
            for address in self.client.scheduler_info().get("workers", {})
        ]

    def run(self, pipeline: Pipeline, items: Iterable[Any]) -> Iterator[Any]:
        self.start(pipeline)
        assert self._remote is not None
        remote_pipeline = self._remote[1]
        in_flight = max(2, 2 * len(self.client.scheduler_info().get("workers", {})))
        pending: list[Any] = []
        for batch in batched(items, self.batch_size):
            pending.append(self.client.submit(run_batch, remote_pipeline, batch, pure=False))
            if len(pending) >= in_flight:
                yield from self._collect(pending.pop(0))
        for future in pending:
            yield from self._collect(future)

    def _collect(self, future: Any) -> list[Any]:
        results, stats = future.result()
        self.stats.merge(stats)
        return list(results)

    def close(self) -> None:
        self._remote, self._warming = None, []
        if self._owns_client:
            self.client.close()
            if self._cluster is not None:
                self._cluster.close()
