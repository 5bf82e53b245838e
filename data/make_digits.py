"""Rebuild ``data/digits.npz`` from the copy of the UCI digits shipped inside a scikit-learn wheel.

Run once, by hand, from the repository root (scikit-learn is never installed, and it is not a
dependency: the wheel is only opened as a zip archive)::

    python -m pip download --no-deps -d /tmp/skl scikit-learn
    python data/make_digits.py /tmp/skl/scikit_learn-*.whl

The script checks the source (1,797 rows by 65 integer columns: 64 pixels in 0..16, then the
label in 0..9), writes ``images`` (1797, 64) and ``labels`` (1797,) as uint8 into a zip archive
that ``numpy.load`` reads (the ``.npz`` format), and prints the SHA-256 checksums of the source
and of the result. The archive is written with fixed timestamps, so a rerun with the same numpy
and zlib gives the same bytes; ``dlnotes.datasets.DIGITS_SHA256`` records the checksum of the
file in the repository.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import sys
import zipfile
from pathlib import Path

import numpy as np

MEMBER = "sklearn/datasets/data/digits.csv.gz"
OUT = Path(__file__).resolve().parent / "digits.npz"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as whl:
        raw = whl.read(MEMBER)
    print(f"source   {wheel}!{MEMBER}  sha256 {hashlib.sha256(raw).hexdigest()}")
    table = np.loadtxt(io.BytesIO(gzip.decompress(raw)), delimiter=",")
    if table.shape != (1797, 65):
        raise SystemExit(f"expected 1797 rows x 65 columns, got {table.shape}")
    if not np.array_equal(table, np.round(table)):
        raise SystemExit("expected integer values only")
    images, labels = table[:, :64], table[:, 64]
    if images.min() < 0 or images.max() > 16 or set(np.unique(labels)) != set(range(10)):
        raise SystemExit("expected pixels in 0..16 and labels 0..9")
    arrays = {"images": images.astype(np.uint8), "labels": labels.astype(np.uint8)}
    with zipfile.ZipFile(OUT, "w") as out:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            out.writestr(info, buf.getvalue(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    data = OUT.read_bytes()
    print(f"written  {OUT}  {len(data)} bytes  sha256 {hashlib.sha256(data).hexdigest()}")
    print("class counts", np.bincount(arrays["labels"], minlength=10).tolist())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
