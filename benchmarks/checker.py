"""The checkers of ``dlnotes.check``: how long a learner waits for a verdict (issue 13).

Every checker runs on its right answer (the first of ``tests/_check_solutions.py``, written in
the assignments' style), ``repeats`` times, interleaved; the table gives each checker's median
and the total of the medians, against the target of 5 s for all of them together. The first
calls, which also build each checker's inputs and reference outputs, are timed apart.

    .venv/bin/python benchmarks/checker.py            # this section alone
    .venv/bin/python benchmarks/run.py --only checker
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from time import perf_counter
from types import ModuleType

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import Section, median, ms, timings  # noqa: E402
from dlnotes import check  # noqa: E402

TARGET_S = 5.0
"""All checkers together, on right answers, must take less than this."""


def solutions() -> ModuleType:
    """``tests/_check_solutions.py``, the learners' right answers (a file, not a package)."""
    path = Path(__file__).resolve().parents[1] / "tests" / "_check_solutions.py"
    spec = importlib.util.spec_from_file_location("_check_solutions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(repeats: int = 3) -> Section:
    answers = solutions().SOLUTIONS
    fns = {name: (lambda name=name: check.CHECKERS[name](answers[name][0]))
           for name in check.CHECKERS}
    t0 = perf_counter()
    verdicts = {name: fn().passed for name, fn in fns.items()}  # the first (cold) calls
    cold = perf_counter() - t0
    t = timings(fns, repeats=repeats, warmup=0)
    section = Section("checker: every dlnotes.check checker on a right answer",
                      ["checker", "inputs", "median ms", "verdict"])
    for name in check.CHECKERS:
        section.add(name, len(check._SPECS[name]().cases), ms(median(t[name])),
                    "passed" if verdicts[name] else "FAILED")
    total = sum(median(t[name]) for name in check.CHECKERS)
    section.add("total", "", ms(total), "")
    ok = total < TARGET_S and all(verdicts.values())
    section.notes.append(f"{len(fns)} checkers, median of {repeats} interleaved rounds; "
                         f"total {total:.2f} s, target < {TARGET_S:g} s: "
                         f"{'PASS' if ok else 'FAIL'}")
    section.notes.append(f"first calls, inputs and references built on the way: {cold:.2f} s "
                         f"in all")
    section.data.update(total=total, cold=cold, verdicts=verdicts)
    return section


if __name__ == "__main__":
    print(run().render())
