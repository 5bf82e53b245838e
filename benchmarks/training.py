"""Training speed: dlnotes.nn against the course assignment's loop, and a batched sweep.

The problem is course-sized: ``layer_dims = [2, 20, 7, 1]`` (ReLU, ReLU, sigmoid) on 300
examples of :func:`dlnotes.datasets.make_moons`, full-batch gradient descent.

- ``course loop``: the "Deep Neural Network - Application" assignment written out below
  (``parameters['W' + str(l)]``, a list of caches, ``relu``/``sigmoid`` and their
  ``*_backward``, ``np.dot``, ``dAL = -(Y/AL - (1-Y)/(1-AL))``), started from the very same
  initial weights as :func:`dlnotes.nn.train`, so the two must end at the same parameters;
- ``dlnotes.nn.train``: as a notebook calls it (its per-epoch cost and its ~100 evaluations
  of the training loss and accuracy included);
- the sweep: 32 learning rates trained one after the other with ``train``, against
  :func:`dlnotes.sweeps.train_many` training the 32 stacked; they too must agree.
"""

from __future__ import annotations

import numpy as np

from dlnotes.datasets import make_moons
from dlnotes.initialization import initialize_parameters
from dlnotes.nn import train
from dlnotes.optim import Adam, GradientDescent
from dlnotes.sweeps import train_many

from .common import Section, median, timings

LAYER_DIMS = [2, 20, 7, 1]
LEARNING_RATE = 0.1


