"""Learners' code for the checker tests: right answers (several per function) and mutants.

Written the way a learner writes the assignments: loops over ``L = len(parameters) // 2``,
``str(l)`` keys, and numpy's legacy global random API (``np.random.seed``, ``np.random.randn``,
``np.random.rand``), which ruff's NPY002 objects to; that is the point, hence the noqa marks.

Only names that the exercise notebooks import are used (``np`` and the assignment helpers in
``dlnotes.check.helpers``), because ``test_check_notebooks.py`` splices the bodies of the first
right answer and of every mutant into the notebooks' "your turn" cells and runs them there.

``SOLUTIONS[name]``: right answers, the first one in the assignment's own style.
``MUTANTS[id]``: ``(name, function)`` pairs, each making exactly the catalogued mistake ``id``.
"""
# ruff: noqa: E741, N803, N806

from __future__ import annotations

import numpy as np

from dlnotes.check.helpers import (
    compute_cost,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    relu,
    sigmoid,
    vector_to_dictionary,
)

# =========================================================================== week 1


def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10  # noqa: NPY002
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2.0 / layers_dims[l - 1])  # noqa: NPY002, E501
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he_normal(layers_dims):
    # np.random.normal with the std as scale, no seed at all
    return {
        key: value
        for l in range(1, len(layers_dims))
        for key, value in (
            (f"W{l}", np.random.normal(0.0, np.sqrt(2 / layers_dims[l - 1]), size=(layers_dims[l], layers_dims[l - 1]))),  # noqa: NPY002, E501
            (f"b{l}", np.zeros((layers_dims[l], 1))),
        )
    }


def initialize_parameters_he_generator(layers_dims):
    rng = np.random.default_rng(12345)
    parameters = {}
    for l in range(1, len(layers_dims)):
        std = (2 / layers_dims[l - 1]) ** 0.5
        parameters[f"W{l}"] = std * rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros(shape=(layers_dims[l], 1))
    return parameters


def initialize_parameters_random_normal(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W%d" % l] = np.random.normal(scale=10.0, size=(layers_dims[l], layers_dims[l - 1]))  # noqa: NPY002, E501, UP031
        parameters["b%d" % l] = np.zeros((layers_dims[l], 1))  # noqa: UP031
    return parameters


def initialize_parameters_zeros_like(layers_dims):
    return {k: np.zeros(s) for l in range(1, len(layers_dims))
            for k, s in ((f"W{l}", (layers_dims[l], layers_dims[l - 1])),
                         (f"b{l}", (layers_dims[l], 1)))}


def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = (1 / m) * (lambd / 2) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))  # noqa: E501
    cost = cross_entropy_cost + L2_regularization_cost
    return cost


def compute_cost_with_regularization_loop(A3, Y, parameters, lambd):
    m = A3.shape[1]
    norms = sum(np.linalg.norm(W, "fro") ** 2 for k, W in parameters.items() if k[0] == "W")
    return compute_cost(A3, Y) + lambd / (2 * m) * norms


def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def backward_propagation_with_regularization_loop(X, Y, cache, lambd):
    # a loop over the layers, Z > 0 for the ReLU derivative, only dW/db returned
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    A = {0: X, 1: A1, 2: A2}
    W = {1: W1, 2: W2, 3: W3}
    Z = {1: Z1, 2: Z2}
    grads = {}
    dZ = A3 - Y
    for l in (3, 2, 1):
        grads[f"dW{l}"] = dZ @ A[l - 1].T / m + lambd * W[l] / m
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dZ = (W[l].T @ dZ) * (Z[l - 1] > 0)
    return grads


def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    np.random.seed(1)  # noqa: NPY002
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1])  # noqa: NPY002
    D1 = (D1 < keep_prob).astype(int)
    A1 = A1 * D1
    A1 = A1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1])  # noqa: NPY002
    D2 = (D2 < keep_prob).astype(int)
    A2 = A2 * D2
    A2 = A2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


