#!/usr/bin/env python3
"""Benchmark: wall time of `magsel grades list` on the full embedded catalogue.

Runs the command RUNS times after WARMUP runs and prints the median and spread in ms
against the foundation issue's target (median <= 20 ms). Prints figures; does not fail
the build on a slow machine (timing is not a unit test), but exits 1 if the command fails.
"""
import statistics
import subprocess
import sys
import time

RUNS, WARMUP, TARGET_MS = 50, 5, 20.0


def main() -> int:
    magsel = sys.argv[1] if len(sys.argv) > 1 else "build/dev/magsel"
    cmd = [magsel, "grades", "list"]
    times = []
    for i in range(WARMUP + RUNS):
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - start) * 1000.0
        if done.returncode != 0:
            print(f"bench: `{' '.join(cmd)}` failed: {done.stderr.decode()}", file=sys.stderr)
            return 1
        if i >= WARMUP:
            times.append(elapsed)
    grades = subprocess.run(cmd + ["--format", "csv"], capture_output=True, text=True).stdout.count("\n") - 1
    median = statistics.median(times)
    verdict = "meets" if median <= TARGET_MS else "MISSES"
    print(f"bench grades list: {grades} grades, median {median:.1f} ms, min {min(times):.1f} ms, "
          f"max {max(times):.1f} ms over {RUNS} runs; {verdict} the {TARGET_MS:.0f} ms target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
