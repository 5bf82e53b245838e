"""Optimizer explorer and its plots: paths, losses, divergence, surfaces."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from dlnotes.optim import RAVINE, ROSENBROCK, SADDLE, Adam, GradientDescent, optimize_path
from dlnotes.viz import optimizer_explorer, plot_contours, plot_losses, plot_optimizer_paths
from dlnotes.viz.optim import LOSS_FLOOR, make_optimizers

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def ex():
    return optimizer_explorer()


@pytest.fixture(autouse=True)
def _defaults(request):
    if "ex" in request.fixturenames:
        ex = request.getfixturevalue("ex")
        ex.set(surface="ravine")
        ex.set(learning_rate=0.1, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, steps=100,
               x0=-5.0, y0=-2.0, mini_batch_size=64, decay_rate=0.0, tolerance=1e-3)


def statuses(ex) -> list[str]:
    return [t.get_text() for t in ex.legend.get_texts()]


def test_adam_beats_momentum_on_the_ravine(ex):
    runs = ex.runs()
    assert runs["adam"].losses[-1] < 0.1 * runs["momentum"].losses[-1]
    assert [s.split(":")[0] for s in statuses(ex)] == ["GD", "momentum", "RMSprop", "Adam"]


def test_drawn_paths_are_the_optimizers_paths(ex):
    for name, opt in make_optimizers(0.1, 0.9, 0.9, 0.999, 1e-8).items():
        run = optimize_path(opt, RAVINE, np.array([-5.0, -2.0]), 100)
        np.testing.assert_allclose(ex.paths[name].line.get_xydata(), run.path, rtol=0, atol=0)
        np.testing.assert_allclose(
            ex.losses[name].line.get_ydata(), np.maximum(run.losses, LOSS_FLOOR), rtol=0, atol=0
        )


def test_a_huge_learning_rate_is_shown_as_diverged(ex):
    ex.controls["learning_rate"].value = 3.0
    texts = statuses(ex)
    assert texts[0].startswith("GD: diverged at step")
    gd = ex.paths["gd"]
    assert gd.diverged.get_visible() and ex.losses["gd"].diverged.get_visible()
    xy = gd.line.get_xydata()
    assert len(xy) >= 1 and np.all(np.isfinite(xy))
    k = int(texts[0].rsplit(" ", 1)[1])
    assert len(xy) == k  # drawn up to the last finite point, step k - 1
    x, y = gd.diverged.get_xdata()[0], gd.diverged.get_ydata()[0]
    (x0, x1), (y0, y1) = ex.ax_path.get_xlim(), ex.ax_path.get_ylim()
    assert x0 <= x <= x1 and y0 <= y <= y1  # the cross is inside the plot
    low, high = ex.ax_loss.get_ylim()
    assert 0 < low < high and np.isfinite(high)


def test_a_tiny_learning_rate_barely_moves(ex):
    ex.controls["learning_rate"].value = 1e-4
    for name in ("gd", "momentum"):
        xy = ex.paths[name].line.get_xydata()
        assert np.abs(xy[-1] - xy[0]).max() < 0.1  # |grad| <= 8 here: 100 steps of 1e-4
    assert not any("diverged" in s for s in statuses(ex))


def test_steps_shortens_and_lengthens_from_the_cache(ex):
    ex.controls["steps"].value = 300
    long = ex.paths["adam"].line.get_xydata().copy()
    ex.controls["steps"].value = 20
    short = ex.paths["adam"].line.get_xydata()
    assert len(long) == 301 and len(short) == 21
    np.testing.assert_array_equal(short, long[:21])
    ex.controls["steps"].value = 1
    assert len(ex.paths["gd"].line.get_xydata()) == 2


@pytest.mark.parametrize(
    ("control", "value", "changes", "keeps"),
    [
        ("beta", 0.5, {"momentum", "rmsprop"}, {"gd", "adam"}),
        ("beta1", 0.0, {"adam"}, {"gd", "momentum", "rmsprop"}),
        ("beta2", 0.9, {"adam"}, {"gd", "momentum", "rmsprop"}),
        ("epsilon", 1.0, {"rmsprop", "adam"}, {"gd", "momentum"}),
        ("x0", 3.0, {"gd", "momentum", "rmsprop", "adam"}, set()),
        ("y0", 1.0, {"gd", "momentum", "rmsprop", "adam"}, set()),
    ],
)
def test_each_hyperparameter_moves_only_its_optimizers(ex, control, value, changes, keeps):
    before = {k: a.line.get_xydata().copy() for k, a in ex.paths.items()}
    ex.controls[control].value = value
    for name in changes:
        assert not np.array_equal(ex.paths[name].line.get_xydata(), before[name]), name
    for name in keeps:
        np.testing.assert_array_equal(ex.paths[name].line.get_xydata(), before[name])


@pytest.mark.parametrize("surface", [("rosenbrock", ROSENBROCK), ("saddle", SADDLE)])
def test_a_new_surface_resets_the_start_and_the_view(ex, surface):
    key, surf = surface
    ex.controls["surface"].value = key
    x0, x1, y0, y1 = surf.extent
    assert (ex.controls["x0"].min, ex.controls["x0"].max) == (x0, x1)
    assert (ex.controls["y0"].min, ex.controls["y0"].max) == (y0, y1)
    assert ex.controls["x0"].value == pytest.approx(surf.start[0])
    assert ex.controls["y0"].value == pytest.approx(surf.start[1])
    assert ex.ax_path.get_xlim() == (x0, x1) and ex.ax_path.get_ylim() == (y0, y1)
    visible = [k for k, art in ex.contours.items() if art.contours.get_visible()]
    assert visible == [key]
    assert ex.title.get_text().lower().startswith(key)
    np.testing.assert_allclose(ex.start.get_xydata()[0], surf.start, atol=0.02)


def test_saddle_losses_are_measured_above_the_minimum(ex):
    ex.set(surface="saddle")
    for art in ex.losses.values():
        y = art.line.get_ydata()
        assert np.all(y >= LOSS_FLOOR) and np.all(np.isfinite(y))
    assert ex.ax_loss.get_yscale() == "log"


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    surface=st.sampled_from(["ravine", "rosenbrock", "saddle"]),
    lr=st.floats(-4, np.log10(3.0)),
    beta=st.floats(0.0, 0.999),
    beta1=st.floats(0.0, 0.999),
    beta2=st.floats(0.0, 0.9999),
    eps=st.floats(-10, 0),
    steps=st.integers(1, 500),
    fx=st.floats(0, 1),
    fy=st.floats(0, 1),
)
def test_no_combination_breaks_the_figure(ex, surface, lr, beta, beta1, beta2, eps, steps,
                                          fx, fy):
    ex.set(surface=surface)
    x0, x1, y0, y1 = ex.controls["x0"].min, ex.controls["x0"].max, ex.controls["y0"].min, \
        ex.controls["y0"].max
    ex.set(learning_rate=10**lr, beta=beta, beta1=beta1, beta2=beta2, epsilon=10**eps,
           steps=steps, x0=x0 + fx * (x1 - x0), y0=y0 + fy * (y1 - y0))
    for arts in (ex.paths, ex.losses):
        for art in arts.values():
            xy = np.asarray(art.line.get_xydata(), dtype=float)
            assert len(xy) >= 1 and np.all(np.isfinite(xy))
    low, high = ex.ax_loss.get_ylim()
    assert 0 < low < high < np.inf
    for text, (name, run) in zip(statuses(ex), ex.runs().items(), strict=True):
        assert ("diverged" in text) == bool(np.isnan(run.losses).any()), (text, name)


def test_static_helpers_take_an_ax_and_return_artists():
    run = optimize_path(Adam(0.1), RAVINE, steps=30)
    bad = optimize_path(GradientDescent(0.6), RAVINE, steps=50)
    art = plot_contours("saddle")
    assert isinstance(art.contours.axes.figure, Figure)
    fig = Figure()
    ax1, ax2 = fig.subplots(1, 2)
    paths = plot_optimizer_paths({"adam": run, "gd": bad}, ax1, surface=RAVINE)
    losses = plot_losses({"adam": run, "gd": bad}, ax2)
    assert paths["adam"].line.axes is ax1 and losses["gd"].line.axes is ax2
    assert paths["gd"].diverged.get_visible() and not paths["adam"].diverged.get_visible()
    labels = [t.get_text() for t in ax2.get_legend().get_texts()]
    assert labels[1] == "GD: diverged at step 39"
    with pytest.raises(ValueError, match="surface must be"):
        plot_contours("everest")


# --------------------------------------------------------------------------- mini-batch noise


def drawn(ex) -> list[np.ndarray]:
    out = [a.line.get_xydata().copy() for a in ex.paths.values()]
    out += [np.asarray(a.line.get_ydata(), dtype=float).copy() for a in ex.losses.values()]
    return out + [np.asarray(ex.tolerance_line.get_ydata(), dtype=float)]


@pytest.mark.parametrize(("control", "value"),
                         [("mini_batch_size", 4), ("decay_rate", 0.02), ("tolerance", 1e-2)])
def test_the_noise_controls_change_the_figure(ex, control, value):
    before, legend = drawn(ex), statuses(ex)
    ex.controls[control].value = value
    after = drawn(ex)
    assert any(not np.array_equal(a, b) for a, b in zip(before, after, strict=True)) or \
        statuses(ex) != legend


def test_the_legend_ranks_by_steps_to_the_tolerance(ex):
    from dlnotes.surfaces import steps_to_tolerance

    runs = ex.runs()
    assert statuses(ex) == ["GD: not reached", "momentum: not reached", "RMSprop: not reached",
                            f"Adam: {steps_to_tolerance(runs['adam'].losses, 1e-3)} (#1)"]
    ex.controls["tolerance"].value = 1e-2  # RMSprop gets there first, then bounces
    texts = statuses(ex)
    assert texts[2].endswith("(#1)") and texts[3].endswith("(#2)")
    assert "1e-02" in ex.legend.get_title().get_text()
    np.testing.assert_allclose(ex.tolerance_line.get_ydata(), [1e-2, 1e-2])


def test_mini_batches_are_the_real_ones_and_the_same_for_every_optimizer(ex):
    from dlnotes.surfaces import RAVINE_DATA, minibatch_path

    ex.set(mini_batch_size=2, steps=60)
    for name, opt in make_optimizers(0.1).items():
        run = minibatch_path(opt, RAVINE_DATA, np.array([-5.0, -2.0]), 60, mini_batch_size=2,
                             rng=np.random.default_rng(0))
        np.testing.assert_array_equal(ex.paths[name].line.get_xydata(), run.path)
    gd = ex.runs()["gd"]
    assert np.any(np.diff(gd.losses) > 0)  # wanders
    ex.set(mini_batch_size=64)  # back to the exact gradient: the old picture
    run = optimize_path(GradientDescent(0.1), RAVINE, np.array([-5.0, -2.0]), 60)
    np.testing.assert_array_equal(ex.paths["gd"].line.get_xydata(), run.path)


def test_decay_is_the_course_inverse_time_decay_by_step(ex):
    from functools import partial

    from dlnotes.schedules import inverse_time_decay

    ex.set(decay_rate=0.05, steps=50)
    run = optimize_path(Adam(0.1), RAVINE, np.array([-5.0, -2.0]), 50,
                        schedule=partial(inverse_time_decay, 0.1, decay_rate=0.05))
    np.testing.assert_array_equal(ex.paths["adam"].line.get_xydata(), run.path)


def test_the_batch_size_only_applies_to_the_ravine(ex):
    assert not ex.controls["mini_batch_size"].disabled
    ex.set(surface="saddle")
    before = drawn(ex)
    assert ex.controls["mini_batch_size"].disabled
    ex.controls["mini_batch_size"].value = 1
    assert all(np.array_equal(a, b) for a, b in zip(before, drawn(ex), strict=True))


@pytest.mark.parametrize("batch", [1, 8])
@pytest.mark.parametrize(("lr", "decay", "tol"), [(3.0, 0.0, 1e-6), (1e-4, 0.1, 1.0),
                                                 (0.5, 0.1, 1e-6)])
def test_noise_extremes_are_safe(ex, batch, lr, decay, tol):
    ex.set(mini_batch_size=batch, learning_rate=lr, decay_rate=decay, tolerance=tol, steps=500)
    for arts in (ex.paths, ex.losses):
        for art in arts.values():
            assert np.all(np.isfinite(np.asarray(art.line.get_xydata(), dtype=float)))
    low, high = ex.ax_loss.get_ylim()
    assert 0 < low < high < np.inf
    ex.png()
