"""Plots and interactive explorers for the course companion. The maths lives elsewhere.

Every explorer is a factory, all arguments optional, returning an object with ``.controls``
(name -> ipywidgets control), ``.figure`` (a pyplot-free matplotlib Figure) and ``.widget``
(the whole UI); a notebook cell shows it in one line::

    from dlnotes.viz import optimizer_explorer
    optimizer_explorer(surface="ravine")

and ``explorer.static()`` leaves a plain PNG behind for readers without a kernel. Every
``plot_*`` helper works on its own: it takes ``ax=None`` and returns the artists it drew.

Names are imported lazily (on first use), so ``import dlnotes.viz`` is cheap and a missing
optional piece does not break the others. To add an explorer: write ``dlnotes/viz/<topic>.py``
with a subclass of :class:`dlnotes.viz._explorer.Explorer` (its docstring shows the pattern)
and add its public names to ``_EXPORTS`` below.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# public name -> submodule of dlnotes.viz that defines it
_EXPORTS: dict[str, str] = {
    # the base, for explorers written elsewhere
    "Explorer": "_explorer",
    "StaticFigure": "_explorer",
    # shared plotting pieces
    "COLORS": "plots",
    "new_axes": "plots",
    # training curves of dlnotes.nn models
    "plot_history": "history",
    # exponentially weighted averages
    "ewa_explorer": "ewa",
    "plot_ewa": "ewa",
    # optimizers on 2-D surfaces
    "optimizer_explorer": "optim",
    "plot_contours": "optim",
    "plot_optimizer_paths": "optim",
    "plot_losses": "optim",
    # mini-batch size
    "minibatch_explorer": "minibatch",
    "plot_cost_curves": "minibatch",
    # learning-rate decay
    "schedule_explorer": "schedules",
    "plot_schedule": "schedules",
    # softmax and temperature
    "softmax_explorer": "softmax",
    "plot_softmax": "softmax",
    "plot_softmax_vs_sigmoid": "softmax",
    # initialization: activations and gradients layer by layer
    "init_explorer": "init",
    "plot_activation_histograms": "init",
    "plot_activation_stds": "init",
    "plot_gradient_norms": "init",
    # bias and variance
    "bias_variance_explorer": "bias_variance",
    "plot_decision_boundary": "bias_variance",
    "plot_errors": "bias_variance",
    # L2 against L1, sparsity, matrix norms
    "regularization_explorer": "regularization",
    "plot_weight_histograms": "regularization",
    "plot_weight_matrix": "regularization",
    "plot_sparsity": "regularization",
    "plot_matrix_norms": "regularization",
    # hyperparameter search
    "search_explorer": "search",
    "plot_search_trials": "search",
    "plot_search_projection": "search",
    # batch norm
    "batchnorm_explorer": "batchnorm",
    "plot_bn_distributions": "batchnorm",
    "plot_layer_stats": "batchnorm",
    "plot_train_vs_inference": "batchnorm",
    # training health: activations, gradients and update ratios per layer while training
    "training_health_explorer": "health",
    "plot_layer_histograms": "health",
    "plot_update_ratios": "health",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'dlnotes.viz' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # cache: the next lookup does not come here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
