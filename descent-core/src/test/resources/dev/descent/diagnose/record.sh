#!/usr/bin/env bash
# Records the training histories the diagnosis tests read: real runs of `descent digits` on the
# built-in digits, one thread, default seed 356. Run from anywhere; rewrites the CSV files here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
descent="$here/../../../../../../../bin/descent"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
record() {
    local name="$1"
    shift
    "$descent" digits --threads 1 --plots none --out "$out/$name" "$@" > /dev/null
    cp "$out/$name/history.csv" "$here/$name.csv"
}
# Tiny network, tiny rate.
record underfitting-too-slow --hidden 2 --learn-rate 0.00001
# The lesson's defaults: 100 per class, 10 hidden units, adam 0.05.
record lesson-defaults
# A large network on few samples, no dropout.
record severe-overfitting --per-class 20 --hidden 256 --dropout 0
# A large network without dropout, longer patience: the validation loss turns up.
record overfitting-onset --hidden 256 --learn-rate 0.001 --dropout 0 --patience 40
# A good configuration (README).
record good-fit --per-class 500 --hidden 64 --learn-rate 0.001
# Plain sgd at rates of the lr-regimes command.
record sgd-too-slow --solver sgd --learn-rate 0.001 --hidden 64 --epochs 30 --patience inf
record sgd-oscillating --solver sgd --learn-rate 1 --hidden 64 --epochs 30 --patience inf
record sgd-divergent --solver sgd --learn-rate 100000 --hidden 64 --epochs 30 --patience inf
