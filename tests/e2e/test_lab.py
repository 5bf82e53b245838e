"""The explorers in JupyterLab, in a real browser (issue 6).

Each week notebook is opened in JupyterLab and run top to bottom (Run > Run All Cells); then no
cell may show an error, every explorer the notebook calls must render its sliders and a figure,
and moving each slider with the keyboard must change the figure. A screenshot of each explorer
goes to harness.SCREENSHOTS (docs/screenshots/ under `make screenshots`).

The harness proves itself first on generated fixture notebooks: two explorers that work (an
ipympl canvas and the image fallback), one whose sliders redraw nothing, and a cell that raises;
the checks must pass on the first and fail on the other two.
"""

from __future__ import annotations

from pathlib import Path

import harness
import pytest

pytestmark = pytest.mark.e2e

NOTEBOOKS = harness.REPO / "notebooks"
WEEKS = [
    "week1_practical_aspects.ipynb",
    "week2_optimization.ipynb",
    "week3_tuning_batchnorm_softmax.ipynb",
]
SCREENSHOTS = harness.SCREENSHOTS


def _weeks() -> list[str]:
    present = {p.name for p in NOTEBOOKS.glob("week*.ipynb")}
    return sorted(set(WEEKS) | present)


def _week_explorers() -> list:
    params = []
    for name in _weeks():
        path = NOTEBOOKS / name
        if not path.exists():
            continue  # test_week_notebook fails for it
        calls = harness.explorer_calls(path)
        for i, call in enumerate(calls):
            tag = call if calls.count(call) == 1 else f"{call}{i}"
            params.append(pytest.param(name, i, call, id=f"{Path(name).stem}-{tag}"))
    return params


def _run_and_find(lab, path: str, calls: list[str]):
    run = lab.run(path)
    how, roots = harness.find_explorers(run.page, expected=len(calls))
    return run, how, roots


# ----------------------------------------------------------------------------- the harness


@pytest.mark.parametrize("index, name", [(0, "sine_explorer"), (1, "image_explorer")])
def test_fixture_explorer_responds(lab, fixture_notebooks, tmp_path, index, name):
    """ipympl canvas and Image fallback: each slider moved by keyboard redraws the figure."""
    calls = harness.explorer_calls(fixture_notebooks["demo"])
    assert calls == ["sine_explorer", "image_explorer", "dead_explorer"]
    run, how, roots = _run_and_find(lab, "fixture/demo.ipynb", calls)
    assert run.ok, "Run All Cells reported a failing cell"
    assert harness.error_outputs(run.page) == []
    assert run.page_errors == []
    assert len(roots) == 3, f"found {len(roots)} explorers by {how}, expected 3"
    result = harness.check_explorer(run.page, roots[index], name,
                                    screenshot=tmp_path / f"{name}.png")
    assert [s.label for s in result.sliders] == ["frequency", "phase"]
    assert result.screenshot.stat().st_size > 1000
    harness.record(f"fixture: {result.summary()}")


def test_harness_fails_on_a_dead_slider(lab, fixture_notebooks):
    """A slider whose change redraws nothing must be reported, not passed."""
    calls = harness.explorer_calls(fixture_notebooks["demo"])
    run, how, roots = _run_and_find(lab, "fixture/demo.ipynb", calls)
    with pytest.raises(AssertionError, match="did not change the figure"):
        harness.check_explorer(run.page, roots[2], "dead_explorer", all_sliders=False,
                               change_s=2)


def test_harness_reports_cell_errors(lab, fixture_notebooks):
    """A cell that raises shows a traceback; the error check must see it."""
    run = lab.run("fixture/broken.ipynb")
    assert not run.ok
    errors = harness.error_outputs(run.page)
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0], errors


# ----------------------------------------------------------------------------- the weeks


@pytest.mark.parametrize("name", _weeks(), ids=lambda n: Path(n).stem)
def test_week_notebook(lab, name):
    """Run All Cells is clean, and every explorer the notebook calls renders."""
    path = NOTEBOOKS / name
    if not path.exists():
        pytest.fail(f"notebooks/{name} is missing: the browser test cannot check its explorers")
    calls = harness.explorer_calls(path)
    assert calls, f"{name} calls no *_explorer(...): nothing for a learner to play with"
    blocked = harness.REPORT["blocked"].urls
    already = len(blocked)
    run, how, roots = _run_and_find(lab, f"notebooks/{name}", calls)
    errors = harness.error_outputs(run.page)
    assert not errors, f"{name}: cells show errors:\n" + "\n".join(errors)
    assert run.ok, f"{name}: Run All Cells reported a failing cell"
    assert len(roots) == len(calls), (
        f"{name}: found {len(roots)} explorers on the page ({how}), but the notebook calls "
        f"{len(calls)}: {calls}. Give the explorer base's widget the CSS class "
        "'dlnotes-explorer' so they can be told apart from other widgets."
    )
    for root, call in zip(roots, calls, strict=True):
        harness.assert_rendered(root, f"{name}: {call}", page_errors=run.page_errors)
    assert not run.page_errors, f"{name}: JavaScript errors: {run.page_errors}"
    for root, call in zip(roots, calls, strict=True):  # a laptop, the file browser open
        harness.check_fits(run.page, root, f"{name}: {call}")
    assert blocked[already:] == [], (
        f"{name}: JupyterLab asked other machines for: {', '.join(set(blocked[already:]))}"
    )
    harness.record(f"{name}: ran in {run.seconds:.1f} s, {len(roots)} explorers found by {how}, "
                   f"each fits a {harness.COLUMN_PX} px column")


@pytest.mark.parametrize("name, index, call", _week_explorers())
def test_week_explorer(lab, name, index, call):
    """Every slider of the explorer, moved with the keyboard, changes its figure."""
    calls = harness.explorer_calls(NOTEBOOKS / name)
    shot = SCREENSHOTS / f"{Path(name).stem}--{index}-{call}.png"

    def check():
        run, how, roots = _run_and_find(lab, f"notebooks/{name}", calls)
        assert index < len(roots), f"{name}: explorer #{index} ({call}) not found ({how})"
        try:
            result = harness.check_explorer(run.page, roots[index], call, screenshot=shot,
                                            page_errors=run.page_errors)
        except AssertionError as exc:  # a dead kernel or a server error shows in its log
            raise AssertionError(f"{exc}\nServer log:\n{lab.server.log_tail(15)}") from None
        return run, result

    try:
        run, result = check()
    except AssertionError as exc:
        # Once, on a CI machine, no key reached week 2's sliders (passing on every other run):
        # the notebook is opened and run again on a new page, with a new kernel, and the first
        # failure is printed in the session's summary, never hidden. Failing twice fails.
        harness.record(f"{name}: {call}: RETRIED on a new page after: {str(exc)[:2000]}")
        lab.close_current()
        run, result = check()
    assert harness.error_outputs(run.page) == [], "moving the sliders produced an error"
    harness.record(f"{name}: {result.summary()}")
