#!/usr/bin/env bash
# Optional benchmark tier: Lethe (DJL / libtorch 2.7.1) against a PyTorch eager re-implementation of the
# same model on Debian's python3-torch 1.13. Not part of `./mvnw verify` (CI has no torch).
#
#   benchmarks/pytorch/run.sh                 parity (both shapes) + benchmarks at 2 and 1 threads + table
#   benchmarks/pytorch/run.sh parity          parity only
#   benchmarks/pytorch/run.sh profile         per-op profile of one step (both engines) + GEMM rates
#   STEPS=20 THREADS="2 1" SHAPES="t128 t48" LOAD_MAX=1.5 WAIT_TRIES=10 benchmarks/pytorch/run.sh bench
#
# Each benchmark pair runs DJL's TrainStepBenchmark, then the PyTorch peer right after it, with the
# same thread count (ROUNDS pairs each); before each pair it waits (WAIT_TRIES x 30 s) for the 1-minute load to fall under
# LOAD_MAX, and every log records /proc/loadavg before and after. Output: $OUT (default
# benchmarks/pytorch/target/).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${PYTORCH_PEER_PYTHON:-/usr/bin/python3}"  # Debian python with python3-torch (not pyenv)
MODE="${1:-all}"
STEPS="${STEPS:-20}"
THREADS="${THREADS:-2 1}"
SHAPES="${SHAPES:-t128 t48}"
LOAD_MAX="${LOAD_MAX:-1.5}"
WAIT_TRIES="${WAIT_TRIES:-10}"
ROUNDS="${ROUNDS:-1}"
OUT="${OUT:-$HERE/target}"
export DJL_OFFLINE=true

if [[ ! -x "$PY" ]] || ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "skipped: $PY has no torch (install Debian's python3-torch and libopenblas0-openmp (or -pthread) to run this tier)"
  exit 0
fi
mkdir -p "$OUT"

# The peer runs the kernels OpenBLAS picks for this CPU. An inherited OPENBLAS_CORETYPE would override that
# choice: this workplace's sessions export OPENBLAS_CORETYPE=Haswell (and OPENBLAS_L2_SIZE), which forces AVX2
# kernels on an AVX-512 CPU (181 vs 359 GFLOP/s at n = 2048 on 2 cores, AMD EPYC Zen 5), so both are dropped;
# PEER_OPENBLAS_CORETYPE forces a core on purpose.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
if [[ -n "${PEER_OPENBLAS_CORETYPE:-}" ]]; then
  export OPENBLAS_CORETYPE="$PEER_OPENBLAS_CORETYPE"
fi
# Debian's torch runs its own ops on OpenMP threads; OpenBLAS's pthread build (Debian's default libblas.so.3)
# then keeps a second pool of busy-waiting threads, and at 2 threads on 2 cores the two pools fight: measured
# here, PyTorch's median step 873-978 ms with the pthread build against a best of 682-695 ms. OpenBLAS's own
# advice for OpenMP programs is its OpenMP build, which shares the pool: the peer uses it when it is installed
# (libopenblas0-openmp), without changing the system's choice. PEER_BLAS=pthread keeps the default.
if [[ "${PEER_BLAS:-openmp}" == openmp && -e /usr/lib/x86_64-linux-gnu/openblas-openmp/libblas.so.3 ]]; then
  export LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "BLAS of the peer: OpenBLAS, OpenMP build"
else
  echo "BLAS of the peer: libblas.so.3 as the system resolves it (PEER_BLAS=${PEER_BLAS:-openmp})"
fi
# Debian's torch calls libblas.so.3, which is netlib's reference BLAS unless libopenblas0-pthread is installed:
# seen here, a 20x slower training step (9.6 s vs 0.49 s) that measures the BLAS package, not PyTorch.
core="$(OPENBLAS_VERBOSE=2 "$PY" -c 'import torch; torch.mm(torch.ones(64, 64), torch.ones(64, 64))' 2>&1 \
  | sed -n 's/^Core: //p' | head -1)"
if [[ -z "$core" ]]; then
  echo "libblas.so.3 is not OpenBLAS (reference BLAS?): install Debian's libopenblas0-pthread" >&2
  exit 1
fi
export PEER_OPENBLAS_CORE="$core"
echo "OpenBLAS kernels of the peer: $core"

# lethe-ml classes and its runtime classpath (never `install`: that would overwrite shared SNAPSHOTs)
cd "$ROOT"
./mvnw -B -ntp -o -q -pl lethe-ml -am compile || ./mvnw -B -ntp -q -pl lethe-ml -am compile
./mvnw -B -ntp -o -q -pl lethe-ml dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" \
  || ./mvnw -B -ntp -q -pl lethe-ml dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"
CP="$ROOT/lethe-ml/target/classes:$ROOT/lethe-data/target/classes:$(tr ':' '\n' < "$OUT/classpath.txt" \
  | grep -v '/io/lethe/' | paste -sd:)"
