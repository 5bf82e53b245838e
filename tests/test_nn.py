"""Tests for dlnotes.nn (the network, train, train_many) and dlnotes.activations."""

from __future__ import annotations

import copy
import functools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.activations import _tanh_backward, relu, relu_backward, tanh
from dlnotes.batchnorm import batchnorm_forward, batchnorm_inference
from dlnotes.datasets import load_digits, make_moons, train_dev_test_split
from dlnotes.experiments import layer_activations
from dlnotes.gradcheck import (
    NetworkCost,
    check_gradients,
    cost_function,
    numerical_gradient,
    relative_error,
)
from dlnotes.initialization import initialize_parameters
from dlnotes.nn import (
    DivergenceWarning,
    Model,
    accuracy,
    backward,
    compute_cost,
    forward,
    linear_backward,
    linear_forward,
    predict,
    train,
)
from dlnotes.optim import Adam, GradientDescent, Momentum
from dlnotes.schedules import cosine_decay, inverse_time_decay
from dlnotes.softmax import sigmoid, softmax
from dlnotes.sweeps import Sweep, SweepObjective, sweep_objective, train_many
from dlnotes.tuning import Dimension, coarse_to_fine, grid_search, random_search

GRAD_TOL = 1e-7


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def binary_data(m: int = 6, n_x: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    r = rng(seed)
    X = r.normal(size=(n_x, m))
    Y = np.zeros((1, m))
    Y[0, ::2] = 1.0
    return X, Y


def one_hot_data(m: int = 6, n_x: int = 3, C: int = 3, seed: int = 0):
    r = rng(seed)
    X = r.normal(size=(n_x, m))
    Y = np.zeros((C, m))
    Y[np.arange(m) % C, np.arange(m)] = 1.0
    return X, Y


def bn_params(layer_dims, seed=0, method="xavier"):
    """A parameter dict with batch norm on the hidden layers, gamma and beta not at 1 and 0."""
    r = rng(seed)
    p = initialize_parameters(layer_dims, method, rng=r)
    L = len(layer_dims) - 1
    out = {}
    for l in range(1, L + 1):  # noqa: E741
        out[f"W{l}"] = p[f"W{l}"]
        if l < L:
            out[f"gamma{l}"] = r.uniform(0.5, 1.5, size=(layer_dims[l], 1))
            out[f"beta{l}"] = r.normal(size=(layer_dims[l], 1))
        else:
            out[f"b{l}"] = r.normal(size=(layer_dims[l], 1))
    return out


def with_random_biases(params, seed=1):
    r = rng(seed)
    return {k: (r.normal(size=v.shape) if k[0] == "b" else v) for k, v in params.items()}


# --------------------------------------------------------------------------- tiny hand cases


def test_linear_forward_by_hand():
    # Z = W A + b: [1, -1] . [1, 3] + 0.5 = -1.5 ; [1, -1] . [2, 4] + 0.5 = -1.5
    Z = linear_forward([[1.0, 2.0], [3.0, 4.0]], [[1.0, -1.0]], [[0.5]])
    assert_array_equal(Z, [[-1.5, -1.5]])


def test_linear_backward_by_hand():
    dZ = np.array([[1.0, 2.0]])
    A_prev = np.array([[1.0, 0.0], [0.0, 1.0]])
    W = np.array([[3.0, 4.0]])
    dA_prev, dW, db = linear_backward(dZ, A_prev, W)
    assert_array_equal(dW, [[1.0, 2.0]])  # dZ A_prev^T
    assert_array_equal(db, [[3.0]])  # sum over columns
    assert_array_equal(dA_prev, [[3.0, 6.0], [4.0, 8.0]])  # W^T dZ


def test_activations_by_hand():
    assert_array_equal(relu([[-2.0, 0.0, 3.0]]), [[0.0, 0.0, 3.0]])
    assert_array_equal(relu_backward([[5.0, 5.0, 5.0]], [[0.0, 0.0, 3.0]]), [[0.0, 0.0, 5.0]])
    assert_allclose(tanh([[0.0, 1.0]]), [[0.0, np.tanh(1.0)]], rtol=0, atol=1e-15)
    # 1 - a^2 at a = 0.5 is 0.75
    assert_allclose(_tanh_backward(np.array([[2.0, 2.0]]), np.array([[0.0, 0.5]])), [[2.0, 1.5]],
                    rtol=0, atol=1e-15)


def test_forward_two_layer_by_hand():
    # one hidden ReLU unit, one sigmoid output: z1 = 2x - 1, a1 = relu(z1), z2 = 3 a1 + 0.5
    params = {
        "W1": np.array([[2.0]]), "b1": np.array([[-1.0]]),
        "W2": np.array([[3.0]]), "b2": np.array([[0.5]]),
    }
    X = np.array([[0.0, 1.0, 2.0, 3.0]])
    ZL, caches = forward(params, X)
    assert_array_equal(caches[0].Z, [[-1.0, 1.0, 3.0, 5.0]])
    assert_array_equal(caches[0].A, [[0.0, 1.0, 3.0, 5.0]])
    assert_array_equal(ZL, [[0.5, 3.5, 9.5, 15.5]])
    # and the gradient of the output layer: dZ2 = (sigmoid(Z2) - Y)/m, dW2 = dZ2 A1^T
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    grads = backward(ZL, Y, caches)
    dZ2 = (1.0 / (1.0 + np.exp(-ZL)) - Y) / 4
    assert_allclose(grads["dW2"], dZ2 @ caches[0].A.T, rtol=1e-14, atol=0)
    assert_allclose(grads["db2"], dZ2.sum(axis=1, keepdims=True), rtol=1e-14, atol=0)
    # dZ1 = W2^T dZ2 * 1[A1 > 0], the first column is at the kink side (z1 = -1 < 0)
    dZ1 = (params["W2"].T @ dZ2) * (caches[0].A > 0)
    assert dZ1[0, 0] == 0.0
    assert_allclose(grads["dW1"], dZ1 @ X.T, rtol=1e-14, atol=0)


def test_compute_cost_by_hand():
    Y = np.array([[1, 0, 1, 0]])
    # all logits 0: every prediction is 0.5, the loss is log 2
    assert_allclose(compute_cost(np.zeros((1, 4)), Y), np.log(2), rtol=1e-15)
    params = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1)), "W2": 2 * np.ones((1, 2)),
              "b2": np.zeros((1, 1))}  # the whole network: a dict that lost b2 is refused
    # L2: lambd/(2m) (||W1||^2 + ||W2||^2) = 0.8/8 * (4 + 8) = 1.2
    J = compute_cost(np.zeros((1, 4)), Y, params, lambd=0.8)
    assert_allclose(J, np.log(2) + 1.2, rtol=1e-14)
    # softmax: uniform logits over C classes cost log C
    Y3 = np.eye(3)[:, [0, 1, 2, 0]]
    assert_allclose(compute_cost(np.zeros((3, 4)), Y3), np.log(3), rtol=1e-15)


# --------------------------------------------------------------------------- gradient checks


def _layer_check(f, backward_f, x, seed=0):
    """Check ``backward_f(G)`` against d/dx sum(G * f(x)) with a random upstream gradient G."""
    G = rng(seed).normal(size=f(x).shape)
    numeric = numerical_gradient(lambda v: float(np.sum(G * f(v))), x)
    return relative_error(backward_f(G), numeric)