def forward_propagation_with_dropout_binomial(X, parameters, keep_prob=0.5):
    # np.random.binomial masks, booleans kept as booleans, no seed
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = np.random.binomial(1, keep_prob, size=Z1.shape).astype(bool)  # noqa: NPY002
    A1 = np.where(D1, relu(Z1) / keep_prob, 0.0)
    Z2 = W2 @ A1 + b2
    D2 = np.random.binomial(1, keep_prob, size=Z2.shape) == 1  # noqa: NPY002
    A2 = np.where(D2, relu(Z2) / keep_prob, 0.0)
    Z3 = W3 @ A2 + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def forward_propagation_with_dropout_generator(X, parameters, keep_prob=0.5):
    rng = np.random.default_rng()
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    D1 = (rng.random(Z1.shape) < keep_prob) * 1.0
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    D2 = (rng.random(Z2.shape) < keep_prob) * 1.0
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = dA2 * D2
    dA2 = dA2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = dA1 * D1
    dA1 = dA1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients


def backward_propagation_with_dropout_inplace(X, Y, cache, keep_prob):
    # in-place operations on arrays that come out of the cache (fresh copies: allowed)
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    m = X.shape[1]
    dZ3 = A3
    dZ3 -= Y
    dA2 = W3.T @ dZ3
    dA2 *= D2 / keep_prob
    dZ2 = dA2 * (Z2 > 0)
    dA1 = W2.T @ dZ2
    dA1 *= D1 / keep_prob
    dZ1 = dA1 * (Z1 > 0)
    return {"dW3": dZ3 @ A2.T / m, "db3": dZ3.mean(axis=1, keepdims=True),
            "dW2": dZ2 @ A1.T / m, "db2": dZ2.mean(axis=1, keepdims=True),
            "dW1": dZ1 @ X.T / m, "db1": dZ1.mean(axis=1, keepdims=True)}


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False,
                     forward_propagation_n=forward_propagation_n):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference = " + str(difference))
        else:
            print("Your backward propagation works perfectly fine! difference = " + str(difference))
    return difference


def gradient_check_n_flat(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False,
                          forward_propagation_n=forward_propagation_n):
    theta = dictionary_to_vector(parameters)[0].ravel()
    grad = gradients_to_vector(gradients).ravel()
    approx = np.empty_like(theta)
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = epsilon
        plus = forward_propagation_n(X, Y, vector_to_dictionary(theta + e))[0]
        minus = forward_propagation_n(X, Y, vector_to_dictionary(theta - e))[0]
        approx[i] = (plus - minus) / (2 * epsilon)
    print("difference computed")  # prints are swallowed by the checker
    return np.array(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))


# =========================================================================== week 2


def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters


def update_parameters_with_gd_new_dict(parameters, grads, learning_rate):
    return {k: W - learning_rate * grads["d" + k] for k, W in parameters.items()}


def update_parameters_with_gd_inplace(parameters, grads, learning_rate):
    for k in parameters:
        parameters[k] -= learning_rate * grads["d" + k]
    return parameters


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)  # noqa: NPY002
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))  # noqa: NPY002
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    inc = mini_batch_size
    num_complete_minibatches = int(np.floor(m / mini_batch_size))
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, int(m / mini_batch_size) * inc:]
        mini_batch_Y = shuffled_Y[:, int(m / mini_batch_size) * inc:]
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    return mini_batches


def random_mini_batches_generator(X, Y, mini_batch_size=64, seed=0):
    # a Generator instead of the global seed, a range step, lists instead of tuples
    perm = np.random.default_rng(seed).permutation(X.shape[1])
    Xs, Ys = X[:, perm], Y[:, perm]
    return [[Xs[:, k:k + mini_batch_size], Ys[:, k:k + mini_batch_size]]
            for k in range(0, X.shape[1], mini_batch_size)]


def random_mini_batches_shuffle_indices(X, Y, mini_batch_size=64, seed=0):
    idx = np.arange(X.shape[1])
    np.random.shuffle(idx)  # noqa: NPY002 - no seed: the checker must not care
    n = int(np.ceil(X.shape[1] / mini_batch_size))
    return [(X[:, part], Y[:, part]) for part in np.array_split(idx, np.arange(1, n) * mini_batch_size)]  # noqa: E501


def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v


