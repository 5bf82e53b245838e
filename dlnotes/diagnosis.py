r"""Bias and variance from three error rates, and the course's remedies for each.

.. math::

    \text{avoidable bias} = \text{train error} - \text{Bayes error}, \qquad
    \text{variance} = \text{dev error} - \text{train error}.

The learner's notes have it right: "Underfitting: when avoidable bias is big; Overfitting: when
variance is big" (and the week-1 lines "High bias - Underfitting, High variance - Overfitting"
are the same statement with the Bayes error taken as 0, as the week-1 lectures do). Human-level
error is the usual stand-in for the Bayes error, and it can only overestimate it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ._validation import check_nonnegative

__all__ = ["Diagnosis", "diagnose"]

_BIAS_REMEDIES: tuple[str, ...] = (
    "bigger network (more hidden units or layers)",
    "train longer, or with a better optimizer (momentum, RMSprop, Adam)",
    "different architecture / hyperparameter search",
)
"""The course's recipe for high (avoidable) bias, in its order ("Basic recipe for ML")."""

_VARIANCE_REMEDIES: tuple[str, ...] = (
    "more data (or data augmentation)",
    "regularization (L2, dropout)",
    "different architecture / hyperparameter search",
)
"""The course's recipe for high variance, in its order."""

_TIE = 1e-12  # so that 0.16 - 0.15 = 0.010000000000000009 is not "above" a threshold of 0.01


class Diagnosis(NamedTuple):
    """Outcome of :func:`diagnose`. ``str(d)`` gives a short report for a notebook."""

    avoidable_bias: float
    """``train_error - bayes_error`` (negative when the training error beats the estimate)."""
    variance: float
    """``dev_error - train_error``."""
    verdict: str
    """One of: high bias, high variance, high bias and high variance, good fit."""
    remedies: tuple[str, ...]
    """What to try, the larger problem's remedies first; empty for a good fit."""
    focus: str | None
    """Which gap to work on first, "bias" or "variance": the larger of the two high ones
    (course 3: attack the bigger gap first); None for a good fit."""
    caveats: tuple[str, ...]
    """Warnings about the numbers themselves (train error below the Bayes estimate, ...)."""
    train_error: float
    dev_error: float
    bayes_error: float

    def __str__(self) -> str:
        lines = [
            f"Diagnosis: {self.verdict}",
            "  avoidable bias = train - Bayes = "
            + _difference(self.train_error, self.bayes_error),
            "  variance       = dev - train   = " + _difference(self.dev_error, self.train_error),
        ]
        if self.focus is not None:
            lines.append(f"  focus on {self.focus} first; try:")
            lines += [f"    - {r}" for r in self.remedies]
        lines += [f"  note: {c}" for c in self.caveats]
        return "\n".join(lines)


def _difference(a: float, b: float) -> str:
    """``"a - b = c"`` in percent, with the fewest decimals (1 to 3) at which the printed
    numbers add up (14.5% - 6.75% must not print as 14.5% - 6.8% = 7.8%)."""
    for digits in (1, 2, 3):
        ra, rb, rc = (round(100 * x, digits) for x in (a, b, a - b))
        if abs(ra - rb - rc) < 10 ** -(digits + 3):
            break
    return f"{ra:.{digits}f}% - {rb:.{digits}f}% = {rc:.{digits}f}%"


def _check_fraction(value: Any, name: str) -> float:
    v = check_nonnegative(value, name)
    if v > 1.0:
        raise ValueError(
            f"{name} must be a fraction in [0, 1] (write 15% as 0.15), got {value!r}"
        )
    return v


