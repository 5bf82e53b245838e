r"""Check your own implementation of a course function, and learn *which* mistake it makes.

One checker per function of the course's programming assignments, taking your function with
the assignment's own signature::

    from dlnotes import check
    result = check.update_parameters_with_adam(update_parameters_with_adam)
    result.passed     # bool
    result.mistake    # None, or a catalogue id such as "adam-overwrites-moments"
    print(result)     # what was tried, the smallest input where it differs, expected vs got,
                      # a hint, and the erratum in the week notebook when the notes err too

In a notebook the result shows as a small card. How it works (details in ``_engine.py``):

- your function runs on several inputs, smallest first, each time on fresh copies (it may
  change them; where the assignment's function would not, the result makes a note of it),
  with its prints swallowed and numpy's legacy global random state saved, set to a fixed seed
  and restored afterwards, so a ``np.random.seed`` in your code never leaks out;
- deterministic outputs are compared with the reference (``rtol=1e-6``, ``atol=1e-10``:
  a different but right order of operations passes); random ones (initializations, dropout
  masks, mini-batch shuffles) are judged by statistics and structure, never by one random
  stream: a He initialization drawn with ``np.random.normal`` or a mask from
  ``np.random.binomial`` passes;
- when an answer is wrong, the checker runs reference *variants*, each making one catalogued
  mistake (:data:`CATALOGUE`), on the same inputs; the mistake named is the one whose outputs
  yours match on every input. No match: ``mistake=None``, with the differing numbers. A
  function that raises fails with the exception named ("not implemented yet" for
  ``NotImplementedError``).

The checkers of week 1 and 2 take the assignments' signatures; the assignments' helpers
(3-layer ``forward_propagation``, ``compute_cost``, the gradient-checking helpers) are in
:mod:`dlnotes.check.helpers`. The checkers beyond the assignments (bias-corrected EWA, RMSprop,
batch norm, softmax, cross-entropy) take the signatures documented on each.

Examples
--------
>>> import numpy as np
>>> from dlnotes import check
>>> def update_lr(learning_rate0, epoch_num, decay_rate):
...     return learning_rate0 / (1 + decay_rate * epoch_num)
>>> check.update_lr(update_lr).passed
True
>>> def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
...     return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
>>> check.schedule_lr_decay(schedule_lr_decay).mistake
'decay-no-floor'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _beyond, _week1, _week2, helpers
from ._catalogue import CATALOGUE
from ._engine import run
from ._result import Result

__all__ = [
    "CATALOGUE",
    "CHECKERS",
    "Result",
    "backward_propagation_with_dropout",
    "backward_propagation_with_regularization",
    "batchnorm_backward",
    "batchnorm_forward",
    "bias_corrected_ewa",
    "compute_cost_with_regularization",
    "cross_entropy_cost",
    "forward_propagation_with_dropout",
    "gradient_check_n",
    "helpers",
    "initialize_adam",
    "initialize_parameters_he",
    "initialize_parameters_random",
    "initialize_parameters_zeros",
    "initialize_velocity",
    "random_mini_batches",
    "schedule_lr_decay",
    "softmax",
    "update_lr",
    "update_parameters_with_adam",
    "update_parameters_with_gd",
    "update_parameters_with_momentum",
    "update_parameters_with_rmsprop",
]

Fn = Callable[..., Any]


# --------------------------------------------------------------------------- week 1


def initialize_parameters_zeros(fn: Fn) -> Result:
    """Check ``initialize_parameters_zeros(layers_dims) -> parameters`` (zeros everywhere).

    Parameters
    ----------
    fn : callable
        Yours: ``layers_dims`` is ``[n_x, n_1, ..., n_L]``; returns ``{"W1": (n_1, n_x),
        "b1": (n_1, 1), ...}``.

    Returns
    -------
    Result
    """
    return run(_week1.spec_initialize_zeros(), fn)


def initialize_parameters_random(fn: Fn) -> Result:
    """Check ``initialize_parameters_random(layers_dims) -> parameters``.

    The assignment's "large random" initialization: ``W[l]`` standard normal times 10, ``b[l]``
    zeros. Judged by statistics on ``layers_dims=[400, 100, 25, 1]`` (any random stream).
    Mistakes recognized: ``bias-not-zero``.
    """
    return run(_week1.spec_initialize_random(), fn)


def initialize_parameters_he(fn: Fn) -> Result:
    r"""Check ``initialize_parameters_he(layers_dims) -> parameters``.

    He initialization: ``W[l]`` normal with standard deviation :math:`\sqrt{2/n^{[l-1]}}`,
    ``b[l]`` zeros. Judged by the mean and standard deviation of each large ``W[l]`` (any
    random stream, ``randn`` or ``np.random.normal``). Mistakes recognized: ``he-fan-out``,
    ``he-lecun-scale``, ``he-missing-sqrt``, ``bias-not-zero``.
    """
    return run(_week1.spec_initialize_he(), fn)


def compute_cost_with_regularization(fn: Fn) -> Result:
    r"""Check ``compute_cost_with_regularization(A3, Y, parameters, lambd) -> cost``.

    Cross-entropy (``helpers.compute_cost``) plus
    :math:`\frac{\lambda}{2m}\sum_l\lVert W^{[l]}\rVert_F^2`; a 3-layer ``parameters`` dict.
    Mistakes recognized: ``l2-missing-half``, ``l2-missing-m``, ``l2-includes-biases``.
    """
    return run(_week1.spec_cost_l2(), fn)


def backward_propagation_with_regularization(fn: Fn) -> Result:
    r"""Check ``backward_propagation_with_regularization(X, Y, cache, lambd) -> gradients``.

    ``cache`` is the assignment's ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`` of the
    3-layer network (``helpers.forward_propagation``); ``gradients["dW1"]`` ... ``["db3"]`` are
    compared (other keys are ignored). Mistakes recognized: ``l2-gradient-missing``,
    ``l2-includes-biases``.
    """
    return run(_week1.spec_backward_l2(), fn)


def forward_propagation_with_dropout(fn: Fn) -> Result:
    """Check ``forward_propagation_with_dropout(X, parameters, keep_prob) -> (A3, cache)``.

    Inverted dropout on ``A1`` and ``A2``; ``cache`` is the assignment's
    ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``. Your masks are judged by
    their values (0/1 or booleans), shape and kept share; then ``A3`` and the cache are
    recomputed from *your* masks and compared. Any way of drawing the mask passes
    (``np.random.rand(...) < keep_prob``, ``np.random.binomial(1, keep_prob, ...)``).
    Mistakes recognized: ``dropout-no-rescale``, ``dropout-mask-reversed``,
    ``dropout-one-mask-per-unit``.
    """
    return run(_week1.spec_forward_dropout(), fn)


def backward_propagation_with_dropout(fn: Fn) -> Result:
    """Check ``backward_propagation_with_dropout(X, Y, cache, keep_prob) -> gradients``.

    ``cache`` as returned by the forward pass with dropout (fixed masks);
    ``gradients["dW1"]`` ... ``["db3"]`` are compared. Mistakes recognized:
    ``dropout-no-rescale``.
    """
    return run(_week1.spec_backward_dropout(), fn)


def gradient_check_n(fn: Fn) -> Result:
    """Check ``gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False,
    forward_propagation_n=forward_propagation_n) -> difference``.

    How the checker supplies the forward pass: the assignment's function calls a global
    ``forward_propagation_n(X, Y, parameters) -> (cost, cache)``. Here it must take it as a
    keyword argument (default: ``helpers.forward_propagation_n``), because the checker calls it
    with its own cost functions::

        def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False,
                             forward_propagation_n=forward_propagation_n):
            parameters_values, _ = dictionary_to_vector(parameters)
            grad = gradients_to_vector(gradients)
            ...

    ``dictionary_to_vector``, ``vector_to_dictionary`` and ``gradients_to_vector`` are the
    assignment's (``dlnotes.check.helpers``; 47 parameters, ``W1`` (5, 4), ``W2`` (3, 5),
    ``W3`` (1, 3)). The checker passes ``epsilon=1e-4`` (so that the one-sided difference
    shows) and ``print_msg=False``. Mistakes recognized: ``gradcheck-forward-difference``,
    ``gradcheck-unnormalized``.
    """
    return run(_week1.spec_gradient_check(), fn)


# --------------------------------------------------------------------------- week 2


def update_parameters_with_gd(fn: Fn) -> Result:
    """Check ``update_parameters_with_gd(parameters, grads, learning_rate) -> parameters``.

    Returning the same dict updated in place (as the assignment does) or a new one both pass.
    """
    return run(_week2.spec_gd(), fn)


def random_mini_batches(fn: Fn) -> Result:
    """Check ``random_mini_batches(X, Y, mini_batch_size=64, seed=0) -> mini_batches``.

    A list of ``(mini_batch_X, mini_batch_Y)``. Judged by structure, not by the permutation:
    every column exactly once, the same permutation for ``X`` and ``Y``, shuffled, full
    batches then the last partial one. Calling ``np.random.seed(seed)`` or not makes no
    difference. Mistakes recognized: ``minibatch-no-shuffle``, ``minibatch-unpaired-shuffle``,
    ``minibatch-drops-last``.
    """
    return run(_week2.spec_random_mini_batches(), fn)


def initialize_velocity(fn: Fn) -> Result:
    """Check ``initialize_velocity(parameters) -> v`` (``v["dW1"]`` zeros shaped like ``W1``)."""
    return run(_week2.spec_initialize_velocity(), fn)


def update_parameters_with_momentum(fn: Fn) -> Result:
    """Check ``update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
    -> (parameters, v)``, the course's (damped) momentum.

    Mistakes recognized: ``momentum-heavy-ball`` (``v = beta v + dW``),
    ``momentum-steps-with-gradient`` (``v`` updated, ``W -= learning_rate * dW``).
    """
    return run(_week2.spec_momentum(), fn)


def initialize_adam(fn: Fn) -> Result:
    """Check ``initialize_adam(parameters) -> (v, s)``, zeros shaped like each parameter."""
    return run(_week2.spec_initialize_adam(), fn)


def update_parameters_with_adam(fn: Fn) -> Result:
    """Check ``update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
    beta1=0.9, beta2=0.999, epsilon=1e-8)``.

    Returns either ``(parameters, v, s)`` or ``(parameters, v, s, v_corrected, s_corrected)``
    (both versions of the assignment); ``t`` counts this update (1 on the first). Mistakes
    recognized: ``adam-overwrites-moments``, ``adam-no-bias-correction``,
    ``adam-epsilon-inside-root``, ``adam-step-count-off-by-one``.
    """
    return run(_week2.spec_adam(), fn)


def update_lr(fn: Fn) -> Result:
    """Check ``update_lr(learning_rate0, epoch_num, decay_rate) -> learning_rate``."""
    return run(_week2.spec_update_lr(), fn)


def schedule_lr_decay(fn: Fn) -> Result:
    """Check ``schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)
    -> learning_rate``, the staircase ``learning_rate0 / (1 + decay_rate *
    floor(epoch_num / time_interval))``.

    Mistakes recognized: ``decay-no-floor`` (decays smoothly, every epoch).
    """
    return run(_week2.spec_schedule_lr_decay(), fn)


# --------------------------------------------------------------------------- beyond


def bias_corrected_ewa(fn: Fn) -> Result:
    r"""Check ``bias_corrected_ewa(theta, beta) -> v_hat``.

    ``theta`` is a list of ``T`` numbers :math:`\theta_1..\theta_T`; return the ``T``
    bias-corrected averages :math:`\hat v_t = v_t/(1-\beta^t)` with
    :math:`v_t = \beta v_{t-1} + (1-\beta)\theta_t`, :math:`v_0 = 0` (a list or a 1-D array).
    Mistakes recognized: ``ewa-correction-fed-back`` (the learner's notes' recursion).
    """
    return run(_beyond.spec_ewa(), fn)


def update_parameters_with_rmsprop(fn: Fn) -> Result:
    r"""Check ``update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate,
    epsilon=1e-8) -> (parameters, s)``.

    The course's RMSprop: ``s["dW1"] = beta * s["dW1"] + (1 - beta) * dW1**2`` and
    :math:`W := W - \alpha\, dW/(\sqrt{s} + \varepsilon)`, no bias correction. Mistakes
    recognized: ``rmsprop-no-epsilon``, ``rmsprop-epsilon-inside-root``.
    """
    return run(_beyond.spec_rmsprop(), fn)


def batchnorm_forward(fn: Fn) -> Result:
    """Check ``batchnorm_forward(Z, gamma, beta, epsilon=1e-5) -> Z_tilde``.

    ``Z`` is ``(n, m)``, ``gamma`` and ``beta`` ``(n, 1)``; returning ``(Z_tilde, cache)`` is
    accepted too (only ``Z_tilde`` is compared). Mistakes recognized:
    ``batchnorm-std-under-root``, ``batchnorm-unbiased-variance``, ``batchnorm-wrong-axis``.
    """
    return run(_beyond.spec_bn_forward(), fn)


def batchnorm_backward(fn: Fn) -> Result:
    """Check ``batchnorm_backward(dZ_tilde, Z, gamma, epsilon=1e-5) -> (dZ, dgamma, dbeta)``.

    Self-contained, so that no cache layout is imposed: recompute what you need from ``Z``.
    ``dZ_tilde`` is the gradient of the cost with respect to the output (any ``1/m`` already
    in it), so ``dgamma`` and ``dbeta`` are sums over the examples. Mistakes recognized:
    ``batchnorm-backward-constant-statistics``.
    """
    return run(_beyond.spec_bn_backward(), fn)


def softmax(fn: Fn) -> Result:
    """Check ``softmax(Z) -> A``, ``Z`` and ``A`` of shape ``(C, m)`` (classes by examples).

    Mistakes recognized: ``softmax-wrong-axis``, ``softmax-unstable``.
    """
    return run(_beyond.spec_softmax(), fn)


def cross_entropy_cost(fn: Fn) -> Result:
    """Check ``cross_entropy_cost(Y_hat, Y) -> cost``, the softmax cross-entropy of
    probabilities ``Y_hat`` and one-hot labels ``Y``, both ``(C, m)``.

    Mistakes recognized: ``cross-entropy-sum-not-mean``.
    """
    return run(_beyond.spec_cross_entropy(), fn)


CHECKERS: dict[str, Callable[[Fn], Result]] = {
    f.__name__: f for f in (
        initialize_parameters_zeros, initialize_parameters_random, initialize_parameters_he,
        compute_cost_with_regularization, backward_propagation_with_regularization,
        forward_propagation_with_dropout, backward_propagation_with_dropout, gradient_check_n,
        update_parameters_with_gd, random_mini_batches, initialize_velocity,
        update_parameters_with_momentum, initialize_adam, update_parameters_with_adam,
        update_lr, schedule_lr_decay, bias_corrected_ewa, update_parameters_with_rmsprop,
        batchnorm_forward, batchnorm_backward, softmax, cross_entropy_cost,
    )
}
"""Every checker, by the name of the function it checks, in the order of the course."""

_SPECS = {
    "initialize_parameters_zeros": _week1.spec_initialize_zeros,
    "initialize_parameters_random": _week1.spec_initialize_random,
    "initialize_parameters_he": _week1.spec_initialize_he,
    "compute_cost_with_regularization": _week1.spec_cost_l2,
    "backward_propagation_with_regularization": _week1.spec_backward_l2,
    "forward_propagation_with_dropout": _week1.spec_forward_dropout,
    "backward_propagation_with_dropout": _week1.spec_backward_dropout,
    "gradient_check_n": _week1.spec_gradient_check,
    "update_parameters_with_gd": _week2.spec_gd,
    "random_mini_batches": _week2.spec_random_mini_batches,
    "initialize_velocity": _week2.spec_initialize_velocity,
    "update_parameters_with_momentum": _week2.spec_momentum,
    "initialize_adam": _week2.spec_initialize_adam,
    "update_parameters_with_adam": _week2.spec_adam,
    "update_lr": _week2.spec_update_lr,
    "schedule_lr_decay": _week2.spec_schedule_lr_decay,
    "bias_corrected_ewa": _beyond.spec_ewa,
    "update_parameters_with_rmsprop": _beyond.spec_rmsprop,
    "batchnorm_forward": _beyond.spec_bn_forward,
    "batchnorm_backward": _beyond.spec_bn_backward,
    "softmax": _beyond.spec_softmax,
    "cross_entropy_cost": _beyond.spec_cross_entropy,
}
"""The specification behind each checker (cases, reference, variants), for the tests."""
