"""Tests for dlnotes.initialization: shapes, statistics, exact draws, symmetry, errors."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.initialization import METHODS, init_std, initialize_parameters


def rng(seed=0):
    return np.random.default_rng(seed)


# ----------------------------------------------------------------------------- init_std
@pytest.mark.parametrize(
    ("method", "n_in", "n_out", "expected"),
    [
        ("zeros", 4, 3, 0.0),
        ("random", 4, 3, 0.01),
        ("xavier", 4, 3, 0.5),  # sqrt(1/4)
        ("he", 8, 3, 0.5),  # sqrt(2/8)
        ("glorot", 5, 3, 0.5),  # sqrt(2/(5+3))
        ("glorot_uniform", 5, 3, 0.5),  # sqrt(6/8)/sqrt(3)
    ],
)
def test_init_std_hand_values(method, n_in, n_out, expected):
    assert init_std(method, n_in, n_out) == pytest.approx(expected, rel=1e-15, abs=0)


def test_init_std_scale_only_affects_random():
    assert init_std("random", 3, 3, scale=10) == 10.0
    assert init_std("he", 2, 3, scale=10) == 1.0


def test_he_is_xavier_times_sqrt2_and_glorot_is_the_harmonic_compromise():
    n_in, n_out = 30, 70
    assert_allclose(init_std("he", n_in, n_out), np.sqrt(2) * init_std("xavier", n_in, n_out))
    # Glorot's variance is the harmonic mean of the forward (1/n_in) and backward (1/n_out) ones.
    harmonic = 2 / (n_in + n_out)
    assert_allclose(init_std("glorot", n_in, n_out) ** 2, harmonic, rtol=1e-15)
    # square layers: Glorot coincides with the course's "Xavier"
    assert_allclose(init_std("glorot", 40, 40), init_std("xavier", 40, 40), rtol=1e-15)


# ----------------------------------------------------------------------------- shapes
@pytest.mark.parametrize("method", METHODS)
def test_shapes_dtypes_and_zero_biases(method):
    dims = [4, 5, 3, 1]
    params = initialize_parameters(dims, method, rng=rng())
    assert list(params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for l in range(1, len(dims)):  # noqa: E741
        assert params[f"W{l}"].shape == (dims[l], dims[l - 1])
        assert params[f"b{l}"].shape == (dims[l], 1)
        assert params[f"W{l}"].dtype == np.float64
        assert params[f"b{l}"].dtype == np.float64
        assert_array_equal(params[f"b{l}"], 0.0)


def test_default_method_is_he():
    a = initialize_parameters([6, 4], rng=rng(3))
    b = initialize_parameters([6, 4], "he", rng=rng(3))
    assert_array_equal(a["W1"], b["W1"])


def test_layer_dims_accepts_tuple_and_numpy_ints():
    a = initialize_parameters((3, np.int64(2)), "he", rng=rng())
    b = initialize_parameters(np.array([3, 2]), "he", rng=rng())
    assert_array_equal(a["W1"], b["W1"])


# ----------------------------------------------------------------------------- statistics
@pytest.mark.parametrize("method", ["random", "xavier", "he", "glorot", "glorot_uniform"])
def test_sample_std_matches_init_std_on_large_layers(method):
    dims = [800, 600, 400]
    params = initialize_parameters(dims, method, rng=rng(42), scale=0.3)
    for l in (1, 2):  # noqa: E741
        W = params[f"W{l}"]
        std = init_std(method, dims[l - 1], dims[l], scale=0.3)
        # sample std of N >= 240,000 draws: relative error ~ 1/sqrt(2N) < 0.0015
        assert_allclose(W.std(), std, rtol=0.01)
        assert abs(W.mean()) < 5 * std / np.sqrt(W.size)


def test_glorot_uniform_stays_inside_its_limit():
    n_in, n_out = 300, 100
    W = initialize_parameters([n_in, n_out], "glorot_uniform", rng=rng(1))["W1"]
    limit = np.sqrt(6 / (n_in + n_out))
    assert np.all(np.abs(W) <= limit)
    assert np.abs(W).max() > 0.99 * limit  # and fills it


def test_he_keeps_relu_activations_at_the_scale_of_the_input():
    # The point of He init: a deep ReLU stack neither vanishes nor explodes.
    g = rng(7)
    dims = [500] * 11
    X = g.standard_normal((500, 200))
    for method, lo, hi in [("he", 0.5, 2.0), ("xavier", 0.0, 0.1)]:
        params = initialize_parameters(dims, method, rng=rng(8))
        A = X
        for l in range(1, len(dims)):  # noqa: E741
            A = np.maximum(0, params[f"W{l}"] @ A)
        ratio = np.mean(A**2) / np.mean(X**2)
        assert lo < ratio < hi, (method, ratio)


# ----------------------------------------------------------------------------- exact draws
def test_exact_values_for_a_fixed_seed():
    params = initialize_parameters([2, 3, 1], "he", rng=rng(0))
    # He: std sqrt(2/2) = 1, so W1 is the first six standard normals of default_rng(0)
    assert_allclose(
        params["W1"],
        [[0.12573022, -0.13210486], [0.64042265, 0.10490012], [-0.53566937, 0.36159505]],
        rtol=0,
        atol=1e-8,
    )
    # W2 comes next from the same stream, scaled by sqrt(2/3)
    g = rng(0)
    g.standard_normal((3, 2))
    assert_allclose(params["W2"], g.standard_normal((1, 3)) * np.sqrt(2 / 3), rtol=1e-15)


@pytest.mark.parametrize("method", ["random", "xavier", "he", "glorot"])
def test_gaussian_methods_are_standard_normals_times_init_std(method):
    dims = [3, 4, 2]
    params = initialize_parameters(dims, method, rng=rng(5), scale=0.05)
    g = rng(5)
    for l in (1, 2):  # noqa: E741
        expected = g.standard_normal((dims[l], dims[l - 1])) * init_std(
            method, dims[l - 1], dims[l], scale=0.05
        )
        assert_allclose(params[f"W{l}"], expected, rtol=1e-15)


def test_same_seed_same_parameters_and_different_seed_different():
    for method in METHODS:
        a = initialize_parameters([5, 4, 3], method, rng=rng(11))
        b = initialize_parameters([5, 4, 3], method, rng=rng(11))
        for k in a:
            assert_array_equal(a[k], b[k])
    c = initialize_parameters([5, 4, 3], "he", rng=rng(12))
    assert not np.array_equal(a["W1"], c["W1"])


def test_zeros_draws_nothing_from_rng():
    g = rng(0)
    initialize_parameters([5, 4, 3], "zeros", rng=g)
    assert g.random() == rng(0).random()


def test_layer_dims_not_mutated():
    dims = [3, 4, 1]
    initialize_parameters(dims, rng=rng())
    assert dims == [3, 4, 1]


# ----------------------------------------------------------------------------- symmetry
def _train_two_layer_tanh(params, X, Y, steps=20, lr=0.5):
    """Plain course-style gradient descent on a [n_x, n_h, 1] tanh/sigmoid network."""
    W1, b1, W2, b2 = (params[k].copy() for k in ("W1", "b1", "W2", "b2"))
    m = X.shape[1]
    for _ in range(steps):
        A1 = np.tanh(W1 @ X + b1)
        A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
        dZ2 = A2 - Y
        dW2, db2 = dZ2 @ A1.T / m, dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1 - A1**2)
        dW1, db1 = dZ1 @ X.T / m, dZ1.sum(axis=1, keepdims=True) / m
        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
    return W1, b1, W2, b2


def test_zeros_never_break_symmetry_but_random_does():
    g = rng(3)
    X = g.standard_normal((2, 16))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    W1, b1, W2, b2 = _train_two_layer_tanh(initialize_parameters([2, 4, 1], "zeros", rng=g), X, Y)
    # every hidden unit is still the same unit (here even: nothing but b2 has moved)
    assert_array_equal(W1, W1[:1].repeat(4, axis=0))
    assert_array_equal(W2, W2[:, :1].repeat(4, axis=1))
    assert_array_equal(W1, 0.0)
    assert b2.item() != 0.0
    W1, *_ = _train_two_layer_tanh(initialize_parameters([2, 4, 1], "xavier", rng=g), X, Y)
    assert len(np.unique(W1.round(12), axis=0)) == 4


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    "layer_dims",
    [[3], [], [3, 0], [3, -1], [3, 2.0], [3, True], "32", 3, None, np.array([[3, 2]]), [3, "2"]],
)
def test_bad_layer_dims(layer_dims):
    with pytest.raises(ValueError, match="layer_dims"):
        initialize_parameters(layer_dims, rng=rng())


@pytest.mark.parametrize("method", ["Xavier", "kaiming", "", None, 1])
def test_bad_method(method):
    with pytest.raises(ValueError, match="method"):
        initialize_parameters([3, 2], method, rng=rng())
    with pytest.raises(ValueError, match="method"):
        init_std(method, 3, 2)


@pytest.mark.parametrize("bad_rng", [None, 0, np.random.RandomState(0)])
def test_bad_rng(bad_rng):
    with pytest.raises(ValueError, match="rng"):
        initialize_parameters([3, 2], rng=bad_rng)


def test_rng_is_keyword_only():
    with pytest.raises(TypeError):
        initialize_parameters([3, 2], "he", rng())  # type: ignore[misc]


@pytest.mark.parametrize("scale", [0, -1.0, np.nan, np.inf, "0.01", True])
def test_bad_scale(scale):
    with pytest.raises(ValueError, match="scale"):
        initialize_parameters([3, 2], "random", rng=rng(), scale=scale)
    with pytest.raises(ValueError, match="scale"):
        init_std("random", 3, 2, scale=scale)


@pytest.mark.parametrize(("n_in", "n_out", "name"), [(0, 2, "n_in"), (3, 0, "n_out"),
                                                       (2.5, 2, "n_in"), (3, None, "n_out")])
def test_init_std_bad_sizes(n_in, n_out, name):
    with pytest.raises(ValueError, match=name):
        init_std("he", n_in, n_out)


# ----------------------------------------------------------------------------- the course's demos
def test_random_times_10_saturates_tanh_and_times_001_does_not():
    g = rng(9)
    X = g.standard_normal((100, 50))
    W_big = initialize_parameters([100, 50], "random", rng=g, scale=10)["W1"]
    W_small = initialize_parameters([100, 50], "random", rng=g, scale=0.01)["W1"]
    saturated = np.mean(np.abs(np.tanh(W_big @ X)) > 0.99)
    assert saturated > 0.95  # tanh'(z) ~ 0: learning stalls
    assert np.mean(np.abs(np.tanh(W_small @ X)) > 0.99) == 0.0


# ----------------------------------------------------------------------------- kernel
def test_kernel_with_a_leading_model_axis():
    from dlnotes.initialization import _initialize_parameters

    K, dims = 4, [3, 5, 2]
    params = _initialize_parameters(dims, "he", rng(0), 0.01, leading=(K,))
    assert params["W1"].shape == (K, 5, 3) and params["b1"].shape == (K, 5, 1)
    assert params["W2"].shape == (K, 2, 5) and params["b2"].shape == (K, 2, 1)
    # layer by layer, all K models in one block: the K one-model draws of W1 in a row
    g = rng(0)
    assert_allclose(params["W1"], g.standard_normal((K, 5, 3)) * np.sqrt(2 / 3), rtol=1e-15)
    # models differ from one another
    assert not np.array_equal(params["W1"][0], params["W1"][1])


def test_lecun_is_the_course_xavier_under_its_author_name():
    """The course's "Xavier" is LeCun et al. 1998's fan-in rule; "lecun" is its honest alias."""
    assert init_std("lecun", 100, 50) == init_std("xavier", 100, 50) == 0.1
    a = initialize_parameters([7, 5, 3], "lecun", rng=np.random.default_rng(3))
    b = initialize_parameters([7, 5, 3], "xavier", rng=np.random.default_rng(3))
    assert all(np.array_equal(a[k], b[k]) for k in b)