# --------------------------------------------------------------------------- the course's loop


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def relu(Z):
    A = np.maximum(0, Z)
    return A, Z


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):  # noqa: N802 - the assignment's name
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):  # noqa: E741
        A_prev = A
        A, cache = linear_activation_forward(
            A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(
        A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def sigmoid_backward(dA, cache):
    Z = cache
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):  # noqa: N802 - the assignment's name
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current_cache = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = (
        linear_activation_backward(dAL, current_cache, "sigmoid"))
    for l in reversed(range(L - 1)):  # noqa: E741
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads


def update_parameters(params, grads, learning_rate):
    parameters = params.copy()
    L = len(parameters) // 2
    for l in range(L):  # noqa: E741
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads[
            "dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads[
            "db" + str(l + 1)]
    return parameters


def L_layer_model(X, Y, parameters, learning_rate, num_iterations):  # noqa: N802
    """The assignment's training loop, from given initial ``parameters``."""
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0 or i == num_iterations - 1:
            costs.append(cost)
    return parameters, costs


def initial_parameters(seed: int) -> dict[str, np.ndarray]:
    """The weights ``train(..., rng=default_rng(seed))`` starts from (He initialization)."""
    rng = np.random.default_rng(seed)
    rng.spawn(1)  # train takes its data_rng first; spawning draws nothing
    return initialize_parameters(LAYER_DIMS, "he", rng=rng)


def _max_diff(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    return max(float(np.max(np.abs(np.asarray(a[k]) - np.asarray(b[k])))) for k in a)


# --------------------------------------------------------------------------- the section


def run(
    *, iterations: int = 2000, sweep_iterations: int = 500, models: int = 32, m: int = 300,
    repeats: int = 3, minibatch_epochs: int = 100, mini_batch_size: int = 64,
) -> Section:
    X, Y = make_moons(m, rng=np.random.default_rng(0))
    seed = 1

    def course() -> tuple:
        return L_layer_model(X, Y, initial_parameters(seed), LEARNING_RATE, iterations)

    def dlnotes() -> object:
        return train(X, Y, LAYER_DIMS, optimizer=GradientDescent(LEARNING_RATE),
                     epochs=iterations, rng=np.random.default_rng(seed))

    rates = np.geomspace(0.01, 0.5, models)

    def one_by_one() -> list:
        return [train(X, Y, LAYER_DIMS, optimizer=GradientDescent(float(rate)),
                      epochs=sweep_iterations, rng=np.random.default_rng(k))
                for k, rate in enumerate(rates)]

    def batched() -> object:
        return train_many(X, Y, LAYER_DIMS, optimizer=GradientDescent(rates),
                          epochs=sweep_iterations,
                          rngs=[np.random.default_rng(k) for k in range(models)])

    def one_by_one_minibatch() -> list:
        return [train(X, Y, LAYER_DIMS, optimizer=Adam(float(rate) / 10),
                      epochs=minibatch_epochs, mini_batch_size=mini_batch_size,
                      rng=np.random.default_rng(k), data_rng=np.random.default_rng(99))
                for k, rate in enumerate(rates)]

    def batched_minibatch() -> object:
        return train_many(X, Y, LAYER_DIMS, optimizer=Adam(rates / 10), epochs=minibatch_epochs,
                          mini_batch_size=mini_batch_size,
                          rngs=[np.random.default_rng(k) for k in range(models)],
                          data_rng=np.random.default_rng(99))

    single = {k: median(v) for k, v in
              timings({"course": course, "dlnotes": dlnotes}, repeats=repeats).items()}
    sweep = {k: median(v) for k, v in
             timings({"loop": one_by_one, "batched": batched}, repeats=repeats, warmup=0).items()}
    mini = {k: median(v) for k, v in
            timings({"loop": one_by_one_minibatch, "batched": batched_minibatch},
                    repeats=repeats, warmup=0).items()}

    section = Section(
        f"Training: {LAYER_DIMS} on {m} examples (full-batch gradient descent; last two rows: "
        f"Adam, mini-batches of {mini_batch_size})",
        ["run", "models x iterations", "median s", "model-iterations/s", "ratio"],
    )
    section.add("course-assignment loop (reference)", f"1 x {iterations}",
                f"{single['course']:.3f}", f"{iterations / single['course']:,.0f}", "1.00x")
    section.add("dlnotes.nn.train", f"1 x {iterations}", f"{single['dlnotes']:.3f}",
                f"{iterations / single['dlnotes']:,.0f}",
                f"{single['course'] / single['dlnotes']:.2f}x the course loop")
    n = models * sweep_iterations
    section.add(f"{models} x train, one by one (reference)", f"{models} x {sweep_iterations}",
                f"{sweep['loop']:.3f}", f"{n / sweep['loop']:,.0f}", "1.00x")
    section.add(f"train_many, {models} stacked", f"{models} x {sweep_iterations}",
                f"{sweep['batched']:.3f}", f"{n / sweep['batched']:,.0f}",
                f"{sweep['loop'] / sweep['batched']:.2f}x the loop")
    steps = models * minibatch_epochs * -(-m // mini_batch_size)
    section.add(f"{models} x train, one by one, mini-batches (reference)",
                f"{models} x {steps // models}", f"{mini['loop']:.3f}",
                f"{steps / mini['loop']:,.0f}", "1.00x")
    section.add(f"train_many, {models} stacked, mini-batches", f"{models} x {steps // models}",
                f"{mini['batched']:.3f}", f"{steps / mini['batched']:,.0f}",
                f"{mini['loop'] / mini['batched']:.2f}x the loop")

    ref_params, _ = course()
    mine = dlnotes()
    diff_single = _max_diff(mine.params, ref_params)
    loop, many = one_by_one(), batched()
    diff_sweep = max(_max_diff(many.model(k).params, loop[k].params) for k in range(models))
    loop_mb, many_mb = one_by_one_minibatch(), batched_minibatch()
    diff_minibatch = max(_max_diff(many_mb.model(k).params, loop_mb[k].params)
                         for k in range(models))
    section.notes += [
        f"same start, same result: max |train - course loop| over the final parameters = "
        f"{diff_single:.1e}",
        f"batched = one by one: max |train_many.model(k) - train(k)| over all parameters of "
        f"the {models} models = {diff_sweep:.1e} (learning rates {rates[0]:g} to {rates[-1]:g})",
        f"the same with Adam and mini-batches (shared shuffles, per-model initial weights): "
        f"{diff_minibatch:.1e}",
        "ratio > 1 is faster than the reference; train also records the training loss and "
        "accuracy about 100 times per run, the course loop only its cost every 100 iterations",
    ]
    section.data.update(single=single, sweep=sweep, mini=mini, diff_single=diff_single,
                        diff_sweep=diff_sweep, diff_minibatch=diff_minibatch)
    return section
