#!/usr/bin/env bash
# Quick start, step 1: install the dependencies (Debian 12, apt-get), build,
# and run the main job: compile and run the documented TensorRT and oneDNN
# examples on the CPU, printing the results beside the documented values.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./examples/run_examples.sh
