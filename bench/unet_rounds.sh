#!/usr/bin/env bash
# Alternating rounds of the U-Net training-step benchmark: PyTorch 1.13, this build, and optionally an older
# build (a copy of its target/classes and target/lib) to measure a change in one run.
# Usage: bench/unet_rounds.sh [rounds (5)] [steps (40)] [OLD_BUILD_DIR with classes/ and lib/]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5} steps=${2:-40} old=${3:-}
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 DJL_CACHE_DIR=target/native-cache/djl ENGINE_CACHE_DIR=target/native-cache/djl
J=(-Dai.djl.offline=true -Dorg.bytedeco.javacpp.cachedir=target/native-cache/javacpp -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
bench() { java "${J[@]}" -cp "$1" edm.train.bench.UNetTrainBench mnist $((steps + 3)) 64 2000 32,64,64 | grep "steps/s"; }
for r in $(seq 1 "$rounds"); do
  echo "round $r"
  /usr/bin/python3 bench/torch_unet_step.py "$steps" 3
  echo "now:    $(bench 'target/classes:target/lib/*')"
  if [ -n "$old" ]; then echo "before: $(bench "$old/classes:$old/lib/*")"; fi
done
