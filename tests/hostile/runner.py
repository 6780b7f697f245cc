"""Run the ``blocwatch`` command as a child process and measure it (exit code, output,
peak resident memory from ``wait4``, wall time): what a user would see, on real processes."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BLOCWATCH = [sys.executable, "-m", "blocwatch"]


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    """The child's peak resident set size (``ru_maxrss``), in MiB."""
    seconds: float


def start_blocwatch(args: list[str], out: Path, err: Path) -> subprocess.Popen[bytes]:
    with out.open("wb") as stdout, err.open("wb") as stderr:
        return subprocess.Popen(
            [*BLOCWATCH, *args],
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            env={**os.environ, "COLUMNS": "200"},
        )


def has_exited(child: subprocess.Popen[bytes]) -> bool:
    """Whether ``child`` has ended, without reaping it (``poll()`` would reap it, and its
    resource usage with it, before :func:`wait_measured` reads them)."""
    if child.returncode is not None:
        return True
    found = os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    return found is not None


def wait_measured(child: subprocess.Popen[bytes], timeout: float) -> tuple[int, float]:
    """Exit code and peak memory (MiB) of ``child``; it is killed after ``timeout`` s."""
    if child.returncode is not None:
        raise RuntimeError("the child was already reaped: its peak memory is lost")
    killer = threading.Timer(timeout, child.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        killer.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)
    return child.returncode, usage.ru_maxrss / 1024


def run_blocwatch(args: list[str], *, timeout: float = 300) -> Run:
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        child = start_blocwatch(args, out, err)
        code, peak = wait_measured(child, timeout)
        return Run(
            code,
            out.read_text("utf-8", "replace"),
            err.read_text("utf-8", "replace"),
            peak,
            time.monotonic() - started,
        )
