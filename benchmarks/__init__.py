"""Benchmarks of dlnotes: ``make bench`` (``python benchmarks/run.py``) prints the table.

Each section is a module with a ``run(...)`` function that measures and returns a
:class:`benchmarks.common.Section`; ``run.py`` sets up the process (one BLAS thread, the
machine's report) and prints them. Nothing here is imported by the package or its tests,
except ``tests/test_benchmarks_smoke.py``, which runs every section with tiny sizes.
"""
