"""The exercise notebooks (notebooks/exercises/) and the checkers cannot drift apart.

Each test runs an exercise notebook's own cells in order, in one namespace, after splicing a
learner's function body (from ``_check_solutions.py``) into its "your turn" cells: the
notebook's signatures, imports and check cells are the ones exercised. Filled with the right
answers every check passes; filled with a mutant, its check names exactly that mistake.

Also the policy of the exercise notebooks (the week notebooks' policy is in
``test_notebook_policy.py``): committed executed in order with clean outputs, every check
printing "not implemented yet", one check per "your turn" cell, every checker somewhere.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from pathlib import Path

import _check_solutions as S
import pytest

from dlnotes import check

EXERCISES = sorted((Path(__file__).resolve().parents[1] / "notebooks" / "exercises")
                   .glob("*.ipynb"))
YOUR_TURN = "# YOUR TURN"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _exercise_names(path: Path) -> list[str]:
    names = []
    for cell in _cells(path):
        if cell["cell_type"] == "code" and _source(cell).startswith(YOUR_TURN):
            (fn,) = [n for n in ast.parse(_source(cell)).body if isinstance(n, ast.FunctionDef)]
            names.append(fn.name)
    return names


def _body_of(fn) -> list[ast.stmt]:
    """The body of ``fn``, with its closure's constants (a mutant factory's ``kind``) bound."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    bound = []
    for name, cell in zip(fn.__code__.co_freevars, fn.__closure__ or (), strict=True):
        assert isinstance(cell.cell_contents, str), (fn, name)
        bound += ast.parse(f"{name} = {cell.cell_contents!r}").body
    return bound + node.body


def _arg_names(args: ast.arguments) -> list[str]:
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]


def run_filled(path: Path, bodies: dict) -> dict[str, check.Result]:
    """Execute the notebook's cells with ``bodies[name]`` spliced into the "your turn" cells."""
    namespace: dict = {}
    results = {}
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(_source(cell))
        if _source(cell).startswith(YOUR_TURN):
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name in bodies:
                    fn = bodies[node.name]
                    want = _arg_names(ast.parse(textwrap.dedent(inspect.getsource(fn)))
                                      .body[0].args)
                    assert _arg_names(node.args) == want, f"{node.name}: signature drifted"
                    node.body = _body_of(fn)
            exec(compile(ast.fix_missing_locations(tree), path.name, "exec"), namespace)
        elif "# NBVAL_CHECK_OUTPUT" in _source(cell):
            (expr,) = tree.body
            call = expr.value
            assert isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            name = call.func.attr
            results[name] = eval(compile(ast.Expression(call), path.name, "eval"), namespace)
        else:
            exec(compile(tree, path.name, "exec"), namespace)
    return results


def test_the_three_exercise_notebooks_cover_every_checker_once():
    assert [p.name for p in EXERCISES] == ["week1_exercises.ipynb", "week2_exercises.ipynb",
                                          "week3_exercises.ipynb"]
    names = [n for p in EXERCISES for n in _exercise_names(p)]
    assert sorted(names) == sorted(check.CHECKERS) and len(names) == len(set(names))


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_right_answers_pass_in_the_notebook(path: Path):
    names = _exercise_names(path)
    results = run_filled(path, {name: S.SOLUTIONS[name][0] for name in names})
    assert sorted(results) == sorted(names)
    for result in results.values():
        assert result.passed, str(result)


MUTANTS = [(mid, name, fn) for mid, pairs in S.MUTANTS.items() for name, fn in pairs]


@pytest.mark.parametrize(("mistake", "name", "fn"), MUTANTS,
                         ids=[f"{m}-{n}" for m, n, _ in MUTANTS])
def test_each_mutant_is_named_in_the_notebook(mistake, name, fn):
    (path,) = [p for p in EXERCISES if name in _exercise_names(p)]
    results = run_filled(path, {name: fn})
    assert results[name].mistake == mistake, str(results[name])
    others = [r for n, r in results.items() if n != name]
    assert all(r.error == "not implemented yet" for r in others)


# --------------------------------------------------------------------------- policy


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_exercise_notebook_is_committed_executed_clean_and_small(path: Path):
    assert path.stat().st_size < 200_000
    counts = []
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "code":
            continue
        counts.append(cell.get("execution_count"))
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name} cell {i} stored an error"
            assert out.get("name") != "stderr", f"{path.name} cell {i} wrote to stderr"
    assert counts == list(range(1, len(counts) + 1)), f"{path.name} was not run top to bottom"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_each_your_turn_cell_raises_and_is_followed_by_its_check(path: Path):
    cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    turns = [i for i, c in enumerate(cells) if _source(c).startswith(YOUR_TURN)]
    assert turns
    for i in turns:
        (fn,) = [n for n in ast.parse(_source(cells[i])).body if isinstance(n, ast.FunctionDef)]
        assert isinstance(fn.body[-1], ast.Raise) and len(fn.body) == 2  # docstring, raise
        assert "NotImplementedError" in ast.unparse(fn.body[-1])
        check_cell = _source(cells[i + 1])
        assert check_cell == f"# NBVAL_CHECK_OUTPUT\ncheck.{fn.name}({fn.name})"
        text = "".join(cells[i + 1]["outputs"][0]["data"]["text/plain"])
        assert text.startswith(f"{fn.name}: not implemented yet")
    # no def outside the "your turn" cells: the logic stays in the package
    for c in cells:
        if not _source(c).startswith(YOUR_TURN):
            tree = ast.parse(_source(c))
            assert not any(isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Lambda))
                           for n in ast.walk(tree))


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_recaps_point_to_the_errata_of_the_notes(path: Path):
    markdown = "\n".join(_source(c) for c in _cells(path) if c["cell_type"] == "markdown")
    names = set(_exercise_names(path))
    for mid, entry in check.CATALOGUE.items():
        spec_names = {n for n, spec in check._SPECS.items() if mid in spec().variants}
        if entry.erratum and spec_names & names:
            week = entry.erratum.split(",")[0].split("/")[-1]
            assert f"../{week}" in markdown and "**Erratum.**" in markdown, mid