def initialize_velocity_comprehension(parameters):
    return {"d" + k: np.zeros_like(p) for k, p in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v


def update_parameters_with_momentum_new_dicts(parameters, grads, v, beta, learning_rate):
    v_new = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
    return {k: p - learning_rate * v_new["d" + k] for k, p in parameters.items()}, v_new


def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s


def initialize_adam_comprehension(parameters):
    v = {"d" + k: np.zeros_like(p) for k, p in parameters.items()}
    return v, {k: z.copy() for k, z in v.items()}


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads["dW" + str(l)]
        v["db" + str(l)] = beta1 * v["db" + str(l)] + (1 - beta1) * grads["db" + str(l)]
        v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - beta1 ** t)
        v_corrected["db" + str(l)] = v["db" + str(l)] / (1 - beta1 ** t)
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads["dW" + str(l)])
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.square(grads["db" + str(l)])
        s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - beta2 ** t)
        s_corrected["db" + str(l)] = s["db" + str(l)] / (1 - beta2 ** t)
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected["dW" + str(l)] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)  # noqa: E501
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_corrected["db" + str(l)] / (np.sqrt(s_corrected["db" + str(l)]) + epsilon)  # noqa: E501
    return parameters, v, s, v_corrected, s_corrected


def update_parameters_with_adam_3(parameters, grads, v, s, t, learning_rate=0.01,
                                  beta1=0.9, beta2=0.999, epsilon=1e-8):
    # the older 3-value return, new dicts, the step folded into one factor
    v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
    s = {k: beta2 * s[k] + (1 - beta2) * grads[k] ** 2 for k in s}
    new = {}
    for k, p in parameters.items():
        v_hat = v["d" + k] / (1 - beta1**t)
        s_hat = s["d" + k] / (1 - beta2**t)
        new[k] = p - learning_rate * v_hat / (s_hat**0.5 + epsilon)
    return new, v, s


def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = 1 / (1 + decay_rate * epoch_num) * learning_rate0
    return learning_rate


def update_lr_array(learning_rate0, epoch_num, decay_rate):
    return np.array([[learning_rate0 / (1.0 + decay_rate * epoch_num)]])


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = 1 / (1 + decay_rate * np.floor(epoch_num / time_interval)) * learning_rate0
    return learning_rate


def schedule_lr_decay_intdiv(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))


# =========================================================================== beyond


def bias_corrected_ewa(theta, beta):
    v = 0
    v_hat = []
    for t in range(1, len(theta) + 1):
        v = beta * v + (1 - beta) * theta[t - 1]
        v_hat.append(v / (1 - beta ** t))
    return v_hat


def bias_corrected_ewa_vectorized(theta, beta):
    theta = np.asarray(theta, dtype=float)
    t = np.arange(1, theta.size + 1)
    weights = (1 - beta) * beta ** (t[:, None] - t[None, :]) * (t[:, None] >= t[None, :])
    return (weights @ theta) / (1 - beta**t)


def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        s["dW" + str(l)] = beta * s["dW" + str(l)] + (1 - beta) * np.square(grads["dW" + str(l)])
        s["db" + str(l)] = beta * s["db" + str(l)] + (1 - beta) * np.square(grads["db" + str(l)])
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)] / (np.sqrt(s["dW" + str(l)]) + epsilon)  # noqa: E501
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)] / (np.sqrt(s["db" + str(l)]) + epsilon)  # noqa: E501
    return parameters, s


def update_parameters_with_rmsprop_new(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    s = {k: beta * s[k] + (1 - beta) * grads[k] * grads[k] for k in s}
    return {k: p - learning_rate * grads["d" + k] / (s["d" + k] ** 0.5 + epsilon)
            for k, p in parameters.items()}, s


def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    Z_tilde = gamma * Z_norm + beta
    return Z_tilde


def batchnorm_forward_with_cache(Z, gamma, beta, epsilon=1e-5):
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - Z.mean(axis=1, keepdims=True)) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta, (Z_norm, gamma, var, epsilon)


def batchnorm_backward(dZ_tilde, Z, gamma, epsilon=1e-5):
    m = Z.shape[1]
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dZ = gamma / (m * np.sqrt(var + epsilon)) * (m * dZ_tilde - dbeta - Z_norm * dgamma)
    return dZ, dgamma, dbeta


