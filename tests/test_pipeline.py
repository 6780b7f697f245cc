from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from blocwatch.errors import ConfigError, ExtractionError
from blocwatch.pipeline import (
    BatchMapStep,
    DaskExecutor,
    LocalExecutor,
    MapStep,
    Pipeline,
    Rejection,
    RunStats,
)


@dataclass(frozen=True)
class Doc:
    source: str
    text: str


def shout(doc: Doc) -> Doc:
    if not doc.text:
        raise ExtractionError("no text", source=doc.source)
    return Doc(doc.source, doc.text.upper())


def count_words(doc: Doc) -> tuple[str, int]:
    if doc.text == "BOOM":
        raise ZeroDivisionError("a defect in the step")
    return doc.source, len(doc.text.split())


def two_step_pipeline() -> Pipeline:
    return Pipeline(
        [
            MapStep("shout", shout, provides={"text"}),
            MapStep("count", count_words, requires={"text"}, provides={"words"}),
        ]
    )


DOCS = [Doc("a", "one two"), Doc("b", ""), Doc("c", "boom"), Doc("d", "three four five")]


def test_bad_documents_are_rejected_and_the_batch_goes_on() -> None:
    stats = RunStats()
    results = list(two_step_pipeline().run(DOCS, stats))
    assert [r for r in results if not isinstance(r, Rejection)] == [("a", 2), ("d", 3)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert [(r.source, r.step) for r in rejections] == [("b", "shout"), ("c", "count")]
    assert rejections[0].reason == "no text"
    assert rejections[1].reason == "internal error: ZeroDivisionError: a defect in the step"
    assert (
        stats.steps["shout"].seen,
        stats.steps["shout"].passed,
        stats.steps["shout"].rejected,
    ) == (4, 3, 1)
    assert (
        stats.steps["count"].seen,
        stats.steps["count"].passed,
        stats.steps["count"].rejected,
    ) == (3, 2, 1)


def test_rejections_from_earlier_stages_pass_through_uncounted() -> None:
    stats = RunStats()
    earlier = Rejection("x.bin", "read", "binary content")
    results = list(two_step_pipeline().run([earlier, Doc("a", "one")], stats))
    assert earlier in results
    assert stats.steps["shout"].seen == 1


def test_step_order_is_checked_before_running() -> None:
    with pytest.raises(
        ConfigError, match="step 'count' needs text, which no earlier step provides"
    ):
        Pipeline([MapStep("count", count_words, requires={"text"})])


class Pairwise:
    """A step that is not a map: it sees the whole stream (e.g. for windowed work)."""

    name = "pairwise"
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()

    def run(self, items: Iterable[Doc]) -> Iterator[Doc]:
        previous: Doc | None = None
        for item in items:
            yield Doc(item.source, f"{previous.text if previous else ''}|{item.text}")
            previous = item


def test_any_object_with_run_is_a_step() -> None:
    results = list(Pipeline([Pairwise()]).run([Doc("a", "x"), Doc("b", "y")]))
    assert [d.text for d in results] == ["|x", "x|y"]


def test_process_pool_gives_the_same_results_in_order() -> None:
    docs = [Doc(str(i), "word " * (i % 7)) for i in range(40)]
    serial = list(two_step_pipeline().run(docs))
    executor = LocalExecutor(workers=2, batch_size=5)
    parallel = list(executor.run(two_step_pipeline(), docs))
    assert parallel == serial
    assert executor.stats.steps["shout"].seen == 40
    assert executor.stats.steps["shout"].rejected == 6


@pytest.mark.dask
def test_dask_cluster_runs_the_same_pipeline() -> None:
    docs = [Doc(str(i), "word " * (i % 5)) for i in range(30)]
    executor = DaskExecutor(workers=2, batch_size=4)
    try:
        results = list(executor.run(two_step_pipeline(), docs))
    finally:
        executor.close()
    assert results == list(two_step_pipeline().run(docs))
    assert executor.stats.steps["count"].passed == 24


def _worker_settings() -> tuple[str | None, bool, str]:
    import dask

    return (
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        bool(dask.config.get("distributed.worker.profile.enabled")),
        str(dask.config.get("distributed.admin.tick.interval")),
    )


@pytest.mark.dask
def test_a_local_cluster_leaves_the_allocator_alone_and_profiles_nothing() -> None:
    import dask

    executor = DaskExecutor(workers=2, batch_size=4)
    try:
        settings = executor.client.run(_worker_settings)
        direct = executor.client.direct_to_workers
    finally:
        executor.close()
    # Dask's nannies would set the variable (and with it glibc's mmap threshold) and
    # start the 10 ms stack sampler in every worker.
    assert list(settings.values()) == [(None, False, "1s"), (None, False, "1s")]
    assert direct is True
    # Only the cluster it starts is configured so, not this process.
    assert dask.config.get("distributed.worker.profile.enabled") is True
    assert dask.config.get("distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_")


PICKLED: list[str] = []


class CountedShout:
    """``shout``, noting each time it is pickled in this process."""

    def __call__(self, doc: Doc) -> Doc:
        return shout(doc)

    def __getstate__(self) -> dict[str, object]:
        PICKLED.append("shout")
        return {}

    def __setstate__(self, _state: dict[str, object]) -> None:
        return None


@pytest.mark.dask
def test_the_pipeline_is_pickled_once_to_reach_the_workers() -> None:
    pipeline = Pipeline([MapStep("shout", CountedShout(), provides={"text"})])
    docs = [Doc(str(i), "word " * (i % 3)) for i in range(12)]
    executor = DaskExecutor(workers=2, batch_size=4)
    PICKLED.clear()
    try:
        results = list(executor.run(pipeline, docs))
    finally:
        executor.close()
    # Scattered under its hash, it would be pickled twice more to compute the hash.
    assert PICKLED == ["shout"]
    assert results == list(pipeline.run(docs))


@pytest.mark.dask
def test_a_running_scheduler_gives_the_local_executors_results(dask_scheduler: str) -> None:
    docs = [Doc(str(i), "word " * (i % 5)) for i in range(30)]
    local = LocalExecutor()
    expected = list(local.run(two_step_pipeline(), docs))
    executor = DaskExecutor(dask_scheduler, batch_size=4)
    try:
        assert len(executor.client.scheduler_info()["workers"]) == 2
        results = list(executor.run(two_step_pipeline(), docs))
    finally:
        executor.close()
    assert results == expected
    assert executor.stats.steps["count"].passed == local.stats.steps["count"].passed == 24
    assert executor.stats.steps["shout"].reasons == local.stats.steps["shout"].reasons


@pytest.mark.dask
def test_an_unreachable_scheduler_is_named() -> None:
    with pytest.raises(
        ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        DaskExecutor("tcp://127.0.0.1:9", connect_timeout=1)


def test_workers_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        LocalExecutor(workers=0)


def test_a_step_that_only_adds_keeps_the_item_when_it_fails() -> None:
    def add_words(doc: Doc) -> Doc:
        if doc.text == "boom":
            raise IndexError("a defect in the step")
        return Doc(doc.source, f"{doc.text} (checked)")

    stats = RunStats()
    pipeline = Pipeline([MapStep("check", add_words, keep_on_error=True)])
    results = list(pipeline.run([Doc("a", "fine"), Doc("c", "boom"), Doc("b", "")], stats))
    assert results == [Doc("a", "fine (checked)"), Doc("c", "boom"), Doc("b", " (checked)")]
    step = stats.steps["check"]
    assert (step.seen, step.passed, step.rejected, step.degraded) == (3, 3, 0, 1)
    assert step.reasons == {"internal error: IndexError: a defect in the step": 1}


def count_all_words(docs: list[Doc]) -> list[tuple[str, int]]:
    calls.append(len(docs))
    return [count_words(doc) for doc in docs]


calls: list[int] = []


def test_a_batch_step_works_in_batches_and_isolates_a_failing_item() -> None:
    """The batch holding "boom" fails whole; its items are redone one by one, so only
    "boom" is rejected and the rest of that batch still comes out, in order."""
    calls.clear()
    docs = [Doc("a", "one two"), Doc("b", "x"), Doc("c", "boom"), Doc("d", "three four five")]
    docs += [Doc("e", "six"), Doc("f", "seven eight")]
    pipeline = Pipeline(
        [
            MapStep("shout", shout, provides={"text"}),
            BatchMapStep("count", count_words, count_all_words, size=4, requires={"text"}),
        ]
    )
    stats = RunStats()
    results = list(pipeline.run(docs, stats))
    assert calls == [4, 2]
    assert [r for r in results if not isinstance(r, Rejection)] == [
        ("a", 2),
        ("b", 1),
        ("d", 3),
        ("e", 1),
        ("f", 2),
    ]
    assert [(r.source, r.step) for r in results if isinstance(r, Rejection)] == [("c", "count")]
    assert (stats.steps["count"].passed, stats.steps["count"].rejected) == (5, 1)


class MarksWarmProcesses:
    """A step function that loads something once per process, as the parser loads spaCy:
    ``warm`` leaves a mark named after the process; each document says whether its
    process was warm when the document came."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def warm(self) -> None:
        (self.folder / str(os.getpid())).write_text("warm", encoding="utf-8")

    def __call__(self, doc: Doc) -> Doc:
        warm = (self.folder / str(os.getpid())).exists()
        return Doc(doc.source, f"{os.getpid()}" if warm else "cold")


@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_a_started_pool_warms_every_worker_before_the_first_batch(
    tmp_path: Path, start_method: str
) -> None:
    pipeline = Pipeline([MapStep("mark", MarksWarmProcesses(tmp_path))])
    executor = LocalExecutor(workers=2, batch_size=3, start_method=start_method)
    executor.start(pipeline)
    deadline = time.monotonic() + 120
    workers = lambda: {p.name for p in tmp_path.iterdir()} - {str(os.getpid())}  # noqa: E731
    while len(workers()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    warmed = workers()
    assert len(warmed) == 2
    results = list(executor.run(pipeline, [Doc(str(i), "x") for i in range(12)]))
    assert [d.source for d in results] == [str(i) for i in range(12)]
    assert {d.text for d in results} <= warmed
    executor.close()


def test_one_process_warms_itself() -> None:
    marks: list[int] = []

    class Marks:
        def warm(self) -> None:
            marks.append(os.getpid())

        def __call__(self, doc: Doc) -> Doc:
            return doc

    LocalExecutor().start(Pipeline([MapStep("mark", Marks())]))
    assert marks == [os.getpid()]


_SET_IN_THE_PARENT: list[str] = []
"""Set by a test in the pytest process: a forked worker sees it, a spawned one does not."""


def tell_what_the_worker_inherited(doc: Doc) -> Doc:
    return Doc(doc.source, ",".join(_SET_IN_THE_PARENT) or "nothing")


def test_a_pool_is_not_forked_while_another_thread_of_this_process_runs() -> None:
    """A fork copies the locks other threads hold at that moment (standard error's, while a
    progress bar or the ingest's writer thread writes), and a worker that then writes a
    warning waits forever; with another thread alive the workers are started afresh."""
    _SET_IN_THE_PARENT.append("inherited")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="another thread")
    other.start()
    try:
        executor = LocalExecutor(workers=2, batch_size=1)
        pipeline = Pipeline([MapStep("tell", tell_what_the_worker_inherited)])
        results = list(executor.run(pipeline, [Doc("a", "x"), Doc("b", "x")]))
    finally:
        stop.set()
        other.join()
        _SET_IN_THE_PARENT.clear()
        executor.close()
    assert {d.text for d in results} == {"nothing"}
