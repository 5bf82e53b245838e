"""The ways in keep in step: pyproject.toml (pip, ``make``), environment.yml (conda), the CI
workflow for forks (.github/workflows/ci.yml) and the README's steps without make.

- environment.yml installs exactly pyproject.toml's dependencies and test extra, with the same
  lower bounds, under conda-forge's names where they differ (``CONDA_NAMES``).
- The workflow tests the oldest and the newest Python that pyproject.toml's classifiers support,
  on Linux, macOS and Windows.
- The workflow and the README run the same lint and test commands as ``make test``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
ENVIRONMENT = ROOT / "environment.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
MAKEFILE = ROOT / "Makefile"
README = ROOT / "README.md"

# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES = {"matplotlib": "matplotlib-base"}
# What environment.yml lists besides the project's dependencies.
CONDA_TOOLS = {"python", "pip"}
SELF_INSTALL = '-e ".[test]"'

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*?)\s*$")


def _split(requirement: str) -> tuple[str, str]:
    """``"numpy >= 1.26"`` -> ``("numpy", ">=1.26")``: normalized name, specifier without spaces.

    >>> _split("Ruff_Lint[extra] >= 0.5, <2")
    ('ruff-lint', '>=0.5,<2')
    """
    match = _REQUIREMENT.match(requirement)
    assert match, f"cannot read the requirement {requirement!r}"
    name, spec = match.groups()
    return re.sub(r"[-_.]+", "-", name).lower(), re.sub(r"\s+", "", spec)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _pyproject() -> dict:
    return tomllib.loads(_read(PYPROJECT))


def pyproject_requirements(project: dict) -> dict[str, str]:
    """The package's dependencies and its test extra, by PyPI name."""
    reqs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    found: dict[str, str] = {}
    for req in reqs:
        name, spec = _split(req)
        assert name not in found, f"pyproject.toml lists {name} twice"
        found[name] = spec
    return found


