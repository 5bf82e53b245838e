"""The catalogue of mistakes a checker can name: id -> description, hint, erratum, reference.

The ids are part of the public contract (issue 13). Each entry has

- ``description``: one line saying what the mistaken code does;
- ``hint``: what to look at, never the corrected line itself;
- ``erratum``: where the learner's notes (``course-notes.md``) make the same mistake, the
  Erratum callout of the week notebook that corrects it; otherwise ``None``;
- ``see``: where the correct formula is explained in dlnotes (a docstring or a notebook section).

A checker recognizes a mistake by *behaviour*: it runs a reference variant that makes exactly
that mistake on the same inputs and compares the outputs (see ``_engine.py``).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CATALOGUE", "Mistake"]

WEEK1 = "notebooks/week1_practical_aspects.ipynb"
WEEK2 = "notebooks/week2_optimization.ipynb"
WEEK3 = "notebooks/week3_tuning_batchnorm_softmax.ipynb"


class Mistake(NamedTuple):
    """One catalogued mistake."""

    id: str
    description: str
    hint: str
    erratum: str | None
    see: str


_ENTRIES = [
    # ---------------------------------------------------------------- initialization
    Mistake(
        "he-fan-out",
        "He initialization scaled by the layer's own size n[l] (fan-out) instead of n[l-1].",
        "Which of the two sizes in W[l]'s shape (n[l], n[l-1]) counts the inputs each unit "
        "adds up?",
        None,
        "dlnotes.initialization.init_std (Notes: why the fan-in)",
    ),
    Mistake(
        "he-lecun-scale",
        "He initialization drawn with variance 1/n[l-1] (LeCun's rule, the course's "
        "'Xavier') instead of He's.",
        "Compare the numerator under your square root with the one in He et al.'s rule for "
        "ReLU: what does ReLU do to half of its inputs?",
        f"{WEEK1}, section 7 'Initialization': Erratum W1.3 on the notes' 'Xavier Init' "
        "(that sqrt(1/n[l-1]) is LeCun's rule, not He's)",
        "dlnotes.initialization module docstring (the table of rules)",
    ),
    Mistake(
        "he-missing-sqrt",
        "He initialization multiplied by the variance 2/n[l-1] instead of the standard "
        "deviation.",
        "randn draws with standard deviation 1; is the factor you multiply by a variance or "
        "a standard deviation?",
        None,
        "dlnotes.initialization.init_std",
    ),
    Mistake(
        "bias-not-zero",
        "The biases b[l] are drawn at random (or set to a non-zero value) instead of zeros.",
        "Look at how you create b[l]: the course starts the biases somewhere specific, and "
        "the weights alone break the symmetry.",
        None,
        "dlnotes.initialization.initialize_parameters (Notes)",
    ),
    # ---------------------------------------------------------------- L2 regularization
    Mistake(
        "l2-missing-half",
        "The L2 cost is lambd/m * sum ||W||^2, without the 1/2.",
        "Count the factors in front of the sum of squares: the course's penalty has one more "
        "than yours, chosen so that its gradient comes out simple.",
        None,
        "dlnotes.regularization.l2_cost (Notes)",
    ),
    Mistake(
        "l2-missing-m",
        "The L2 cost is lambd/2 * sum ||W||^2, not divided by the number of examples m.",
        "The cross-entropy part is an average over the m examples; is your penalty on the "
        "same scale?",
        None,
        "dlnotes.regularization.l2_cost (Notes)",
    ),
    Mistake(
        "l2-includes-biases",
        "L2 regularization also penalizes the biases b[l] (in the cost or in db).",
        "Which parameters does the course's Frobenius-norm penalty sum over?",
        None,
        "dlnotes.regularization module docstring (only the weights are regularized)",
    ),
    Mistake(
        "l2-gradient-missing",
        "The backward pass leaves out the regularization term of some dW[l].",
        "The cost has a term that depends on every W[l]; does every dW[l] have its "
        "derivative?",
        None,
        "dlnotes.regularization.l2_grad",
    ),
    # ---------------------------------------------------------------- dropout
    Mistake(
        "dropout-no-rescale",
        "Dropout multiplies by the mask D but does not divide by keep_prob (not *inverted* "
        "dropout).",
        "After shutting units down, what keeps the expected value of A the same as without "
        "dropout? The backward pass must do the same to dA.",
        None,
        "dlnotes.regularization.dropout_forward (Notes)",
    ),
    Mistake(
        "dropout-mask-reversed",
        "The mask keeps a unit with probability 1 - keep_prob (the comparison is reversed).",
        "keep_prob is the probability of *keeping* a unit: which way should the comparison "
        "with the uniform draw go?",
        None,
        "dlnotes.regularization.dropout_forward (Warnings: keep vs drop probability)",
    ),
    Mistake(
        "dropout-one-mask-per-unit",
        "One mask value per unit, shared by every example of the batch (D has identical "
        "columns).",
        "Each example gets its own thinned network: what shape should D[l] have?",
        None,
        "dlnotes.regularization.dropout_forward",
    ),
    # ---------------------------------------------------------------- mini-batches
    Mistake(
        "minibatch-no-shuffle",
        "The mini-batches are cut from X and Y in their original order, not shuffled.",
        "Step 1 of the assignment comes before the partition: is there a permutation of the "
        "columns, and do you use it?",
        None,
        "dlnotes.optim.random_mini_batches (Notes)",
    ),
    Mistake(
        "minibatch-unpaired-shuffle",
        "X and Y are shuffled with two different permutations: labels no longer match "
        "their examples.",
        "Each label must stay with its example: how many permutations should you draw?",
        None,
        "dlnotes.optim.random_mini_batches (Notes)",
    ),
    Mistake(
        "minibatch-drops-last",
        "The last, smaller mini-batch (m not a multiple of mini_batch_size) is dropped.",
        "Count your mini-batches when m is not a multiple of mini_batch_size: are the "
        "remaining examples in one of them?",
        None,
        "dlnotes.optim.random_mini_batches (Returns)",
    ),
    # ---------------------------------------------------------------- gradient checking
    Mistake(
        "gradcheck-forward-difference",
        "gradapprox uses the one-sided difference (J(theta+eps) - J(theta))/eps.",
        "The course's approximation evaluates J at two points placed symmetrically around "
        "theta; where are yours?",
        None,
        f"{WEEK1}, section 9 'Gradient checking'; dlnotes.gradcheck.numerical_gradient",
    ),
    Mistake(
        "gradcheck-unnormalized",
        "The difference is ||grad - gradapprox|| without the normalization.",
        "The course's difference is a *relative* one: what do you divide by?",
        None,
        f"{WEEK1}, section 9 'Gradient checking'; dlnotes.gradcheck.relative_error",
    ),
    # ---------------------------------------------------------------- EWA and optimizers
    Mistake(
        "ewa-correction-fed-back",
        "The bias-corrected value is fed back into the recursion (v_t = (beta v_{t-1} + "
        "(1-beta) theta_t)/(1-beta^t)).",
        "Which value does the next step start from: the stored average, or its corrected "
        "read-out?",
        f"{WEEK2}, section 2 'Bias correction': Erratum W2.1 (the EWA's bias correction fed back)",
        "dlnotes.ewa.bias_correction (Warnings)",
    ),
    Mistake(
        "momentum-heavy-ball",
        "Momentum in the heavy-ball form v = beta v + dW (no (1 - beta) factor).",
        "The course's v is an exponentially weighted *average* of the gradients: what weight "
        "does the newest gradient get?",
        None,
        "dlnotes.optim.Momentum (Warnings: damped vs heavy-ball)",
    ),
    Mistake(
        "momentum-steps-with-gradient",
        "v is updated, but the parameters step with the raw gradient dW instead of v.",
        "After computing the velocity, which quantity moves W and b?",
        None,
        "dlnotes.optim.Momentum (Notes)",
    ),
    Mistake(
        "rmsprop-no-epsilon",
        "RMSprop divides by sqrt(s) with no epsilon (0/0 where a gradient is zero at first).",
        "What happens to your update where s is exactly zero? Look at the denominator.",
        f"{WEEK2}, section 4 'RMSprop': Erratum W2.3 (RMSprop without epsilon)",
        "dlnotes.optim.RMSprop (Warnings)",
    ),
    Mistake(
        "rmsprop-epsilon-inside-root",
        "RMSprop divides by sqrt(s + epsilon) instead of the course's form.",
        "Where does epsilon go relative to the square root in the course's update?",
        None,
        "dlnotes.optim.RMSprop (Warnings: where epsilon goes differs)",
    ),
    Mistake(
        "adam-overwrites-moments",
        "Adam stores the bias-corrected v and s as the new moments (v := v/(1-beta1^t)).",
        "Which v and s does your function hand back for the next step: the running averages "
        "or their corrected read-outs?",
        f"{WEEK2}, section 5 'Adam': Erratum W2.5 (Adam overwrites its state)",
        "dlnotes.optim.Adam (Warnings)",
    ),
    Mistake(
        "adam-no-bias-correction",
        "Adam steps with the uncorrected v and s (no division by 1 - beta^t).",
        "At t = 1, v and s are far below the gradient's size; what repairs that before the "
        "update?",
        None,
        "dlnotes.optim.Adam (Notes); dlnotes.ewa.bias_correction",
    ),
    Mistake(
        "adam-epsilon-inside-root",
        "Adam divides by sqrt(s_corrected + epsilon) instead of the course's form.",
        "Where does epsilon go relative to the square root in the course's update?",
        None,
        "dlnotes.optim.Adam (Warnings: epsilon placement)",
    ),
    Mistake(
        "adam-step-count-off-by-one",
        "Adam's bias correction uses t + 1 (or t - 1) instead of the t it was given.",
        "The caller has already counted this update in t; which power of beta1 and beta2 "
        "do you use?",
        None,
        "dlnotes.optim.Adam (Notes: t is the number of this update)",
    ),
    Mistake(
        "decay-no-floor",
        "schedule_lr_decay divides epoch_num by time_interval without rounding down, so the "
        "rate decays every epoch instead of in steps.",
        "The rate should stay constant for time_interval epochs, then drop: what turns "
        "epoch_num / time_interval into a staircase?",
        None,
        f"{WEEK2}, section 7 'Learning-rate decay'; dlnotes.schedules.inverse_time_decay "
        "(staircase)",
    ),
    # ---------------------------------------------------------------- batch norm
    Mistake(
        "batchnorm-std-under-root",
        "Batch norm divides by sqrt(sigma + epsilon) with sigma the standard deviation.",
        "Is the quantity under your square root a variance or a standard deviation?",
        f"{WEEK3}, section 5 'Batch normalization': Erratum W3.3 on sigma = std(z, mu)",
        "dlnotes.batchnorm.batchnorm_forward (Warnings)",
    ),
    Mistake(
        "batchnorm-unbiased-variance",
        "Batch norm uses the unbiased variance (divided by m - 1).",
        "Batch norm normalizes by the mini-batch's own statistics: what does your variance "
        "divide the sum of squares by?",
        None,
        "dlnotes.batchnorm.batchnorm_forward (Notes: biased variance)",
    ),
    Mistake(
        "batchnorm-wrong-axis",
        "Batch norm's mean and variance are taken over the units of each example (axis 0) "
        "instead of over the examples of each unit.",
        "Each unit is normalized over the mini-batch: along which axis of Z (n, m) are the "
        "examples?",
        None,
        "dlnotes.batchnorm.batchnorm_forward (Notes)",
    ),
    Mistake(
        "batchnorm-backward-constant-statistics",
        "Batch norm's backward treats mu and sigma^2 as constants: dZ = gamma dZ_tilde / "
        "sqrt(var + eps).",
        "mu and sigma^2 are computed from the same Z: does your dZ include the paths through "
        "them?",
        f"{WEEK3}, section 5 'Batch normalization': Erratum W3.4 on 'similar to an "
        "extra linear layer'",
        "dlnotes.batchnorm.batchnorm_backward (Warnings and Notes)",
    ),
    # ---------------------------------------------------------------- softmax
    Mistake(
        "softmax-unstable",
        "Softmax exponentiates the raw logits: exp overflows for large logits (inf/inf = "
        "nan).",
        "Softmax does not change if you add the same number to every logit of a column; "
        "which number keeps exp from overflowing?",
        None,
        "dlnotes.softmax.softmax",
    ),
    Mistake(
        "softmax-wrong-axis",
        "Softmax normalizes over the examples (axis 1) instead of over the classes of each "
        "column.",
        "Z is (C, m), classes in rows: which entries of the output must sum to 1?",
        None,
        "dlnotes.softmax module docstring (shapes)",
    ),
    Mistake(
        "cross-entropy-sum-not-mean",
        "The cross-entropy cost is summed over the m examples instead of averaged.",
        "The cost J is an average of the losses of the examples; what is your total divided "
        "by?",
        None,
        "dlnotes.softmax.cross_entropy",
    ),
]

CATALOGUE: dict[str, Mistake] = {m.id: m for m in _ENTRIES}
"""Every catalogued mistake, by id, in the order of the course."""
