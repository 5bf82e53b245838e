"""Tests for dlnotes.datasets: generated 2-D sets, the split, the EWA series, the digits."""

from __future__ import annotations

import hashlib
import shutil
import socket
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlnotes.datasets import (
    DIGITS_PATH,
    DIGITS_SHA256,
    Digits,
    Split,
    fit_normalization,
    football_bayes_error,
    football_bayes_rate,
    football_border,
    labels_from_one_hot,
    load_digits,
    make_football,
    make_moons,
    make_temperature_series,
    normalize_inputs,
    one_hot,
    shift_images,
    train_dev_test_split,
)

MAKERS = [make_moons, make_football]
MAKER_IDS = [f.__name__ for f in MAKERS]


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --------------------------------------------------------------------------- 2-D sets: common


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
@pytest.mark.parametrize("m", [2, 3, 7, 100, 301])
def test_shapes_dtypes_and_fixed_class_counts(make, m):
    X, Y = make(m, rng=rng(m))
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert np.all(np.isfinite(X))
    assert set(np.unique(Y)) <= {0.0, 1.0}
    assert int(np.sum(Y == 0)) == m // 2
    assert int(np.sum(Y == 1)) == m - m // 2


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
def test_class_counts_do_not_depend_on_the_seed(make):
    counts = {int(make(51, rng=rng(seed))[1].sum()) for seed in range(8)}
    assert counts == {26}


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
def test_same_seed_same_data_other_seed_other_data(make):
    X1, Y1 = make(200, rng=rng(42))
    X2, Y2 = make(200, rng=rng(42))
    X3, _ = make(200, rng=rng(43))
    assert_array_equal(X1, X2)
    assert_array_equal(Y1, Y2)
    assert not np.allclose(X1, X3)


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
def test_columns_are_shuffled(make):
    # Not "all of class 0, then all of class 1": the first half holds both classes.
    _, Y = make(200, rng=rng(0))
    assert 0 < Y[0, :100].sum() < 100


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
def test_noise_moves_the_points(make):
    X0, _ = make(300, noise=0.0, rng=rng(5))
    X1, _ = make(300, noise=0.3, rng=rng(5))
    assert not np.allclose(X0, X1)


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"m": 1}, "m must be >= 2"),
        ({"m": 0}, "m must be >= 2"),
        ({"m": 10.0}, "m must be an integer"),
        ({"m": True}, "m must be an integer"),
        ({"m": "10"}, "m must be an integer"),
        ({"noise": -0.1}, "noise must be >= 0"),
        ({"noise": float("nan")}, "noise must be finite"),
        ({"noise": "0.1"}, "noise must be a real number"),
        ({"rng": None}, "rng must be a numpy.random.Generator"),
        ({"rng": 0}, "rng must be a numpy.random.Generator"),
        ({"rng": np.random.RandomState(0)}, "rng must be a numpy.random.Generator"),
    ],
)
def test_common_value_errors(make, kwargs, match):
    args = {"m": 10, "noise": 0.1, "rng": rng()} | kwargs
    with pytest.raises(ValueError, match=match):
        make(args.pop("m"), **args)


@pytest.mark.parametrize("make", MAKERS, ids=MAKER_IDS)
def test_noise_and_rng_are_keyword_only(make):
    with pytest.raises(TypeError):
        make(10, 0.1, rng())


# --------------------------------------------------------------------------- 2-D sets: geometry


def test_moons_without_noise_lie_on_their_arcs():
    X, Y = make_moons(500, noise=0.0, rng=rng(1))
    x0, x1 = X[:, Y[0] == 0], X[:, Y[0] == 1]
    # class 0: upper half of the unit circle at (0, 0)
    assert_allclose(np.hypot(x0[0], x0[1]), 1.0, rtol=0, atol=1e-12)
    assert np.all(x0[1] >= 0)
    # class 1: lower half of the unit circle at (1, 0.5)
    assert_allclose(np.hypot(x1[0] - 1.0, x1[1] - 0.5), 1.0, rtol=0, atol=1e-12)
    assert np.all(x1[1] <= 0.5)


