"""dlnotes: a tested numpy companion to "Improving Deep Neural Networks" (DLS course 2).

Course notation throughout: ``X`` is ``(n_x, m)`` with examples in columns, ``W1`` is
``(n_1, n_x)``, ``b1`` is ``(n_1, 1)``; gradients are keyed ``"dW1"``, ``"db1"``.

One concept per module: :mod:`dlnotes.initialization`, :mod:`dlnotes.regularization`,
:mod:`dlnotes.gradcheck`, :mod:`dlnotes.diagnosis`, :mod:`dlnotes.ewa`, :mod:`dlnotes.optim`,
:mod:`dlnotes.schedules`, :mod:`dlnotes.batchnorm`, :mod:`dlnotes.softmax`,
:mod:`dlnotes.tuning`, :mod:`dlnotes.datasets`, :mod:`dlnotes.nn` (the course's L-layer
network) and :mod:`dlnotes.experiments` (what the lectures show on it). Engineering lives apart:
:mod:`dlnotes.sweeps` trains ``K`` networks at once. Plots and widgets live in
:mod:`dlnotes.viz`; the maths never imports matplotlib or ipywidgets.
"""

__version__ = "0.1.0"
