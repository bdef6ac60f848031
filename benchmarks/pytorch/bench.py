"""Times the PyTorch eager peer on the shapes of io.lethe.ml.bench.TrainStepBenchmark.

Training: 3 warm-up + N timed steps of forward + backward + clip(1.0) + AdamW on one fixed batch
(every position a target), constant lr 1e-4 -- exactly TrainStepBenchmark's loop. Generation: greedy,
KV cache (and without it), EOS disabled, a warm-up call of 8 tokens first, as TrainStepBenchmark.

    /usr/bin/python3 bench.py --threads 2 [--dump DIR] batch seq vocab steps genBatch promptLen newTokens

With --dump (a PyTorchParityDump directory of the same shape) the weights and the training batch are
Lethe's own (checkpoint step-0 = TrainStepBenchmark's seed-1234 model, batch A = its seed-99 batch);
otherwise torch-seeded random ones of the same shapes (timing does not depend on the values).
Prints a human-readable report and one line "RESULT {json}".

OpenBLAS (which Debian's torch calls for every fp32 GEMM) does not follow torch.set_num_threads: its
thread count is read from OPENBLAS_NUM_THREADS when the library loads, so this script sets it
(before importing torch) to --threads as well.
"""

import argparse
import json
import os
import sys
import time


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dump", default=None)
    ap.add_argument("--no-uncached", action="store_true", help="skip generation without the KV cache")
    ap.add_argument("shape", nargs="*", type=int)
    return ap.parse_args()


ARGS = parse()
os.environ["OPENBLAS_NUM_THREADS"] = str(ARGS.threads)
os.environ.setdefault("OMP_NUM_THREADS", str(ARGS.threads))

import torch  # noqa: E402

from gemm import rate as gemm_rate  # noqa: E402
from lethe_model import LlamaConfig, LlamaModel, TokenBatch, Trainer, generate  # noqa: E402



def nominal_peak():
    """io.lethe.ml.bench.CpuPeak's rule: cores x cpu MHz x fp32 FLOP/cycle from the vector flags."""
    info = {}
    with open("/proc/cpuinfo") as f:
        for line in f:
            if ":" in line:
                k, v = (x.strip() for x in line.split(":", 1))
                info.setdefault(k, v)
    flags = set(info.get("flags", "").split())
    per_cycle = 64 if "avx512f" in flags else 32 if {"avx2", "fma"} <= flags else 8
    per_cycle = int(os.environ.get("LETHE_FP32_FLOPS_PER_CYCLE", per_cycle))
    return os.cpu_count() * float(info.get("cpu MHz", "0")) * 1e6 * per_cycle, info.get("model name", "?")