def test_gradcheck_linear_layer():
    r = rng(3)
    A_prev, W, b = r.normal(size=(4, 5)), r.normal(size=(3, 4)), r.normal(size=(3, 1))
    G = r.normal(size=(3, 5))
    dA_prev, dW, db = linear_backward(G, A_prev, W)
    assert dA_prev.shape == A_prev.shape and dW.shape == W.shape and db.shape == b.shape

    def grad(i):
        return lambda g: linear_backward(g, A_prev, W)[i]

    assert _layer_check(lambda a: linear_forward(a, W, b), grad(0), A_prev) < GRAD_TOL
    assert _layer_check(lambda w: linear_forward(A_prev, w, b), grad(1), W) < GRAD_TOL
    assert _layer_check(lambda c: linear_forward(A_prev, W, c), grad(2), b) < GRAD_TOL


def test_gradcheck_activations():
    r = rng(4)
    Z = r.normal(size=(4, 6))
    Z[np.abs(Z) < 0.05] = 0.5  # keep away from the ReLU kink
    assert _layer_check(tanh, lambda g: _tanh_backward(g, tanh(Z)), Z) < GRAD_TOL
    assert _layer_check(relu, lambda g: relu_backward(g, relu(Z)), Z) < GRAD_TOL


def _network_check(params, X, Y, *, lambd=0.0, hidden_activation="tanh", keep_prob=1.0):
    def J():
        # a fresh generator with the same seed: the same dropout mask at every evaluation
        return cost_function(X, Y, hidden_activation=hidden_activation, lambd=lambd,
                             keep_prob=keep_prob, rng=rng(9))

    grads = J().gradients(params)
    assert set(grads) == {"d" + k for k in params}
    return check_gradients(lambda p: J()(p), params, grads)


@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradcheck_network_sigmoid_tanh(lambd):
    X, Y = binary_data(m=6)
    params = with_random_biases(initialize_parameters([3, 5, 4, 1], "xavier", rng=rng(1)))
    res = _network_check(params, X, Y, lambd=lambd)
    assert res.difference < GRAD_TOL, res


@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradcheck_network_softmax_tanh(lambd):
    X, Y = one_hot_data(m=6, C=3)
    params = with_random_biases(initialize_parameters([3, 5, 4, 3], "xavier", rng=rng(2)))
    res = _network_check(params, X, Y, lambd=lambd)
    assert res.difference < GRAD_TOL, res


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradcheck_network_batchnorm(output, lambd):
    if output == "sigmoid":
        X, Y = binary_data(m=5)
        dims = [3, 4, 3, 1]
    else:
        X, Y = one_hot_data(m=5, C=3)
        dims = [3, 4, 3, 3]
    params = bn_params(dims, seed=5)
    assert "b1" not in params and "gamma1" in params and "beta2" in params
    res = _network_check(params, X, Y, lambd=lambd)
    assert res.difference < GRAD_TOL, res
    assert all(v < 1e-6 for v in res.per_parameter.values()), res.per_parameter


def test_gradcheck_network_relu_away_from_kinks():
    X, Y = binary_data(m=8, seed=7)
    params = with_random_biases(initialize_parameters([3, 6, 5, 1], "he", rng=rng(7)), seed=8)
    _, caches = forward(params, X)
    # the finite differences move Z by ~1e-7: make sure no unit sits on the kink
    assert min(np.abs(c.Z).min() for c in caches[:-1]) > 1e-4
    res = _network_check(params, X, Y, lambd=0.3, hidden_activation="relu")
    assert res.difference < GRAD_TOL, res


def test_gradcheck_network_with_fixed_dropout_mask():
    X, Y = one_hot_data(m=6, C=3, seed=3)
    params = with_random_biases(initialize_parameters([3, 6, 5, 3], "xavier", rng=rng(3)))
    res = _network_check(params, X, Y, lambd=0.2, keep_prob=0.7)
    assert res.difference < GRAD_TOL, res


# --------------------------------------------------------------------------- forward details


def test_forward_caches_dropout_and_shapes():
    X, _ = binary_data(m=50)
    params = initialize_parameters([3, 40, 30, 1], rng=rng(0))
    ZL, caches = forward(params, X, keep_prob=0.5, rng=rng(1))
    assert ZL.shape == (1, 50) and len(caches) == 3
    c1, c2 = caches[0], caches[1]
    assert c1.D.shape == (40, 50) and set(np.unique(c1.D)) <= {0.0, 1.0}
    # the next layer sees the inverted-dropout activations A * D / keep_prob
    assert_allclose(c2.A_prev, c1.A * c1.D / 0.5, rtol=0, atol=0)
    assert caches[-1].D is None and caches[-1].A is None  # no dropout on the output
    assert 0.3 < c1.D.mean() < 0.7


def test_forward_without_dropout_draws_nothing():
    X, _ = binary_data()
    params = initialize_parameters([3, 4, 1], rng=rng(0))
    r = rng(5)
    forward(params, X, keep_prob=1.0, rng=r)
    assert r.random() == rng(5).random()


def test_forward_batchnorm_train_and_inference_modes():
    X, _ = binary_data(m=7)
    params = bn_params([3, 4, 2, 1], seed=2)
    _, caches = forward(params, X, hidden_activation="tanh")
    Zt, _ = batchnorm_forward(caches[0].Z, params["gamma1"], params["beta1"])
    assert_allclose(caches[0].Z_tilde, Zt, rtol=0, atol=0)
    assert_allclose(caches[0].Z, params["W1"] @ X, rtol=0, atol=0)  # no b before BN
    stats = {
        "running_mean1": np.full((4, 1), 0.3), "running_var1": np.full((4, 1), 2.0),
        "running_mean2": np.full((2, 1), -0.1), "running_var2": np.full((2, 1), 0.5),
    }
    _, caches = forward(params, X, hidden_activation="tanh", batchnorm_stats=stats)
    expected = batchnorm_inference(
        params["W1"] @ X, params["gamma1"], params["beta1"], stats["running_mean1"],
        stats["running_var1"],
    )
    assert_allclose(caches[0].Z_tilde, expected, rtol=0, atol=0)
    assert caches[0].bn is None  # inference mode keeps no BN cache
    # in inference mode each example is independent of the others
    one, _ = forward(params, X[:, :1], hidden_activation="tanh", batchnorm_stats=stats)
    full, _ = forward(params, X, hidden_activation="tanh", batchnorm_stats=stats)
    assert_allclose(one, full[:, :1], rtol=1e-13, atol=1e-15)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**31),
    m=st.integers(2, 9),
    batchnorm=st.booleans(),
    activation=st.sampled_from(["relu", "tanh"]),
)
def test_forward_is_equivariant_to_a_permutation_of_examples(seed, m, batchnorm, activation):
    r = rng(seed)
    X = r.normal(size=(3, m))
    dims = [3, 4, 2]
    params = bn_params(dims, seed=seed % 1000) if batchnorm else initialize_parameters(dims, rng=r)
    perm = r.permutation(m)
    ZL, _ = forward(params, X, hidden_activation=activation)
    ZL_perm, _ = forward(params, X[:, perm], hidden_activation=activation)
    assert_allclose(ZL_perm, ZL[:, perm], rtol=1e-12, atol=1e-12)


def test_layer_activations_for_params_and_model():
    X, Y = binary_data(m=20)
    params = initialize_parameters([3, 5, 4, 1], "xavier", rng=rng(0))
    acts = layer_activations(params, X, hidden_activation="tanh")
    ZL, caches = forward(params, X, hidden_activation="tanh")
    assert sorted(acts) == ["A1", "A2", "A3", "Z1", "Z2", "Z3"]
    assert_array_equal(acts["Z2"], caches[1].Z)
    assert_array_equal(acts["A1"], np.tanh(caches[0].Z))
    assert_allclose(acts["A3"], sigmoid(ZL), rtol=0, atol=0)

    model = train(X, Y, [3, 5, 4, 1], optimizer=Adam(0.01), epochs=3, batchnorm=True,
                  rng=rng(0))
    acts = layer_activations(model, X)
    assert {"Z_tilde1", "Z_tilde2"} <= set(acts)
    assert_array_equal((acts["A3"][0] > 0.5).astype(int), predict(model, X))