def diagnose(
    train_error: float,
    dev_error: float,
    bayes_error: float = 0.0,
    *,
    threshold: float = 0.01,
) -> Diagnosis:
    r"""Avoidable bias, variance, a verdict and the course's remedies.

    Parameters
    ----------
    train_error, dev_error : float
        Error rates on the training and dev sets, as fractions in [0, 1] (0.15 for 15%).
    bayes_error : float, default 0.0
        Estimate of the Bayes (optimal) error, in [0, 1]; in practice human-level error, which
        is an upper bound on it. 0 reproduces the week-1 lectures.
    threshold : float, default 0.01
        A gap counts as "high" when it is strictly above ``threshold`` (one percentage point,
        which reproduces the lectures' examples below). In [0, 1].

    Returns
    -------
    Diagnosis
        ``avoidable_bias``, ``variance``, ``verdict``, ``remedies``, ``focus``, ``caveats``
        and the three inputs.

    Notes
    -----
    Course 2, week 1 ("Bias / Variance", "Basic recipe for machine learning") and course 3,
    week 1 ("Avoidable bias", "Understanding human-level performance"). With Bayes error
    :math:`\approx 0`: train 1%, dev 11% is high variance; 15% / 16% is high bias; 15% / 30% is
    both; 0.5% / 1% is a good fit. With human error 7.5%, train 8%, dev 10%: the avoidable bias
    is only 0.5%, so work on the variance, although the same 8% / 10% with human error 1% calls
    for bias first.

    When the training error is *below* the Bayes estimate we do not raise: it happens, either
    because the estimate is too high (human-level error only bounds the Bayes error from above)
    or because the network has memorised the training set, label noise included (the Bayes
    error bounds the error on *new* examples, not on the ones trained on). The avoidable bias is
    then reported as it is, negative, counts as not high, and a caveat says that past this
    point the data no longer tell how much bias is avoidable. A dev error below the training
    error (negative variance) gets a caveat too: a small dev set, or train and dev sets drawn
    from different distributions.

    References
    ----------
    .. [1] A. Ng, *Machine Learning Yearning*, 2018, chapters 20-23 (bias and variance, the
       optimal error rate, addressing each).

    Examples
    --------
    >>> d = diagnose(0.01, 0.11)
    >>> d.verdict, round(d.avoidable_bias, 3), round(d.variance, 3)
    ('high variance', 0.01, 0.1)
    >>> diagnose(0.08, 0.10, bayes_error=0.075).focus
    'variance'
    >>> print(diagnose(0.15, 0.30))
    Diagnosis: high bias and high variance
      avoidable bias = train - Bayes = 15.0% - 0.0% = 15.0%
      variance       = dev - train   = 30.0% - 15.0% = 15.0%
      focus on bias first; try:
        - bigger network (more hidden units or layers)
        - train longer, or with a better optimizer (momentum, RMSprop, Adam)
        - different architecture / hyperparameter search
        - more data (or data augmentation)
        - regularization (L2, dropout)
    """
    train_error = _check_fraction(train_error, "train_error")
    dev_error = _check_fraction(dev_error, "dev_error")
    bayes_error = _check_fraction(bayes_error, "bayes_error")
    threshold = _check_fraction(threshold, "threshold")
    return _diagnose(train_error, dev_error, bayes_error, threshold)


def _diagnose(train: float, dev: float, bayes: float, threshold: float) -> Diagnosis:
    bias, variance = train - bayes, dev - train
    high_bias, high_var = bias > threshold + _TIE, variance > threshold + _TIE
    verdict = {
        (True, True): "high bias and high variance",
        (True, False): "high bias",
        (False, True): "high variance",
        (False, False): "good fit",
    }[(high_bias, high_var)]
    focus: str | None = None
    if high_bias or high_var:
        focus = "bias" if high_bias and (not high_var or bias >= variance) else "variance"
    first, second = (_BIAS_REMEDIES, _VARIANCE_REMEDIES)
    if focus == "variance":
        first, second = second, first
    remedies: tuple[str, ...] = ()
    if high_bias and high_var:
        remedies = first + tuple(r for r in second if r not in first)
    elif focus is not None:
        remedies = first
    caveats = []
    if bias < 0:
        caveats.append(
            "training error is below the Bayes estimate: either the estimate (e.g. human-level "
            "error) is too high, or the network memorised its training set; how much bias is "
            "avoidable can no longer be told from these numbers"
        )
    if variance < 0:
        caveats.append(
            "dev error is below training error: a small dev set, or train and dev sets from "
            "different distributions"
        )
    return Diagnosis(bias, variance, verdict, remedies, focus, tuple(caveats), train, dev, bayes)