def measured_gemm(n=1024, runs=10):
    """Median fp32 GEMM rate (FLOP/s) at n on this process's threads, as MachineStats.measuredGemmFlops does."""
    return gemm_rate(n, n, n, runs)[0] * 1e9


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def median(v):
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def main():
    defaults = [16, 128, 2048, 10, 16, 32, 96]
    batch, seq, vocab, steps, gen_batch, prompt_len, new_tokens = \
        (ARGS.shape + defaults[len(ARGS.shape):])[:7]
    torch.set_num_threads(ARGS.threads)
    load_before = loadavg()
    if ARGS.dump:
        model = LlamaModel.load(ARGS.dump + "/step-0")
        with open(ARGS.dump + "/parity.json") as f:
            rows = json.load(f)["batch_a"]
        if len(rows) != batch or len(rows[0]["input_ids"]) != seq or model.config.vocab_size != vocab:
            sys.exit("dump %s does not have the shape B%d T%d V%d" % (ARGS.dump, batch, seq, vocab))
        source = "Lethe checkpoint + batch from " + ARGS.dump
    else:
        model = LlamaModel.initialize(LlamaConfig.tiny(vocab), 1234)
        g = torch.Generator().manual_seed(99)
        ids = torch.randint(3, vocab, (batch, seq), generator=g)
        ids[:, 0] = 1
        rows = [{"input_ids": r, "attention_mask": [1] * seq, "labels": [-100] + r[1:]} for r in ids.tolist()]
        source = "torch-seeded random weights and batch"
    nominal, cpu_name = nominal_peak()
    gemm = measured_gemm()
    print("machine: %s, nominal %.0f GFLOP/s; GEMM n=1024 on this run's threads: %.1f GFLOP/s; OpenBLAS core %s" % (
        cpu_name, nominal / 1e9, gemm / 1e9, os.environ.get("PEER_OPENBLAS_CORE", os.environ.get("OPENBLAS_CORETYPE", "?"))))
    c = model.config
    params = sum(p.numel() for _, p in model.named_hf_parameters())
    print("PyTorch %s eager, %d thread(s) (torch.get_num_threads %d, OPENBLAS_NUM_THREADS %s); %s" % (
        torch.__version__, ARGS.threads, torch.get_num_threads(), os.environ["OPENBLAS_NUM_THREADS"], source))
    print("tiny model: d=%d layers=%d heads=%d/%d ffn=%d vocab=%d params=%s" % (
        c.hidden_size, c.num_hidden_layers, c.num_attention_heads, c.num_key_value_heads, c.intermediate_size,
        vocab, format(params, ",")))
    data = TokenBatch(rows, c.pad_id)
    trainer = Trainer(model, 1e-4, 1.0)
    for _ in range(3):
        trainer.train_step([data])
    seconds, cpu = [], []
    loss = 0.0
    for _ in range(steps):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        r = trainer.train_step([data])
        seconds.append(time.perf_counter() - t0)
        cpu.append(time.thread_time() - c0)
        loss = r["loss"]
    load_train = loadavg()
    med, best = median(seconds), min(seconds)
    tokens = batch * seq
    flops6n = 6.0 * params * tokens
    attention = 12.0 * c.num_hidden_layers * c.hidden_size * seq * tokens
    print("train step B=%d T=%d (fwd+bwd+AdamW, %d timed after 3 warm-up): median %.1f ms/step (min %.1f, max %.1f),"
          " %.0f tokens/s, loss %.3f" % (batch, seq, steps, med * 1e3, best * 1e3, max(seconds) * 1e3,
                                         tokens / med, loss))
    for label, t in (("median", med), ("best", best)):
        print("  %s step: 6N %.1f GFLOP/s = MFU %.1f%% of nominal %.0f, %.1f%% of GEMM %.0f; 6N+attn %.1f GFLOP/s"
              " = %.1f%% / %.1f%%" % (label, flops6n / t / 1e9, 100 * flops6n / t / nominal, nominal / 1e9,
                                      100 * flops6n / t / gemm, gemm / 1e9, (flops6n + attention) / t / 1e9,
                                      100 * (flops6n + attention) / t / nominal,
                                      100 * (flops6n + attention) / t / gemm))
    # with 1 thread every op (and OpenBLAS) runs on this thread: its CPU time is the step's work without
    # the time other processes took the core away
    print("  calling-thread CPU time per step: median %.1f ms (min %.1f)" % (median(cpu) * 1e3, min(cpu) * 1e3))
    print("  load average: before %s, after training %s" % (load_before, load_train))

    g = torch.Generator().manual_seed(7)
    prompt_ids = torch.randint(3, vocab, (gen_batch, prompt_len), generator=g)
    prompt_ids[:, 0] = 1
    prompts = prompt_ids.tolist()
    generate(model, prompts, 8, eos_ids={-1})
    t0 = time.perf_counter()
    generate(model, prompts, new_tokens, eos_ids={-1}, use_kv_cache=True)
    cached = time.perf_counter() - t0
    uncached = float("nan")
    if not ARGS.no_uncached:
        t0 = time.perf_counter()
        generate(model, prompts, new_tokens, eos_ids={-1}, use_kv_cache=False)
        uncached = time.perf_counter() - t0
    generated = gen_batch * new_tokens
    load_after = loadavg()
    print("generation B=%d prompt=%d new=%d greedy: KV cache %.0f tokens/s (%.2f s), no cache %.0f tokens/s (%.2f s),"
          " speed-up %.1fx" % (gen_batch, prompt_len, new_tokens, generated / cached, cached, generated / uncached,
                               uncached, uncached / cached))
    print("  load average after: %s" % load_after)
    with open("/proc/self/status") as f:
        rss = [l.split(":", 1)[1].strip() for l in f if l.startswith("VmHWM")]
    print("peak RSS: " + (rss[0] if rss else "n/a"))
    print("RESULT " + json.dumps({
        "engine": "pytorch-" + torch.__version__, "threads": ARGS.threads,
        "nominal_gflops": nominal / 1e9, "gemm_gflops": gemm / 1e9, "batch": batch, "seq": seq,
        "vocab": vocab, "params": params, "median_ms": med * 1e3, "best_ms": best * 1e3,
        "cpu_median_ms": median(cpu) * 1e3, "cpu_best_ms": min(cpu) * 1e3,
        "tokens_per_s": tokens / med, "gflops_6n_attn": (flops6n + attention) / med / 1e9,
        "gen_kv_tokens_per_s": generated / cached, "gen_nocache_tokens_per_s": generated / uncached,
        "load_before": load_before, "load_train": load_train, "load_after": load_after}))


if __name__ == "__main__":
    main()
