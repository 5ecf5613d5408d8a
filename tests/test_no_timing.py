"""No test measures how long something takes (issue 25, item 3): a timed assertion fails on a
busy machine and proves nothing on an idle one. Speed is measured in ``bench/``. A clock is
allowed only as a deadline to stop waiting for a process (``time.monotonic``)."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Clocks that read elapsed time: perf_counter, process_time, thread_time, time.time, timeit.
TIMING = re.compile(r"\b(perf_counter(_ns)?|process_time(_ns)?|thread_time(_ns)?|timeit)\b"
                    r"|\btime\.time(_ns)?\(")


def timed(root: Path) -> list[str]:
    """``path:line`` of each line under ``root`` that reads an elapsed-time clock."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.resolve() == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if TIMING.search(line):
                found.append(f"{path.relative_to(root)}:{number}")
    return found


def test_no_test_reads_an_elapsed_time_clock():
    assert timed(TESTS) == [], "move speed checks to bench/"


def test_the_check_finds_a_timed_test(tmp_path):
    (tmp_path / "test_fast.py").write_text(
        "import time\n\n\ndef test_fast():\n    start = time.perf_counter()\n"
        "    assert time.perf_counter() - start < 0.5\n    assert time.time() > 0\n"
        "    deadline = time.monotonic() + 5\n")
    assert timed(tmp_path) == ["test_fast.py:5", "test_fast.py:6", "test_fast.py:7"]