def batchnorm_backward_staged(dZ_tilde, Z, gamma, epsilon=1e-5):
    # one line per node of the computational graph (CS231n style)
    m = Z.shape[1]
    mu = Z.mean(axis=1, keepdims=True)
    Zc = Z - mu
    var = (Zc**2).mean(axis=1, keepdims=True)
    inv = 1 / np.sqrt(var + epsilon)
    Z_norm = Zc * inv
    dZ_norm = dZ_tilde * gamma
    dvar = np.sum(dZ_norm * Zc * -0.5 * inv**3, axis=1, keepdims=True)
    dmu = np.sum(-dZ_norm * inv, axis=1, keepdims=True) + dvar * np.mean(-2 * Zc, axis=1, keepdims=True)  # noqa: E501
    dZ = dZ_norm * inv + dvar * 2 * Zc / m + dmu / m
    return dZ, np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True), dZ_tilde.sum(axis=1, keepdims=True)  # noqa: E501


def softmax(Z):
    t = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    A = t / np.sum(t, axis=0, keepdims=True)
    return A


def softmax_global_shift(Z):
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=0)


def cross_entropy_cost(Y_hat, Y):
    m = Y.shape[1]
    cost = -1 / m * np.sum(Y * np.log(Y_hat))
    return cost


def cross_entropy_cost_per_example(Y_hat, Y):
    return float(np.mean(-np.log(np.sum(Y * Y_hat, axis=0))))


SOLUTIONS = {
    "initialize_parameters_zeros": [initialize_parameters_zeros, initialize_parameters_zeros_like],
    "initialize_parameters_random": [initialize_parameters_random,
                                     initialize_parameters_random_normal],
    "initialize_parameters_he": [initialize_parameters_he, initialize_parameters_he_normal,
                                 initialize_parameters_he_generator],
    "compute_cost_with_regularization": [compute_cost_with_regularization,
                                         compute_cost_with_regularization_loop],
    "backward_propagation_with_regularization": [backward_propagation_with_regularization,
                                                 backward_propagation_with_regularization_loop],
    "forward_propagation_with_dropout": [forward_propagation_with_dropout,
                                         forward_propagation_with_dropout_binomial,
                                         forward_propagation_with_dropout_generator],
    "backward_propagation_with_dropout": [backward_propagation_with_dropout,
                                          backward_propagation_with_dropout_inplace],
    "gradient_check_n": [gradient_check_n, gradient_check_n_flat],
    "update_parameters_with_gd": [update_parameters_with_gd, update_parameters_with_gd_new_dict,
                                  update_parameters_with_gd_inplace],
    "random_mini_batches": [random_mini_batches, random_mini_batches_generator,
                            random_mini_batches_shuffle_indices],
    "initialize_velocity": [initialize_velocity, initialize_velocity_comprehension],
    "update_parameters_with_momentum": [update_parameters_with_momentum,
                                        update_parameters_with_momentum_new_dicts],
    "initialize_adam": [initialize_adam, initialize_adam_comprehension],
    "update_parameters_with_adam": [update_parameters_with_adam, update_parameters_with_adam_3],
    "update_lr": [update_lr, update_lr_array],
    "schedule_lr_decay": [schedule_lr_decay, schedule_lr_decay_intdiv],
    "bias_corrected_ewa": [bias_corrected_ewa, bias_corrected_ewa_vectorized],
    "update_parameters_with_rmsprop": [update_parameters_with_rmsprop,
                                       update_parameters_with_rmsprop_new],
    "batchnorm_forward": [batchnorm_forward, batchnorm_forward_with_cache],
    "batchnorm_backward": [batchnorm_backward, batchnorm_backward_staged],
    "softmax": [softmax, softmax_global_shift],
    "cross_entropy_cost": [cross_entropy_cost, cross_entropy_cost_per_example],
}


# =========================================================================== mutants


def mutant_he_fan_out(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2.0 / layers_dims[l])  # noqa: NPY002, E501
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mutant_he_lecun(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(1.0 / layers_dims[l - 1])  # noqa: NPY002, E501
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mutant_he_missing_sqrt(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * (2.0 / layers_dims[l - 1])  # noqa: NPY002, E501
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def mutant_he_bias(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2.0 / layers_dims[l - 1])  # noqa: NPY002, E501
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 0.01  # noqa: NPY002
    return parameters


def mutant_random_bias(layers_dims):
    np.random.seed(3)  # noqa: NPY002
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10  # noqa: NPY002
        parameters["b" + str(l)] = np.ones((layers_dims[l], 1))
    return parameters


def _l2_mutant(factor_kind):
    def compute_cost_with_regularization(A3, Y, parameters, lambd):
        m = Y.shape[1]
        W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
        total = np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3))
        if factor_kind == "half":
            L2_regularization_cost = lambd / m * total
        elif factor_kind == "m":
            L2_regularization_cost = lambd / 2 * total
        else:
            b1, b2, b3 = parameters["b1"], parameters["b2"], parameters["b3"]
            total = total + np.sum(np.square(b1)) + np.sum(np.square(b2)) + np.sum(np.square(b3))
            L2_regularization_cost = lambd / (2 * m) * total
        return compute_cost(A3, Y) + L2_regularization_cost

    return compute_cost_with_regularization


