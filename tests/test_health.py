"""dlnotes.health: per-layer statistics recorded while a network trains (issue 15, part 2)."""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes import nn
from dlnotes.health import (
    SATURATION,
    TrainingHealth,
    standardized_digits,
    training_health,
    update_ratio,
)
from dlnotes.initialization import initialize_parameters
from dlnotes.optim import Adam, GradientDescent, Momentum, RMSprop

pytestmark = pytest.mark.filterwarnings("error")

DIMS = [64, 16, 16, 16, 16, 16, 10]  # 6 layers, 5 hidden


@pytest.fixture(scope="module")
def data():
    return standardized_digits(96, rng=np.random.default_rng(0))


def run(data, init="xavier", *, scale=0.01, act="tanh", opt=None, epochs=3, seed=1, **kw):
    return training_health(
        *data, DIMS, optimizer=opt or Adam(0.003), epochs=epochs, mini_batch_size=32,
        init=init, init_scale=scale, hidden_activation=act, rng=np.random.default_rng(seed),
        **kw,
    )


def test_shapes(data):
    h = run(data, epochs=4)
    assert isinstance(h, TrainingHealth)
    E, L, bins = 4, len(DIMS) - 1, len(h.activation_edges) - 1
    assert h.epoch.tolist() == [0, 1, 2, 3, 4]
    assert h.step.tolist() == [0, 3, 6, 9, 12]  # 96 examples in batches of 32
    for name in ("activation_std", "saturated", "distinct_units"):
        assert getattr(h, name).shape == (E + 1, L - 1), name
    for name in ("gradient_norm", "gradient_zero"):
        assert getattr(h, name).shape == (E + 1, L), name
    assert h.activation_counts.shape == (E + 1, L - 1, bins)
    assert h.gradient_counts.shape == (E + 1, L, len(h.gradient_edges) - 1)
    assert h.update_ratio.shape == (12, L)
    assert h.loss.shape == h.accuracy.shape == (E + 1,)
    assert h.diverged_at is None and h.hidden_activation == "tanh"
    # the histograms are shares of all entries: they sum to one (tanh leaves nothing out)
    np.testing.assert_allclose(h.activation_counts.sum(axis=-1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(h.gradient_counts.sum(axis=-1) + h.gradient_zero, 1.0,
                               rtol=0, atol=1e-12)


def test_update_ratio_by_hand():
    before = {"W1": np.array([[3.0, 4.0]]), "W2": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
    after = {"W1": np.array([[3.0, 3.0]]), "W2": np.ones((1, 1)), "b1": np.ones((1, 1))}
    r = update_ratio(before, after)
    assert r[0] == pytest.approx(1 / 5, rel=1e-15)  # |(0, -1)| / |(3, 4)|
    assert np.isnan(r[1])  # W = 0 before: undefined, not infinite
    with pytest.raises(ValueError, match="params_after"):
        update_ratio(before, {"W1": np.zeros((2, 2))})
    with pytest.raises(ValueError, match="params_before"):
        update_ratio({"b1": np.zeros(1)}, after)


def test_one_gradient_descent_step_has_ratio_lr_times_dW_over_W(data):
    # full batch, one epoch: one update, with the gradient measured at the initial weights
    X, Y = data
    lr = 0.05
    h = training_health(X, Y, DIMS, optimizer=GradientDescent(lr), epochs=1,
                        mini_batch_size=None, init="xavier", rng=np.random.default_rng(3))
    W0 = initialize_parameters(DIMS, "xavier", rng=np.random.default_rng(3))  # nn.train's draw
    ZL, caches = nn.forward(W0, X, hidden_activation="tanh")
    grads = nn.backward(ZL, Y, caches)
    L = len(DIMS) - 1
    dW = np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)])  # noqa: E741
    W = np.array([np.linalg.norm(W0[f"W{l}"]) for l in range(1, L + 1)])  # noqa: E741
    assert h.update_ratio.shape == (1, L)
    np.testing.assert_allclose(h.gradient_norm[0], dW, rtol=1e-12)
    np.testing.assert_allclose(h.update_ratio[0], lr * dW / W, rtol=1e-10)


