"""fp32 GEMM rate of Debian's torch 1.13 (OpenBLAS), as io.lethe.ml.bench.GemmBenchmark measures DJL's.

C = A.B of two random n x n matrices (2n^3 FLOP), 3 warm-up + R timed runs, median and best; then the
GEMM shapes of one training step of the tiny model at B16 x T128 (M = 2048 token rows).

    /usr/bin/python3 gemm.py --threads 2 [sizes] [runs]

bench.py imports rate() for its in-run calibration; torch is imported inside it, so that running this file can set
OPENBLAS_NUM_THREADS before OpenBLAS loads.
"""
import argparse
import os
import time


def rate(m, k, n, runs):
    """Median and best GFLOP/s of an (m x k) . (k x n) product."""
    import torch

    a, b = torch.randn(m, k), torch.randn(k, n)
    for _ in range(3):
        torch.mm(a, b)
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        torch.mm(a, b)
        ts.append(time.perf_counter() - t0)
    ts.sort()
    flop = 2.0 * m * k * n
    return flop / ts[len(ts) // 2] / 1e9, flop / ts[0] / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("sizes", nargs="?", default="256,512,1024,2048")
    ap.add_argument("runs", nargs="?", type=int, default=30)
    args = ap.parse_args()
    os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
    import torch

    torch.set_num_threads(args.threads)
    with open("/proc/loadavg") as f:
        print("torch %s, %d thread(s), load %s" % (torch.__version__, args.threads, " ".join(f.read().split()[:3])))
    for n in (int(s) for s in args.sizes.split(",")):
        med, best = rate(n, n, n, args.runs)
        print("n=%5d: median %.1f GFLOP/s (best %.1f)" % (n, med, best))
    for label, (m, k, n) in [("q/o proj 2048x256x256", (2048, 256, 256)), ("k/v proj 2048x256x128", (2048, 256, 128)),
                             ("gate/up 2048x256x688", (2048, 256, 688)), ("down 2048x688x256", (2048, 688, 256)),
                             ("lm head 2048x256x2048", (2048, 256, 2048))]:
        med, best = rate(m, k, n, args.runs)
        print("%-24s median %.1f GFLOP/s (best %.1f)" % (label, med, best))
    with open("/proc/loadavg") as f:
        print("load after %s" % " ".join(f.read().split()[:3]))


if __name__ == "__main__":
    main()
