"""Tests for dlnotes.tuning: samplers on their scales, grid vs random, coarse to fine."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.tuning import (
    Dimension,
    Trials,
    coarse_to_fine,
    grid_points,
    grid_search,
    log_uniform,
    random_search,
    sample_beta,
    uniform,
    zoom,
)

N_SAMPLES = 4000
KS_LIMIT = 2.5 / np.sqrt(N_SAMPLES)  # P(D > limit) ~ 2 exp(-2 * 2.5**2) ~ 7e-6 per example


def ks_uniform(u):
    """Kolmogorov-Smirnov distance between the samples u (in [0, 1]) and U[0, 1]."""
    u = np.sort(np.asarray(u).ravel())
    n = u.size
    i = np.arange(1, n + 1)
    return max(np.max(i / n - u), np.max(u - (i - 1) / n))


seeds = st.integers(0, 2**32 - 1)
exponents = st.floats(-8, 3)


def bounds_log():
    return st.tuples(exponents, exponents).map(sorted).map(lambda t: (10.0 ** t[0], 10.0 ** t[1]))


def bounds_beta():
    return st.tuples(st.floats(0.0, 0.9999), st.floats(0.0, 0.9999)).map(sorted)


# --------------------------------------------------------------------------- samplers


@settings(max_examples=50, deadline=None)
@given(bounds_log(), seeds)
def test_log_uniform_in_range(bounds, seed):
    low, high = bounds
    x = log_uniform(low, high, 200, rng=np.random.default_rng(seed))
    assert x.shape == (200,)
    assert np.all((x >= low) & (x <= high))


@settings(max_examples=30, deadline=None, derandomize=True)
@given(bounds_log().filter(lambda b: b[1] > 1.01 * b[0]), seeds)
def test_log_uniform_exponent_is_uniform(bounds, seed):
    low, high = bounds
    x = log_uniform(low, high, N_SAMPLES, rng=np.random.default_rng(seed))
    u = (np.log10(x) - np.log10(low)) / (np.log10(high) - np.log10(low))
    assert ks_uniform(u) < KS_LIMIT


def test_log_uniform_vs_uniform_course_example():
    # alpha in [1e-4, 1]: uniform puts ~90% of the samples in [0.1, 1], log-uniform ~25%
    rng = np.random.default_rng(0)
    lin = uniform(1e-4, 1.0, N_SAMPLES, rng=rng)
    log = log_uniform(1e-4, 1.0, N_SAMPLES, rng=rng)
    np.testing.assert_allclose(np.mean(lin >= 0.1), 0.9, atol=0.02)
    counts = np.histogram(log, bins=[1e-4, 1e-3, 1e-2, 1e-1, 1.0])[0] / N_SAMPLES
    np.testing.assert_allclose(counts, 0.25, atol=0.025)


def test_log_uniform_matches_course_recipe_in_distribution():
    # course: r = -4 * rand, alpha = 10**r. Same distribution as log_uniform(1e-4, 1).
    rng = np.random.default_rng(1)
    course = 10.0 ** (-4 * rng.random(N_SAMPLES))
    ours = log_uniform(1e-4, 1.0, N_SAMPLES, rng=rng)
    q = np.linspace(0.05, 0.95, 10)
    np.testing.assert_allclose(
        np.log10(np.quantile(ours, q)), np.log10(np.quantile(course, q)), atol=0.15
    )


@settings(max_examples=50, deadline=None)
@given(bounds_beta(), seeds)
def test_sample_beta_in_range(bounds, seed):
    low, high = bounds
    b = sample_beta(low, high, 200, rng=np.random.default_rng(seed))
    assert np.all((b >= low) & (b <= high))


@settings(max_examples=20, deadline=None, derandomize=True)
@given(seeds)
def test_sample_beta_one_minus_beta_is_log_uniform(seed):
    b = sample_beta(0.9, 0.999, N_SAMPLES, rng=np.random.default_rng(seed))
    u = (np.log10(1 - b) - (-1.0)) / (-3.0 - (-1.0))  # r in [-3, -1] mapped to [0, 1]
    assert ks_uniform(u) < KS_LIMIT


def test_sample_beta_course_example_halves():
    # 0.9..0.99 (window 10..100) and 0.99..0.999 (window 100..1000) get half each;
    # a uniform sampler would give 0.9..0.99 about 91% of them.
    rng = np.random.default_rng(2)
    b = sample_beta(0.9, 0.999, N_SAMPLES, rng=rng)
    np.testing.assert_allclose(np.mean(b < 0.99), 0.5, atol=0.025)
    lin = uniform(0.9, 0.999, N_SAMPLES, rng=rng)
    np.testing.assert_allclose(np.mean(lin < 0.99), 0.09 / 0.099, atol=0.025)


@settings(max_examples=50, deadline=None)
@given(st.floats(-1e6, 1e6), st.floats(0, 1e6), seeds)
def test_uniform_in_range(low, width, seed):
    high = low + width
    x = uniform(low, high, (3, 4), rng=np.random.default_rng(seed))
    assert x.shape == (3, 4)
    assert np.all((x >= low) & (x <= high))


@pytest.mark.parametrize(
    "sampler,low,high", [(uniform, -1.0, 2.0), (log_uniform, 1e-5, 1.0), (sample_beta, 0.9, 0.999)]
)
def test_same_seed_same_samples(sampler, low, high):
    a = sampler(low, high, 50, rng=np.random.default_rng(42))
    b = sampler(low, high, 50, rng=np.random.default_rng(42))
    c = sampler(low, high, 50, rng=np.random.default_rng(43))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_degenerate_range_is_a_point():
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(log_uniform(0.01, 0.01, 3, rng=rng), 0.01)
    np.testing.assert_array_equal(sample_beta(0.9, 0.9, 3, rng=rng), 0.9)


@pytest.mark.parametrize(
    "sampler,low,high,match",
    [
        (log_uniform, 0.0, 1.0, r"^low "),
        (log_uniform, -1e-3, 1.0, r"^low "),
        (log_uniform, 1e-3, 0.0, r"^high "),
        (log_uniform, 1.0, 1e-3, r"^high "),
        (log_uniform, np.nan, 1.0, r"^low "),
        (log_uniform, "0.1", 1.0, r"^low "),
        (sample_beta, -0.1, 0.9, r"^low "),
        (sample_beta, 0.9, 1.0, r"^high "),
        (sample_beta, 0.99, 0.9, r"^high "),
        (uniform, 2.0, 1.0, r"^high "),
        (uniform, 0.0, np.inf, r"^high "),
    ],
)
def test_sampler_bound_errors(sampler, low, high, match):
    with pytest.raises(ValueError, match=match):
        sampler(low, high, 3, rng=np.random.default_rng(0))


@pytest.mark.parametrize("sampler", [uniform, log_uniform, sample_beta])
def test_sampler_size_and_rng_errors(sampler):
    with pytest.raises(ValueError, match=r"^size "):
        sampler(0.1, 0.5, -1, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^size "):
        sampler(0.1, 0.5, 2.5, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^size "):
        sampler(0.1, 0.5, (2, -1), rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^rng "):
        sampler(0.1, 0.5, 3, rng=0)
    with pytest.raises(ValueError, match=r"^rng "):
        sampler(0.1, 0.5, 3, rng=np.random.RandomState(0))


# --------------------------------------------------------------------------- Dimension


def test_dimension_grids_on_their_scales():
    np.testing.assert_allclose(Dimension(0.0, 1.0).grid(5), [0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(
        Dimension(1e-4, 1.0, "log").grid(5), [1e-4, 1e-3, 1e-2, 1e-1, 1.0], rtol=1e-12
    )
    np.testing.assert_allclose(
        Dimension(0.9, 0.999, "beta").grid(3), [0.9, 0.99, 0.999], rtol=1e-12
    )
    assert Dimension(1e-4, 1.0, "log").grid(1).tolist() == [1e-4]


@pytest.mark.parametrize("scale", ["linear", "log", "beta"])
def test_dimension_sample_matches_module_sampler(scale):
    low, high = (0.5, 0.99) if scale == "beta" else (0.01, 3.0)
    sampler = {"linear": uniform, "log": log_uniform, "beta": sample_beta}[scale]
    a = Dimension(low, high, scale).sample(20, rng=np.random.default_rng(5))
    b = sampler(low, high, 20, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(a, b)


def test_dimension_is_frozen_and_zoom_returns_new():
    d = Dimension(1e-4, 1.0, "log")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.low = 1.0  # type: ignore[misc]
    z = d.zoom([1e-3, 1e-2, 5e-3])
    assert z == Dimension(1e-3, 1e-2, "log")
    assert d == Dimension(1e-4, 1.0, "log")


@pytest.mark.parametrize(
    "args,match",
    [
        ((1.0, 2.0, "exp"), r"^scale "),
        ((0.0, 1.0, "log"), r"^low "),
        ((0.5, 1.0, "beta"), r"^high "),
        ((2.0, 1.0, "linear"), r"^high "),
        ((None, 1.0, "linear"), r"^low "),
    ],
)
def test_dimension_errors(args, match):
    with pytest.raises(ValueError, match=match):
        Dimension(*args)


def test_dimension_method_errors():
    d = Dimension(0.0, 1.0)
    with pytest.raises(ValueError, match=r"^n "):
        d.grid(0)
    with pytest.raises(ValueError, match=r"^rng "):
        d.sample(3, rng=None)
    with pytest.raises(ValueError, match=r"^values "):
        d.zoom([])
    with pytest.raises(ValueError, match=r"^values "):
        d.zoom([[0.5]])
    with pytest.raises(ValueError, match=r"^values "):
        d.zoom([0.5, 2.0])


# --------------------------------------------------------------------------- searches

SPACE = {"alpha": Dimension(1e-4, 1.0, "log"), "epsilon": Dimension(1e-8, 1e-6, "log")}


def dev_error(alpha, epsilon):
    """Only alpha matters (Bergstra & Bengio's low effective dimensionality)."""
    return (np.log10(alpha) + 2.7) ** 2 + 0.0 * epsilon


def test_grid_points_cartesian_product():
    space = {"a": Dimension(0.0, 1.0), "b": Dimension(1e-3, 1e-1, "log"), "c": Dimension(0, 2)}
    points = grid_points(space, {"a": 2, "b": 3, "c": 4})
    assert all(v.shape == (24,) for v in points.values())
    combos = set(zip(*(points[k].round(12) for k in "abc"), strict=True))
    assert len(combos) == 24
    assert [len(np.unique(points[k])) for k in "abc"] == [2, 3, 4]


def test_grid_search_has_only_n_distinct_values_per_dimension():
    trials = grid_search(dev_error, SPACE, 3)
    assert isinstance(trials, Trials)
    assert len(trials.scores) == 9
    assert len(np.unique(trials.params["alpha"])) == 3
    np.testing.assert_array_equal(trials.rounds, 0)
    assert trials.spaces == (SPACE,)


def test_random_search_tries_n_distinct_values_and_finds_the_best():
    trials = random_search(dev_error, SPACE, 9, rng=np.random.default_rng(0))
    assert len(np.unique(trials.params["alpha"])) == 9
    assert len(np.unique(trials.params["epsilon"])) == 9
    i = int(np.argmin(trials.scores))
    assert trials.best_index == i
    assert trials.best_score == trials.scores[i]
    assert trials.best_params == {k: float(v[i]) for k, v in trials.params.items()}
    np.testing.assert_allclose(trials.best_score, dev_error(**trials.best_params), rtol=1e-12)


def test_random_beats_grid_when_one_parameter_matters():
    # Bergstra & Bengio (2012), Figure 1: 9 trials, f depends on alpha only.
    grid_best = grid_search(dev_error, SPACE, 3).best_score
    random_best = [
        random_search(dev_error, SPACE, 9, rng=np.random.default_rng(s)).best_score
        for s in range(200)
    ]
    assert np.mean(np.array(random_best) < grid_best) > 0.8
    assert np.median(random_best) < grid_best / 10


def test_batched_objective_is_called_once_and_agrees():
    calls = []

    def batched_error(alpha, epsilon):
        calls.append((alpha.shape, epsilon.shape))
        return dev_error(alpha, epsilon)

    batched = random_search(
        batched_error, SPACE, 12, rng=np.random.default_rng(3), batched=True
    )
    assert calls == [((12,), (12,))]
    looped = random_search(dev_error, SPACE, 12, rng=np.random.default_rng(3))
    for k in SPACE:
        np.testing.assert_array_equal(batched.params[k], looped.params[k])
    np.testing.assert_allclose(batched.scores, looped.scores, rtol=1e-15)
    grid_b = grid_search(dev_error, SPACE, 3, batched=True)
    grid_l = grid_search(dev_error, SPACE, 3)
    np.testing.assert_allclose(grid_b.scores, grid_l.scores, rtol=1e-15)


def test_batched_objective_may_return_stacked_shape():
    # dlnotes.nn kernels reduce to the leading (K,) axis, or keep (K, 1, 1)
    def stacked(alpha, epsilon):
        return dev_error(alpha, epsilon).reshape(-1, 1, 1)

    trials = random_search(stacked, SPACE, 5, rng=np.random.default_rng(0), batched=True)
    assert trials.scores.shape == (5,)


def test_unbatched_objective_gets_python_floats():
    seen = []

    def objective(alpha, epsilon):
        seen.append((type(alpha), type(epsilon)))
        return 0.0

    random_search(objective, SPACE, 3, rng=np.random.default_rng(0))
    assert seen == [(float, float)] * 3


def test_nonfinite_scores_rank_last():
    def diverges_for_large_alpha(alpha, epsilon):
        return np.nan if alpha > 0.01 else alpha

    trials = random_search(diverges_for_large_alpha, SPACE, 30, rng=np.random.default_rng(1))
    assert np.isnan(trials.scores).any()
    assert np.isfinite(trials.best_score)
    assert trials.best_params["alpha"] == np.nanmin(trials.scores)
    order = trials.order
    assert np.all(np.isnan(trials.scores[order][-np.isnan(trials.scores).sum():]))


def test_zoom_to_best_trials():
    space = {"alpha": Dimension(1e-4, 1.0, "log")}
    trials = grid_search(lambda alpha: abs(np.log10(alpha) + 2), space, 5)
    assert zoom(space, trials, 3) == {"alpha": Dimension(1e-3, 1e-1, "log")}
    assert zoom(space, trials, 1) == {"alpha": Dimension(1e-2, 1e-2, "log")}


def test_coarse_to_fine_rounds_nest_and_improve():
    space = {"alpha": Dimension(1e-4, 1.0, "log"), "beta": Dimension(0.8, 0.999, "beta")}

    def err(alpha, beta):
        return (np.log10(alpha) + 2.7) ** 2 + (np.log10(1 - beta) + 2.2) ** 2

    trials = coarse_to_fine(err, space, 20, 4, rng=np.random.default_rng(0), keep=0.2)
    np.testing.assert_array_equal(np.bincount(trials.rounds), [20, 20, 20, 20])
    assert len(trials.spaces) == 4 and trials.spaces[0] == space
    for outer, inner in zip(trials.spaces, trials.spaces[1:], strict=False):
        for k in space:
            assert outer[k].low <= inner[k].low <= inner[k].high <= outer[k].high
            assert inner[k].scale == outer[k].scale
    for r, sp in enumerate(trials.spaces):
        in_round = trials.rounds == r
        for k in space:
            v = trials.params[k][in_round]
            assert np.all((v >= sp[k].low) & (v <= sp[k].high))
    best_per_round = [trials.scores[trials.rounds == r].min() for r in range(4)]
    assert best_per_round[-1] < best_per_round[0]
    median = [np.median(trials.scores[trials.rounds == r]) for r in range(4)]
    assert median[3] < median[0]
    # the best trial so far always stays inside the next box
    for r in range(1, 4):
        so_far = np.where(trials.rounds < r, trials.scores, np.inf)
        best = int(np.argmin(so_far))
        for k in space:
            assert trials.spaces[r][k].low <= trials.params[k][best] <= trials.spaces[r][k].high


def test_coarse_to_fine_one_round_is_random_search_and_batched_agrees():
    a = coarse_to_fine(dev_error, SPACE, 10, 1, rng=np.random.default_rng(7))
    b = random_search(dev_error, SPACE, 10, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.scores, b.scores)
    c = coarse_to_fine(dev_error, SPACE, 10, 3, rng=np.random.default_rng(7), batched=True)
    d = coarse_to_fine(dev_error, SPACE, 10, 3, rng=np.random.default_rng(7))
    np.testing.assert_allclose(c.scores, d.scores, rtol=1e-15)
    assert c.spaces == d.spaces


def _grid_rounds_before(objective, space, side, rounds, batched):
    """What ``dlnotes.viz.search`` did before ``coarse_to_fine(sampler="grid")`` (verbatim)."""
    n_best = max(2, int(np.ceil(0.2 * side ** len(space))))
    trials = grid_search(objective, space, side, batched=batched)
    for r in range(1, rounds):
        box = zoom(space, trials, n_best)
        new = grid_search(objective, box, side, batched=batched)
        trials = Trials(
            {k: np.concatenate([trials.params[k], new.params[k]]) for k in space},
            np.concatenate([trials.scores, new.scores]),
            np.concatenate([trials.rounds, np.full(len(new.scores), r)]),
            trials.spaces + new.spaces,
        )
    return trials


def _bowl(alpha, epsilon):
    return (np.log10(alpha) + 2.7) ** 2 + 0.1 * (np.log10(epsilon) + 7.2) ** 2


@pytest.mark.parametrize("objective", [dev_error, _bowl])
@pytest.mark.parametrize("side", [2, 3, 4, 5])
@pytest.mark.parametrize("batched", [False, True])
def test_coarse_to_fine_grid_equals_the_former_grid_rounds(objective, side, batched):
    for space in (SPACE, {"alpha": Dimension(1e-5, 10.0, "linear"), "epsilon": SPACE["epsilon"]}):
        new = coarse_to_fine(objective, space, side**2, 4, batched=batched, sampler="grid")
        old = _grid_rounds_before(objective, space, side, 4, batched)
        assert new.params.keys() == old.params.keys()
        for k in space:
            np.testing.assert_array_equal(new.params[k], old.params[k])
        np.testing.assert_array_equal(new.scores, old.scores)
        np.testing.assert_array_equal(new.rounds, old.rounds)
        assert new.rounds.dtype == old.rounds.dtype
        assert new.spaces == old.spaces


def test_coarse_to_fine_grid_rounds():
    space = {**SPACE, "beta": Dimension(0.9, 0.999, "beta")}
    trials = coarse_to_fine(_bowl_3d, space, 27, 3, sampler="grid", rng=np.random.default_rng(0))
    np.testing.assert_array_equal(np.bincount(trials.rounds), [27, 27, 27])
    for r in range(3):
        in_round = trials.rounds == r
        grid = grid_points(trials.spaces[r], 3)
        for k in space:  # every round is the 3 x 3 x 3 grid of its box: 3 values per dimension
            np.testing.assert_array_equal(trials.params[k][in_round], grid[k])
    assert trials.spaces[2]["alpha"].high < trials.spaces[0]["alpha"].high
    # one round is grid_search, and no rng is needed (the grid is deterministic)
    one = coarse_to_fine(dev_error, SPACE, 9, 1, sampler="grid")
    ref = grid_search(dev_error, SPACE, 3)
    np.testing.assert_array_equal(one.scores, ref.scores)
    np.testing.assert_array_equal(one.rounds, ref.rounds)


def _bowl_3d(alpha, epsilon, beta):
    return _bowl(alpha, epsilon) + (np.log10(1.0 - beta) + 2.0) ** 2


def test_searches_do_not_mutate_space():
    space = dict(SPACE)
    before = dict(space)
    coarse_to_fine(dev_error, space, 10, 3, rng=np.random.default_rng(0))
    grid_search(dev_error, space, 2)
    assert space == before


# --------------------------------------------------------------------------- search errors


@pytest.mark.parametrize(
    "space",
    [
        {},
        [("alpha", Dimension(0, 1))],
        {"alpha": (1e-4, 1.0)},
        {"not a name": Dimension(0, 1)},
        {3: Dimension(0, 1)},
    ],
)
def test_space_errors(space):
    with pytest.raises(ValueError, match=r"^space"):
        random_search(dev_error, space, 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"^space"):
        grid_points(space, 2)


def test_search_argument_errors():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match=r"^objective "):
        random_search("f", SPACE, 3, rng=rng)
    with pytest.raises(ValueError, match=r"^n_trials "):
        random_search(dev_error, SPACE, 0, rng=rng)
    with pytest.raises(ValueError, match=r"^rng "):
        random_search(dev_error, SPACE, 3, rng=1)
    with pytest.raises(ValueError, match=r"^n "):
        grid_search(dev_error, SPACE, 0)
    with pytest.raises(ValueError, match=r"^n "):
        grid_search(dev_error, SPACE, 2.0)
    with pytest.raises(ValueError, match=r"^n "):
        grid_points(SPACE, {"alpha": 2})
    with pytest.raises(ValueError, match=r"^n\['alpha'\] "):
        grid_points(SPACE, {"alpha": 0, "epsilon": 2})