def environment_requirements(env: dict) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """(conda-forge packages mapped back to PyPI names, pip packages, pip's other lines)."""
    to_pypi = {conda: pypi for pypi, conda in CONDA_NAMES.items()}
    conda, pip, other = {}, {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            assert set(dep) == {"pip"}, f"environment.yml: unexpected entry {dep!r}"
            for line in dep["pip"]:
                if line.startswith("-"):
                    other.append(line)
                    continue
                name, spec = _split(line)
                assert name not in pip, f"environment.yml lists {name} twice under pip"
                pip[name] = spec
        else:
            name, spec = _split(dep)
            name = to_pypi.get(name, name)
            assert name not in conda, f"environment.yml lists {name} twice"
            conda[name] = spec
    return conda, pip, other


def compare(pyproject: dict[str, str], conda: dict[str, str], pip: dict[str, str]) -> list[str]:
    """What differs between pyproject's requirements and environment.yml's, in words."""
    problems = []
    both = sorted(set(conda) & set(pip))
    problems += [f"{name} is both a conda and a pip dependency" for name in both]
    listed = {**{k: v for k, v in conda.items() if k not in CONDA_TOOLS}, **pip}
    for name in sorted(set(pyproject) - set(listed)):
        conda_name = CONDA_NAMES.get(name, name)
        problems.append(f"missing from environment.yml: {conda_name}{pyproject[name]}")
    for name in sorted(set(listed) - set(pyproject)):
        problems.append(f"in environment.yml but not in pyproject.toml: {name}{listed[name]}")
    for name in sorted(set(listed) & set(pyproject)):
        if listed[name] != pyproject[name]:
            problems.append(f"{name}: pyproject.toml says {pyproject[name]!r}, "
                            f"environment.yml says {listed[name]!r}")
    return problems


def test_environment_yml_installs_what_pyproject_toml_lists():
    project = _pyproject()["project"]
    env = yaml.safe_load(_read(ENVIRONMENT))
    assert env["channels"] == ["conda-forge"]
    conda, pip, other = environment_requirements(env)
    assert compare(pyproject_requirements(project), conda, pip) == []
    assert conda["python"] == project["requires-python"]
    assert "pip" in conda
    assert other == [SELF_INSTALL], "environment.yml must install dlnotes itself with pip"


def test_comparison_catches_a_missing_an_extra_and_a_changed_dependency():
    project = _pyproject()["project"]
    conda, pip, _ = environment_requirements(yaml.safe_load(_read(ENVIRONMENT)))
    wanted = pyproject_requirements(project)
    assert compare(wanted, conda, pip) == []

    without_numpy = {k: v for k, v in conda.items() if k != "numpy"}
    assert compare(wanted, without_numpy, pip) == [
        f"missing from environment.yml: numpy{wanted['numpy']}"
    ]
    without_matplotlib = {k: v for k, v in conda.items() if k != "matplotlib"}
    assert compare(wanted, without_matplotlib, pip) == [
        f"missing from environment.yml: matplotlib-base{wanted['matplotlib']}"
    ]
    assert compare(wanted, {**conda, "scipy": ""}, pip) == [
        "in environment.yml but not in pyproject.toml: scipy"
    ]
    assert compare(wanted, {**conda, "numpy": ">=1.20"}, pip) == [
        f"numpy: pyproject.toml says {wanted['numpy']!r}, environment.yml says '>=1.20'"
    ]
    assert compare(wanted, conda, {**pip, "numpy": wanted["numpy"]}) == [
        "numpy is both a conda and a pip dependency"
    ]


def _supported_pythons(project: dict) -> list[tuple[int, int]]:
    prefix = "Programming Language :: Python :: "
    versions = [c.removeprefix(prefix) for c in project["classifiers"] if c.startswith(prefix)]
    return sorted(tuple(map(int, v.split("."))) for v in versions if re.fullmatch(r"3\.\d+", v))


def _workflow() -> dict:
    # PyYAML reads the key `on:` as True (YAML 1.1); only the jobs are looked at here.
    return yaml.safe_load(_read(WORKFLOW))


def test_supported_pythons_are_stated_and_tested_by_the_workflow():
    project = _pyproject()["project"]
    supported = _supported_pythons(project)
    assert supported, "pyproject.toml has no 'Programming Language :: Python :: 3.x' classifier"
    assert project["requires-python"] == f">={supported[0][0]}.{supported[0][1]}"
    assert supported == [(3, minor) for minor in range(supported[0][1], supported[-1][1] + 1)]

    matrix = _workflow()["jobs"]["test"]["strategy"]["matrix"]
    assert sorted(matrix["os"]) == ["macos-latest", "ubuntu-latest", "windows-latest"]
    tested = sorted(tuple(map(int, v.split("."))) for v in matrix["python"])
    assert tested == [supported[0], supported[-1]], "the workflow tests the oldest and newest"


def _recipe(target: str) -> list[str]:
    """The commands of a Makefile target, ``$(BIN)/`` removed, echo lines (``@``) left out."""
    lines = _read(MAKEFILE).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    commands = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        if not line.startswith("\t@"):
            commands.append(line.strip().replace("$(BIN)/", ""))
    return commands


def _readme_block(language: str) -> list[str]:
    """The commands of the README's first ``language`` code block, comments removed."""
    text = _read(README)
    match = re.search(rf"```{language}\n(.*?)```", text, flags=re.S)
    assert match, f"README.md has no ```{language} block"
    return [line.split("#", 1)[0].strip() for line in match.group(1).splitlines()]


@pytest.mark.parametrize("target", ["lint", "test"])
def test_workflow_and_readme_run_what_make_test_runs(target):
    commands = _recipe(target)
    assert commands, f"the Makefile has no commands for {target}"
    workflow_lines = [
        line.strip()
        for step in _workflow()["jobs"]["test"]["steps"]
        for line in step.get("run", "").splitlines()
    ]
    windows = [line.replace(".venv\\Scripts\\", "") for line in _readme_block("powershell")]
    conda = _readme_block("shell")
    for command in commands:
        assert command in workflow_lines, f"the CI workflow does not run `{command}`"
        assert command in windows, f"the README's PowerShell steps do not run `{command}`"
        assert command in conda, f"the README's conda steps do not run `{command}`"