def test_layer_activations_softmax_output_sums_to_one():
    X, _ = one_hot_data(m=5, C=4)
    params = initialize_parameters([3, 4, 4], rng=rng(0))
    acts = layer_activations(params, X)
    assert_allclose(acts["A2"], softmax(acts["Z2"]), rtol=0, atol=0)
    assert_allclose(acts["A2"].sum(axis=0), 1.0, rtol=1e-14)


# --------------------------------------------------------------------------- purity


def test_public_functions_do_not_mutate_inputs():
    X, Y = binary_data(m=12)
    X_dev, Y_dev = binary_data(m=5, seed=3)
    copies = [a.copy() for a in (X, Y, X_dev, Y_dev)]
    model = train(X, Y, [3, 4, 1], optimizer=Adam(0.01), epochs=3, mini_batch_size=5,
                  keep_prob=0.8, lambd=0.1, batchnorm=True, rng=rng(0), X_dev=X_dev,
                  Y_dev=Y_dev)
    sweep = train_many(X, Y, [3, 4, 1], optimizer=Adam(0.01), epochs=3, mini_batch_size=5,
                       keep_prob=[0.8, 1.0], rngs=[rng(0), rng(1)], data_rng=rng(2),
                       batchnorm=True, X_dev=X_dev, Y_dev=Y_dev)
    for a, b in zip((X, Y, X_dev, Y_dev), copies, strict=True):
        assert_array_equal(a, b)
    params = {k: v.copy() for k, v in model.params.items()}
    stats = {k: v.copy() for k, v in model.batchnorm_stats.items()}
    sweep_W1 = sweep.params["W1"].copy()
    predict(model, X)
    accuracy(model, X, Y)
    layer_activations(model, X)
    accuracy(sweep, X, Y)
    sweep.model(1)
    ZL, caches = forward(model.params, X, keep_prob=0.5, rng=rng(0))
    ZL_copy = ZL.copy()
    cache_copies = [[None if f is None or isinstance(f, str | float) else np.copy(f)
                     for f in c[:3] + c[4:6]] for c in caches]
    backward(ZL, Y, caches, lambd=0.3)
    compute_cost(ZL, Y, model.params, lambd=0.3)
    assert_array_equal(ZL, ZL_copy)
    for c, saved in zip(caches, cache_copies, strict=True):
        for f, s in zip(c[:3] + c[4:6], saved, strict=True):
            if s is not None:
                assert_array_equal(f, s)
    for k in params:
        assert_array_equal(model.params[k], params[k])
    for k in stats:
        assert_array_equal(model.batchnorm_stats[k], stats[k])
    assert_array_equal(sweep.params["W1"], sweep_W1)


# --------------------------------------------------------------------------- train


@pytest.fixture(scope="module")
def moons():
    X, Y = make_moons(1000, noise=0.2, rng=rng(0))
    return train_dev_test_split(X, Y, (0.7, 0.3, 0.0), rng=rng(1))


@pytest.fixture(scope="module")
def digits():
    X, Y = load_digits()
    return train_dev_test_split(X, Y, (0.7, 0.0, 0.3), rng=rng(0))


def test_done_when_moons_relu_adam_reaches_95_percent_dev(moons):
    model = train(moons.X_train, moons.Y_train, [2, 20, 7, 1], optimizer=Adam(0.01), epochs=100,
                  mini_batch_size=64, rng=rng(1), X_dev=moons.X_dev, Y_dev=moons.Y_dev)
    assert model.config.output == "sigmoid" and model.config.hidden_activation == "relu"
    assert model.history.dev_accuracy[-1] >= 0.95
    assert accuracy(model, moons.X_dev, moons.Y_dev) == model.history.dev_accuracy[-1]


@pytest.mark.parametrize("batchnorm", [False, True])
def test_done_when_digits_softmax_reaches_95_percent_test(digits, batchnorm):
    model = train(digits.X_train, digits.Y_train, [64, 32, 10], optimizer=Adam(0.01), epochs=30,
                  mini_batch_size=64, batchnorm=batchnorm, rng=rng(1))
    assert model.config.output == "softmax"
    assert accuracy(model, digits.X_test, digits.Y_test) >= 0.95
    labels = predict(model, digits.X_test)
    assert labels.shape == (digits.X_test.shape[1],) and labels.dtype == np.int64
    assert set(np.unique(labels)) <= set(range(10))


def test_batchnorm_model_structure_and_running_stats():
    X, Y = binary_data(m=16)
    seed = 4
    model = train(X, Y, [3, 5, 4, 1], optimizer=GradientDescent(0.1), epochs=1, batchnorm=True,
                  bn_momentum=0.9, rng=rng(seed))
    assert sorted(model.params) == ["W1", "W2", "W3", "b3", "beta1", "beta2", "gamma1", "gamma2"]
    assert sorted(model.batchnorm_stats) == [
        "running_mean1", "running_mean2", "running_var1", "running_var2"]
    # One full-batch step: the running statistics are 0.9 * (0, 1) + 0.1 * the batch's (mu, var),
    # computed with the initial weights, which are the first draws from rng (He, gamma=1, beta=0).
    W1 = initialize_parameters([3, 5, 4, 1], "he", rng=rng(seed))["W1"]
    Z1 = W1 @ X
    assert_allclose(model.batchnorm_stats["running_mean1"], 0.1 * Z1.mean(axis=1, keepdims=True),
                    rtol=1e-12, atol=1e-15)
    assert_allclose(model.batchnorm_stats["running_var1"],
                    0.9 + 0.1 * Z1.var(axis=1, keepdims=True), rtol=1e-12, atol=0)


def test_history_cost_and_evaluation_curves():
    X, Y = binary_data(m=40)
    X_dev, Y_dev = binary_data(m=10, seed=1)
    model = train(X, Y, [3, 6, 1], optimizer=Adam(0.02), epochs=30, lambd=0.1, rng=rng(0),
                  X_dev=X_dev, Y_dev=Y_dev, eval_every=10)
    h = model.history
    assert h.cost.shape == (30,) and not h.dropout
    assert_array_equal(h.epoch, [9, 19, 29])
    assert h.train_loss.shape == h.train_accuracy.shape == h.dev_loss.shape == (3,)
    # full batch and no dropout: cost[e] is J (with L2) at the parameters before step e
    assert h.cost[-1] < h.cost[0]
    # train_loss is the cross-entropy alone (no L2), measured after the last epoch
    ZL, _ = forward(model.params, X)
    assert_allclose(h.train_loss[-1], compute_cost(ZL, Y), rtol=1e-12)
    assert_allclose(h.dev_accuracy[-1], accuracy(model, X_dev, Y_dev), rtol=0)
    # no dev set: empty dev curves; default eval_every gives about 100 points
    model = train(X, Y, [3, 6, 1], optimizer=Adam(0.02), epochs=250, rng=rng(0))
    assert model.history.dev_loss.size == 0 and model.history.epoch.size == 125
    assert model.history.epoch[-1] == 249


def test_history_says_when_dropout_was_on():
    X, Y = binary_data(m=40)
    model = train(X, Y, [3, 6, 1], optimizer=Adam(0.02), epochs=5, keep_prob=0.5, rng=rng(0))
    assert model.history.dropout
    # the evaluation is with dropout off, so it is reproducible from the final parameters
    ZL, _ = forward(model.params, X)
    assert_allclose(model.history.train_loss[-1], compute_cost(ZL, Y), rtol=1e-12)


def diverging_problem():
    """The issue's example: a two-class softmax network at a learning rate of 1000."""
    X = rng(0).standard_normal((2, 40))
    y = (X[0] > 0).astype(int)
    return X, np.stack([1 - y, y]).astype(float)


