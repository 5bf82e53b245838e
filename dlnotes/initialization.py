r"""Weight initialization: zeros, small random, "Xavier" (as the course names it), He, Glorot.

Every method draws ``W{l}`` of shape ``(n_l, n_{l-1})`` with mean zero and a standard deviation
that depends only on the layer's fan-in :math:`n^{[l-1]}` and fan-out :math:`n^{[l]}`, and sets
``b{l}`` to zeros of shape ``(n_l, 1)``. :func:`init_std` gives that standard deviation, so a
notebook can print the numbers; :func:`initialize_parameters` draws the weights.

==================== ===================================== =========================================
``method``           std of ``W{l}``                       where it comes from
==================== ===================================== =========================================
``"zeros"``          :math:`0`                             the course's example of what not to do
``"random"``         ``scale`` (default 0.01)              the course's first try; ``scale=10``
                                                           reproduces its "times 10" failure
``"xavier"``         :math:`\sqrt{1/n^{[l-1]}}`            the course's "Xavier" (tanh); really
                                                           LeCun et al. 1998
``"lecun"``          :math:`\sqrt{1/n^{[l-1]}}`            the same rule under its author's name
                                                           (Keras' ``lecun_normal``)
``"he"``             :math:`\sqrt{2/n^{[l-1]}}`            He et al. 2015 (ReLU)
``"glorot"``         :math:`\sqrt{2/(n^{[l-1]}+n^{[l]})}`  Glorot & Bengio 2010, eq. 12 (Gaussian)
``"glorot_uniform"`` :math:`\sqrt{2/(n^{[l-1]}+n^{[l]})}`  Glorot & Bengio 2010, eq. 16 (uniform on
                                                           :math:`\pm\sqrt{6/(n^{[l-1]}+n^{[l]})}`)
==================== ===================================== =========================================

The learner's notes ask "Which one is :math:`\sqrt{2/(n^{[l-1]}+n^{[l]})}`?": it is Glorot &
Bengio's (Xavier Glorot is the first author, so it is the *real* Xavier initialization). The
notes' "Xavier Init: :math:`\sqrt{1/n^{[l-1]}}`" copies the course's name for it, but that rule is
LeCun et al.'s fan-in initialization from "Efficient BackProp" (1998), twelve years older.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._typing import Array
from ._validation import check_choice, check_int, check_positive, check_rng, describe

__all__ = ["METHODS", "init_std", "initialize_parameters"]

METHODS: tuple[str, ...] = ("zeros", "random", "xavier", "lecun", "he", "glorot", "glorot_uniform")
"""The initialization methods understood by :func:`initialize_parameters`."""


def init_std(method: str, n_in: int, n_out: int, scale: float = 0.01) -> float:
    r"""Standard deviation of the weights of one layer under ``method``.

    Parameters
    ----------
    method : {"zeros", "random", "xavier", "lecun", "he", "glorot", "glorot_uniform"}
    n_in : int
        Fan-in :math:`n^{[l-1]}` (columns of ``W{l}``), >= 1.
    n_out : int
        Fan-out :math:`n^{[l]}` (rows of ``W{l}``), >= 1.
    scale : float, default 0.01
        The std of ``"random"``; ignored by the other methods.

    Returns
    -------
    float
        The std that :func:`initialize_parameters` uses for ``W{l}``. For ``"glorot_uniform"``
        it is the std of :math:`U[-a, a]` with :math:`a = \sqrt{6/(n_{in}+n_{out})}`, which is
        :math:`a/\sqrt{3} = \sqrt{2/(n_{in}+n_{out})}`, the same as ``"glorot"``.

    Notes
    -----
    Why the fan-in: :math:`z = \sum_{i=1}^{n} w_i a_i` has variance
    :math:`n\,\mathrm{Var}(w)\,\mathrm{E}[a^2]`, so keeping it near 1 layer after layer needs
    :math:`\mathrm{Var}(w) = 1/n^{[l-1]}` (LeCun; tanh) or :math:`2/n^{[l-1]}` (He; ReLU zeroes
    half of its inputs, hence the 2). Glorot & Bengio ask the same of the backward pass, which
    needs :math:`1/n^{[l]}`, and compromise on the harmonic mean :math:`2/(n^{[l-1]}+n^{[l]})`.

    Examples
    --------
    >>> init_std("he", 2, 7), init_std("xavier", 4, 7), init_std("glorot", 3, 5)
    (1.0, 0.5, 0.5)
    >>> init_std("random", 3, 5, scale=10)
    10.0
    """
    method = check_choice(method, "method", METHODS)
    n_in = check_int(n_in, "n_in", minimum=1)
    n_out = check_int(n_out, "n_out", minimum=1)
    scale = check_positive(scale, "scale")
    return _init_std(method, n_in, n_out, scale)


def _init_std(method: str, n_in: int, n_out: int, scale: float) -> float:
    if method == "zeros":
        return 0.0
    if method == "random":
        return float(scale)
    if method in ("xavier", "lecun"):  # one rule, the course's name and its author's
        return float(np.sqrt(1.0 / n_in))
    if method == "he":
        return float(np.sqrt(2.0 / n_in))
    return float(np.sqrt(2.0 / (n_in + n_out)))  # "glorot" and "glorot_uniform"


def initialize_parameters(
    layer_dims: Sequence[int],
    method: str = "he",
    *,
    rng: np.random.Generator,
    scale: float = 0.01,
) -> dict[str, Array]:
    r"""Initialize ``{"W1", "b1", ..., "WL", "bL"}`` for a network with ``layer_dims``.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``: the input size then the units of each layer, at least two
        entries, each >= 1.
    method : {"zeros", "random", "xavier", "lecun", "he", "glorot", "glorot_uniform"}, default "he"
        See the table in the module docstring and :func:`init_std`.
    rng : numpy.random.Generator
        The only source of randomness. ``"zeros"`` draws nothing from it; every other method
        draws layer by layer, ``W1`` first, each ``W{l}`` in C order.
    scale : float, default 0.01
        Std of ``"random"`` (the course writes ``np.random.randn(...) * 0.01``). ``scale=10``
        shows the course's "times 10" failure: saturated tanh/sigmoid units, huge first costs.

    Returns
    -------
    dict of ndarray
        ``W{l}``: float64 ``(n_l, n_{l-1})``; ``b{l}``: float64 zeros ``(n_l, 1)``.

    Notes
    -----
    Lecture formula (week 1, "Weight initialization for deep networks"):
    ``W{l} = np.random.randn(n_l, n_{l-1}) * np.sqrt(2 / n_{l-1})`` for ReLU (He), with
    :math:`\sqrt{1/n^{[l-1]}}` for tanh, which the course calls Xavier. Biases may start at
    zero: the random weights already break the symmetry.

    ``"zeros"`` does not break it: every unit of a layer computes the same function and gets the
    same gradient, so after any number of steps the layer still behaves as one unit (and with
    ReLU or tanh hidden units every ``dW`` is exactly zero, so nothing but the last bias learns).

    Warnings
    --------
    The name "Xavier" means different things in different places. The course's (and the notes')
    "Xavier", :math:`\sqrt{1/n^{[l-1]}}`, is LeCun et al.'s rule (Keras ``lecun_normal``, up to
    truncation). PyTorch's ``nn.init.xavier_normal_`` and Keras ``glorot_normal`` use
    :math:`\sqrt{2/(n_{in}+n_{out})}`, which is this module's ``"glorot"``; and the initializer
    in Glorot & Bengio's paper is the *uniform* one, ``"glorot_uniform"``. PyTorch's
    ``kaiming_normal_(nonlinearity="relu")`` and Keras ``he_normal`` are ``"he"`` (Keras
    truncates at two standard deviations and rescales; we do not).

    As the notes say, the initialization is not the first hyperparameter to play with: fix a
    sensible one (He for ReLU), check that the cost goes down, then compare.

    References
    ----------
    .. [1] Y. LeCun, L. Bottou, G. Orr, K.-R. Mueller, "Efficient BackProp", in *Neural
       Networks: Tricks of the Trade*, 1998, sect. 4.6 "Initializing the weights".
    .. [2] X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward
       neural networks", AISTATS 2010, sect. 4.2, eqs. 12 and 16.
    .. [3] K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep into Rectifiers", ICCV 2015,
       sect. 2.2, eq. 10.

    Examples
    --------
    >>> import numpy as np
    >>> params = initialize_parameters([2, 3, 1], "he", rng=np.random.default_rng(0))
    >>> sorted(params), params["W1"].shape, params["b1"].shape, params["W2"].shape
    (['W1', 'W2', 'b1', 'b2'], (3, 2), (3, 1), (1, 3))
    >>> params["W1"]  # std sqrt(2/2) = 1: exactly rng.standard_normal((3, 2))
    array([[ 0.12573022, -0.13210486],
           [ 0.64042265,  0.10490012],
           [-0.53566937,  0.36159505]])
    >>> initialize_parameters([2, 2], "zeros", rng=np.random.default_rng(0))["W1"].tolist()
    [[0.0, 0.0], [0.0, 0.0]]
    """
    layer_dims = _check_layer_dims(layer_dims)
    method = check_choice(method, "method", METHODS)
    rng = check_rng(rng)
    scale = check_positive(scale, "scale")
    return _initialize_parameters(layer_dims, method, rng, scale)


def _check_layer_dims(layer_dims: Any) -> list[int]:
    if isinstance(layer_dims, np.ndarray):
        if layer_dims.ndim != 1:
            raise ValueError(
                f"layer_dims must be a 1-D sequence of ints, got {describe(layer_dims)}"
            )
        layer_dims = layer_dims.tolist()
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, Sequence):
        raise ValueError(
            f"layer_dims must be a sequence of ints like [n_x, n_1, ..., n_L], "
            f"got {describe(layer_dims)}"
        )
    if len(layer_dims) < 2:
        raise ValueError(
            f"layer_dims must have at least 2 entries (input size and one layer), "
            f"got {describe(layer_dims)}"
        )
    return [check_int(n, f"layer_dims[{i}]", minimum=1) for i, n in enumerate(layer_dims)]


def _initialize_parameters(
    layer_dims: Sequence[int],
    method: str,
    rng: np.random.Generator,
    scale: float,
    leading: tuple[int, ...] = (),
) -> dict[str, Array]:
    """Kernel: draw every layer with ``leading`` model axes, ``W{l}`` ``leading + (n_l, n_{l-1})``.

    With ``leading=(K,)`` the draws for layer ``l`` of all ``K`` models come in one block, so
    the result is *not* the stack of ``K`` one-model calls on the same ``rng`` (that stack is
    the way to get per-model equality).
    """
    params: dict[str, Array] = {}
    for l in range(1, len(layer_dims)):  # noqa: E741 - the course's layer index
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        shape = (*leading, n_out, n_in)
        std = _init_std(method, n_in, n_out, scale)
        if method == "zeros":
            W = np.zeros(shape)
        elif method == "glorot_uniform":
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-limit, limit, size=shape)
        else:
            W = rng.standard_normal(shape) * std
        params[f"W{l}"] = W
        params[f"b{l}"] = np.zeros((*leading, n_out, 1))
    return params
