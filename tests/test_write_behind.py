"""Writes behind the pipeline (write_behind.py): order, results on the caller's thread, errors."""

from __future__ import annotations

import threading
import time

import pytest

from blocwatch.write_behind import WriteBehind


def test_work_runs_in_order_on_another_thread_and_results_come_back_on_ours() -> None:
    ran: list[tuple[int, str]] = []
    results: list[tuple[int, str]] = []

    def write(number: int) -> int:
        time.sleep(0.01 * (number % 3))  # uneven work must not change the order
        ran.append((number, threading.current_thread().name))
        return number * 10

    with WriteBehind() as writes:
        for number in range(8):
            writes.submit(
                lambda n=number: write(n),
                lambda result: results.append((result, threading.current_thread().name)),
            )
    assert [n for n, _ in ran] == list(range(8))
    assert {name for _, name in ran} == {"blocwatch-writes"}
    assert results == [(n * 10, threading.current_thread().name) for n in range(8)]


def test_the_first_error_stops_later_work_and_is_raised_to_the_caller() -> None:
    ran: list[int] = []

    def write(number: int) -> None:
        if number == 2:
            raise RuntimeError("disk full")
        ran.append(number)

    writes = WriteBehind(queued=8)
    with pytest.raises(RuntimeError, match="disk full"):  # at a later submit, or at the end
        for number in range(5):
            writes.submit(lambda n=number: write(n))
        writes.finish()
    writes.finish()  # raised once; the work after the error was dropped
    assert ran == [0, 1]


def test_an_error_of_the_caller_still_writes_what_it_queued_and_is_the_one_raised() -> None:
    ran: list[int] = []
    with pytest.raises(KeyError), WriteBehind() as writes:
        for number in range(3):
            writes.submit(lambda n=number: ran.append(n))
        raise KeyError("pipeline failed")
    assert ran == [0, 1, 2]


def test_without_a_thread_work_runs_at_once() -> None:
    ran: list[int] = []
    writes = WriteBehind(threaded=False)
    writes.submit(lambda: ran.append(1) or 1, lambda result: ran.append(result + 1))
    assert ran == [1, 2]
    writes.finish()
