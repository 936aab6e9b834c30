#!/usr/bin/python3
"""The peer side of Descent's benchmark: the same network trained by PyTorch on the CPU.

Network and settings match bench/run's Descent side: 784 -> H ReLU -> dropout 0.3 -> 10
softmax with cross-entropy, Adam (0.001, 0.9, 0.999, 1e-8), Glorot-uniform weights and zero
biases, float32, a fresh shuffle every epoch, the last partial batch dropped (as MATLAB and
Descent do). Subnormal floats are flushed (torch.set_flush_denormal), PyTorch's fastest
setting on x86; --keep-denormals turns that off. It refuses to run (status 2) where torch
multiplies with the reference BLAS, as Debian's python3-torch does without
libopenblas0-pthread; --allow-reference-blas runs it anyway.

Reads IDX files (raw or gzip). Prints one JSON line: seconds of every epoch, test accuracy
after the last epoch, the thread settings, the BLAS libraries loaded, and the peak resident
memory of this process (VmHWM) with the resident memory right after importing torch.

With --lockstep it takes turns with the other sides of bench/run: it prints "ready" once its
data is loaded, then waits for a line "go" on its input before each epoch and prints
"epoch SECONDS" after it, and waits for "finish" before it tests and prints its JSON line.

With --check it only imports torch and numpy, checks the BLAS as above, prints one line
starting "ok:" and exits (bench/run does this before a run).

Run it with Debian's /usr/bin/python3 (python3-torch, python3-numpy). bench/run calls it;
by hand:
  bench/torch_mlp.py --train-images train-images-idx3-ubyte.gz \\
      --train-labels train-labels-idx1-ubyte.gz --test-images t10k-images-idx3-ubyte.gz \\
      --test-labels t10k-labels-idx1-ubyte.gz --hidden 256 --batch 64 --epochs 4 --threads 1
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time


def memory_kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


import numpy as np  # noqa: E402 (imported after the helper so the baseline includes numpy)
import torch  # noqa: E402

RSS_AFTER_IMPORT_KIB = memory_kib("VmRSS")

OPTIMISED_BLAS = ("openblas", "mkl", "blis", "atlas")


def blas_libraries():
    """The real paths of the BLAS libraries mapped into this process (torch loads its own)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if line.split()[-1].startswith("/")}
    return sorted({os.path.realpath(path) for path in paths
                   if "blas" in os.path.basename(path) or "mkl" in os.path.basename(path)})


def check_blas(libraries):
    """Exits with status 2 where torch multiplies with the reference BLAS, which is no peer.

    The reference is any libblas outside an optimised library's folder: torch resolves sgemm
    in libblas.so.3 first, even where a LAPACK has brought OpenBLAS in beside it.
    """
    reference = [path for path in libraries if os.path.basename(path).startswith("libblas")
                 and not any(name in path for name in OPTIMISED_BLAS)]
    if reference:
        sys.stderr.write(
            "torch_mlp.py: PyTorch multiplies with the reference BLAS (" + ", ".join(reference)
            + "), about 6 times slower than OpenBLAS; install libopenblas0-pthread (Debian)"
            " or pass --allow-reference-blas to measure it anyway\n")
        sys.exit(2)


def idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    zeros, kind, rank = struct.unpack(">HBB", raw[:4])
    if zeros != 0 or kind != 0x08:
        sys.exit(f"{path}: expected an IDX file of unsigned bytes")
    shape = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    values = np.frombuffer(raw, np.uint8, offset=4 + 4 * rank)
    if values.size != int(np.prod(shape)):
        sys.exit(f"{path}: the header announces {shape} but {values.size} bytes follow")
    return values.reshape(shape)


def features(path, limit):
    x = idx(path)
    x = x.reshape(x.shape[0], -1)[:limit]
    return torch.from_numpy(x.astype(np.float32) / np.float32(255))


def labels(path, limit):
    return torch.from_numpy(idx(path)[:limit].astype(np.int64))


def main():
    if "--check" in sys.argv[1:]:
        # bench/run's check before a run: torch and numpy import, and the BLAS is no reference.
        blas = blas_libraries()
        if "--allow-reference-blas" not in sys.argv[1:]:
            check_blas(blas)
        print(f"ok: torch {torch.__version__}, BLAS {' '.join(blas) or 'not mapped'}")
        return
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--train-images", required=True)
    p.add_argument("--train-labels", required=True)
    p.add_argument("--test-images", required=True)
    p.add_argument("--test-labels", required=True)
    p.add_argument("--limit", type=int, default=None, help="use the first N training images")
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--threads", type=int, default=1, help="PyTorch intra-op threads")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep-denormals", action="store_true")
    p.add_argument("--lockstep", action="store_true", help="take turns (see above)")
    p.add_argument("--allow-reference-blas", action="store_true",
                   help="run even where torch uses the unoptimised reference BLAS")
    args = p.parse_args()
    blas = blas_libraries()
    if not args.allow_reference_blas:
        check_blas(blas)

    def turn(expected):
        if args.lockstep:
            line = sys.stdin.readline().strip()
            if line != expected:
                sys.exit(f"torch_mlp.py: expected '{expected}' on input, got '{line}'")

    def say(text):
        if args.lockstep:
            print(text, flush=True)

    torch.set_num_threads(args.threads)
    flushed = False if args.keep_denormals else torch.set_flush_denormal(True)
    torch.manual_seed(args.seed)
    x, y = features(args.train_images, args.limit), labels(args.train_labels, args.limit)
    xt, yt = features(args.test_images, None), labels(args.test_labels, None)
    classes = int(max(y.max().item(), yt.max().item())) + 1

    net = torch.nn.Sequential(
        torch.nn.Linear(x.shape[1], args.hidden), torch.nn.ReLU(), torch.nn.Dropout(0.3),
        torch.nn.Linear(args.hidden, classes))
    for module in net:
        if isinstance(module, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(module.weight)
            torch.nn.init.zeros_(module.bias)
    adam = torch.optim.Adam(net.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8)
    cross_entropy = torch.nn.CrossEntropyLoss()

    n = x.shape[0]
    batches = n // args.batch
    seconds = []
    say("ready")
    for _ in range(args.epochs):
        turn("go")
        net.train()
        began = time.perf_counter()
        order = torch.randperm(n)
        for b in range(batches):
            rows = order[b * args.batch:(b + 1) * args.batch]
            adam.zero_grad(set_to_none=True)
            cross_entropy(net(x[rows]), y[rows]).backward()
            adam.step()
        seconds.append(time.perf_counter() - began)
        say(f"epoch {seconds[-1]}")

    turn("finish")
    net.eval()
    with torch.no_grad():
        accuracy = (net(xt).argmax(1) == yt).double().mean().item()
    print(json.dumps({
        "side": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(),
        "flush_denormal": bool(flushed), "blas": " ".join(blas), "train": n,
        "test": int(xt.shape[0]),
        "hidden": args.hidden, "batch": args.batch, "epoch_seconds": seconds,
        "test_accuracy": accuracy, "peak_rss_kib": memory_kib("VmHWM"),
        "rss_after_import_kib": RSS_AFTER_IMPORT_KIB}))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)  # interrupted (Ctrl-C reaches every side of bench/run): no traceback
