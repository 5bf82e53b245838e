"""plot_history: training curves of dlnotes.nn models, headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import nn
from dlnotes.optim import GradientDescent
from dlnotes.viz import plot_history

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here


@pytest.fixture(scope="module")
def models():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 60))
    Y = (X[:1] + X[1:] > 0).astype(float)
    kw = dict(optimizer=GradientDescent(0.5), epochs=6, X_dev=X[:, :20], Y_dev=Y[:, :20],
              eval_every=2)
    return {
        "plain": nn.train(X, Y, [2, 4, 1], rng=np.random.default_rng(1), **kw),
        "L2": nn.train(X, Y, [2, 4, 1], lambd=0.5, rng=np.random.default_rng(1), **kw),
        "no dev": nn.train(X, Y, [2, 4, 1], optimizer=GradientDescent(0.5), epochs=6,
                           rng=np.random.default_rng(1)),
    }


def test_one_line_per_model_with_its_cost(models):
    two = {k: models[k] for k in ("plain", "L2")}
    lines = plot_history(two)
    assert list(lines) == ["plain", "L2"]
    ax = lines["plain"].axes
    assert isinstance(ax.figure, Figure)
    for label, line in lines.items():
        np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 7))
        np.testing.assert_allclose(line.get_ydata(), two[label].history.cost, rtol=0, atol=0)
        assert line.get_label() == label
    assert ax.get_xlabel() == "epoch" and "cost" in ax.get_ylabel()
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["plain", "L2"]


def test_evaluated_curves_are_drawn_at_their_epochs(models):
    ax = Figure().add_subplot()
    lines = plot_history({"plain": models["plain"]}, ax, metric="dev_accuracy",
                         colors={"plain": "tab:red"}, ls="--", lw=3)
    line = lines["plain"]
    assert line.axes is ax
    h = models["plain"].history
    np.testing.assert_array_equal(line.get_xdata(), h.epoch + 1)   # epochs completed: 2, 4, 6
    np.testing.assert_allclose(line.get_ydata(), h.dev_accuracy, rtol=0, atol=0)
    assert line.get_color() == "tab:red" and line.get_linestyle() == "--"
    assert line.get_linewidth() == 3
    assert ax.get_ylabel() == "dev accuracy"


def test_two_metrics_on_one_axes_share_the_legend(models):
    ax = Figure().add_subplot()
    plot_history({"J": models["plain"]}, ax)
    plot_history({"train loss": models["plain"]}, ax, metric="train_loss")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["J", "train loss"]
    no_legend = Figure().add_subplot()
    plot_history({"J": models["plain"]}, no_legend, legend=False)
    assert no_legend.get_legend() is None


def test_errors_name_the_argument(models):
    with pytest.raises(ValueError, match="metric"):
        plot_history(models, metric="accuracy")
    with pytest.raises(ValueError, match="models must be a non-empty dict"):
        plot_history({})
    with pytest.raises(ValueError, match="models must be a non-empty dict"):
        plot_history([models["plain"]])
    with pytest.raises(ValueError, match=r"models\['x'\] must be a dlnotes.nn.Model"):
        plot_history({"x": models["plain"].history})
    with pytest.raises(ValueError, match=r"models\['no dev'\].history.dev_loss is empty"):
        plot_history(models, metric="dev_loss")
    with pytest.raises(ValueError, match="colors"):
        plot_history({"plain": models["plain"]}, colors=["red"])


def test_a_diverged_run_is_marked_where_its_cost_stops_being_finite(models):
    plain = models["plain"]
    cost = np.array(plain.history.cost, dtype=float)
    cost[3:] = np.nan  # as a training with too large a learning rate records it
    diverged = plain._replace(history=plain.history._replace(cost=cost))
    lines = plot_history({"plain": plain, "too fast": diverged})
    assert ("plain", "diverged") not in lines
    mark = lines["too fast", "diverged"]
    assert mark.get_xdata().tolist() == [4.0] and mark.get_ydata().tolist() == [cost[2]]
    legend = [t.get_text() for t in lines["plain"].axes.get_legend().get_texts()]
    assert "too fast: diverged (NaN or inf) at epoch 4" in legend


def test_a_diverged_nn_train_model_is_marked_on_every_curve(models):
    """A real diverged run: nn.train stops at history.diverged_at; the cost ends in inf or NaN
    and the accuracy stays finite, and both curves get the cross at that epoch."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 40))
    y = (X[0] > 0).astype(int)
    Y = np.stack([1 - y, y]).astype(float)
    with pytest.warns(nn.DivergenceWarning):
        wild = nn.train(X, Y, [2, 8, 2], optimizer=GradientDescent(1e3), epochs=100,
                        rng=np.random.default_rng(1))
    e = wild.history.diverged_at
    for metric in ("cost", "train_accuracy"):
        lines = plot_history({"too fast": wild}, metric=metric)
        mark = lines["too fast", "diverged"]
        assert mark.get_xdata().tolist() == [e + 1.0], metric
        assert np.all(np.isfinite(mark.get_ydata())), metric
        legend = [t.get_text() for t in mark.axes.get_legend().get_texts()]
        assert f"too fast: diverged (NaN or inf) at epoch {e + 1}" in legend, metric
    lines = plot_history({"too fast": wild}, metric="cost")
    assert lines["too fast", "diverged"].get_ydata()[0] == wild.history.cost[e - 1]
    assert ("plain", "diverged") not in plot_history({"plain": models["plain"]},
                                                      metric="train_accuracy")


def test_one_model_instead_of_a_dict_gets_a_short_message(models):
    with pytest.raises(TypeError, match=r"got one Model: pass \{'my run': model\}") as info:
        plot_history(models["plain"])
    assert len(str(info.value)) <= 300