def test_divergence_is_reported_and_training_stops_there():
    X, Y = diverging_problem()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # and pytest makes any RuntimeWarning an error
        model = train(X, Y, [2, 8, 2], optimizer=GradientDescent(1e3), epochs=100, rng=rng(1))
    assert [w.category for w in caught] == [DivergenceWarning]
    assert issubclass(DivergenceWarning, UserWarning)
    assert caught[0].filename == __file__  # it points at the learner's call of train
    h = model.history
    e = h.diverged_at
    assert isinstance(e, int) and 0 < e < 99
    assert h.cost.shape == (e + 1,)  # stopped at that epoch: no NaN epochs after it
    assert np.all(np.isfinite(h.cost[:-1])) and not np.isfinite(h.cost[-1])
    assert h.epoch[-1] == e  # evaluated where it stopped
    message = str(caught[0].message)
    assert f"in epoch {e + 1} of 100 (history.diverged_at = {e})" in message
    assert "Try a smaller learning rate, e.g. GradientDescent(learning_rate=100)" in message
    # the model is still usable: predict and accuracy without numpy warnings
    assert predict(model, X).shape == (40,) and 0.0 <= accuracy(model, X, Y) <= 1.0
    # the callback sees the diverged epoch, with the flag
    seen = []
    with pytest.warns(DivergenceWarning, match="training diverged"):
        train(X, Y, [2, 8, 2], optimizer=GradientDescent(1e3), epochs=100, rng=rng(1),
              callback=lambda epoch, m: seen.append((epoch, m.history.diverged_at)))
    assert seen[-1][1] == seen[-1][0] and all(d is None for _, d in seen[:-1])
    # a training that stays finite is not flagged
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fine = train(X, Y, [2, 8, 2], optimizer=GradientDescent(0.1), epochs=20, rng=rng(1))
    assert fine.history.diverged_at is None and fine.history.cost.shape == (20,)


def test_the_optimizers_zero_over_zero_check_still_speaks_inside_train():
    """Training silences numpy's overflow warnings, not optim's epsilon = 0 check: a zero
    gradient on a zero average (init "zeros") is a ValueError naming epsilon, not a NaN."""
    X, Y = binary_data(m=10)
    with pytest.raises(ValueError, match="epsilon must be > 0 here"):
        train(X, Y, [3, 4, 1], optimizer=Adam(0.1, epsilon=0.0), epochs=2, init="zeros",
              rng=rng(0))


def test_divergence_in_a_sweep_is_recorded_per_model_without_warnings():
    X, Y = diverging_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sweep = train_many(X, Y, [2, 8, 2], optimizer=GradientDescent(np.array([0.1, 1e3])),
                           epochs=100, rngs=[rng(1), rng(1)])
    fine, wild = sweep.history.diverged_at
    assert fine is None and isinstance(wild, int)
    assert sweep.model(0).history.diverged_at is None
    assert sweep.model(1).history.diverged_at == wild
    cost = sweep.history.cost
    assert not np.isfinite(cost[wild, 1]) and np.all(np.isfinite(cost[:, 0]))
    # the one model trained alone diverges at the same epoch, and stops there
    with pytest.warns(DivergenceWarning):
        alone = train(X, Y, [2, 8, 2], optimizer=GradientDescent(1e3), epochs=100, rng=rng(1))
    assert alone.history.diverged_at == wild
    assert_array_equal(alone.history.cost[:wild], sweep.history.cost[:wild, 1])


def test_a_class_where_an_optimizer_instance_is_meant():
    X, Y = binary_data(m=10)
    with pytest.raises(TypeError, match=r"optimizer must be an instance, got the class Adam "
                                        r"itself: pass Adam\(learning_rate=0.01\)"):
        train(X, Y, [3, 4, 1], optimizer=Adam, epochs=2, rng=rng(0))
    with pytest.raises(TypeError, match=r"pass GradientDescent\(learning_rate=0.01\)"):
        train_many(X, Y, [3, 4, 1], optimizer=GradientDescent, epochs=2, rngs=[rng(0)])


def test_a_schedule_that_gives_a_learning_rate_of_zero_is_accepted():
    """cosine_decay's warm-up starts at 0: the first epoch then leaves the weights alone."""
    X, Y = binary_data(m=20)
    warmup = functools.partial(cosine_decay, 0.1, total_epochs=10, warmup_epochs=2)
    assert warmup(0) == 0.0
    seen = []
    model = train(X, Y, [3, 4, 1], optimizer=Adam(0.1), epochs=4, rng=rng(0), schedule=warmup,
                  callback=lambda epoch, m: seen.append(m.params["W1"]))
    assert_array_equal(seen[0], initialize_parameters([3, 4, 1], rng=rng(0))["W1"])
    assert not np.array_equal(seen[1], seen[0]) and model.history.diverged_at is None
    with pytest.raises(ValueError, match="learning rate >= 0 .* got -0.1 at epoch 1"):
        train(X, Y, [3, 4, 1], optimizer=Adam(0.1), epochs=4, rng=rng(0),
              schedule=lambda e: 0.1 if e == 0 else -0.1)


def test_train_is_deterministic_and_follows_the_randomness_protocol():
    X, Y = binary_data(m=30)
    kw = dict(optimizer=Adam(0.01), epochs=4, mini_batch_size=8, keep_prob=0.8)
    a = train(X, Y, [3, 5, 1], rng=rng(3), **kw)
    b = train(X, Y, [3, 5, 1], rng=rng(3), **kw)
    c = train(X, Y, [3, 5, 1], rng=rng(3), data_rng=rng(3).spawn(1)[0], **kw)
    d = train(X, Y, [3, 5, 1], rng=rng(4), **kw)
    for k in a.params:
        assert_array_equal(a.params[k], b.params[k])
        assert_array_equal(a.params[k], c.params[k])
    assert not np.array_equal(a.params["W1"], d.params["W1"])


def test_mini_batches_change_the_path_but_all_examples_are_used():
    X, Y = binary_data(m=30)
    full = train(X, Y, [3, 5, 1], optimizer=GradientDescent(0.1), epochs=2, rng=rng(0))
    mini = train(X, Y, [3, 5, 1], optimizer=GradientDescent(0.1), epochs=2, mini_batch_size=7,
                 rng=rng(0))
    assert not np.allclose(full.params["W1"], mini.params["W1"])
    # one mini-batch of all m examples is the full batch (up to the order of the sums)
    one = train(X, Y, [3, 5, 1], optimizer=GradientDescent(0.1), epochs=2, mini_batch_size=30,
                rng=rng(0))
    assert_allclose(one.params["W1"], full.params["W1"], rtol=1e-12, atol=1e-14)


def test_schedule_is_called_per_epoch_and_overrides_the_rate():
    X, Y = binary_data(m=20)
    calls = []

    def constant(epoch):
        calls.append(epoch)
        return 0.05

    a = train(X, Y, [3, 4, 1], optimizer=GradientDescent(0.05), epochs=3, mini_batch_size=7,
              rng=rng(0), schedule=constant)
    b = train(X, Y, [3, 4, 1], optimizer=GradientDescent(0.05), epochs=3, mini_batch_size=7,
              rng=rng(0))
    assert calls == [0, 1, 2]
    assert_array_equal(a.params["W1"], b.params["W1"])
    decay = functools.partial(inverse_time_decay, 0.05, decay_rate=1.0)
    c = train(X, Y, [3, 4, 1], optimizer=GradientDescent(0.05), epochs=3, mini_batch_size=7,
              rng=rng(0), schedule=decay)
    assert not np.allclose(c.params["W1"], b.params["W1"])