def test_adam_steps_are_measured_not_derived_from_the_gradient(data):
    # Adam's first step moves every entry by about lr (the sign of its gradient): the ratio
    # is lr * sqrt(entries) / |W|, whatever |dW| (layer 1 is left out: the pixels that are
    # constant over these examples have zero gradients, and Adam does not move them)
    X, Y = data
    h = training_health(X, Y, DIMS, optimizer=Adam(0.001), epochs=1, mini_batch_size=None,
                        init="xavier", rng=np.random.default_rng(3))
    W0 = initialize_parameters(DIMS, "xavier", rng=np.random.default_rng(3))
    L = len(DIMS) - 1
    expected = [0.001 * np.sqrt(W0[f"W{l}"].size) / np.linalg.norm(W0[f"W{l}"])
                for l in range(2, L + 1)]  # noqa: E741
    np.testing.assert_allclose(h.update_ratio[0, 1:], expected, rtol=1e-3)


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_zero_initialization_keeps_every_unit_equal(data, act):
    h = run(data, "zeros", act=act)
    assert np.all(h.distinct_units == 1)  # the symmetry is never broken
    assert np.all(h.gradient_zero == 1.0)  # every dW is exactly zero ...
    assert np.all(np.isnan(h.update_ratio))  # ... and W = 0 has no ratio
    assert np.all(h.activation_std == 0.0)


def test_xavier_breaks_the_symmetry(data):
    h = run(data, "xavier")
    assert np.all(h.distinct_units[0] == 16)


def test_he_on_relu_keeps_the_scale_and_large_weights_saturate_tanh(data):
    he = run(data, "he", act="relu")
    assert np.all((he.activation_std[0] > 0.3) & (he.activation_std[0] < 3.0))
    small = run(data, "random", scale=0.01, act="relu")
    assert np.all(np.diff(np.log10(small.activation_std[0])) < -0.5)  # vanishing
    big = run(data, "random", scale=10.0, act="tanh")
    assert np.all(big.saturated[0] > 0.9)
    assert np.all(run(data, "xavier").saturated[0] < 0.1)


def test_saturated_means_dead_for_relu(data):
    h = run(data, "he", act="relu", epochs=1)
    assert np.all((h.saturated[0] > 0.2) & (h.saturated[0] < 0.8))  # about half, at init
    assert SATURATION == 0.97


def test_batchnorm_undoes_a_bad_scale(data):
    bad = run(data, "random", scale=10.0, batchnorm=True)
    good = run(data, "xavier", batchnorm=True)
    np.testing.assert_allclose(bad.activation_std[0], good.activation_std[0], rtol=1e-3)
    assert np.all(bad.saturated[0] < 0.1)
    # ... but Adam's steps (about lr an entry) are as many times smaller, relative to the
    # weights, as the weights are larger: 10 / sqrt(1/16) = 40 times
    ratio = np.median(good.update_ratio[0, 1:] / bad.update_ratio[0, 1:])
    assert ratio == pytest.approx(10 / np.sqrt(1 / 16), rel=0.2)


def test_the_same_seed_gives_the_same_run(data):
    a, b = run(data, "he", act="relu"), run(data, "he", act="relu")
    for name, x in a._asdict().items():
        if isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, getattr(b, name), err_msg=name)
    c = run(data, "he", act="relu", seed=2)
    assert not np.array_equal(a.update_ratio, c.update_ratio)


@pytest.mark.parametrize("opt", [GradientDescent(0.1), Momentum(0.1), RMSprop(0.01), Adam(0.01)])
def test_every_optimizer_trains(data, opt):
    h = run(data, opt=opt, epochs=5)
    assert h.loss[-1] < h.loss[0]
    assert np.all(np.isfinite(h.update_ratio))


def test_a_blow_up_stops_cleanly_without_warnings(data):
    h = run(data, "random", scale=10.0, act="relu", opt=GradientDescent(1.0))
    assert h.diverged_at is not None and h.diverged_at >= 1
    done = h.diverged_at - 1
    assert np.all(np.isfinite(h.update_ratio[:done]))
    assert np.all(np.isnan(h.update_ratio[done:]))
    assert np.isfinite(h.loss[0]) and np.isnan(h.loss[-1])


def test_standardized_digits(data):
    X, Y = data
    assert X.shape == (64, 96) and Y.shape == (10, 96)
    np.testing.assert_allclose(X.mean(axis=1), 0.0, atol=1e-12)
    std = X.std(axis=1)
    assert np.all((np.abs(std - 1) < 1e-12) | (std == 0))
    with pytest.raises(ValueError, match="m must be"):
        standardized_digits(0, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng"):
        standardized_digits(10, rng=0)


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"init": "lecunn"}, "init must be one of"),
        ({"hidden_activation": "sigmoid"}, "hidden_activation"),
        ({"epochs": 0}, "epochs"),
        ({"bins": 1}, "bins"),
        ({"layer_dims": [64, 10]}, "at least one hidden layer"),
        ({"layer_dims": [64, 8, 1]}, "C >= 2"),
        ({"max_norm": -1.0}, "max_norm"),
    ],
)
def test_bad_arguments_are_named(data, kw, match):
    args = dict(layer_dims=DIMS, optimizer=Adam(0.01), epochs=1, rng=np.random.default_rng(0))
    args.update(kw)
    with pytest.raises(ValueError, match=match):
        training_health(*data, **args)
