"""Schedule explorer and plot_schedule: each schedule, its sliders, its formula."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from dlnotes import schedules
from dlnotes.viz import plot_schedule, schedule_explorer
from dlnotes.viz.schedules import _SCHEDULES

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def ex():
    return schedule_explorer()


EXPECTED = {
    "inverse_time": lambda e: schedules.inverse_time_decay(0.2, e, 1.0, 10),
    "exponential": lambda e: schedules.exponential_decay(0.2, e, 0.95),
    "sqrt": lambda e: schedules.sqrt_decay(0.2, e, 1.0),
    "step": lambda e: schedules.step_decay(0.2, e, 0.5, 20),
    "cosine": lambda e: schedules.cosine_decay(0.2, e, 100, warmup_epochs=5),
}


@pytest.mark.parametrize("name", sorted(_SCHEDULES))
def test_chosen_line_is_the_schedule(ex, name):
    ex.controls["schedule"].value = name
    epoch, lr = ex.line.get_data()
    np.testing.assert_allclose(lr, EXPECTED[name](epoch), rtol=0, atol=1e-15)
    assert ex.formula.get_text() == _SCHEDULES[name].formula
    shown = {k for k, c in ex.controls.items() if c.layout.display != "none"}
    assert shown == {"schedule", "learning_rate0", "epochs", *_SCHEDULES[name].params}


def test_staircase_adds_the_continuous_curve_and_changes_the_formula(ex):
    assert len(ex.continuous.get_xdata()) == 0
    ex.controls["staircase"].value = True
    epoch, lr = ex.line.get_data()
    np.testing.assert_allclose(
        lr, schedules.inverse_time_decay(0.2, epoch, 1.0, 10, staircase=True), atol=1e-15
    )
    assert len(ex.continuous.get_xdata()) == len(epoch)
    assert "lfloor" in ex.formula.get_text()


def test_learning_rate0_rescales_and_the_axis_follows(ex):
    ex.controls["learning_rate0"].value = 1e-4
    assert ex.line.get_ydata()[0] == pytest.approx(1e-4)
    assert 1e-4 < ex.ax.get_ylim()[1] < 2e-4


def test_k_above_one_raises_the_sqrt_start_and_the_axis(ex):
    ex.set(schedule="sqrt", k=3.0)
    assert ex.line.get_ydata()[0] == pytest.approx(0.6)
    assert ex.ax.get_ylim()[1] >= 0.6


def test_warmup_slider_ends_before_the_last_epoch(ex):
    ex.set(schedule="cosine", epochs=200, warmup_epochs=50)
    ex.set(epochs=10)  # the warm-up slider follows: its range and value end at epoch 9
    assert ex.controls["warmup_epochs"].value == 9 and ex.controls["warmup_epochs"].max == 9
    epoch, lr = ex.line.get_data()
    assert np.all(np.isfinite(lr)) and epoch[np.argmax(lr)] == pytest.approx(9.0, abs=0.02)
    ex.set(epochs=200)
    assert ex.controls["warmup_epochs"].max == 199 and ex.controls["warmup_epochs"].value == 9


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(sorted(_SCHEDULES)),
    lr0=st.floats(-4, 0),
    epochs=st.integers(10, 300),
    decay_rate=st.floats(0, 5),
    interval=st.integers(1, 50),
    staircase=st.booleans(),
    base=st.floats(0.5, 1.0),
    k=st.floats(0.1, 3.0),
    drop=st.floats(0.05, 1.0),
    per_drop=st.integers(1, 100),
    warmup=st.integers(0, 50),
)
def test_no_combination_breaks_the_figure(ex, name, lr0, epochs, decay_rate, interval,
                                          staircase, base, k, drop, per_drop, warmup):
    ex.set(schedule=name, learning_rate0=10**lr0, epochs=epochs, decay_rate=decay_rate,
           time_interval=interval, staircase=staircase, base=base, k=k, drop=drop,
           epochs_per_drop=per_drop, warmup_epochs=min(warmup, epochs - 1))
    top = ex.ax.get_ylim()[1]
    for line in [ex.line, *ex.others.values()]:
        y = line.get_ydata()
        assert len(y) and np.all(np.isfinite(y)) and np.all(y >= 0) and np.all(y <= top)


def test_plot_schedule_alone_and_on_an_axes():
    art = plot_schedule("step", drop=0.5, epochs_per_drop=10, epochs=30)
    assert isinstance(art.line.axes.figure, Figure)
    ax = Figure().add_subplot()
    art2 = plot_schedule("exponential", ax=ax, base=0.5, epochs=10)
    assert art2.line.axes is ax
    assert art2.line.get_ydata()[-1] == pytest.approx(0.2 * 0.5**10)
    with pytest.raises(ValueError, match="schedule must be one of"):
        plot_schedule("linear")
    with pytest.raises(ValueError, match="unknown schedule setting"):
        plot_schedule("step", gamma=0.1)


def test_a_warmup_past_the_last_epoch_is_refused_not_clamped():
    ex = schedule_explorer("cosine")
    with pytest.raises(ValueError, match=r"warmup_epochs must be in \[0, 9\] with the other"):
        ex.set(epochs=10, warmup_epochs=10)
    with pytest.raises(ValueError, match=r"warmup_epochs must be <= 9 \(epochs - 1\)"):
        schedule_explorer("cosine", epochs=10, warmup_epochs=10)