def test_moons_without_noise_are_separated_by_a_known_curve():
    # The arcs do not meet: "closer to circle 0 than to circle 1" classifies every point.
    X, Y = make_moons(1000, noise=0.0, rng=rng(2))
    d0 = np.abs(np.hypot(X[0], X[1]) - 1.0)
    d1 = np.abs(np.hypot(X[0] - 1.0, X[1] - 0.5) - 1.0) + (X[1] > 0.5)  # lower half only
    d0 = d0 + (X[1] < 0)  # upper half only
    assert_array_equal((d1 < d0).astype(float), Y[0])


def test_moons_noise_is_the_coordinate_standard_deviation():
    # Same draws of t with and without noise, since the noise is drawn after the angles.
    X0, Y0 = make_moons(20000, noise=0.0, rng=rng(3))
    X1, Y1 = make_moons(20000, noise=0.2, rng=rng(3))
    assert_array_equal(Y0, Y1)
    assert_allclose(np.std(X1 - X0), 0.2, rtol=0.02)


def test_football_points_lie_on_the_field():
    X, _ = make_football(2000, rng=rng(10))
    assert np.all((X[0] >= -1.0) & (X[0] <= 1.0))
    assert np.all((X[1] >= -0.65) & (X[1] <= 0.65))


def test_football_without_noise_is_labelled_by_the_border():
    X, Y = make_football(1000, noise=0.0, rng=rng(11))
    assert_array_equal((X[1] > football_border(X[0])).astype(float), Y[0])


def test_football_noise_flips_labels_near_the_border_only():
    X, Y = make_football(4000, noise=0.1, rng=rng(12))
    d = X[1] - football_border(X[0])
    wrong = (d > 0) != (Y[0] == 1)
    # P(flip | d) = Phi(-|d| / noise): some flips, but the border is still a good classifier
    assert 0.02 < wrong.mean() < 0.15
    # and flipped points sit close to it: none beyond 5 noise standard deviations
    assert np.abs(d[wrong]).max() < 0.5
    assert np.abs(d[wrong]).mean() < 0.5 * np.abs(d).mean()


def test_football_more_noise_more_flips():
    def flip_rate(noise):
        X, Y = make_football(4000, noise=noise, rng=rng(13))
        return np.mean((X[1] > football_border(X[0])) != (Y[0] == 1))

    assert flip_rate(0.0) == 0.0 < flip_rate(0.05) < flip_rate(0.2)


def test_football_border_keeps_shape_and_refuses_nan():
    x = np.linspace(-1, 1, 12).reshape(3, 4)
    assert football_border(x).shape == (3, 4)
    assert_allclose(football_border(0.0), 0.25 * np.sin(0.5) - 0.05, rtol=1e-15)
    with pytest.raises(ValueError, match="x1 must be finite"):
        football_border([0.0, np.nan])


# --------------------------------------------------------------------------- split


def _indexed(m: int, n_x: int = 3):
    """X whose column i holds i, 1000 + i, ...; Y = i mod 2: every column is recognisable."""
    i = np.arange(m, dtype=float)
    X = np.stack([i + 1000 * r for r in range(n_x)])
    Y = (i % 2)[np.newaxis, :]
    return X, Y


def test_split_default_sizes_and_types():
    X, Y = _indexed(10)
    s = train_dev_test_split(X, Y, rng=rng())
    assert isinstance(s, Split)
    assert [a.shape for a in s] == [(3, 6), (1, 6), (3, 2), (1, 2), (3, 2), (1, 2)]
    assert all(a.dtype == np.float64 for a in s)
    X_train, Y_train, X_dev, Y_dev, X_test, Y_test = s  # unpacks as a 6-tuple
    assert X_train is s.X_train


@pytest.mark.parametrize(
    ("m", "fractions", "sizes"),
    [
        (10, (0.6, 0.2, 0.2), (6, 2, 2)),
        (7, (0.6, 0.2, 0.2), (4, 2, 1)),  # cuts at round(4.2) = 4 and round(5.6) = 6
        (100, (0.98, 0.01, 0.01), (98, 1, 1)),
        (5, (1.0, 0.0, 0.0), (5, 0, 0)),
        (5, (0.0, 0.0, 1.0), (0, 0, 5)),
        (4, (0.5, 0.5, 0.0), (2, 2, 0)),
        (3, [0.5, 0.25, 0.25], (2, 0, 1)),  # cuts at round(1.5) = 2 and round(2.25) = 2
        (6, np.array([1 / 3, 1 / 3, 1 / 3]), (2, 2, 2)),
    ],
)
def test_split_sizes(m, fractions, sizes):
    X, Y = _indexed(m)
    s = train_dev_test_split(X, Y, fractions, rng=rng())
    assert (s.X_train.shape[1], s.X_dev.shape[1], s.X_test.shape[1]) == sizes
    assert (s.Y_train.shape[1], s.Y_dev.shape[1], s.Y_test.shape[1]) == sizes


