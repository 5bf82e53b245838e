"""Rules every week notebook keeps (issue 5), checked on the committed files.

nbval (run by ``make test`` on ``notebooks/``) re-executes the notebooks and compares the cells
marked ``# NBVAL_CHECK_OUTPUT``; these tests check what nbval cannot: that the notebooks hold no
logic of their own, that their stored outputs are clean and small, and that each one corrects the
notes in visible errata.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
# The week notebooks only (no logic of their own). The exercise notebooks in notebooks/exercises/
# hold the learner's "your turn" defs; their policy is in test_check_notebooks.py.
EXPECTED = {
    "week1_practical_aspects.ipynb",
    "week2_optimization.ipynb",
    "week3_tuning_batchnorm_softmax.ipynb",
}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code(cell: dict) -> str:
    src = "".join(cell["source"])
    # IPython magics and shell escapes are not Python; blank them before parsing.
    lines = src.splitlines()
    return "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in lines)


def test_the_three_weeks_are_there():
    assert EXPECTED <= {p.name for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_logic_in_notebooks(path: Path):
    """Cells import, call, plot and explain: a function or class belongs in the package."""
    for i, cell in enumerate(_load(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(_code(cell))
        for node in ast.walk(tree):
            bad = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
            assert not isinstance(node, bad), f"{path.name} cell {i} defines {type(node).__name__}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_clean(path: Path):
    """Executed, in order, with no error and nothing on stderr (warnings included)."""
    nb = _load(path)
    counts = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not "".join(cell["source"]).strip():
            continue
        assert cell.get("execution_count") is not None, f"{path.name} cell {i} was not executed"
        counts.append(cell["execution_count"])
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name} cell {i} stored an error"
            is_stderr = out["output_type"] == "stream" and out.get("name") == "stderr"
            text = "".join(out.get("text", ""))[:200]
            assert not is_stderr, f"{path.name} cell {i} wrote to stderr: {text}"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name} was not run top to bottom"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small_and_checked(path: Path):
    assert path.stat().st_size < 3_000_000, f"{path.name} is {path.stat().st_size} bytes"
    cells = _load(path)["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    checked = [s for s in code if "# NBVAL_CHECK_OUTPUT" in s]
    assert len(checked) >= 3, f"{path.name} checks only {len(checked)} cells with nbval"
    errata = [s for s in markdown if "Erratum" in s]
    assert errata, f"{path.name} has no Erratum callout"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_rng_at_the_top(path: Path):
    sources = [_code(c) for c in _load(path)["cells"] if c["cell_type"] == "code"]
    made = [i for i, s in enumerate(sources) if "default_rng(" in s]
    assert made and made[0] <= 2, f"{path.name} must create its rng in its first cells"
    assert len(made) == 1, f"{path.name} creates a generator in cells {made}; make one at the top"
    joined = "\n".join(sources)
    for legacy in ("np.random.seed", "np.random.rand", "np.random.randn"):
        assert legacy not in joined, f"{path.name} uses the legacy global {legacy}"
