"""Tests for dlnotes.diagnosis: the lectures' examples, remedies, caveats, errors."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dlnotes.diagnosis import _BIAS_REMEDIES, _VARIANCE_REMEDIES, Diagnosis, diagnose


# The four examples of course 2, week 1 "Bias / Variance" (Bayes error ~ 0).
@pytest.mark.parametrize(
    ("train", "dev", "verdict", "focus"),
    [
        (0.01, 0.11, "high variance", "variance"),
        (0.15, 0.16, "high bias", "bias"),
        (0.15, 0.30, "high bias and high variance", "bias"),
        (0.005, 0.01, "good fit", None),
    ],
)
def test_week1_examples(train, dev, verdict, focus):
    d = diagnose(train, dev)
    assert d.verdict == verdict
    assert d.focus == focus
    assert d.avoidable_bias == pytest.approx(train, abs=1e-15)
    assert d.variance == pytest.approx(dev - train, abs=1e-15)
    assert d.caveats == ()


# Course 3, week 1 "Avoidable bias": the same 8% / 10% calls for different work.
def test_human_level_changes_the_focus():
    d = diagnose(0.08, 0.10, bayes_error=0.01)
    assert d.focus == "bias"
    assert d.avoidable_bias == pytest.approx(0.07, abs=1e-15)
    d = diagnose(0.08, 0.10, bayes_error=0.075)
    assert d.verdict == "high variance" and d.focus == "variance"
    assert d.avoidable_bias == pytest.approx(0.005, abs=1e-15)
    assert d.variance == pytest.approx(0.02, abs=1e-15)


def test_remedies_follow_the_basic_recipe():
    assert diagnose(0.15, 0.16).remedies == _BIAS_REMEDIES
    assert diagnose(0.01, 0.11).remedies == _VARIANCE_REMEDIES
    assert diagnose(0.005, 0.01).remedies == ()
    both = diagnose(0.15, 0.30).remedies
    assert both[: len(_BIAS_REMEDIES)] == _BIAS_REMEDIES
    assert set(both) == set(_BIAS_REMEDIES) | set(_VARIANCE_REMEDIES)
    assert len(both) == len(set(both))  # "different architecture" once
    # bigger variance than bias: variance remedies first
    v_first = diagnose(0.05, 0.30).remedies
    assert v_first[: len(_VARIANCE_REMEDIES)] == _VARIANCE_REMEDIES
    assert any("bigger network" in r for r in _BIAS_REMEDIES)
    assert any("regularization" in r for r in _VARIANCE_REMEDIES)
    assert any("more data" in r for r in _VARIANCE_REMEDIES)


def test_threshold_is_strict_and_adjustable():
    assert diagnose(0.0, 0.01).verdict == "good fit"  # exactly at the threshold: not high
    assert diagnose(0.0, 0.0101).verdict == "high variance"
    assert diagnose(0.03, 0.04, threshold=0.05).verdict == "good fit"
    assert diagnose(0.03, 0.04, threshold=0.0).verdict == "high bias and high variance"


def test_train_below_bayes_is_flagged_not_raised():
    d = diagnose(0.003, 0.004, bayes_error=0.005)
    assert d.avoidable_bias == pytest.approx(-0.002, abs=1e-15)
    assert d.verdict == "good fit"
    assert len(d.caveats) == 1 and "Bayes" in d.caveats[0]
    # variance is still diagnosed as usual
    assert diagnose(0.0, 0.2, bayes_error=0.05).verdict == "high variance"


def test_dev_below_train_is_flagged():
    d = diagnose(0.10, 0.08, bayes_error=0.0)
    assert d.variance == pytest.approx(-0.02, abs=1e-15)
    assert d.verdict == "high bias"
    assert any("distribution" in c for c in d.caveats)


def test_namedtuple_fields_and_inputs_kept():
    d = diagnose(0.02, 0.05, 0.01)
    assert isinstance(d, Diagnosis) and isinstance(d, tuple)
    assert d._fields[:4] == ("avoidable_bias", "variance", "verdict", "remedies")
    assert (d.train_error, d.dev_error, d.bayes_error) == (0.02, 0.05, 0.01)
    assert d._replace(verdict="x").verdict == "x"


def test_str_reads_well():
    text = str(diagnose(0.01, 0.11))
    assert text.splitlines()[0] == "Diagnosis: high variance"
    assert "avoidable bias = train - Bayes = 1.0% - 0.0% = 1.0%" in text
    assert "variance       = dev - train   = 11.0% - 1.0% = 10.0%" in text
    assert "focus on variance first" in text
    assert "- regularization (L2, dropout)" in text
    good = str(diagnose(0.005, 0.01))
    assert "focus" not in good and good.startswith("Diagnosis: good fit")
    assert "note:" in str(diagnose(0.001, 0.002, 0.01))


def test_accepts_numpy_scalars_and_ints():
    d = diagnose(np.float64(0.15), np.float32(0.16), 0)
    assert d.verdict == "high bias"


@given(
    train=st.floats(0, 1), dev=st.floats(0, 1), bayes=st.floats(0, 1), t=st.floats(0, 0.2)
)
def test_gaps_add_up_and_verdict_is_consistent(train, dev, bayes, t):
    d = diagnose(train, dev, bayes, threshold=t)
    assert d.avoidable_bias + d.variance == pytest.approx(dev - bayes, abs=1e-12)
    assert ("high bias" in d.verdict) == (d.avoidable_bias > t + 1e-12)
    assert ("high variance" in d.verdict) == (d.variance > t + 1e-12)
    assert (d.focus is None) == (d.verdict == "good fit") == (d.remedies == ())


@pytest.mark.parametrize("name", ["train_error", "dev_error", "bayes_error", "threshold"])
@pytest.mark.parametrize("bad", [-0.01, 1.5, 15, np.nan, np.inf, "0.1", None, True])
def test_bad_inputs_name_the_argument(name, bad):
    kwargs = {"train_error": 0.1, "dev_error": 0.2, "bayes_error": 0.0, "threshold": 0.01}
    kwargs[name] = bad
    with pytest.raises(ValueError, match=name):
        diagnose(**kwargs)


def test_percent_hint():
    with pytest.raises(ValueError, match="0.15"):
        diagnose(15, 16)


@pytest.mark.parametrize(
    "train, dev, bayes",
    [(0.145, 0.13, 27 / 400), (0.005, 0.14, 27 / 400), (0.0009, 0.0306, 0.0), (0.15, 0.16, 0.0)],
)
def test_printed_equations_add_up(train, dev, bayes):
    """The printed 'a% - b% = c%' holds for the numbers as printed (a review found
    '14.5% - 6.8% = 7.8%' when the unrounded values were subtracted)."""
    import re

    for line in str(diagnose(train, dev, bayes)).splitlines()[1:3]:
        a, b, c = (float(x) for x in re.findall(r"(-?\d+\.\d+)%", line))
        assert abs(a - b - c) < 1e-9, line
