"""The regularization explorer and its plot helpers (issue 4), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes import nn
from dlnotes.experiments import train_l1
from dlnotes.optim import GradientDescent
from dlnotes.regularization import matrix_norms
from dlnotes.viz.regularization import (
    plot_matrix_norms,
    plot_sparsity,
    plot_weight_histograms,
    plot_weight_matrix,
    regularization_explorer,
    sparsity,
    weight_tiles,
)

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here

LAMBDAS = (0.0, 1.0, 5.0)


@pytest.fixture(scope="module")
def built():
    return regularization_explorer(lambdas=LAMBDAS, hidden=8, m_train=150, m_dev=60, epochs=40)


@pytest.fixture
def explorer(built):
    built.set(l2=0.0, l1=0.0)
    return built


def test_explorer_contract(explorer):
    assert set(explorer.controls) == {"l2", "l1"}
    assert isinstance(explorer.figure, Figure)
    assert explorer.widget is not None


def test_l1_gives_exact_zeros_and_l2_does_not(explorer):
    l1, l2 = explorer.runs["L1"], explorer.runs["L2"]
    assert l2.sparsity.tolist() == [0.0, 0.0, 0.0]
    assert l1.sparsity[0] == 0.0
    assert 0.0 < l1.sparsity[1] < l1.sparsity[2]
    assert np.count_nonzero(l1.W1[2] == 0.0) == round(l1.sparsity[2] * l1.W1[2].size)


def test_without_penalty_l1_and_l2_runs_are_the_same_network(explorer):
    """Same initial weights, same full-batch gradient descent: lambd = 0 must coincide."""
    np.testing.assert_allclose(explorer.runs["L1"].W1[0], explorer.runs["L2"].W1[0],
                               rtol=0, atol=1e-10)


def test_train_l1_with_zero_lambda_is_nn_train():
    rng = np.random.default_rng(0)
    X = rng.random((5, 30))
    Y = (X[:1] > 0.5).astype(float)
    mine = train_l1(X, Y, [5, 4, 1], 0.0, learning_rate=0.3, epochs=20,
                    rng=np.random.default_rng(7))
    ref = nn.train(X, Y, [5, 4, 1], optimizer=GradientDescent(0.3), epochs=20,
                   rng=np.random.default_rng(7))
    for key, value in ref.params.items():
        np.testing.assert_allclose(mine[key], value, rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def l1_data():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6, 40))
    Y = (X[:1] - X[1:2] > 0).astype(float)
    return X, Y


def test_train_l1_subgradient_is_gradient_descent_on_the_penalized_cost(l1_data):
    """One subgradient step, by hand: W := W - alpha (dW + lambd/m sign(W)), b := b - alpha db."""
    from dlnotes.initialization import initialize_parameters
    from dlnotes.regularization import l1_grad

    X, Y = l1_data
    lambd, alpha = 2.0, 0.3
    mine = train_l1(X, Y, [6, 5, 1], lambd, learning_rate=alpha, epochs=1,
                    rng=np.random.default_rng(7), method="subgradient")
    params = initialize_parameters([6, 5, 1], "he", rng=np.random.default_rng(7))
    ZL, caches = nn.forward(params, X)
    grads = nn.backward(ZL, Y, caches)
    for key, value in params.items():
        step = grads[f"d{key}"]
        if key.startswith("W"):
            step = step + l1_grad(value, lambd, 40)
        np.testing.assert_allclose(mine[key], value - alpha * step, rtol=0, atol=1e-14)


def test_train_l1_proximal_gives_exact_zeros_and_subgradient_none(l1_data):
    X, Y = l1_data
    kw = dict(learning_rate=0.3, epochs=60)
    prox = train_l1(X, Y, [6, 10, 1], 5.0, rng=np.random.default_rng(7), **kw)
    same = train_l1(X, Y, [6, 10, 1], 5.0, rng=np.random.default_rng(7), method="proximal", **kw)
    sub = train_l1(X, Y, [6, 10, 1], 5.0, rng=np.random.default_rng(7), method="subgradient",
                   **kw)
    assert sparsity(prox["W1"]) > 0.3           # many exact zeros
    assert sparsity(sub["W1"]) == 0.0           # none: the weights only hover near 0
    assert np.mean(np.abs(sub["W1"]) < 0.3 * 5.0 / 40) > 0.1   # ... within one step of it
    for key in prox:
        np.testing.assert_array_equal(prox[key], same[key])   # proximal is the default
    # without a penalty both methods are plain gradient descent
    a = train_l1(X, Y, [6, 4, 1], 0.0, rng=np.random.default_rng(1), **kw)
    b = train_l1(X, Y, [6, 4, 1], 0.0, rng=np.random.default_rng(1), method="subgradient", **kw)
    for key in a:
        np.testing.assert_allclose(a[key], b[key], rtol=0, atol=1e-12)


@pytest.mark.parametrize("change, match", [
    ({"method": "ista"}, "method must be one of"),
    ({"lambd": -1.0}, "lambd must be >= 0"),
    ({"learning_rate": 0.0}, "learning_rate must be > 0"),
    ({"epochs": 2.5}, "epochs must be an integer"),
    ({"rng": 0}, "rng must be a numpy.random.Generator"),
    ({"hidden_activation": "sigmoid"}, "hidden_activation must be one of"),
    ({"layer_dims": [5, 4, 1]}, "layer_dims must start with n_x = 6"),
    ({"layer_dims": [6]}, "layer_dims must be a sequence"),
    ({"Y": np.zeros((1, 39))}, "Y must have 40 columns"),
    ({"X": np.zeros(40)}, "X must be a 2-D array"),
])
def test_train_l1_validates_its_inputs(l1_data, change, match):
    X, Y = l1_data
    kw = dict(X=X, Y=Y, layer_dims=[6, 4, 1], lambd=1.0, learning_rate=0.1, epochs=2,
              rng=np.random.default_rng(0))
    kw.update(change)
    with pytest.raises(ValueError, match=match):
        train_l1(**kw)


def test_norms_are_the_regularization_modules(explorer):
    run = explorer.runs["L1"]
    for i, W in enumerate(run.W1):
        expected = matrix_norms(W)
        for name in ("spectral", "frobenius", "nuclear"):
            assert run.norms[name][i] == pytest.approx(expected[name], rel=1e-12)
        assert run.norms["spectral"][i] <= run.norms["frobenius"][i] <= run.norms["nuclear"][i]


def test_each_slider_moves_its_own_artists(explorer):
    for penalty, name in (("L2", "l2"), ("L1", "l1")):
        other = "L1" if penalty == "L2" else "L2"
        steps = explorer.hist[penalty].steps.get_data().values.copy()
        other_steps = explorer.hist[other].steps.get_data().values.copy()
        image = np.asarray(explorer.images[penalty].get_array()).copy()
        title = explorer.ax_img[penalty].get_title()
        mark = explorer.sparse_marks[penalty].get_xydata().copy()
        explorer.controls[name].value = 5.0
        assert not np.array_equal(steps, explorer.hist[penalty].steps.get_data().values)
        np.testing.assert_array_equal(other_steps, explorer.hist[other].steps.get_data().values)
        assert not np.array_equal(image, np.asarray(explorer.images[penalty].get_array()))
        assert explorer.ax_img[penalty].get_title() != title
        assert "λ = 5" in explorer.ax_img[penalty].get_title()
        assert not np.array_equal(mark, explorer.sparse_marks[penalty].get_xydata())


def test_the_zero_stem_shows_the_sparsity(explorer):
    explorer.set(l1=5.0)
    height = explorer.hist["L1"].zeros.get_ydata()[1]
    assert height == pytest.approx(explorer.runs["L1"].sparsity[2])
    assert explorer.hist["L2"].zeros.get_ydata()[1] < 1e-9  # no exact zero under L2


def test_extremes_draw(explorer):
    explorer.set(l2=LAMBDAS[-1], l1=LAMBDAS[-1])
    explorer.png()
    explorer.set(l2=LAMBDAS[0], l1=LAMBDAS[0])
    explorer.png()


# --------------------------------------------------------------------------- helpers


def test_weight_tiles_marks_exact_zeros():
    W = np.zeros((2, 64))
    W[0, 0], W[1, 5] = 1.0, -1.0
    img = weight_tiles(W, columns=2)
    assert img.shape == (8, 17, 4)
    np.testing.assert_allclose(img[1, 1], [0.25, 0.25, 0.25, 1.0])  # an exact zero
    np.testing.assert_allclose(img[:, 8], 1.0)  # the gap between tiles is white
    assert img[0, 0, 2] > img[0, 0, 0]  # +1 is blue
    assert img[0, 9 + 5, 0] > img[0, 9 + 5, 2]  # -1 is red


def test_sparsity_counts_exact_zeros_only():
    assert sparsity(np.array([[0.0, 1e-300, -0.0, 2.0]])) == 0.5


def test_plot_helpers_return_artists_and_accept_an_axes():
    W1, W2 = np.array([[0.0, 0.5, -1.0]]), np.array([[0.2, 0.5, -1.0]])
    hist = plot_weight_histograms({"L1": W1, "L2": W2}, bins=5)
    assert isinstance(hist["L1"].steps.axes.figure, Figure)
    assert hist["L1"].zeros.get_ydata()[1] == pytest.approx(1 / 3)
    ax = Figure().add_subplot()
    image = plot_weight_matrix(W1, ax)
    assert image.axes is ax
    lines = plot_sparsity([0.0, 1.0], {"L1": [0.0, 0.5]}, ax, current=("L1", 1))
    assert lines["current"].get_visible()
    norms = plot_matrix_norms([0.0, 1.0], {"spectral": [1, 0.5], "frobenius": [2, 1],
                                           "nuclear": [3, 2]}, Figure().add_subplot())
    assert set(norms) == {"spectral", "frobenius", "nuclear", "current"}
    assert not norms["current"].get_visible()