def test_callback_sees_the_model_after_every_epoch():
    X, Y = binary_data(m=20)
    seen = []
    model = train(X, Y, [3, 4, 1], optimizer=Adam(0.01), epochs=4, rng=rng(0),
                  callback=lambda epoch, m: seen.append((epoch, m)))
    assert [e for e, _ in seen] == [0, 1, 2, 3]
    assert all(isinstance(m, Model) for _, m in seen)
    assert [m.history.cost.size for _, m in seen] == [1, 2, 3, 4]
    assert_array_equal(seen[-1][1].params["W1"], model.params["W1"])


def test_cost_decreases_with_every_optimizer_and_tanh():
    X, Y = binary_data(m=40)
    for opt in (GradientDescent(0.5), Momentum(0.5), Adam(0.02)):
        model = train(X, Y, [3, 6, 1], optimizer=opt, epochs=60, hidden_activation="tanh",
                      init="xavier", rng=rng(0))
        assert model.history.cost[-1] < 0.9 * model.history.cost[0], opt


def test_predict_and_accuracy_agree():
    X, Y = one_hot_data(m=30, C=3)
    model = train(X, Y, [3, 8, 3], optimizer=Adam(0.05), epochs=50, rng=rng(0))
    labels = predict(model, X)
    assert_allclose(accuracy(model, X, Y), np.mean(labels == Y.argmax(axis=0)), rtol=0)
    ZL, _ = forward(model.params, X)
    assert_array_equal(labels, ZL.argmax(axis=0))


# --------------------------------------------------------------------------- train_many


def _assert_model_equal(a: Model, b: Model, atol: float = 1e-10):
    assert sorted(a.params) == sorted(b.params)
    for k in a.params:
        assert_allclose(a.params[k], b.params[k], rtol=0, atol=atol, err_msg=k)
    for k in a.batchnorm_stats:
        assert_allclose(a.batchnorm_stats[k], b.batchnorm_stats[k], rtol=0, atol=atol, err_msg=k)
    for f in ("cost", "train_loss", "train_accuracy", "dev_loss", "dev_accuracy"):
        assert_allclose(getattr(a.history, f), getattr(b.history, f), rtol=0, atol=atol,
                        err_msg=f)
    assert_array_equal(a.history.epoch, b.history.epoch)
    assert a.history.dropout == b.history.dropout


@pytest.mark.parametrize("batchnorm", [False, True])
def test_train_many_equals_one_by_one_training(batchnorm):
    X, Y = one_hot_data(m=60, n_x=3, C=3, seed=2)
    X_dev, Y_dev = one_hot_data(m=15, n_x=3, C=3, seed=3)
    lambd = [0.0, 0.3, 0.0, 1.0, 0.1]
    keep_prob = [1.0, 1.0, 0.8, 0.6, 1.0]
    init = ["he", "xavier", "zeros", "random", "glorot"]  # "zeros" draws nothing from its rng
    lr = np.array([0.01, 0.02, 0.005, 0.01, 0.03])
    seeds = [10, 11, 12, 13, 14]
    common = dict(epochs=6, mini_batch_size=16, batchnorm=batchnorm, X_dev=X_dev, Y_dev=Y_dev,
                  eval_every=2)
    sweep = train_many(X, Y, [3, 6, 5, 3], optimizer=Adam(lr), rngs=[rng(s) for s in seeds],
                       data_rng=rng(99), lambd=lambd, keep_prob=keep_prob, init=init, **common)
    assert isinstance(sweep, Sweep) and len(sweep) == 5
    assert sweep.params["W2"].shape == (5, 5, 6) and sweep.history.cost.shape == (6, 5)
    for k in range(5):
        one = train(X, Y, [3, 6, 5, 3], optimizer=Adam(lr[k]), rng=rng(seeds[k]),
                    data_rng=rng(99), lambd=lambd[k], keep_prob=keep_prob[k], init=init[k],
                    **common)
        _assert_model_equal(sweep.model(k), one)
        hyper = dict(sweep.model(k).hyperparameters)
        assert repr(hyper.pop("optimizer")) == repr(Adam(lr[k]))  # model k's own optimizer
        assert hyper == {key: v for key, v in one.hyperparameters.items() if key != "optimizer"}


def test_train_many_sixteen_models_full_batch_with_schedule_equals_loop():
    X, Y = binary_data(m=24, seed=5)
    K = 16
    lambd = np.linspace(0.0, 0.5, K)
    lr0 = np.geomspace(0.01, 0.3, K)

    def per_model_decay(epoch):
        return lr0 / (1.0 + 0.5 * epoch)

    sweep = train_many(X, Y, [3, 5, 1], optimizer=GradientDescent(0.1), epochs=8,
                       rngs=[rng(s) for s in range(K)], lambd=lambd, hidden_activation="tanh",
                       init="xavier", schedule=per_model_decay)
    for k in range(K):
        one = train(X, Y, [3, 5, 1], optimizer=GradientDescent(0.1), epochs=8, rng=rng(k),
                    lambd=lambd[k], hidden_activation="tanh", init="xavier",
                    schedule=lambda e, k=k: lr0[k] / (1.0 + 0.5 * e))
        _assert_model_equal(sweep.model(k), one)


def test_sweep_api():
    X, Y = binary_data(m=20)
    sweep = train_many(X, Y, [3, 4, 1], optimizer=Adam(0.05), epochs=5,
                       rngs=[rng(s) for s in range(3)], lambd=[0.0, 0.1, 0.2])
    models = sweep.models()
    assert len(models) == 3 and [m.hyperparameters["lambd"] for m in sweep] == [0.0, 0.1, 0.2]
    _assert_model_equal(sweep.model(-1), models[2], atol=0)
    assert_array_equal(predict(sweep, X)[1], predict(models[1], X))
    acc = accuracy(sweep, X, Y)
    assert acc.shape == (3,) and acc[2] == accuracy(models[2], X, Y)
    with pytest.raises(ValueError, match="k must be <= 2"):
        sweep.model(3)
    seen = []
    train_many(X, Y, [3, 4, 1], optimizer=Adam(0.05), epochs=2, rngs=[rng(0), rng(1)],
               callback=lambda e, s: seen.append((e, type(s), s.history.cost.shape)))
    assert seen == [(0, Sweep, (1, 2)), (1, Sweep, (2, 2))]


# --------------------------------------------------------------------------- bad input