def test_objective_output_errors():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match=r"^objective "):
        random_search(lambda alpha, epsilon: np.zeros(2), SPACE, 3, rng=rng)
    with pytest.raises(ValueError, match=r"^objective "):
        random_search(lambda alpha, epsilon: 0.0, SPACE, 3, rng=rng, batched=True)
    with pytest.raises(ValueError, match=r"^objective "):
        grid_search(lambda alpha, epsilon: np.zeros(3), SPACE, 2, batched=True)


def test_coarse_to_fine_errors():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match=r"^n_trials "):
        coarse_to_fine(dev_error, SPACE, 1, 2, rng=rng)
    with pytest.raises(ValueError, match=r"^n_rounds "):
        coarse_to_fine(dev_error, SPACE, 5, 0, rng=rng)
    for keep in (0.0, -0.5, 1.5, np.nan):
        with pytest.raises(ValueError, match=r"^keep "):
            coarse_to_fine(dev_error, SPACE, 5, 2, rng=rng, keep=keep)
    with pytest.raises(ValueError, match=r"^rng "):
        coarse_to_fine(dev_error, SPACE, 5, 2, rng=None)
    with pytest.raises(ValueError, match=r"^rng "):
        coarse_to_fine(dev_error, SPACE, 5, 2)
    for sampler in ("Grid", "sobol", None):
        with pytest.raises(ValueError, match=r"^sampler "):
            coarse_to_fine(dev_error, SPACE, 4, 2, rng=rng, sampler=sampler)
    for n_trials in (5, 8, 15):  # not k**2 for the two dimensions of SPACE
        with pytest.raises(ValueError, match=r"^n_trials "):
            coarse_to_fine(dev_error, SPACE, n_trials, 2, sampler="grid")


def test_zoom_errors():
    trials = grid_search(dev_error, SPACE, 2)
    with pytest.raises(ValueError, match=r"^trials "):
        zoom(SPACE, tuple(trials), 2)
    with pytest.raises(ValueError, match=r"^trials "):
        zoom({"alpha": SPACE["alpha"]}, trials, 2)
    with pytest.raises(ValueError, match=r"^n_best "):
        zoom(SPACE, trials, 0)
    with pytest.raises(ValueError, match=r"^n_best "):
        zoom(SPACE, trials, 5)