@settings(max_examples=60, deadline=None)
@given(
    m=st.integers(min_value=1, max_value=60),
    a=st.floats(min_value=0, max_value=1),
    b=st.floats(min_value=0, max_value=1),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_split_is_a_permutation_of_the_columns(m, a, b, seed):
    lo, hi = sorted((a, b))
    fractions = (lo, hi - lo, 1.0 - hi)
    X, Y = _indexed(m)
    s = train_dev_test_split(X, Y, fractions, rng=rng(seed))
    Xs = np.concatenate([s.X_train, s.X_dev, s.X_test], axis=1)
    Ys = np.concatenate([s.Y_train, s.Y_dev, s.Y_test], axis=1)
    # nothing lost, nothing duplicated
    assert_array_equal(np.sort(Xs[0]), np.arange(m))
    # every column moved whole, and its label with it
    assert_array_equal(Xs, X[:, Xs[0].astype(int)])
    assert_array_equal(Ys, Y[:, Xs[0].astype(int)])
    # each size within one of its share
    for part, f in zip((s.X_train, s.X_dev, s.X_test), fractions, strict=True):
        assert abs(part.shape[1] - f * m) <= 1.0 + 1e-9


def test_split_shuffles_and_is_deterministic_per_seed():
    X, Y = _indexed(50)
    s1 = train_dev_test_split(X, Y, rng=rng(1))
    s2 = train_dev_test_split(X, Y, rng=rng(1))
    s3 = train_dev_test_split(X, Y, rng=rng(2))
    for a, b in zip(s1, s2, strict=True):
        assert_array_equal(a, b)
    assert not np.array_equal(s1.X_train, s3.X_train)
    assert not np.array_equal(s1.X_train[0], np.arange(30))  # not the original order


def test_split_does_not_mutate_or_alias_its_inputs():
    X, Y = _indexed(20)
    X0, Y0 = X.copy(), Y.copy()
    s = train_dev_test_split(X, Y, rng=rng())
    assert_array_equal(X, X0)
    assert_array_equal(Y, Y0)
    s.X_train[...] = -1.0
    assert_array_equal(X, X0)


def test_split_accepts_one_hot_labels():
    X, Y = _indexed(30)
    Yc = one_hot(np.arange(30) % 3, 3)
    s = train_dev_test_split(X, Yc, rng=rng())
    assert s.Y_dev.shape == (3, 6)
    assert_array_equal(labels_from_one_hot(s.Y_dev), s.X_dev[0].astype(int) % 3)


@pytest.mark.parametrize(
    ("fractions", "match"),
    [
        ((0.6, 0.2, 0.3), "which sums to"),
        ((0.5, 0.2, 0.2), "which sums to"),
        ((1.2, -0.1, -0.1), "each >= 0"),
        ((0.8, 0.2), "3 numbers"),
        ((0.5, 0.2, 0.2, 0.1), "3 numbers"),
        (0.6, "3 numbers"),
        (("a", "b", "c"), "3 numbers"),
        ((np.nan, 0.5, 0.5), "3 numbers"),
        (None, "3 numbers"),
    ],
)
def test_split_fraction_errors(fractions, match):
    X, Y = _indexed(10)
    with pytest.raises(ValueError, match=match):
        train_dev_test_split(X, Y, fractions, rng=rng())


def test_split_other_errors():
    X, Y = _indexed(10)
    with pytest.raises(ValueError, match="same number of columns"):
        train_dev_test_split(X, Y[:, :9], rng=rng())
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        train_dev_test_split(X[0], Y, rng=rng())
    with pytest.raises(ValueError, match="Y must be a 2-D array"):
        train_dev_test_split(X, Y[0], rng=rng())
    with pytest.raises(ValueError, match="X must be finite"):
        train_dev_test_split(np.full((2, 10), np.nan), Y, rng=rng())
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        train_dev_test_split(X, Y, rng=np.random.RandomState(0))


# --------------------------------------------------------------------------- temperatures


def test_temperature_shapes_and_day_index():
    t, theta = make_temperature_series(rng=rng())
    assert t.shape == theta.shape == (365,)
    assert t.dtype == np.int64 and theta.dtype == np.float64
    assert_array_equal(t, np.arange(1, 366))


def test_temperature_curve_without_noise_matches_london_means():
    t, c = make_temperature_series(366, noise=0.0, unit="C", rng=rng())
    # coldest near 20 January at 11.5 - 7 = 4.5 C, warmest half a year later at 18.5 C
    assert t[np.argmin(c)] == 20 and c.min() == pytest.approx(4.5, abs=1e-12)
    assert 200 <= t[np.argmax(c)] <= 205 and c.max() == pytest.approx(18.5, abs=1e-3)
    _, f = make_temperature_series(366, noise=0.0, unit="F", rng=rng())
    assert_allclose(f, c * 9 / 5 + 32, rtol=1e-15)
    assert f[0] == pytest.approx(40.8, abs=0.05)  # the lecture's theta_1 is 40 F


def test_temperature_noise_level_and_determinism():
    _, clean = make_temperature_series(3650, noise=0.0, rng=rng(1))
    _, noisy = make_temperature_series(3650, noise=5.0, rng=rng(1))
    assert_allclose(np.std(noisy - clean), 5.0, rtol=0.05)
    _, again = make_temperature_series(3650, noise=5.0, rng=rng(1))
    _, other = make_temperature_series(3650, noise=5.0, rng=rng(2))
    assert_array_equal(noisy, again)
    assert not np.allclose(noisy, other)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"days": 0}, "days must be >= 1"),
        ({"days": 365.0}, "days must be an integer"),
        ({"noise": -1.0}, "noise must be >= 0"),
        ({"unit": "K"}, "unit must be one of 'F', 'C'"),
        ({"rng": None}, "rng must be a numpy.random.Generator"),
    ],
)
def test_temperature_errors(kwargs, match):
    args = {"days": 10, "noise": 1.0, "unit": "F", "rng": rng()} | kwargs
    with pytest.raises(ValueError, match=match):
        make_temperature_series(args.pop("days"), **args)


