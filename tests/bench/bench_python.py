#!/usr/bin/env python3
"""Benchmark (prints its figures; not a test): magsel.working_points from Python, on the loads of
tests/bench/bench_demag.cpp: N48SH at 150 °C, (1) Pc 2 with Ha 200-200.4 kA/m (at the knee) and
(2) Pc 0.5-5 with Ha 0-800 kA/m (a spread of circuits); 2,000,000 evaluations per call, best of 5.

The loads are built once, outside the timing; each timed call is one magsel.working_points call
(broadcasting, the batch API with the GIL released, the output arrays). Compare the figure with
bench_demag's batch figure for the binding's overhead.

usage: /usr/bin/python3 tests/bench/bench_python.py [BUILD_PYTHON_DIR] [--evaluations N] [--runs R]
       (BUILD_PYTHON_DIR: build/<preset>/python, default build/ci/python, else build/dev/python)
"""
import argparse
import pathlib
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("python_dir", nargs="?", help="build/<preset>/python")
    parser.add_argument("--evaluations", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = pathlib.Path(__file__).resolve().parents[2]
    candidates = [pathlib.Path(args.python_dir)] if args.python_dir else [root / "build/ci/python", root / "build/dev/python"]
    found = next((c for c in candidates if (c / "magsel" / "__init__.py").exists()), None)
    if found is None:
        print(f"bench_python: no magsel module in {', '.join(map(str, candidates))}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(found))
    import numpy as np
    import magsel

    n = args.evaluations
    i = np.arange(n)
    grade = magsel.grade("N48SH")
    loads = {
        "N48SH 150 degC, Pc 2, Ha 200-200.4 kA/m (at the knee)": (2.0, 200e3 + 0.1 * (i % 4000)),
        "N48SH 150 degC, Pc 0.5-5, Ha 0-800 kA/m": (0.5 + 0.0045 * (i % 1000), 0.4 * (i % 2000001)),
    }
    for label, (pc, field) in loads.items():
        best, checksum = 0.0, 0.0
        for _ in range(args.runs):
            t0 = time.perf_counter()
            out = magsel.working_points(grade, 150.0, pc, field)
            elapsed = time.perf_counter() - t0
            checksum = float(out["irreversible_loss"].sum())
            best = max(best, n / elapsed)
        print(f"bench python working_points, {label}: {best / 1e6:.2f} million evaluations/s "
              f"(one call of {n}, best of {args.runs}; checksum {checksum:.6g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
