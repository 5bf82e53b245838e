"""The search explorer and its plot helpers (issue 4), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.viz.search import plot_search_projection, plot_search_trials, search_explorer

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here


@pytest.fixture(scope="module")
def built():
    return search_explorer(n_trials=9, n_rounds=2, m=80, hidden=4, epochs=15, reference_points=6)


@pytest.fixture
def explorer(built):
    built.set(search="grid", scale="log", round=0)
    return built


def test_explorer_contract(explorer):
    assert set(explorer.controls) == {"search", "scale", "round"}
    assert isinstance(explorer.figure, Figure)
    assert explorer.widget is not None


def test_grid_tries_few_learning_rates_and_random_search_many(explorer):
    grid = explorer.results["grid", "log"]
    rand = explorer.results["random", "log"]
    first = grid.rounds == 0
    assert first.sum() == 9 and len(np.unique(grid.params["alpha"][first])) == 3
    assert len(np.unique(rand.params["alpha"][rand.rounds == 0])) == 9


def test_linear_scale_crowds_the_top_decade(explorer):
    top = explorer.alpha_range[1] / 10
    lin = explorer.results["random", "linear"]
    log = explorer.results["random", "log"]
    assert np.mean(lin.params["alpha"][lin.rounds == 0] >= top) > np.mean(
        log.params["alpha"][log.rounds == 0] >= top
    )


def test_trials_are_real_trainings_and_batched_scores_match(explorer):
    trials = explorer.results["random", "log"]
    some = slice(0, 3)
    again = explorer.dev_error(trials.params["alpha"][some], trials.params["epsilon"][some])
    np.testing.assert_allclose(again, trials.scores[some], rtol=0, atol=1e-12)
    assert np.all((trials.scores >= 0) & (trials.scores <= 1))


def test_later_rounds_search_inside_the_zoomed_box(explorer):
    for trials in explorer.results.values():
        box = trials.spaces[1]
        later = trials.rounds == 1
        assert later.sum() == 9
        a, e = trials.params["alpha"][later], trials.params["epsilon"][later]
        assert np.all((box["alpha"].low <= a) & (a <= box["alpha"].high))
        assert np.all((box["epsilon"].low <= e) & (e <= box["epsilon"].high))


def test_each_control_redraws(explorer):
    for name, value in (("search", "random"), ("scale", "linear"), ("round", 1)):
        offsets = explorer.trials.points.get_offsets().copy()
        text = explorer.text.get_text()
        title = explorer.ax_plane.get_title()
        explorer.controls[name].value = value
        assert not np.array_equal(offsets, explorer.trials.points.get_offsets()), name
        assert explorer.ax_plane.get_title() != title, name
        assert explorer.text.get_text() != text or name == "round", name


def test_rounds_show_the_box_and_all_trials_so_far(explorer):
    assert not explorer.boxes[0].get_visible()
    assert len(explorer.trials.points.get_offsets()) == 9
    explorer.controls["round"].value = 1
    assert explorer.boxes[0].get_visible()
    assert len(explorer.trials.points.get_offsets()) == 18
    assert len(explorer.proj.points.get_offsets()) <= 9  # the projection shows the last round


def test_the_text_counts_distinct_learning_rates(explorer):
    assert explorer.text.get_text().startswith("9 trials, 3 distinct values of α")
    explorer.controls["search"].value = "random"
    assert explorer.text.get_text().startswith("9 trials, 9 distinct values of α")


def test_every_combination_draws(explorer):
    limits = explorer.ax_plane.get_xlim(), explorer.ax_plane.get_ylim()
    for search in ("grid", "random"):
        for scale in ("log", "linear"):
            for r in (0, 1):
                explorer.set(search=search, scale=scale, round=r)
                assert (explorer.ax_plane.get_xlim(), explorer.ax_plane.get_ylim()) == limits
    explorer.png()


def test_n_trials_must_make_a_grid():
    with pytest.raises(ValueError, match="perfect square"):
        search_explorer(n_trials=10)


# --------------------------------------------------------------------------- plot helpers


def test_plot_search_trials_returns_artists():
    trials = plot_search_trials([1e-3, 1e-2, 1e-1], [1e-8, 1e-7, 1e-6], [0.3, 0.1, np.nan])
    assert isinstance(trials.points.axes.figure, Figure)
    assert trials.points.axes.get_xscale() == "log"
    assert tuple(trials.best.get_xydata()[0]) == (1e-2, 1e-7)  # nan (diverged) ranks last


def test_plot_search_projection_on_a_given_axes():
    ax = Figure().add_subplot()
    proj = plot_search_projection([1e-3, 1e-3, 1e-1], [0.2, 0.3, 0.1], ax,
                                  reference=([1e-4, 1.0], [0.5, 0.4]))
    assert proj.points.axes is ax
    assert len(proj.rug.get_offsets()) == 2  # one tick per distinct value
    assert len(proj.curve.get_xdata()) == 2