def mutant_l2_gradient_missing(X, Y, cache, lambd):
    # forgets the term on dW1 only
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW3": dW3, "db3": db3, "dW2": dW2, "db2": db2, "dW1": dW1, "db1": db1}


def mutant_l2_backward_biases(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True) + (lambd / m) * b3
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True) + (lambd / m) * b2
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True) + (lambd / m) * b1
    return {"dW3": dW3, "db3": db3, "dW2": dW2, "db2": db2, "dW1": dW1, "db1": db1}


def _dropout_mutant(kind):
    def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
        np.random.seed(1)  # noqa: NPY002
        W1, b1 = parameters["W1"], parameters["b1"]
        W2, b2 = parameters["W2"], parameters["b2"]
        W3, b3 = parameters["W3"], parameters["b3"]
        Z1 = np.dot(W1, X) + b1
        A1 = relu(Z1)
        if kind == "per-unit":
            D1 = (np.random.rand(A1.shape[0], 1) < keep_prob).astype(int)  # noqa: NPY002
        elif kind == "reversed":
            D1 = (np.random.rand(A1.shape[0], A1.shape[1]) > keep_prob).astype(int)  # noqa: NPY002
        else:
            D1 = (np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob).astype(int)  # noqa: NPY002
        A1 = A1 * D1
        if kind != "no-rescale":
            A1 = A1 / keep_prob
        Z2 = np.dot(W2, A1) + b2
        A2 = relu(Z2)
        if kind == "per-unit":
            D2 = (np.random.rand(A2.shape[0], 1) < keep_prob).astype(int)  # noqa: NPY002
        elif kind == "reversed":
            D2 = (np.random.rand(A2.shape[0], A2.shape[1]) > keep_prob).astype(int)  # noqa: NPY002
        else:
            D2 = (np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob).astype(int)  # noqa: NPY002
        A2 = A2 * D2
        if kind != "no-rescale":
            A2 = A2 / keep_prob
        Z3 = np.dot(W3, A2) + b3
        A3 = sigmoid(Z3)
        cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
        return A3, cache

    return forward_propagation_with_dropout


def mutant_dropout_backward_no_rescale(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3) * D2
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2) * D1
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW3": dW3, "db3": db3, "dW2": dW2, "db2": db2, "dW1": dW1, "db1": db1}


def _gradcheck_mutant(kind):
    def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False,
                         forward_propagation_n=forward_propagation_n):
        parameters_values, _ = dictionary_to_vector(parameters)
        grad = gradients_to_vector(gradients)
        num_parameters = parameters_values.shape[0]
        gradapprox = np.zeros((num_parameters, 1))
        J, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        for i in range(num_parameters):
            theta_plus = np.copy(parameters_values)
            theta_plus[i] = theta_plus[i] + epsilon
            J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
            if kind == "forward":
                gradapprox[i] = (J_plus - J) / epsilon
            else:
                theta_minus = np.copy(parameters_values)
                theta_minus[i] = theta_minus[i] - epsilon
                J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
                gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
        numerator = np.linalg.norm(grad - gradapprox)
        if kind == "unnormalized":
            return numerator
        return numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))

    return gradient_check_n


def _minibatch_mutant(kind):
    def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
        np.random.seed(seed)  # noqa: NPY002
        m = X.shape[1]
        mini_batches = []
        if kind == "no-shuffle":
            shuffled_X, shuffled_Y = X, Y
        elif kind == "unpaired":
            shuffled_X = X[:, np.random.permutation(m)]  # noqa: NPY002
            shuffled_Y = Y[:, np.random.permutation(m)]  # noqa: NPY002
        else:
            permutation = list(np.random.permutation(m))  # noqa: NPY002
            shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
        num_complete_minibatches = m // mini_batch_size
        for k in range(num_complete_minibatches):
            mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                                 shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
        if kind != "drops-last" and m % mini_batch_size != 0:
            mini_batches.append((shuffled_X[:, num_complete_minibatches * mini_batch_size:],
                                 shuffled_Y[:, num_complete_minibatches * mini_batch_size:]))
        return mini_batches

    return random_mini_batches