# --------------------------------------------------------------------------- one-hot


def test_one_hot_by_hand():
    assert_array_equal(one_hot([1, 0, 2, 1], 3), [[0, 1, 0, 0], [1, 0, 0, 1], [0, 0, 1, 0]])
    assert one_hot([1, 0], 2).dtype == np.float64


def test_one_hot_takes_a_course_label_row():
    _, Y = make_moons(10, rng=rng())  # (1, m) float 0/1
    Y2 = one_hot(Y, 2)
    assert Y2.shape == (2, 10)
    assert_array_equal(Y2[1], Y[0])


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 12).flatmap(lambda C: st.tuples(st.just(C), st.lists(st.integers(0, C - 1)))))
def test_one_hot_round_trip(case):
    C, labels = case
    Y = one_hot(labels, C)
    assert Y.shape == (C, len(labels))
    assert_array_equal(Y.sum(axis=0), np.ones(len(labels)))
    assert_array_equal(labels_from_one_hot(Y), labels)


@pytest.mark.parametrize(
    ("labels", "C", "match"),
    [
        ([0, 1], 1, "C must be >= 2"),
        ([0, 1], 2.0, "C must be an integer"),
        ([[0, 1], [1, 0]], 2, r"labels must have shape \(m,\) or \(1, m\)"),
        (5, 10, r"labels must have shape \(m,\) or \(1, m\)"),
        ([0, 3], 3, r"labels must lie in 0 \.\. C-1 = 0 \.\. 2"),
        ([-1, 0], 3, "labels must lie in"),
        ([0.5, 1.0], 3, "non-integer"),
        ([np.nan, 1.0], 3, "non-integer"),
        ([True, False], 2, "integer class indices"),
        (["a", "b"], 2, "integer class indices"),
    ],
)
def test_one_hot_errors(labels, C, match):
    with pytest.raises(ValueError, match=match):
        one_hot(labels, C)