@pytest.fixture()
def good():
    X, Y = binary_data(m=10)
    return dict(X=X, Y=Y, layer_dims=[3, 4, 1], optimizer=Adam(0.01), epochs=2, rng=rng(0))


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (dict(X=np.zeros((2, 10))), "X must have layer_dims\\[0\\] = 3 rows"),
        (dict(X=np.zeros(10)), "X must be a 2-D array"),
        (dict(X=np.full((3, 10), np.nan)), "X must be finite"),
        (dict(Y=np.zeros(10)), "Y must be a 2-D array"),
        (dict(Y=np.zeros((1, 9))), "Y must have one column per example of X, 10"),
        (dict(Y=np.full((1, 10), 2.0)), "Y must hold binary labels"),
        (dict(Y=np.eye(2)[:, [0, 1] * 5]), "Y must be of shape \\(1, m\\) with 0/1 labels"),
        (dict(layer_dims=[3, 4, 2], Y=np.ones((2, 10))), "Y must be one-hot"),
        (dict(layer_dims=[3, 4, 3], Y=np.eye(2)[:, [0, 1] * 5]),
         "Y must be one-hot of shape \\(3, m\\)"),
        (dict(layer_dims=[3]), "layer_dims must have at least 2 entries"),
        (dict(layer_dims=[3, 0, 1]), "layer_dims\\[1\\] must be >= 1"),
        (dict(layer_dims="3,4,1"), "layer_dims must be a sequence"),
        (dict(optimizer="adam"), "optimizer must have init"),
        (dict(epochs=0), "epochs must be >= 1"),
        (dict(epochs=2.5), "epochs must be an integer"),
        (dict(mini_batch_size=0), "mini_batch_size must be >= 1"),
        (dict(lambd=-0.1), "lambd must be >= 0"),
        (dict(keep_prob=0.0), "keep_prob must be in \\(0, 1\\]"),
        (dict(keep_prob=1.5), "keep_prob must be in \\(0, 1\\]"),
        (dict(batchnorm="yes"), "batchnorm must be True or False"),
        (dict(init="lecunn"), "init must be one of"),
        (dict(init_scale=0.0), "init_scale must be > 0"),
        (dict(hidden_activation="sigmoid"), "hidden_activation must be one of 'relu', 'tanh'"),
        (dict(schedule=0.1), "schedule must be None or callable"),
        (dict(schedule=lambda e: -0.1), "schedule must return a learning rate >= 0"),
        (dict(callback="print"), "callback must be None or callable"),
        (dict(rng=None), "rng must be a numpy.random.Generator"),
        (dict(rng=np.random.RandomState(0)), "rng must be a numpy.random.Generator"),  # noqa: NPY002
        (dict(data_rng=0), "data_rng must be a numpy.random.Generator"),
        (dict(X_dev=np.zeros((3, 4))), "X_dev and Y_dev must be given together"),
        (dict(X_dev=np.zeros((2, 4)), Y_dev=np.zeros((1, 4))), "X_dev must have layer_dims"),
        (dict(X_dev=np.zeros((3, 4)), Y_dev=np.zeros((1, 5))),
         "Y_dev must have one column per example of X_dev"),
        (dict(bn_momentum=1.0), "bn_momentum must be in \\[0, 1\\)"),
        (dict(eval_every=0), "eval_every must be >= 1"),
    ],
)
def test_train_rejects_bad_input(good, change, match):
    with pytest.raises(ValueError, match=match):
        train(**{**good, **change})


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (dict(rngs=rng(0)), "rngs must be a non-empty sequence"),
        (dict(rngs=[]), "rngs must be a non-empty sequence"),
        (dict(rngs=[rng(0), 1]), "rngs\\[1\\] must be a numpy.random.Generator"),
        (dict(lambd=[0.1]), "lambd must have one value per model, len\\(rngs\\) = 2; got 1"),
        (dict(keep_prob=[1.0, 0.0]), "keep_prob\\[1\\] must be in \\(0, 1\\]"),
        (dict(init=["he", "nope"]), "init\\[1\\] must be one of"),
        (dict(init_scale=None), "init_scale must be one value or a sequence"),
        (dict(mini_batch_size=4), "data_rng must be given with mini_batch_size"),
        (dict(data_rng="seed"), "data_rng must be a numpy.random.Generator"),
        (dict(optimizer=Adam(np.array([0.1, 0.2, 0.3]))), "K = 3"),
    ],
)
def test_train_many_rejects_bad_input(good, change, match):
    kw = {**good, "rngs": [rng(0), rng(1)], **change}
    del kw["rng"]
    with pytest.raises(ValueError, match=match):
        train_many(**kw)


