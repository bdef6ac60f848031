"""Where the time of one training step goes, PyTorch eager (Debian 1.13) next to DJL (libtorch 2.7.1).

Records torch.profiler over a few training steps of the peer (same shapes as TrainStepBenchmark) and
aggregates the self time per ATen op; with --djl-trace it aggregates the Chrome trace that
io.lethe.ml.bench.TrainStepProfile wrote with libtorch's own autograd profiler the same way and prints
both side by side. Self time = an op's duration minus that of the ops nested in it (per thread), so
the columns add up to the profiled step time.

    /usr/bin/python3 profile_ops.py --threads 1 [--dump DIR] [--djl-trace FILE] [--steps 3] batch seq vocab
"""

import argparse
import json
import os
import sys


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--dump", default=None)
    ap.add_argument("--djl-trace", default=None)
    ap.add_argument("--steps", type=int, default=3)
    ap.add_argument("--top", type=int, default=22)
    ap.add_argument("shape", nargs="*", type=int)
    return ap.parse_args()


ARGS = parse()
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)

import torch  # noqa: E402

from lethe_model import LlamaConfig, LlamaModel, TokenBatch, Trainer  # noqa: E402

GEMM = {"aten::mm", "aten::addmm", "aten::bmm", "aten::baddbmm", "aten::dot", "aten::mv"}


def self_times(events):
    """{name: (self microseconds, calls)} from Chrome-trace 'X' events (nesting per thread)."""
    by_tid = {}
    for e in events:
        if e.get("ph") != "X" or "dur" not in e:
            continue
        if e.get("cat") not in (None, "cpu_op", "Operator", "operator"):
            continue
        by_tid.setdefault((e.get("pid"), e.get("tid")), []).append(e)
    out = {}
    for evs in by_tid.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [end, name, child time]
        def pop():
            end, name, child, dur = stack.pop()
            s, n = out.get(name, (0.0, 0))
            out[name] = (s + dur - child, n + 1)
        for e in evs:
            ts, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= ts:
                pop()
            if stack:
                stack[-1][2] += dur
            stack.append([ts + dur, e["name"], 0.0, dur])
        while stack:
            pop()
    return out


def load_trace(path):
    with open(path) as f:
        text = f.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:  # libtorch's legacy writer may leave a trailing comma
        data = json.loads(text.rstrip().rstrip("]").rstrip().rstrip(",") + "]")
    return data["traceEvents"] if isinstance(data, dict) else data


def run_torch(batch, seq, vocab, steps, path):
    torch.set_num_threads(ARGS.threads)
    if ARGS.dump:
        model = LlamaModel.load(ARGS.dump + "/step-0")
        with open(ARGS.dump + "/parity.json") as f:
            rows = json.load(f)["batch_a"]
    else:
        model = LlamaModel.initialize(LlamaConfig.tiny(vocab), 1234)
        ids = torch.randint(3, vocab, (batch, seq), generator=torch.Generator().manual_seed(99)).tolist()
        rows = [{"input_ids": r, "attention_mask": [1] * seq, "labels": [-100] + r[1:]} for r in ids]
    data = TokenBatch(rows, model.config.pad_id)
    trainer = Trainer(model, 1e-4, 1.0)
    for _ in range(3):
        trainer.train_step([data])
    import time
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True) as prof:
        t0 = time.perf_counter()
        for _ in range(steps):
            trainer.train_step([data])
        ms = (time.perf_counter() - t0) * 1e3 / steps
    prof.export_chrome_trace(path)
    print("PyTorch %s: profiled %d steps, %.1f ms/step with the profiler on, %d thread(s)"
          % (torch.__version__, steps, ms, ARGS.threads))
    return path


def main():
    batch, seq, vocab = (ARGS.shape + [16, 128, 2048][len(ARGS.shape):])[:3]
    trace = run_torch(batch, seq, vocab, ARGS.steps, "/tmp/lethe-pytorch-trace-%d.json" % os.getpid())
    torch_ops = self_times(load_trace(trace))
    os.remove(trace)
    columns = [("PyTorch 1.13", torch_ops, ARGS.steps)]
    if ARGS.djl_trace:
        steps = ARGS.steps
        columns.append(("DJL/libtorch 2.7.1", self_times(load_trace(ARGS.djl_trace)), steps))
    totals = [sum(s for s, _ in ops.values()) / n / 1e3 for _, ops, n in columns]
    names = sorted(torch_ops, key=lambda k: -torch_ops[k][0])
    if ARGS.djl_trace:
        djl = columns[1][1]
        names += [k for k in sorted(djl, key=lambda k: -djl[k][0]) if k not in torch_ops]
    header = "%-34s" % "op (self time, ms per step)" + "".join("%22s" % c[0] for c in columns)
    print(header)
    shown = [n for n in names if any(n in ops for _, ops, _ in columns)]
    shown.sort(key=lambda k: -max(ops.get(k, (0, 0))[0] / s for _, ops, s in columns))
    for name in shown[:ARGS.top]:
        cells = []
        for _, ops, s in columns:
            t, n = ops.get(name, (0.0, 0))
            cells.append("%12.1f (%4.1f%%) %3d" % (t / s / 1e3, 100 * t / s / 1e3 / totals[len(cells)], n // s)
                         if n else "%22s" % "-")
        print("%-34s" % name[:34] + "".join("%22s" % c for c in cells))
    for label, pred in (("GEMM (mm/addmm/bmm)", lambda k: k in GEMM), ("everything else", lambda k: k not in GEMM)):
        cells = []
        for i, (_, ops, s) in enumerate(columns):
            t = sum(v[0] for k, v in ops.items() if pred(k)) / s / 1e3
            cells.append("%12.1f (%4.1f%%)    " % (t, 100 * t / totals[i]))
        print("%-34s" % label + "".join("%22s" % c for c in cells))
    print("%-34s" % "total profiled op time" + "".join("%22s" % ("%12.1f          " % t) for t in totals))


if __name__ == "__main__":
    sys.exit(main())
