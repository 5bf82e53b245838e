"""Smoke test of benchmarks/ (``make bench``): every section runs with tiny sizes, once.

No timing is asserted anywhere; this only keeps the script from rotting when the package
changes under it, and checks the comparisons it prints are between equal results.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ipywidgets as widgets
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not installed

from benchmarks import common, explorers, networks, notebooks, training  # noqa: E402
from benchmarks import run as bench  # noqa: E402


def test_timings_interleaves_and_counts_every_call():
    calls = []
    t = common.timings({"a": lambda: calls.append("a"), "b": lambda: calls.append("b")},
                       repeats=3, warmup=1)
    assert [len(v) for v in t.values()] == [3, 3]
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b"]  # warm-up, then rotating starts


def test_section_renders_an_aligned_table():
    s = common.Section("title", ["name", "value"])
    s.add("x", 1.5)
    s.notes.append("a note")
    text = s.render()
    assert text.splitlines()[0] == "## title"
    assert "| x    |   1.5 |" in text
    assert text.endswith("a note")


def test_networks_section_times_every_week_call():
    section = networks.run(repeats=1, scale=0.01)
    assert len(section.rows) == len(networks.calls()) == 5
    assert all(t > 0 for t in section.data.values())


def test_training_section_matches_the_course_loop_and_the_loop_of_trainings():
    section = training.run(iterations=5, sweep_iterations=3, models=3, m=24, repeats=1,
                           minibatch_epochs=2, mini_batch_size=8)
    assert len(section.rows) == 6
    assert section.data["diff_single"] < 1e-12
    assert section.data["diff_sweep"] < 1e-10
    assert section.data["diff_minibatch"] < 1e-10


def test_next_value_changes_every_kind_of_control():
    controls = [
        widgets.FloatSlider(value=0.5, min=0.0, max=1.0),
        widgets.IntSlider(value=3, min=1, max=10),
        widgets.FloatLogSlider(value=0.01, base=10, min=-4, max=0),
        widgets.Checkbox(value=False),
        widgets.Dropdown(options=["a", "b", "c"], value="a"),
        widgets.SelectionSlider(options=[8, 16, 32], value=16),
    ]
    for control in controls:
        for k in range(3):
            attribute, value = explorers.next_value(control, k)
            before = control.value
            setattr(control, attribute, value)
            assert control.value != before, type(control).__name__
    assert explorers.next_value(widgets.Dropdown(options=["only"], value="only"), 0) is None


def test_explorers_section_measures_one_explorer():
    assert "softmax_explorer" in explorers.factories()
    section = explorers.run(rounds=1, names=["softmax_explorer"])
    (row,) = section.rows
    assert row[0] == "softmax_explorer" and row[-1] in ("PASS", "FAIL")
    res = section.data["softmax_explorer"]
    assert res["changes"].size >= 1 and res["backend"] == "agg" and not res["trains"]


def test_notebooks_section_executes_a_copy_and_leaves_the_original(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 6 * 7"), nbformat.v4.new_code_cell("print(x)")]
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    section = notebooks.run(paths=[path], timeout=120)
    assert section.rows[0][0] == "tiny.ipynb" and section.rows[0][-1] == "ok"
    assert section.rows[-1][0] == "total" and section.data["total"] > 0
    assert path.read_bytes() == before
    assert not (tmp_path / ".ipynb_checkpoints").exists()


def test_run_script_arguments_and_header():
    args = bench.parse_args(["--quick", "--only", "networks", "--only", "training"])
    assert args.quick and args.only == ["networks", "training"]
    assert list(bench.SECTIONS) == ["explorers", "notebooks", "networks", "training", "checker",
                                   "browser"]
    with pytest.raises(SystemExit):
        bench.parse_args(["--only", "nothing"])
    header = "\n".join(bench.header_lines({"OMP_NUM_THREADS": None}))
    assert "machine:" in header and "numpy" in header and "BLAS" in header