@pytest.mark.parametrize(
    "Y",
    [
        [[1, 0], [1, 0]],  # a column with two ones
        [[0, 0], [0, 1]],  # a column with none
        [[0.5, 1], [0.5, 0]],  # not 0/1
        [[1, 0, 1]],  # one row: not one-hot
    ],
)
def test_labels_from_one_hot_refuses_non_one_hot(Y):
    with pytest.raises(ValueError, match="Y must be one-hot"):
        labels_from_one_hot(Y)


# --------------------------------------------------------------------------- digits

CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]

# sklearn.datasets.load_digits().images[0], the well-known first image (a zero)
FIRST_IMAGE = [
    [0, 0, 5, 13, 9, 1, 0, 0],
    [0, 0, 13, 15, 10, 15, 5, 0],
    [0, 3, 15, 2, 0, 11, 8, 0],
    [0, 4, 12, 0, 0, 8, 8, 0],
    [0, 5, 8, 0, 0, 9, 8, 0],
    [0, 4, 11, 0, 1, 12, 7, 0],
    [0, 2, 14, 5, 10, 12, 0, 0],
    [0, 0, 6, 13, 10, 0, 0, 0],
]


@pytest.fixture(scope="module")
def digits() -> Digits:
    return load_digits()


def test_shipped_file_has_the_documented_checksum():
    data = DIGITS_PATH.read_bytes()
    assert hashlib.sha256(data).hexdigest() == DIGITS_SHA256
    assert len(data) < 100_000
    readme = (DIGITS_PATH.parent / "README.md").read_text(encoding="utf-8")
    assert DIGITS_SHA256 in readme


def test_digits_shape_dtype_and_range(digits):
    X, Y = digits  # the course's two-name unpacking
    assert X.shape == (64, 1797) and Y.shape == (10, 1797)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert X.min() == 0.0 and X.max() == 1.0
    assert_array_equal(X * 16, np.round(X * 16))  # counts 0..16, divided by 16
    assert X.flags.c_contiguous


def test_digits_labels_one_hot_and_class_counts(digits):
    X, Y = digits
    assert_array_equal(Y.sum(axis=0), np.ones(1797))
    assert_array_equal(Y.sum(axis=1), CLASS_COUNTS)
    assert all(170 <= c <= 190 for c in CLASS_COUNTS)
    labels = digits.labels
    assert labels.shape == (1797,) and labels.dtype == np.int64
    assert_array_equal(labels, labels_from_one_hot(Y))
    assert_array_equal(labels[:10], np.arange(10))


def test_digits_pixel_layout(digits):
    assert digits.images.shape == (1797, 8, 8)
    assert_array_equal(digits.images[0] * 16, FIRST_IMAGE)
    assert_array_equal(digits.X[:, 0].reshape(8, 8) * 16, FIRST_IMAGE)  # row-major pixels


def test_digits_explicit_path(tmp_path, digits):
    copy = tmp_path / "elsewhere.npz"
    shutil.copyfile(DIGITS_PATH, copy)
    for path in (copy, str(copy)):
        X, Y = load_digits(path)
        assert_array_equal(X, digits.X)
        assert_array_equal(Y, digits.Y)