def test_network_functions_reject_bad_input():
    X, Y = binary_data(m=6)
    params = initialize_parameters([3, 4, 1], rng=rng(0))
    with pytest.raises(ValueError, match="X must have layer_dims\\[0\\] = 3 rows"):
        forward(params, X[:2])
    with pytest.raises(ValueError, match="params\\['W2'\\] must be of shape \\(n_2, 4\\)"):
        forward({**params, "W2": np.ones((1, 3))}, X)
    with pytest.raises(ValueError, match="params\\['b1'\\] must be of shape \\(4, 1\\)"):
        forward({**params, "b1": np.zeros(4)}, X)
    with pytest.raises(ValueError, match="params is missing 'W1', 'b1', 'b2'; expected keys"):
        forward({"W2": params["W2"]}, X)
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        forward(params, X, keep_prob=0.5)
    with pytest.raises(ValueError, match="keep_prob must be in"):
        forward(params, X, keep_prob=0.0, rng=rng(0))
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        forward(params, X, hidden_activation="elu")
    bn = bn_params([3, 4, 1])
    with pytest.raises(ValueError, match="batchnorm_stats\\['running_var1'\\] must be of shape"):
        forward(bn, X, batchnorm_stats={"running_mean1": np.zeros((4, 1))})
    ZL, caches = forward(params, X)
    with pytest.raises(ValueError, match="caches must be the list of LayerCache"):
        backward(ZL, Y, [("A", "W")])
    with pytest.raises(ValueError, match="ZL must be the logits of the same forward pass"):
        backward(ZL[:, :3], Y[:, :3], caches)
    with pytest.raises(ValueError, match="Y must hold binary labels"):
        backward(ZL, 2 * Y, caches)
    with pytest.raises(ValueError, match="lambd must be >= 0"):
        backward(ZL, Y, caches, lambd=-1.0)
    with pytest.raises(ValueError, match="params must be given when lambd > 0"):
        compute_cost(ZL, Y, lambd=0.1)
    with pytest.raises(ValueError, match="Y must be one-hot"):
        compute_cost(np.zeros((3, 2)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="model must be a Model"):
        predict(params, X)
    with pytest.raises(ValueError, match="W must have 2 columns"):
        linear_forward(np.ones((2, 3)), np.ones((1, 3)), np.ones((1, 1)))
    with pytest.raises(ValueError, match="b must have 1 columns"):
        linear_forward(np.ones((2, 3)), np.ones((1, 2)), np.ones((1, 3)))
    with pytest.raises(ValueError, match="A_prev must have 2 columns"):
        linear_backward(np.ones((1, 2)), np.ones((2, 3)), np.ones((1, 2)))
    with pytest.raises(ValueError, match="dA and A must have the same shape"):
        relu_backward(np.ones((2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="Z must be a 2-D array"):
        tanh(np.ones(3))
    model = train(X, Y, [3, 4, 1], optimizer=Adam(0.01), epochs=1, rng=rng(0))
    with pytest.raises(ValueError, match="Y must have one column per example of X, 6"):
        accuracy(model, X, Y[:, :5])


def test_a_params_dict_that_lost_or_misspelt_a_layer_is_refused_not_run_smaller():
    """Issue 12: without W2, a [2, 4, 1] network used to run as a 4-class softmax of layer 1."""
    X, Y = binary_data(m=6, n_x=2)
    params = initialize_parameters([2, 4, 1], rng=rng(0))
    ZL, _ = forward(params, X)
    model = train(X, Y, [2, 4, 1], optimizer=Adam(0.01), epochs=1, rng=rng(0))
    no_W2 = {k: v for k, v in params.items() if k != "W2"}
    misspelt = {("w2" if k == "W2" else k): v for k, v in params.items()}
    extra = {**params, "W3": np.ones((1, 1))}
    cases = [  # (params, what forward and compute_cost say, what predict says of model.params)
        (no_W2, "is missing 'W2'; expected keys 'W1', 'b1', 'W2', 'b2'", None),
        (misspelt, r"is missing 'W2'; has unexpected 'w2' \(did you mean 'W2'\?\)", None),
        (extra, "is missing 'b3'", "has unexpected 'W3'"),  # a third layer, half there
        ({**params, "zz": params["b1"]}, "has unexpected 'zz'", None),
    ]
    for bad, match, model_match in cases:
        with pytest.raises(ValueError, match="params " + match):
            forward(bad, X)
        with pytest.raises(ValueError, match="params " + match):
            compute_cost(ZL, Y, bad, lambd=0.1)
        with pytest.raises(ValueError, match="model.params " + (model_match or match)):
            predict(model._replace(params=bad), X)
        with pytest.raises(ValueError, match="model.params " + (model_match or match)):
            accuracy(model._replace(params=bad), X, Y)
    # backward takes no params: its caches come from a checked forward, and must match ZL
    ZL, caches = forward(params, X)
    with pytest.raises(ValueError, match="ZL must be the logits of the same forward pass"):
        backward(ZL, Y, forward({**params, "W2": np.ones((3, 4)), "b2": np.zeros((3, 1))},
                                X)[1])
    with pytest.raises(ValueError, match=r"model.params\['W2'\] must be of shape \(1, 4\)"):
        predict(model._replace(params={**model.params, "W2": np.ones((2, 4))}), X)
    with pytest.raises(TypeError, match="model must be a Model returned by train"):
        predict(Model, X)


def test_compute_cost_and_linear_backward_give_clear_errors():
    ZL, Y = np.zeros((1, 4)), np.array([[1.0, 0.0, 1.0, 0.0]])
    with pytest.raises(ValueError, match="params is missing 'W1'") as info:  # was an IndexError
        compute_cost(ZL, Y, {"b1": np.zeros((1, 1))}, lambd=0.1)
    assert not isinstance(info.value, IndexError)
    strings = {"W1": np.ones((1, 2)).astype(str), "b1": np.zeros((1, 1))}
    with pytest.raises(TypeError, match=r"params\['W1'\] must hold numbers"):  # was numpy's
        compute_cost(ZL, Y, strings, lambd=0.1)
    with pytest.raises(ValueError, match=r"ZL has 1 rows, params\['W1'\] 2"):
        compute_cost(ZL, Y, {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1))}, lambd=0.1)
    with pytest.raises(ValueError, match=r"dZ must have at least one unit .* shape \(1, 0\)"):
        linear_backward(np.empty((1, 0)), np.ones((2, 3)), np.ones((1, 2)))


# --------------------------------------------------------------------------- cost_function


def test_cost_function_is_compute_cost_of_forward_and_its_gradients_are_backward():
    X, Y = one_hot_data(m=7, C=3, seed=4)
    for params, kw in [
        (with_random_biases(initialize_parameters([3, 5, 4, 3], "xavier", rng=rng(4))),
         dict(hidden_activation="tanh", lambd=0.4)),
        (bn_params([3, 4, 3, 3], seed=6), dict(hidden_activation="relu", lambd=0.2)),
        (with_random_biases(initialize_parameters([3, 6, 3], "he", rng=rng(5))),
         dict(hidden_activation="relu", keep_prob=0.6)),
    ]:
        J = cost_function(X, Y, **kw, rng=rng(9))
        assert isinstance(J, NetworkCost)
        ZL, caches = forward(params, X, hidden_activation=kw["hidden_activation"],
                             keep_prob=kw.get("keep_prob", 1.0), rng=rng(9))
        lambd = kw.get("lambd", 0.0)
        # the same generator state, so the same dropout mask as this forward pass
        assert_allclose(J(params), compute_cost(ZL, Y, params, lambd=lambd), rtol=1e-14, atol=0)
        grads = cost_function(X, Y, **kw, rng=rng(9)).gradients(params)
        expected = backward(ZL, Y, caches, lambd=lambd)
        assert sorted(grads) == sorted(expected) == sorted("d" + k for k in params)
        for k in grads:
            assert_allclose(grads[k], expected[k], rtol=1e-14, atol=1e-16, err_msg=k)


def test_gradcheck_with_dropout_on_fails_and_with_it_off_passes():
    # the course: "turn off dropout, grad-check, then turn dropout back on"
    X, Y = binary_data(m=8, seed=6)
    assert X.dtype == np.float64 and X.shape[1] >= 4
    params = with_random_biases(initialize_parameters([3, 6, 5, 1], "xavier", rng=rng(6)))
    off = cost_function(X, Y, hidden_activation="tanh", lambd=0.3)
    res_off = check_gradients(off, params, off.gradients(params))
    assert res_off.difference < GRAD_TOL, res_off
    on = cost_function(X, Y, hidden_activation="tanh", lambd=0.3, keep_prob=0.7, rng=rng(7))
    res_on = check_gradients(on, params, on.gradients(params))
    assert res_on.difference > 1e-3, res_on


def test_cost_function_draws_a_new_mask_at_every_call():
    X, Y = binary_data(m=10)
    params = initialize_parameters([3, 8, 1], "xavier", rng=rng(0))
    r = rng(1)
    J = cost_function(X, Y, keep_prob=0.5, rng=r)
    costs = [J(params) for _ in range(3)]
    assert len(set(costs)) == 3
    # the generator is the caller's: it has moved on by three masks of shape (8, 10)
    fresh = rng(1)
    fresh.random((3, 8, 10))
    assert r.random() == fresh.random()
    # without dropout the cost is a function: nothing is drawn
    r = rng(1)
    J = cost_function(X, Y, rng=r)
    assert J(params) == J(params)
    assert r.random() == rng(1).random()


def test_cost_function_does_not_mutate_its_inputs():
    X, Y = binary_data(m=6)
    params = bn_params([3, 4, 1], seed=2)
    copies = {k: v.copy() for k, v in params.items()}
    X0, Y0 = X.copy(), Y.copy()
    J = cost_function(X, Y, lambd=0.5, keep_prob=0.8, rng=rng(0))
    J(params)
    J.gradients(params)
    check_gradients(cost_function(X, Y, hidden_activation="tanh"), params,
                    cost_function(X, Y, hidden_activation="tanh").gradients(params))
    for k in params:
        assert_array_equal(params[k], copies[k])
    assert_array_equal(X, X0)
    assert_array_equal(Y, Y0)


def test_cost_function_rejects_bad_input():
    X, Y = binary_data(m=6)
    params = initialize_parameters([3, 4, 1], rng=rng(0))
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        cost_function(X[0], Y)
    with pytest.raises(ValueError, match="Y must have one column per example of X, 6"):
        cost_function(X, Y[:, :5])
    with pytest.raises(ValueError, match="Y must hold binary labels"):
        cost_function(X, 2 * Y)
    with pytest.raises(ValueError, match="Y must be one-hot"):
        cost_function(X, np.ones((3, 6)))
    with pytest.raises(ValueError, match="lambd must be >= 0"):
        cost_function(X, Y, lambd=-0.1)
    with pytest.raises(ValueError, match="keep_prob must be in \\(0, 1\\]"):
        cost_function(X, Y, keep_prob=0.0, rng=rng(0))
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        cost_function(X, Y, keep_prob=0.5)
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        cost_function(X, Y, rng=0)
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        cost_function(X, Y, hidden_activation="sigmoid")
    J = cost_function(X[:2], Y)
    with pytest.raises(ValueError, match="params\\['W1'\\] must have one column per row .* 2"):
        J(params)
    J = cost_function(X, np.eye(2)[:, [0, 1] * 3])
    with pytest.raises(ValueError, match="params\\['W2'\\] must have one row per row of Y, 2"):
        J.gradients(params)
    with pytest.raises(ValueError, match="params is missing 'W1'"):
        cost_function(X, Y)({"b1": params["b1"]})


# --------------------------------------------------------------------------- sweep_objective


def _sweep_problem():
    X, Y = binary_data(m=24, seed=5)
    X_dev, Y_dev = binary_data(m=10, seed=6)
    return X, Y, X_dev, Y_dev


def test_sweep_objective_equals_train_many_with_copied_generators():
    X, Y, X_dev, Y_dev = _sweep_problem()
    lr = np.array([0.01, 0.05, 0.2, 0.02])
    eps = np.array([1e-8, 1e-4, 1e-6, 1e-2])
    lambd = np.array([0.0, 0.1, 0.5, 0.2])
    kw = dict(epochs=4, mini_batch_size=8, keep_prob=0.8, hidden_activation="tanh",
              init="xavier")
    objective = sweep_objective(X, Y, X_dev, Y_dev, [3, 5, 4, 1], optimizer=Adam(beta2=0.99),
                                rng=rng(3), **kw)
    assert isinstance(objective, SweepObjective)
    errors = objective(learning_rate=lr, epsilon=eps, lambd=lambd)

    # what the week-3 notebook did by hand
    init_rng, data_rng = rng(3).spawn(2)
    direct = train_many(X, Y, [3, 5, 4, 1], optimizer=Adam(lr, beta2=0.99, epsilon=eps),
                        rngs=[copy.deepcopy(init_rng) for _ in range(4)],
                        data_rng=copy.deepcopy(data_rng), lambd=list(lambd), eval_every=4, **kw)
    assert errors.shape == (4,)
    assert_array_equal(errors, 1.0 - accuracy(direct, X_dev, Y_dev))
    sweep = objective.sweep(learning_rate=lr, epsilon=eps, lambd=lambd)
    for k in direct.params:
        assert_array_equal(sweep.params[k], direct.params[k], err_msg=k)
    assert_array_equal(sweep.history.cost, direct.history.cost)
    # deterministic: a second call trains the same networks
    assert_array_equal(objective(learning_rate=lr, epsilon=eps, lambd=lambd), errors)
    # one trial at a time gives the same numbers, as a float
    for k in range(4):
        one = objective(learning_rate=lr[k], epsilon=eps[k], lambd=lambd[k])
        assert isinstance(one, float) and one == errors[k]


def test_sweep_objective_with_the_searches_of_dlnotes_tuning():
    X, Y, X_dev, Y_dev = _sweep_problem()
    objective = sweep_objective(X, Y, X_dev, Y_dev, [3, 5, 1], optimizer=Adam(), epochs=5,
                                rng=rng(0))
    space = {"alpha": Dimension(1e-3, 1.0, "log"), "keep_prob": Dimension(0.5, 1.0)}
    calls = []

    def counted(**hyper):
        calls.append({k: np.shape(v) for k, v in hyper.items()})
        return objective(**hyper)

    trials = random_search(counted, space, 6, rng=rng(1), batched=True)
    assert calls == [{"alpha": (6,), "keep_prob": (6,)}]  # one train_many for all 6 trials
    assert trials.scores.shape == (6,) and np.all((trials.scores >= 0) & (trials.scores <= 1))
    expected = objective(learning_rate=trials.params["alpha"], keep_prob=trials.params["keep_prob"])
    assert_array_equal(trials.scores, expected)
    one_by_one = random_search(objective, space, 6, rng=rng(1))
    assert_array_equal(one_by_one.scores, trials.scores)
    grid = grid_search(objective, space, 2, batched=True)
    assert grid.scores.shape == (4,)
    c2f = coarse_to_fine(objective, space, 4, 2, rng=rng(2), batched=True)
    assert c2f.scores.shape == (8,) and np.all(np.isfinite(c2f.scores))


def test_sweep_objective_same_init_or_not():
    X, Y, X_dev, Y_dev = _sweep_problem()
    kw = dict(optimizer=GradientDescent(0.1), epochs=2)
    same = sweep_objective(X, Y, X_dev, Y_dev, [3, 5, 1], rng=rng(0), **kw)
    own = sweep_objective(X, Y, X_dev, Y_dev, [3, 5, 1], rng=rng(0), same_init=False, **kw)
    lr = np.array([0.1, 0.1, 0.1])
    a, b = same.sweep(learning_rate=lr), own.sweep(learning_rate=lr)
    for k in range(1, 3):  # identical trials: identical networks only with the same init
        assert_array_equal(a.params["W1"][k], a.params["W1"][0])
        assert not np.allclose(b.params["W1"][k], b.params["W1"][0])
    # same_init=False: every call draws new initial weights
    assert not np.allclose(own.sweep(learning_rate=lr).params["W1"], b.params["W1"])
    assert_array_equal(same.sweep(learning_rate=lr).params["W1"], a.params["W1"])


def test_sweep_objective_names_and_the_alpha_alias():
    X, Y, X_dev, Y_dev = _sweep_problem()
    objective = sweep_objective(X, Y, X_dev, Y_dev, [3, 4, 1], optimizer=Momentum(0.1),
                                epochs=2, rng=rng(0))
    assert set(objective.names) == {"learning_rate", "beta", "alpha", "lambd", "keep_prob"}
    lr, beta = np.array([0.05, 0.3]), np.array([0.5, 0.9])
    assert_array_equal(objective.sweep(alpha=lr, beta=beta).params["W1"],
                       objective.sweep(learning_rate=lr, beta=beta).params["W1"])
    assert objective.sweep(alpha=lr).hyperparameters["optimizer"].beta == 0.9  # the default


@pytest.mark.parametrize(
    ("hyper", "match"),
    [
        (dict(), "needs at least one hyperparameter"),
        (dict(alhpa=[0.1]), "alhpa is not a hyperparameter of this objective"),
        (dict(beta=[0.9]), "beta is not a hyperparameter"),  # Adam has beta1 and beta2
        (dict(alpha=[0.1], learning_rate=[0.1]), "alpha and learning_rate are the same hyper"),
        (dict(alpha=[0.1, 0.2], epsilon=[1e-8]), "all 1-D arrays of the same length K"),
        (dict(alpha=0.1, epsilon=[1e-8]), "all numbers \\(one trial\\) or all 1-D arrays"),
        (dict(alpha=[[0.1, 0.2]]), "alpha must be a number or a non-empty 1-D array"),
        (dict(alpha=[]), "alpha must be a number or a non-empty 1-D array"),
        (dict(alpha=["fast"]), "alpha must hold numbers"),
        (dict(alpha=[0.1, -0.1]), "learning_rate must be > 0 for every model"),
        (dict(lambd=[0.1, -1.0]), "lambd\\[1\\] must be >= 0"),
        (dict(keep_prob=[0.0]), "keep_prob\\[0\\] must be in \\(0, 1\\]"),
    ],
)
def test_sweep_objective_rejects_bad_hyperparameters(hyper, match):
    X, Y, X_dev, Y_dev = _sweep_problem()
    objective = sweep_objective(X, Y, X_dev, Y_dev, [3, 4, 1], optimizer=Adam(), epochs=1,
                                rng=rng(0))
    with pytest.raises(ValueError, match=match):
        objective(**hyper)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (dict(X_dev=None, Y_dev=None), "X_dev and Y_dev must be given"),
        (dict(Y_dev=None), "X_dev and Y_dev must be given together"),
        (dict(X_dev=np.zeros((2, 4)), Y_dev=np.zeros((1, 4))), "X_dev must have layer_dims"),
        (dict(optimizer="adam"), "optimizer must have init"),
        (dict(optimizer=Adam), r"optimizer must be an instance, .* pass Adam\(learning_rate"),
        (dict(optimizer=Adam(np.array([0.1, 0.2]))), "optimizer must hold single numbers"),
        (dict(epochs=0), "epochs must be >= 1"),
        (dict(lambd=-1.0), "lambd must be >= 0"),
        (dict(keep_prob=2.0), "keep_prob must be in"),
        (dict(init="lecunn"), "init must be one of"),
        (dict(same_init="yes"), "same_init must be True or False"),
        (dict(rng=None), "rng must be a numpy.random.Generator"),
    ],
)
def test_sweep_objective_rejects_bad_input(change, match):
    X, Y, X_dev, Y_dev = _sweep_problem()
    kw = dict(X=X, Y=Y, X_dev=X_dev, Y_dev=Y_dev, layer_dims=[3, 4, 1], optimizer=Adam(),
              epochs=1, rng=rng(0))
    with pytest.raises(ValueError, match=match):
        sweep_objective(**{**kw, **change})
