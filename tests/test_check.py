"""dlnotes.check: every right answer passes, every catalogued mistake is named (issue 13).

The learners' code lives in ``_check_solutions.py`` (right answers, several per checker, and
one mutant per catalogue id, in the course's style with the legacy global random API).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import _check_solutions as S
import numpy as np
import pytest

from dlnotes import check
from dlnotes.check import _engine, helpers

ROOT = Path(__file__).resolve().parents[1]

CONTRACT_IDS = """he-fan-out he-lecun-scale he-missing-sqrt bias-not-zero l2-missing-half
l2-missing-m l2-includes-biases l2-gradient-missing dropout-no-rescale dropout-mask-reversed
dropout-one-mask-per-unit minibatch-no-shuffle minibatch-unpaired-shuffle minibatch-drops-last
gradcheck-forward-difference gradcheck-unnormalized ewa-correction-fed-back momentum-heavy-ball
momentum-steps-with-gradient rmsprop-no-epsilon rmsprop-epsilon-inside-root
adam-overwrites-moments adam-no-bias-correction adam-epsilon-inside-root
adam-step-count-off-by-one decay-no-floor batchnorm-std-under-root batchnorm-unbiased-variance
batchnorm-wrong-axis batchnorm-backward-constant-statistics softmax-unstable softmax-wrong-axis
cross-entropy-sum-not-mean""".split()

# the mistakes that the learner's notes (course-notes.md) make themselves
NOTES_MISTAKES = {"he-lecun-scale", "ewa-correction-fed-back", "rmsprop-no-epsilon",
                  "adam-overwrites-moments", "batchnorm-std-under-root",
                  "batchnorm-backward-constant-statistics"}

SOLUTION_CASES = [(name, fn) for name, fns in S.SOLUTIONS.items() for fn in fns]
MUTANT_CASES = [(mid, name, fn) for mid, pairs in S.MUTANTS.items() for name, fn in pairs]


# --------------------------------------------------------------------------- the contract


def test_catalogue_holds_exactly_the_contract_ids():
    assert list(check.CATALOGUE) == CONTRACT_IDS
    for mid, entry in check.CATALOGUE.items():
        assert entry.id == mid
        for text in (entry.description, entry.hint, entry.see):
            assert text and "\n" not in text, mid
        assert entry.hint != entry.description


def test_erratum_pointers_name_a_week_notebook_with_an_erratum():
    with_erratum = {mid for mid, e in check.CATALOGUE.items() if e.erratum}
    assert with_erratum == NOTES_MISTAKES
    for mid in with_erratum:
        pointer = check.CATALOGUE[mid].erratum
        path, section = pointer.split(", ")[0], re.search(r"section (\d+) '", pointer).group(1)
        cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert "Erratum" in markdown, mid
        assert f"\n## {section}. " in "\n" + markdown, f"{mid}: no section {section} in {path}"


def test_every_id_is_recognized_by_a_checker_and_has_a_mutant():
    recognized = {mid for spec in check._SPECS.values() for mid in spec().variants}
    assert recognized == set(CONTRACT_IDS)
    assert set(S.MUTANTS) == set(CONTRACT_IDS)
    assert set(check.CHECKERS) == set(check._SPECS) == set(S.SOLUTIONS)


def test_one_checker_per_function_with_the_assignment_signature_in_its_docstring():
    for name, checker in check.CHECKERS.items():
        assert checker.__name__ == name and name in check.__all__
        assert f"``{name}(" in checker.__doc__, name


# --------------------------------------------------------------------------- verdicts


@pytest.mark.parametrize(("name", "fn"), SOLUTION_CASES, ids=lambda x: getattr(x, "__name__", x))
def test_right_answers_pass(name, fn):
    result = check.CHECKERS[name](fn)
    assert result.passed, str(result)
    assert result.mistake is None and bool(result)
    assert str(result).startswith(f"{name}: passed")


@pytest.mark.parametrize(("mistake", "name", "fn"), MUTANT_CASES,
                         ids=[f"{m}-{n}" for m, n, _ in MUTANT_CASES])
def test_each_catalogued_mistake_is_named(mistake, name, fn):
    result = check.CHECKERS[name](fn)
    assert not result.passed
    assert result.mistake == mistake, str(result)
    text = str(result)
    assert mistake in text and check.CATALOGUE[mistake].hint in text
    assert "compared" in text and "expected" in text
    if check.CATALOGUE[mistake].erratum:
        assert "erratum" in text


@pytest.mark.parametrize(("mistake", "name", "fn"), MUTANT_CASES,
                         ids=[f"{m}-{n}" for m, n, _ in MUTANT_CASES])
def test_exactly_one_variant_accepts_each_mutant(mistake, name, fn):
    # the probes tell the catalogued mistakes apart: no mutant is named by order alone
    spec = check._SPECS[name]()
    outputs = [(case, spec.normalize(_engine.call_learner(fn, case)[0], case))
               for case in spec.cases]
    assert any(_engine._safe(spec.reference, c, g) for c, g in outputs)
    accepting = [mid for mid, judge in spec.variants.items()
                 if all(_engine._safe(judge, c, g) is None for c, g in outputs)]
    assert accepting == [mistake]


@pytest.mark.parametrize("seed", [0, 7, 123, 2024])
def test_random_parts_do_not_depend_on_the_random_stream(seed, monkeypatch):
    # the global state the learner's unseeded code sees changes: the verdicts do not
    monkeypatch.setattr(_engine, "_LEARNER_SEED", seed)
    for name in ("initialize_parameters_he", "initialize_parameters_random",
                 "forward_propagation_with_dropout", "random_mini_batches"):
        for fn in S.SOLUTIONS[name]:
            assert check.CHECKERS[name](fn).passed, (name, fn.__name__)
    for mistake in ("he-fan-out", "dropout-mask-reversed", "minibatch-unpaired-shuffle",
                    "dropout-one-mask-per-unit"):
        for name, fn in S.MUTANTS[mistake]:
            assert check.CHECKERS[name](fn).mistake == mistake


def test_not_implemented_yet():
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                    beta1=0.9, beta2=0.999, epsilon=1e-8):
        raise NotImplementedError

    result = check.update_parameters_with_adam(update_parameters_with_adam)
    assert not result.passed and result.mistake is None
    assert result.error == "not implemented yet"
    assert str(result) == ("update_parameters_with_adam: not implemented yet (it raises "
                           "NotImplementedError: replace that line with your code)")
    assert "not implemented yet" in result._repr_html_()


def test_an_exception_is_named_with_the_input():
    def softmax(Z):
        return np.exp(Z) / np.sum(np.exp(Z), axis=0, keepdims=True) + Z["oops"]

    result = check.softmax(softmax)
    assert not result.passed and result.mistake is None
    assert result.error.startswith("raised IndexError")
    assert "raised IndexError" in str(result) and "Z (3, 4)" in str(result)


def test_a_wrong_answer_outside_the_catalogue_shows_the_numbers():
    def update_lr(learning_rate0, epoch_num, decay_rate):
        return learning_rate0 * decay_rate**epoch_num  # exponential decay: another schedule

    result = check.update_lr(update_lr)
    assert not result.passed and result.mistake is None
    assert (result.where, result.expected, result.got) == ("learning_rate", "0.166667", "0.5")
    assert "no catalogued mistake matches" in str(result)
    assert "epoch_num=2" in result.case


def test_malformed_return_values_fail_with_what_was_expected():
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                    beta1=0.9, beta2=0.999, epsilon=1e-8):
        return parameters, v, s, t

    result = check.update_parameters_with_adam(update_parameters_with_adam)
    assert not result.passed and result.mistake is None
    assert "3 values (parameters, v, s) or 5" in result.expected
    assert "tuple of 4 values" in result.got

    result = check.initialize_velocity(lambda parameters: [0.0])
    assert "the dict v" in result.expected and result.got == "a list of 1 values"


@pytest.mark.parametrize("value", [None, 3, "update_lr", np.zeros(2)])
def test_a_non_callable_is_a_type_error(value):
    with pytest.raises(TypeError, match=r"takes your function itself.*check\.update_lr"):
        check.update_lr(value)


def test_a_class_or_an_unknown_option_is_a_type_error_not_a_verdict():
    with pytest.raises(TypeError, match=r"check\.softmax\(fn\) takes .* got the class ndarray"):
        check.softmax(np.ndarray)
    with pytest.raises(TypeError, match="rtol"):  # a checker takes the function and nothing else
        check.update_lr(lambda learning_rate0, epoch_num, decay_rate: learning_rate0, rtol=1e-3)


def test_the_learners_seed_never_leaks_and_inputs_are_fresh():
    np.random.seed(99)  # noqa: NPY002
    expected = np.random.rand(3)  # noqa: NPY002
    np.random.seed(99)  # noqa: NPY002
    spec = check._SPECS["update_parameters_with_adam"]()
    before = copy.deepcopy(spec.cases)
    for name, fns in S.SOLUTIONS.items():  # many of these reseed or draw from the global state
        for fn in fns:
            check.CHECKERS[name](fn)
    np.testing.assert_array_equal(np.random.rand(3), expected)  # noqa: NPY002
    # the in-place solutions changed their copies, not the checker's inputs
    for case, kept in zip(spec.cases, before, strict=True):
        for a, b in zip(case.args, kept.args, strict=True):
            if isinstance(a, dict):
                for k in a:
                    np.testing.assert_array_equal(a[k], b[k])
    assert check.update_parameters_with_adam(S.update_parameters_with_adam).passed


def test_printing_and_warnings_of_the_learner_are_swallowed(capsys):
    def softmax(Z):
        print("debug", Z.shape)
        E = np.exp(Z)  # overflows on the large logits: a RuntimeWarning, silenced
        return E / E.sum(axis=0)

    assert check.softmax(softmax).mistake == "softmax-unstable"
    assert capsys.readouterr().out == ""


def test_result_renders_as_text_and_html():
    result = check.update_parameters_with_adam(S._adam_mutant("overwrites"))
    text = str(result)
    assert text == repr(result)
    assert text.splitlines()[0] == ("update_parameters_with_adam: wrong: looks like "
                                    "adam-overwrites-moments")
    for key in ("tried", "differs at", "compared", "mistake", "hint", "erratum", "see"):
        assert any(line.strip().startswith(key) for line in text.splitlines()), key
    page = result._repr_html_()
    assert page.startswith("<div") and "adam-overwrites-moments" in page
    assert "Erratum W2.5" in page and "<table" in page
    ok = check.update_lr(S.update_lr)
    assert "passed" in ok._repr_html_() and "<table" not in ok._repr_html_()
    assert result.description == check.CATALOGUE["adam-overwrites-moments"].description
    assert ok.description is None and ok.erratum is None


def test_html_is_escaped():
    result = check.Result("f<x>", passed=False, mistake=None, tried="a & b", case="<case>",
                          where="w", expected="<1>", got="<2>", hint="h")
    page = result._repr_html_()
    assert "<x>" not in page and "&lt;x&gt;" in page and "&lt;1&gt;" in page


# --------------------------------------------------------------------------- the helpers


def _net(rng, dims):
    p = {}
    for l in range(1, 4):  # noqa: E741
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(size=(dims[l], 1))
    return p


def test_forward_propagation_has_the_assignment_cache_layout():
    rng = np.random.default_rng(0)
    p, X = _net(rng, [3, 4, 2, 1]), rng.normal(size=(3, 5))
    A3, cache = helpers.forward_propagation(X, p)
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3c, W3, b3 = cache
    np.testing.assert_allclose(Z1, p["W1"] @ X + p["b1"], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(A1, np.maximum(Z1, 0))
    np.testing.assert_allclose(A3, 1 / (1 + np.exp(-Z3)), rtol=1e-12)
    assert A3c is A3 and W3 is p["W3"] and b2 is p["b2"]


def test_backward_propagation_n_is_the_gradient_of_forward_propagation_n():
    from dlnotes import gradcheck

    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(4, 6)), (rng.random((1, 6)) < 0.5).astype(float)
    theta = rng.normal(size=(47, 1))
    cost, cache = helpers.forward_propagation_n(X, Y, helpers.vector_to_dictionary(theta))
    grad = helpers.gradients_to_vector(helpers.backward_propagation_n(X, Y, cache))
    approx = gradcheck.numerical_gradient(
        lambda th: helpers.forward_propagation_n(X, Y, helpers.vector_to_dictionary(th))[0],
        theta)
    assert gradcheck.relative_error(grad, approx) < 1e-7


def test_vector_helpers_round_trip_in_the_assignment_order():
    theta = np.arange(47.0).reshape(47, 1)
    p = helpers.vector_to_dictionary(theta)
    assert {k: v.shape for k, v in p.items()} == helpers._GRADCHECK_SHAPES
    assert p["b1"][0, 0] == 20.0 and p["b3"][0, 0] == 46.0
    back, keys = helpers.dictionary_to_vector(p)
    np.testing.assert_array_equal(back, theta)
    assert keys.count("W1") == 20 and keys[-1] == "b3"
    grads = {"d" + k: v for k, v in p.items()}
    np.testing.assert_array_equal(helpers.gradients_to_vector(grads), theta)
    theta[0, 0] = -1.0
    assert p["W1"][0, 0] == 0.0  # copies, not views


def test_compute_cost_is_the_assignment_cross_entropy():
    A3, Y = np.array([[0.9, 0.2, 0.6]]), np.array([[1.0, 0.0, 1.0]])
    want = -(np.log(0.9) + np.log(0.8) + np.log(0.6)) / 3
    assert helpers.compute_cost(A3, Y) == pytest.approx(want, rel=1e-12)


def test_statistics_catch_a_std_ten_percent_off():
    def initialize_parameters_he(layers_dims):
        return {k: v for l in range(1, len(layers_dims)) for k, v in (  # noqa: E741
            (f"W{l}", np.random.randn(layers_dims[l], layers_dims[l - 1])  # noqa: NPY002
             * 1.1 * np.sqrt(2 / layers_dims[l - 1])),
            (f"b{l}", np.zeros((layers_dims[l], 1))))}

    result = check.initialize_parameters_he(initialize_parameters_he)
    assert not result.passed and result.mistake is None
    assert result.where == 'standard deviation of parameters["W1"] (40000 draws)'
    assert result.expected == "about 0.07071"


def test_benchmark_section_runs_every_checker_on_a_right_answer():
    import sys

    sys.path.insert(0, str(ROOT))  # benchmarks/ is a folder of the repository, not installed
    from benchmarks import checker

    section = checker.run(repeats=1)
    assert [row[0] for row in section.rows] == [*check.CHECKERS, "total"]
    assert all(section.data["verdicts"].values())
    assert section.data["total"] > 0 and "target < 5 s" in section.notes[0]


def test_a_later_malformed_output_keeps_the_smaller_difference():
    def update_lr(learning_rate0, epoch_num, decay_rate):
        if epoch_num == 7:
            return "seven"
        return learning_rate0 * 2

    result = check.update_lr(update_lr)
    assert not result.passed and result.mistake is None
    assert result.case.startswith("learning_rate0=0.5, epoch_num=0")
    assert (result.expected, result.got) == ("0.5", "1")


def test_a_five_value_adam_is_judged_on_its_corrected_moments_too():
    def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                    beta1=0.9, beta2=0.999, epsilon=1e-8):
        parameters, v, s, v_corrected, s_corrected = S.update_parameters_with_adam(
            parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)
        return parameters, v, s, v, s  # the step is right, the read-outs handed back are not

    result = check.update_parameters_with_adam(update_parameters_with_adam)
    assert not result.passed and result.where.startswith('v_corrected["dW1"]')


def test_an_input_changed_in_place_is_noted_without_changing_the_verdict():
    result = check.backward_propagation_with_dropout(S.backward_propagation_with_dropout_inplace)
    assert result.passed
    assert result.notes == ("your function changed cache[11] in place (the checker gave it "
                            "copies; a caller's arrays would change)",)
    assert "note" in str(result) and "cache[11]" in result._repr_html_()
    # updating parameters in place is the assignment's own way: no note
    assert check.update_parameters_with_gd(S.update_parameters_with_gd_inplace).notes == ()
    assert check.update_parameters_with_adam(S.update_parameters_with_adam).notes == ()

    def softmax(Z):
        Z -= Z.max(axis=0, keepdims=True)
        np.exp(Z, out=Z)
        Z /= Z.sum(axis=0, keepdims=True)
        return Z

    result = check.softmax(softmax)
    assert result.passed and result.notes[0].startswith("your function changed Z in place")


def test_the_readme_shows_the_real_report_of_its_wrong_adam():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exercises and the checker"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)
    result = namespace["result"]
    assert (result.passed, result.mistake) == (False, "adam-overwrites-moments")
    assert str(result) + "\n" == shown
    for name in ("week1_exercises", "week2_exercises", "week3_exercises"):
        assert f"`notebooks/exercises/{name}.ipynb`" in section
