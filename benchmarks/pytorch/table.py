"""Builds the DJL vs PyTorch table from the logs run.sh wrote (one pair of files per shape/thread run).

    /usr/bin/python3 table.py <log-dir>
"""

import glob
import json
import os
import re
import sys


def djl(path):
    text = open(path).read()
    m = re.search(r"median ([\d.]+) ms/step \(min ([\d.]+), max [\d.]+\), (\d+) tokens/s", text)
    g = re.search(r"KV cache (\d+) tokens/s .*?no cache (\d+) tokens/s", text)
    gf = re.search(r"median step: 6N [\d.]+ GFLOP/s .*?6N \+ attention .*? ([\d.]+) GFLOP/s", text)
    cpu = re.search(r"CPU time per step: median ([\d.]+) ms \(min ([\d.]+)\)", text)
    nominal = re.search(r"of nominal (\d+) GFLOP/s", text)
    if not m:
        return None
    return {"median_ms": float(m.group(1)), "best_ms": float(m.group(2)), "tokens_per_s": float(m.group(3)),
            "cpu_median_ms": float(cpu.group(1)) if cpu else float("nan"),
            "gen_kv_tokens_per_s": float(g.group(1)) if g else float("nan"),
            "gen_nocache_tokens_per_s": float(g.group(2)) if g else float("nan"),
            "gflops_6n_attn": float(gf.group(1)) if gf else float("nan"),
            "nominal_gflops": float(nominal.group(1)) if nominal else float("nan")}


def torch_result(path):
    for line in open(path):
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    return None


def load_of(path):
    m = re.search(r"^LOAD (.*)$", open(path).read(), re.M)
    return m.group(1) if m else "?"


def main():
    d = sys.argv[1]
    rows = []
    for djl_log in sorted(glob.glob(os.path.join(d, "*-djl.log"))):
        key = djl_log[:-len("-djl.log")]
        pt_log = key + "-pytorch.log"
        if not os.path.exists(pt_log):
            continue
        a, b = djl(djl_log), torch_result(pt_log)
        if not a or not b:
            continue
        rows.append((os.path.basename(key), a, b, load_of(djl_log), load_of(pt_log)))
    print("| run | threads | DJL median (best) ms | PyTorch median (best) ms | DJL tok/s | PyTorch tok/s |"
          " DJL speed-up (PyTorch ms / DJL ms), median / best | MFU DJL / PyTorch (6N+attn vs nominal peak) | gen KV tok/s DJL / PyTorch (DJL speed-up) | gen no-cache tok/s"
          " DJL / PyTorch | thread CPU ms/step DJL / PyTorch (ratio; 1 thread only) | load DJL | load PyTorch |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for key, a, b, la, lb in rows:
        print("| %s | %d | %.1f (%.1f) | %.1f (%.1f) | %.0f | %.0f | **%.2f×** / %.2f× | %.1f %% / %.1f %% | %.0f / %.0f (%.2f×) |"
              " %.0f / %.0f | %s | %s | %s |" % (
                  key, b["threads"], a["median_ms"], a["best_ms"], b["median_ms"], b["best_ms"],
                  a["tokens_per_s"], b["tokens_per_s"], b["median_ms"] / a["median_ms"], b["best_ms"] / a["best_ms"],
                  100 * a["gflops_6n_attn"] / a["nominal_gflops"],
                  100 * b["gflops_6n_attn"] / b.get("nominal_gflops", float("nan")),
                  a["gen_kv_tokens_per_s"], b["gen_kv_tokens_per_s"],
                  a["gen_kv_tokens_per_s"] / b["gen_kv_tokens_per_s"],
                  a["gen_nocache_tokens_per_s"], b["gen_nocache_tokens_per_s"],
                  "%.0f / %.0f (%.2f×)" % (a["cpu_median_ms"], b["cpu_median_ms"], b["cpu_median_ms"] / a["cpu_median_ms"])
                  if b["threads"] == 1 else "-", la, lb))


if __name__ == "__main__":
    main()
