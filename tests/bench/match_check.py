#!/usr/bin/env python3
"""Benchmark: `magsel match` on every example (median wall time, target <= 30 ms) and
`magsel check` on 1,000 design files in one call (target <= 2 s). Prints the figures; exits 1
only if a command fails (timing is not a unit test)."""
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

RUNS, WARMUP = 30, 3


def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return (time.perf_counter() - start) * 1000.0, done


def main() -> int:
    magsel = sys.argv[1] if len(sys.argv) > 1 else "build/dev/magsel"
    root = pathlib.Path(__file__).resolve().parents[2]
    examples = sorted((root / "examples").glob("*.yaml"))
    worst = 0.0
    for ex in examples:
        times = []
        for i in range(WARMUP + RUNS):
            ms, done = timed([magsel, "match", str(ex)])
            if done.returncode not in (0, 1):
                print(f"bench: match {ex.name} failed: {done.stderr.decode()}", file=sys.stderr)
                return 1
            if i >= WARMUP:
                times.append(ms)
        median = statistics.median(times)
        worst = max(worst, median)
        print(f"bench match {ex.name}: median {median:.1f} ms over {RUNS} runs")
    print(f"bench match: slowest example median {worst:.1f} ms; "
          f"{'meets' if worst <= 30.0 else 'MISSES'} the 30 ms target")

    designs = sorted((root / "examples" / "designs").glob("*.yaml"))
    if not designs:
        print("bench check: no design files in examples/designs", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(1000):
            target = pathlib.Path(tmp) / f"design-{i:04d}.yaml"
            shutil.copyfile(designs[i % len(designs)], target)
            files.append(str(target))
        times = []
        for _ in range(3):
            ms, done = timed([magsel, "check", *files])
            if done.returncode not in (0, 1):
                print(f"bench: check failed: {done.stderr.decode()[:500]}", file=sys.stderr)
                return 1
            times.append(ms)
    best = min(times)
    print(f"bench check: 1000 design files in one call: {best / 1000.0:.2f} s (best of 3); "
          f"{'meets' if best <= 2000.0 else 'MISSES'} the 2 s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
