"""The verdict of a checker: ``passed``, ``mistake`` and a report for print() and notebooks."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ._catalogue import CATALOGUE

__all__ = ["Result"]


@dataclass(frozen=True)
class Result:
    r"""What a checker found out about the learner's function.

    Attributes
    ----------
    name : str
        The function checked (``"update_parameters_with_adam"``).
    passed : bool
        True when every input gave the reference's answer (within the tolerances stated in
        the checker's docstring).
    mistake : str or None
        The catalogue id the wrong answers match (``"adam-overwrites-moments"``), or None
        (passed, raised, or wrong in a way the catalogue does not know).
    tried : str
        What was tried: the inputs, smallest first.
    case : str or None
        The smallest input where the answer differs (or where the function raised).
    where, expected, got : str or None
        The first differing quantity, the reference's value and the learner's.
    error : str or None
        ``"not implemented yet"`` or ``"raised ValueError: ..."`` when the function raised,
        else None.
    hint : str or None
        What to look at (never the answer): the mistake's hint, or the checker's general one.
    notes : tuple of str
        Remarks that do not change the verdict: an input changed in place, where the
        assignment's own function leaves it alone.

    Notes
    -----
    ``bool(result)`` is ``result.passed``; ``str(result)`` (and ``repr``) is the report that
    ``print`` shows; ``_repr_html_`` is the card a notebook shows.

    Examples
    --------
    >>> r = Result("f", passed=True, mistake=None, tried="1 input")
    >>> print(r)
    f: passed (1 input)
    """

    name: str
    passed: bool
    mistake: str | None
    tried: str
    case: str | None = None
    where: str | None = None
    expected: str | None = None
    got: str | None = None
    error: str | None = None
    hint: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def description(self) -> str | None:
        """One line on the named mistake, from the catalogue (None without a mistake)."""
        return CATALOGUE[self.mistake].description if self.mistake else None

    @property
    def erratum(self) -> str | None:
        """Where the learner's notes make the same mistake and a week notebook corrects it."""
        return CATALOGUE[self.mistake].erratum if self.mistake else None

    def _verdict(self) -> str:
        if self.passed:
            return "passed"
        if self.error == "not implemented yet":
            return "not implemented yet"
        if self.error:
            return "failed: your function " + self.error
        if self.mistake:
            return f"wrong: looks like {self.mistake}"
        return "wrong (no catalogued mistake matches)"

    def _rows(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = []
        if self.passed or self.error == "not implemented yet":
            return [("note", n) for n in self.notes]
        rows.append(("tried", self.tried))
        if self.case:
            rows.append(("differs at" if not self.error else "raised at", self.case))
        if self.where:
            rows.append(("compared", f"{self.where}: expected {self.expected}, got {self.got}"))
        if self.mistake:
            rows.append(("mistake", self.description or ""))
        if self.hint:
            rows.append(("hint", self.hint))
        if self.erratum:
            rows.append(("erratum", self.erratum))
        if self.mistake:
            rows.append(("see", CATALOGUE[self.mistake].see))
        return rows + [("note", n) for n in self.notes]

    def __str__(self) -> str:
        head = f"{self.name}: {self._verdict()}"
        if self.passed:
            head = f"{head} ({self.tried})"
        elif self.error == "not implemented yet":
            head = f"{head} (it raises NotImplementedError: replace that line with your code)"
        if not self._rows():
            return head
        width = max(len(k) for k, _ in self._rows())
        return "\n".join([head, *(f"  {k:<{width}}  {v}" for k, v in self._rows())])

    __repr__ = __str__

    def __bool__(self) -> bool:
        return self.passed

    def _repr_html_(self) -> str:
        colour = "#2e7d32" if self.passed else "#c62828"
        if self.error == "not implemented yet":
            colour = "#757575"
        esc = html.escape
        rows = "".join(
            f"<tr><th style='text-align:left;padding-right:1em;vertical-align:top'>{esc(k)}"
            f"</th><td style='text-align:left'>{esc(v)}</td></tr>"
            for k, v in self._rows()
        )
        body = f"<table style='margin:0.3em 0 0 0'>{rows}</table>" if rows else ""
        extra = f" <span style='color:#555'>({esc(self.tried)})</span>" if self.passed else ""
        return (
            f"<div style='border-left:4px solid {colour};padding:0.3em 0.8em;margin:0.3em 0'>"
            f"<b><code>{esc(self.name)}</code>: <span style='color:{colour}'>"
            f"{esc(self._verdict())}</span></b>{extra}{body}</div>"
        )