def mutant_ewa_fed_back(theta, beta):
    # the learner's notes: v_t = (v_{t-1} beta + theta_t (1 - beta)) / (1 - beta^t)
    v = 0
    v_hat = []
    for t in range(1, len(theta) + 1):
        v = (beta * v + (1 - beta) * theta[t - 1]) / (1 - beta ** t)
        v_hat.append(v)
    return v_hat


def _momentum_mutant(kind):
    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        L = len(parameters) // 2
        for l in range(1, L + 1):
            for p in ("W", "b"):
                if kind == "heavy-ball":
                    v["d" + p + str(l)] = beta * v["d" + p + str(l)] + grads["d" + p + str(l)]
                else:
                    v["d" + p + str(l)] = beta * v["d" + p + str(l)] + (1 - beta) * grads["d" + p + str(l)]  # noqa: E501
                step = grads["d" + p + str(l)] if kind == "steps-with-gradient" else v["d" + p + str(l)]  # noqa: E501
                parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * step
        return parameters, v

    return update_parameters_with_momentum


def _rmsprop_mutant(kind):
    def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
        L = len(parameters) // 2
        for l in range(1, L + 1):
            for p in ("W", "b"):
                s["d" + p + str(l)] = beta * s["d" + p + str(l)] + (1 - beta) * np.square(grads["d" + p + str(l)])  # noqa: E501
                if kind == "no-epsilon":
                    denominator = np.sqrt(s["d" + p + str(l)])
                else:
                    denominator = np.sqrt(s["d" + p + str(l)] + epsilon)
                parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)] / denominator  # noqa: E501
        return parameters, s

    return update_parameters_with_rmsprop


def _adam_mutant(kind):
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                    beta1=0.9, beta2=0.999, epsilon=1e-8):
        L = len(parameters) // 2
        v_corrected = {}
        s_corrected = {}
        if kind == "off-by-one":
            t = t + 1
        for l in range(1, L + 1):
            for p in ("W", "b"):
                key = "d" + p + str(l)
                v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
                s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])
                if kind == "no-correction":
                    v_corrected[key] = v[key]
                    s_corrected[key] = s[key]
                else:
                    v_corrected[key] = v[key] / (1 - beta1 ** t)
                    s_corrected[key] = s[key] / (1 - beta2 ** t)
                if kind == "overwrites":  # the notes: v := v / (1 - beta1^t)
                    v[key] = v_corrected[key]
                    s[key] = s_corrected[key]
                if kind == "epsilon-inside":
                    denominator = np.sqrt(s_corrected[key] + epsilon)
                else:
                    denominator = np.sqrt(s_corrected[key]) + epsilon
                parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[key] / denominator  # noqa: E501
        return parameters, v, s, v_corrected, s_corrected

    return update_parameters_with_adam


