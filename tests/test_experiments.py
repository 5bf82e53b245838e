"""dlnotes.experiments: what the week explorers draw (the plots are tested in test_viz_*)."""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes import nn
from dlnotes.experiments import (
    cost_curves,
    init_pass,
    layer_activations,
    train_l1,
    train_recording,
    true_class_probability,
)
from dlnotes.optim import GradientDescent
from dlnotes.viz.regularization import sparsity

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((40, 64))
    Y = (rng.random((1, 64)) < 0.5).astype(float)
    return X, Y


def test_zeros_never_breaks_the_symmetry(data):
    p = init_pass(*data, 5, "zeros", activation="tanh", rng=np.random.default_rng(0))
    assert p.distinct_units.tolist() == [1] * 5
    assert p.grad_norms[:-1].tolist() == [0.0] * 5  # every hidden dW is exactly zero
    assert p.weight_std == 0.0


def test_he_breaks_it(data):
    p = init_pass(*data, 5, "he", activation="relu", rng=np.random.default_rng(0))
    assert p.distinct_units.min() > 30  # (a few dead ReLU units may coincide)
    assert np.all(p.grad_norms > 0)


def test_small_random_weights_vanish_and_large_ones_explode(data):
    small = init_pass(*data, 6, "random", scale=0.01, activation="relu",
                      rng=np.random.default_rng(0))
    large = init_pass(*data, 6, "random", scale=10.0, activation="relu",
                      rng=np.random.default_rng(0))
    # each ReLU layer multiplies the scale by about 0.01 * sqrt(40 / 2) ~ 0.045, resp. 45
    assert np.all(np.diff(np.log10(small.stds)) < -1.0)
    assert np.all(np.diff(np.log10(large.stds)) > 1.0)


def test_he_keeps_the_scale_with_relu_and_xavier_with_tanh(data):
    for method, act in (("he", "relu"), ("xavier", "tanh")):
        p = init_pass(*data, 8, method, activation=act, rng=np.random.default_rng(0))
        ratio = p.stds[-1] / p.stds[0]
        assert 0.2 < ratio < 5, (method, act, ratio)


def test_tanh_saturates_with_large_weights(data):
    p = init_pass(*data, 4, "random", scale=10.0, activation="tanh", rng=np.random.default_rng(0))
    assert p.saturated[-1] > 0.9


def test_the_pass_uses_the_initialization_module(data):
    from dlnotes.initialization import init_std

    p = init_pass(*data, 3, "glorot", activation="tanh", rng=np.random.default_rng(0))
    assert p.weight_std == pytest.approx(init_std("glorot", 40, 40), rel=1e-12)


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


def test_a_diverging_run_is_refused_naming_the_learning_rate(l1_data):
    """Issue 12: no NaN returned and no numpy warning; the message names the usual cure."""
    X, Y = l1_data
    with pytest.raises(ValueError, match=r"learning_rate = 1e\+100 made the training diverge "
                                         r"\(NaN or inf in epoch \d+ of 50\): try a smaller "
                                         r"learning_rate \(or a smaller lambd\)"):
        train_l1(X, Y, [6, 4, 1], 1.0, learning_rate=1e100, epochs=50,
                 rng=np.random.default_rng(0), method="subgradient")
    with pytest.raises(ValueError, match=r"learning_rate = 1e\+300 made the training diverge "
                                         r"\(NaN or inf at iteration \d+ with mini-batch size 8"):
        cost_curves(X, Y, sizes=[8], learning_rate=1e300, iterations=20,
                    rng=np.random.default_rng(0))


def test_init_pass_and_cost_curves_check_their_inputs(data):
    X, Y = data
    with pytest.raises(ValueError, match="scale: a pass through 30 layers initialized 'random' "
                                         "overflows float64 .* use a smaller scale"):
        init_pass(X, Y, 30, "random", scale=1e12, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="Y must hold binary labels"):
        init_pass(X, 2 * Y, 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="depth must be >= 1"):
        init_pass(X, Y, 0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="X and Y must be given together"):
        cost_curves(X, None)
    with pytest.raises(ValueError, match=r"sizes\[1\] must be >= 1"):
        cost_curves(X, Y, sizes=[8, 0])
    with pytest.raises(ValueError, match=r"layer_dims must start with|X must have layer_dims"):
        cost_curves(X, Y, layer_dims=[3, 4, 1])


def test_train_recording_and_true_class_probability_check_their_inputs(data):
    X, Y = data
    kw = dict(batchnorm=False, rng=np.random.default_rng(0), optimizer=GradientDescent(0.1),
              epochs=1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'lamda' .*'lambd'"):
        train_recording(X, Y, [40, 4, 1], X[:, :5], lamda=0.1, **kw)
    with pytest.raises(TypeError, match="unexpected keyword argument 'callback'"):
        train_recording(X, Y, [40, 4, 1], X[:, :5], callback=print, **kw)
    with pytest.raises(ValueError, match=r"X_probe must have layer_dims\[0\] = 40 rows"):
        train_recording(X, Y, [40, 4, 1], X[:5], **kw)
    params = nn.train(X, Y, [40, 4, 1], **kw).params
    with pytest.raises(ValueError, match="params must end in a softmax layer of C >= 2"):
        true_class_probability(params, X, Y)
    params2 = nn.train(X, np.vstack([Y, 1 - Y]), [40, 4, 2], **kw).params
    with pytest.raises(ValueError, match="Y must be one-hot"):
        true_class_probability(params2, X, np.vstack([Y, Y]))  # was broadcast silently
    with pytest.raises(TypeError, match="model must be a Model from dlnotes.nn.train or a dict"):
        layer_activations([params2["W1"]], X)