java_run() { # threads main args...
  local t="$1"; shift
  java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$t" -cp "$CP" "$@" 2>&1 | grep -v '^SLF4J'
}
shape_args() { # shape -> "batch seq vocab"
  case "$1" in t128) echo "16 128 2048" ;; t48) echo "16 48 1442" ;; *) echo "unknown shape $1" >&2; exit 2 ;; esac
}
load1() { cut -d' ' -f1 /proc/loadavg; }
wait_quiet() {
  local i=0
  while awk -v l="$(load1)" -v m="$LOAD_MAX" 'BEGIN{exit !(l > m)}' && (( i < WAIT_TRIES )); do
    echo "  load $(cut -d' ' -f1-3 /proc/loadavg) > $LOAD_MAX, waiting 30 s ($((++i))/$WAIT_TRIES)"
    sleep 30
  done
}

if [[ "$MODE" == all || "$MODE" == parity ]]; then
  status=0
  for s in $SHAPES; do
    read -r b t v <<< "$(shape_args "$s")"
    dump="$OUT/parity-$s"
    rm -rf "$dump"
    echo "== parity $s: DJL dump (B$b T$t V$v, 1 thread), then the PyTorch peer"
    java_run 1 io.lethe.ml.bench.PyTorchParityDump "$dump" "$b" "$t" "$v" 3 1e-3
    (cd "$HERE" && "$PY" parity.py "$dump" --threads 1) | tee "$OUT/parity-$s.log" || status=1
  done
  [[ $status == 0 ]] || { echo "PARITY FAILED"; exit 1; }
fi

if [[ "$MODE" == all || "$MODE" == bench ]]; then
  for s in $SHAPES; do
    read -r b t v <<< "$(shape_args "$s")"
    dump="$OUT/parity-$s"
    [[ -f "$dump/parity.json" ]] || java_run 1 io.lethe.ml.bench.PyTorchParityDump "$dump" "$b" "$t" "$v" 3 1e-3 >/dev/null
    for th in $THREADS; do
     for r in $(seq 1 "$ROUNDS"); do
      key="$OUT/$s-t$th"
      (( ROUNDS == 1 )) || key="$OUT/$s-t$th-r$r"
      echo "== $s, $th thread(s), round $r: DJL TrainStepBenchmark, then PyTorch eager right after it"
      wait_quiet  # once per pair: the two runs must see the same machine
      { echo "LOAD $(cut -d' ' -f1-3 /proc/loadavg) ->"; \
        java_run "$th" io.lethe.ml.bench.TrainStepBenchmark "$b" "$t" "$v" "$STEPS" 16 32 96; } > "$key-djl.log"
      sed -i "1s/->.*/-> $(cut -d' ' -f1-3 /proc/loadavg)/" "$key-djl.log"
      grep -E 'train step|generation|load' "$key-djl.log" | sed 's/^/  DJL  /'
      { echo "LOAD $(cut -d' ' -f1-3 /proc/loadavg) ->"; \
        (cd "$HERE" && "$PY" bench.py --threads "$th" --dump "$dump" "$b" "$t" "$v" "$STEPS" 16 32 96); } > "$key-pytorch.log"
      sed -i "1s/->.*/-> $(cut -d' ' -f1-3 /proc/loadavg)/" "$key-pytorch.log"
      grep -E 'train step|generation|load' "$key-pytorch.log" | sed 's/^/  PT   /'
     done
    done
  done
  echo
  "$PY" "$HERE/table.py" "$OUT"
fi

if [[ "$MODE" == profile ]]; then
  # where the time goes: per-op self time of one step in both engines, and the GEMM rate of both BLAS
  for th in $THREADS; do
    wait_quiet
    echo "== GEMM rate, $th thread(s): DJL (libtorch 2.7.1) then Debian torch 1.13 (OpenBLAS); load $(cut -d' ' -f1-3 /proc/loadavg)"
    java_run "$th" io.lethe.ml.bench.GemmBenchmark 256,512,1024,2048 30 | tee "$OUT/gemm-djl-t$th.log"
    (cd "$HERE" && "$PY" gemm.py --threads "$th" 256,512,1024,2048 30) | tee "$OUT/gemm-pytorch-t$th.log"
    for s in $SHAPES; do
      read -r b t v <<< "$(shape_args "$s")"
      wait_quiet
      echo "== per-op profile $s, $th thread(s); load $(cut -d' ' -f1-3 /proc/loadavg)"
      java_run "$th" io.lethe.ml.bench.TrainStepProfile "$OUT/djl-trace-$s-t$th.json" "$b" "$t" "$v" 3
      (cd "$HERE" && "$PY" profile_ops.py --threads "$th" --steps 3 --djl-trace "$OUT/djl-trace-$s-t$th.json" \
        "$b" "$t" "$v") | tee "$OUT/profile-$s-t$th.log"
      echo "   load after $(cut -d' ' -f1-3 /proc/loadavg)"
    done
  done
fi
