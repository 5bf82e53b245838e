"""The training-health explorer (issue 15, part 2), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

import dlnotes.viz.health as viz_health
from dlnotes.health import standardized_digits, training_health
from dlnotes.optim import GradientDescent
from dlnotes.viz import plot_layer_histograms, plot_update_ratios, training_health_explorer
from dlnotes.viz.health import _HEALTH_INITS, _HEALTH_OPTIMIZERS

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here

SMALL = dict(epochs=3, hidden_layers=5, width=16, m=64, mini_batch_size=32)
DEFAULTS = dict(activation="tanh", init="xavier (LeCun)", batchnorm=False, optimizer="adam",
                learning_rate=0.003, epoch=0)


@pytest.fixture(scope="module")
def built():
    return training_health_explorer(**SMALL)


@pytest.fixture
def ex(built):
    built.set(**DEFAULTS)
    return built


def picture(ex) -> list[np.ndarray]:
    """Everything the controls can change: histogram outlines, labels, ratio lines, marker."""
    out = [p.vertices.copy() for p in ex.acts.polygons.get_paths()]
    out += [p.vertices.copy() for p in ex.grads.polygons.get_paths()]
    out += [np.asarray(line.get_ydata(), dtype=float).copy() for line in ex.ratios.lines]
    out.append(np.asarray(ex.ratios.marker.get_xdata(), dtype=float))
    texts = [t.get_text() for t in (*ex.acts.labels, *ex.grads.labels, ex.status)]
    return out + [np.array(texts)]


def same(a, b) -> bool:
    if len(a) != len(b):
        return False
    return all(x.shape == y.shape and np.array_equal(x, y, equal_nan=x.dtype.kind == "f")
               for x, y in zip(a, b, strict=True))


def test_explorer_contract(ex):
    assert set(ex.controls) == set(DEFAULTS)
    assert isinstance(ex.figure, Figure)
    assert ex.widget is not None
    assert ex.png()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "control, value",
    [("activation", "relu"), ("init", "random (x 10)"), ("batchnorm", True),
     ("optimizer", "gd"), ("learning_rate", 0.03), ("epoch", 2)],
)
def test_every_control_changes_the_figure(ex, control, value):
    before = picture(ex)
    ex.controls[control].value = value
    assert not same(before, picture(ex))


def test_the_epoch_slider_redraws_without_training(ex, monkeypatch):
    calls = []
    real = viz_health.training_health

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(viz_health, "training_health", counting)
    n = ex.trainings
    for e in (1, 2, 3, 0, 2):
        ex.controls["epoch"].value = e
    assert calls == [] and ex.trainings == n
    ex.controls["init"].value = "he"  # a new setting trains once ...
    assert len(calls) == 1
    ex.controls["init"].value = "xavier (LeCun)"  # ... and an old one is kept
    assert len(calls) == 1


def test_the_drawn_numbers_are_the_package_numbers(ex):
    ex.set(init="random (x 10)", epoch=1)
    X, Y = standardized_digits(SMALL["m"], rng=np.random.default_rng(0))
    dims = [64] + [SMALL["width"]] * SMALL["hidden_layers"] + [10]
    h = training_health(X, Y, dims, optimizer=_HEALTH_OPTIMIZERS["adam"](0.003),
                        epochs=SMALL["epochs"], mini_batch_size=SMALL["mini_batch_size"],
                        init="random", init_scale=10.0, hidden_activation="tanh",
                        rng=np.random.default_rng(1), data_rng=np.random.default_rng(2))
    np.testing.assert_array_equal(ex.current.update_ratio, h.update_ratio)
    assert [t.get_text() for t in ex.acts.labels] == [
        f"sat {100 * s:.0f}%" for s in h.saturated[1]
    ]
    assert ex.status.get_text().startswith("epoch 1: loss")


def test_same_initial_weights_whatever_the_optimizer(ex):
    ex.set(optimizer="adam", epoch=0)
    first = picture(ex)[: len(ex.acts.labels)]
    ex.set(optimizer="momentum", learning_rate=0.1)
    assert same(first, picture(ex)[: len(ex.acts.labels)])  # epoch 0 is the same network


def test_zeros_are_shown_as_such(ex):
    ex.set(init="zeros", epoch=1)
    assert {t.get_text() for t in ex.grads.labels} == {"all 0"}
    assert all(len(line.get_xdata()) == 0 for line in ex.ratios.lines)  # W = 0: no ratio
    ex.png()  # draws


@pytest.mark.parametrize("optimizer", list(_HEALTH_OPTIMIZERS))
@pytest.mark.parametrize("learning_rate", [1e-4, 1.0])
def test_extremes_are_safe(ex, optimizer, learning_rate):
    for init in ("random (x 10)", "zeros"):
        ex.set(activation="relu", init=init, optimizer=optimizer, learning_rate=learning_rate,
               epoch=SMALL["epochs"])
        ex.png()
        lo, hi = ex.ax_ratio.get_ylim()
        assert 0 < lo < hi and np.isfinite(hi)


def test_a_divergence_is_written_down(ex):
    ex.set(activation="relu", init="random (x 10)", optimizer="gd", learning_rate=1.0,
           epoch=SMALL["epochs"])
    assert ex.current.diverged_at is not None
    assert ex.status.get_text().startswith("diverged at update")


def test_bad_choices_are_named():
    with pytest.raises(ValueError, match="init must be one of"):
        training_health_explorer(init="lecun", **SMALL)
    with pytest.raises(ValueError, match="optimizer must be one of"):
        training_health_explorer(optimizer="sgd", **SMALL)
    with pytest.raises(ValueError, match="activation"):
        training_health_explorer(activation="sigmoid", **SMALL)
    assert "xavier (LeCun)" in _HEALTH_INITS


def test_plot_helpers_make_their_own_figure_and_return_artists():
    art = plot_layer_histograms(np.array([[0, 1, 3], [2, 0, 0]]), np.linspace(0, 3, 4),
                                labels=["x", "y"])
    assert isinstance(art.polygons.axes.figure, Figure)
    first = art.polygons.get_paths()[0].vertices
    assert first[:, 1].max() == pytest.approx(1.7)  # each layer peaks at 0.7 above its row
    X, Y = standardized_digits(32, rng=np.random.default_rng(0))
    h = training_health(X, Y, [64, 8, 8, 10], optimizer=GradientDescent(0.1), epochs=2,
                        mini_batch_size=16, rng=np.random.default_rng(0))
    ax = Figure().add_subplot()
    ratios = plot_update_ratios(h, ax, epoch=1)
    assert ratios.lines[0].axes is ax and ax.get_yscale() == "log"
    np.testing.assert_allclose(ratios.lines[0].get_xdata(), [0.5, 1.0, 1.5, 2.0])
    np.testing.assert_allclose(ratios.lines[2].get_ydata(), h.update_ratio[:, 2], rtol=1e-15)


def test_a_layer_recorded_after_a_divergence_is_drawn_flat_and_other_nans_refused():
    art = plot_layer_histograms(np.array([[0.5, 0.5], [np.nan, np.nan]]), np.array([0.0, 1.0, 2.0]))
    assert np.all(art.polygons.get_paths()[1].vertices[:, 1] == 2.0)  # layer 2: a flat row
    with pytest.raises(ValueError, match="NaN in every bin of a layer"):
        plot_layer_histograms(np.array([[0.5, np.nan]]), np.array([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match="edges must have 3 values"):
        plot_layer_histograms(np.eye(2), np.array([0.0, 1.0]))


@pytest.mark.parametrize("kw, match", [({"epochs": "3"}, "epochs"), ({"epoch": 4}, "epoch"),
                                       ({"learning_rate": 2.0}, "learning_rate"),
                                       ({"batchnorm": 1}, "batchnorm"), ({"seed": -1}, "seed"),
                                       ({"m": 0}, "m must be")])
def test_bad_arguments_are_refused_before_any_training(monkeypatch, kw, match):
    monkeypatch.setattr(viz_health, "training_health", lambda *a, **k: pytest.fail("trained"))
    with pytest.raises(ValueError, match=match):
        training_health_explorer(**{**SMALL, **kw})