def test_digits_loading_never_touches_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("load_digits opened a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    X, _ = load_digits()
    assert X.shape == (64, 1797)


def test_digits_missing_file_names_path_and_checksum(tmp_path):
    missing = tmp_path / "nope" / "digits.npz"
    with pytest.raises(FileNotFoundError) as info:
        load_digits(missing)
    assert str(missing) in str(info.value)
    assert DIGITS_SHA256 in str(info.value)


@pytest.mark.parametrize("tamper", ["flip_byte", "truncate", "append", "empty"])
def test_digits_corrupt_file_names_path_and_checksums(tmp_path, tamper):
    data = bytearray(DIGITS_PATH.read_bytes())
    if tamper == "flip_byte":
        data[len(data) // 2] ^= 0x01
    elif tamper == "truncate":
        data = data[:-100]
    elif tamper == "append":
        data += b"\x00"
    else:
        data = bytearray()
    bad = tmp_path / "digits.npz"
    bad.write_bytes(bytes(data))
    with pytest.raises(ValueError) as info:
        load_digits(bad)
    message = str(info.value)
    assert str(bad) in message
    assert DIGITS_SHA256 in message
    assert hashlib.sha256(bytes(data)).hexdigest() in message


def test_digits_default_path_is_next_to_the_package():
    import dlnotes

    assert DIGITS_PATH == Path(dlnotes.__file__).resolve().parents[1] / "data" / "digits.npz"
    assert DIGITS_PATH.is_file()


# --------------------------------------------------------------------------- Bayes error


def test_football_bayes_error_by_hand():
    f0 = float(football_border([0.0])[0])  # 0.25 sin(0.5) - 0.05 = 0.06986
    assert_allclose(f0, 0.25 * np.sin(0.5) - 0.05, rtol=1e-15)
    # five points at x1 = 0: above, below, above, below, exactly on the border (says 0)
    X = np.array([[0.0, 0.0, 0.0, 0.0, 0.0], [f0 + 0.3, f0 - 0.3, f0 + 0.01, f0 - 0.01, f0]])
    # the border says 1, 0, 1, 0, 0; labels disagree on columns 2 and 3: 2 errors out of 5
    assert football_bayes_error(X, np.array([[1, 0, 0, 1, 0]])) == 0.4
    assert football_bayes_error(X, np.array([[1.0, 0.0, 1.0, 0.0, 0.0]])) == 0.0
    assert football_bayes_error(X, np.array([[0, 1, 0, 1, 1]])) == 1.0
    assert football_bayes_error(X[:, 4:], np.array([[1]])) == 1.0  # on the border: class 0


def test_football_bayes_error_on_generated_sets():
    X, Y = make_football(2000, noise=0.0, rng=rng(14))
    assert football_bayes_error(X, Y) == 0.0
    X, Y = make_football(4000, noise=0.15, rng=rng(15))
    e = football_bayes_error(X, Y)
    assert e == np.mean((X[1] > football_border(X[0])) != (Y[0] == 1))  # the notebook's line
    # P(error | x) = Phi(-|d| / noise): with the uniform field that is about 9 % at 0.15
    assert 0.07 < e < 0.12
    errors = [football_bayes_error(*make_football(4000, noise=s, rng=rng(16)))
              for s in (0.05, 0.15, 0.3)]
    assert errors[0] < errors[1] < errors[2]


@pytest.mark.parametrize(
    ("X", "Y", "match"),
    [
        (np.zeros((3, 4)), np.zeros((1, 4)), r"^X must be of shape \(2, m\)"),
        (np.zeros((2, 0)), np.zeros((1, 0)), r"^X must be of shape \(2, m\)"),
        (np.zeros(4), np.zeros((1, 4)), r"^X must be a 2-D array"),
        (np.full((2, 4), np.nan), np.zeros((1, 4)), r"^X must be finite"),
        (np.zeros((2, 4)), np.zeros((1, 3)), r"^Y must be of shape \(1, m\) = \(1, 4\)"),
        (np.zeros((2, 4)), np.zeros((2, 4)), r"^Y must be of shape \(1, m\)"),
        (np.zeros((2, 4)), np.full((1, 4), 2.0), r"^Y must hold 0/1 labels"),
    ],
)
def test_football_bayes_error_errors(X, Y, match):
    with pytest.raises(ValueError, match=match):
        football_bayes_error(X, Y)


# --------------------------------------------------------------------------- exact Bayes rate


def test_football_bayes_rate_is_zero_without_noise():
    assert football_bayes_rate(0.0) == 0.0
    assert football_bayes_rate(0.0, classifier="border") == 0.0


def test_football_bayes_rate_matches_a_large_sample():
    """The border's exact error against its error on 400,000 fresh points (SE 0.046 points)."""
    X, Y = make_football(400_000, noise=0.15, rng=rng(40))
    exact = football_bayes_rate(0.15, classifier="border")
    assert abs(football_bayes_error(X, Y) - exact) < 4 * np.sqrt(exact * (1 - exact) / 400_000)


def test_football_bayes_rate_is_the_floor_and_grows_with_noise():
    noises = [0.02, 0.05, 0.1, 0.15, 0.3, 0.6]
    bayes = [football_bayes_rate(n) for n in noises]
    border = [football_bayes_rate(n, classifier="border") for n in noises]
    assert all(a < b for a, b in zip(bayes[:-1], bayes[1:], strict=True))
    assert all(0 < b <= c <= 0.5 for b, c in zip(bayes, border, strict=True))
    assert_allclose(bayes[3], 0.0920727, atol=1e-6)       # the value the week 1 notebook prints


@pytest.mark.parametrize(
    "kwargs, match",
    [({"noise": -0.1}, "noise"), ({"noise": np.nan}, "noise"),
     ({"noise": 0.1, "classifier": "best"}, "classifier")],
)
def test_football_bayes_rate_refuses_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        football_bayes_rate(**kwargs)


# --------------------------------------------------------------------------- normalizing inputs


def test_normalized_training_set_has_mean_0_and_variance_1():
    X = rng(50).normal([[3.0], [-200.0], [0.01]], [[2.0], [50.0], [0.001]], size=(3, 500))
    stats = fit_normalization(X)
    Xn = normalize_inputs(X, stats)
    assert_allclose(Xn.mean(axis=1), 0.0, atol=1e-12)
    assert_allclose(Xn.var(axis=1), 1.0, rtol=1e-12)
    assert_allclose(stats.mu.ravel(), X.mean(axis=1))
    assert_allclose(stats.sigma2.ravel(), X.var(axis=1))


def test_dev_set_is_normalized_with_the_training_statistics():
    X_train = np.array([[0.0, 2.0, 4.0]])          # mu 2, sigma^2 8/3
    X_dev = np.array([[2.0, 6.0]])
    out = normalize_inputs(X_dev, fit_normalization(X_train))
    assert_allclose(out, [[0.0, 4.0 / np.sqrt(8.0 / 3.0)]])
    assert_array_equal(X_dev, [[2.0, 6.0]])         # input untouched


def test_a_constant_feature_is_only_centred():
    X = np.array([[5.0, 5.0, 5.0], [1.0, 2.0, 3.0]])
    out = normalize_inputs(X, fit_normalization(X))
    assert_array_equal(out[0], 0.0)
    assert np.all(np.isfinite(out))


def test_normalize_inputs_refuses_bad_input():
    stats = fit_normalization(np.ones((2, 3)))
    with pytest.raises(TypeError, match="stats"):
        normalize_inputs(np.ones((2, 3)), (stats.mu, stats.sigma2))
    with pytest.raises(ValueError, match="X"):
        normalize_inputs(np.ones((3, 3)), stats)
    with pytest.raises(ValueError, match="X_train"):
        fit_normalization(np.ones(3))


# --------------------------------------------------------------------------- augmentation


def test_shift_images_moves_every_pixel_and_fills_with_zeros():
    img = np.arange(1.0, 10.0).reshape(3, 3)
    X = img.reshape(9, 1)
    out = shift_images(X, [(0, 0), (1, 0), (0, -1), (-1, 1)], side=3)
    assert out.shape == (9, 4)
    assert_array_equal(out[:, 0], X[:, 0])
    assert_array_equal(out[:, 1].reshape(3, 3), [[0, 0, 0], [1, 2, 3], [4, 5, 6]])
    assert_array_equal(out[:, 2].reshape(3, 3), [[2, 3, 0], [5, 6, 0], [8, 9, 0]])
    assert_array_equal(out[:, 3].reshape(3, 3), [[0, 4, 5], [0, 7, 8], [0, 0, 0]])


def test_shift_images_keeps_digits_blocks_in_order():
    X, _ = load_digits()
    X = X[:, :5]
    out = shift_images(X, [(0, 1), (1, 0)])
    assert out.shape == (64, 10)
    assert_array_equal(out[:, 5:].reshape(8, 8, 5)[1:], X.reshape(8, 8, 5)[:-1])


@pytest.mark.parametrize("shifts, match", [([(8, 0)], "less than"), ([], "at least one"),
                                           (["ab"], "pairs")])
def test_shift_images_refuses_bad_shifts(shifts, match):
    with pytest.raises(ValueError, match=match):
        shift_images(np.zeros((64, 2)), shifts)