def mutant_schedule_no_floor(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = 1 / (1 + decay_rate * (epoch_num / time_interval)) * learning_rate0
    return learning_rate


def _bn_mutant(kind):
    def batchnorm_forward(Z, gamma, beta, epsilon=1e-5):
        if kind == "wrong-axis":
            mu = np.mean(Z, axis=0, keepdims=True)
            var = np.var(Z, axis=0, keepdims=True)
        else:
            mu = np.mean(Z, axis=1, keepdims=True)
            var = np.var(Z, axis=1, ddof=1 if kind == "unbiased" else 0, keepdims=True)
        if kind == "std-under-root":  # the notes: sigma = std(z), sqrt(sigma + eps)
            sigma = np.std(Z, axis=1, keepdims=True)
            Z_norm = (Z - mu) / np.sqrt(sigma + epsilon)
        else:
            Z_norm = (Z - mu) / np.sqrt(var + epsilon)
        return gamma * Z_norm + beta

    return batchnorm_forward


def mutant_bn_backward_constant(dZ_tilde, Z, gamma, epsilon=1e-5):
    # the notes: "similar to an extra linear layer"
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dZ = gamma * dZ_tilde / np.sqrt(var + epsilon)
    return dZ, dgamma, dbeta


def mutant_softmax_unstable(Z):
    t = np.exp(Z)
    return t / np.sum(t, axis=0, keepdims=True)


def mutant_softmax_wrong_axis(Z):
    t = np.exp(Z)
    return t / np.sum(t, axis=1, keepdims=True)


def mutant_cross_entropy_sum(Y_hat, Y):
    return -np.sum(Y * np.log(Y_hat))


MUTANTS = {
    "he-fan-out": [("initialize_parameters_he", mutant_he_fan_out)],
    "he-lecun-scale": [("initialize_parameters_he", mutant_he_lecun)],
    "he-missing-sqrt": [("initialize_parameters_he", mutant_he_missing_sqrt)],
    "bias-not-zero": [("initialize_parameters_he", mutant_he_bias),
                      ("initialize_parameters_random", mutant_random_bias)],
    "l2-missing-half": [("compute_cost_with_regularization", _l2_mutant("half"))],
    "l2-missing-m": [("compute_cost_with_regularization", _l2_mutant("m"))],
    "l2-includes-biases": [("compute_cost_with_regularization", _l2_mutant("biases")),
                           ("backward_propagation_with_regularization",
                            mutant_l2_backward_biases)],
    "l2-gradient-missing": [("backward_propagation_with_regularization",
                             mutant_l2_gradient_missing)],
    "dropout-no-rescale": [("forward_propagation_with_dropout", _dropout_mutant("no-rescale")),
                           ("backward_propagation_with_dropout",
                            mutant_dropout_backward_no_rescale)],
    "dropout-mask-reversed": [("forward_propagation_with_dropout", _dropout_mutant("reversed"))],
    "dropout-one-mask-per-unit": [("forward_propagation_with_dropout",
                                   _dropout_mutant("per-unit"))],
    "minibatch-no-shuffle": [("random_mini_batches", _minibatch_mutant("no-shuffle"))],
    "minibatch-unpaired-shuffle": [("random_mini_batches", _minibatch_mutant("unpaired"))],
    "minibatch-drops-last": [("random_mini_batches", _minibatch_mutant("drops-last"))],
    "gradcheck-forward-difference": [("gradient_check_n", _gradcheck_mutant("forward"))],
    "gradcheck-unnormalized": [("gradient_check_n", _gradcheck_mutant("unnormalized"))],
    "ewa-correction-fed-back": [("bias_corrected_ewa", mutant_ewa_fed_back)],
    "momentum-heavy-ball": [("update_parameters_with_momentum", _momentum_mutant("heavy-ball"))],
    "momentum-steps-with-gradient": [("update_parameters_with_momentum",
                                      _momentum_mutant("steps-with-gradient"))],
    "rmsprop-no-epsilon": [("update_parameters_with_rmsprop", _rmsprop_mutant("no-epsilon"))],
    "rmsprop-epsilon-inside-root": [("update_parameters_with_rmsprop",
                                     _rmsprop_mutant("epsilon-inside"))],
    "adam-overwrites-moments": [("update_parameters_with_adam", _adam_mutant("overwrites"))],
    "adam-no-bias-correction": [("update_parameters_with_adam", _adam_mutant("no-correction"))],
    "adam-epsilon-inside-root": [("update_parameters_with_adam",
                                  _adam_mutant("epsilon-inside"))],
    "adam-step-count-off-by-one": [("update_parameters_with_adam", _adam_mutant("off-by-one"))],
    "decay-no-floor": [("schedule_lr_decay", mutant_schedule_no_floor)],
    "batchnorm-std-under-root": [("batchnorm_forward", _bn_mutant("std-under-root"))],
    "batchnorm-unbiased-variance": [("batchnorm_forward", _bn_mutant("unbiased"))],
    "batchnorm-wrong-axis": [("batchnorm_forward", _bn_mutant("wrong-axis"))],
    "batchnorm-backward-constant-statistics": [("batchnorm_backward",
                                                mutant_bn_backward_constant)],
    "softmax-unstable": [("softmax", mutant_softmax_unstable)],
    "softmax-wrong-axis": [("softmax", mutant_softmax_wrong_axis)],
    "cross-entropy-sum-not-mean": [("cross_entropy_cost", mutant_cross_entropy_sum)],
}
