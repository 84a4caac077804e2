#!/usr/bin/env python3
"""Benchmark (issue 17): `magsel --grades DIR match examples/ev-traction-ipm.yaml` with a user
catalogue of 2,520 grades (target <= 0.15 s).

The catalogue is generated into a temporary directory from the built-in grade files: 21 copies
of each file (15 files, 120 grades), every grade and alias renamed (`U07-N48SH`), so 315 files
of 1 to 41 grades, as a user with many vendor series would have. Three cases, best of N runs:
  cold      the cache directory is emptied before each run (parse, then write the entries)
  warm      the entries of an earlier run are read (no YAML parsed)
  no cache  MAGSEL_NO_CACHE=1 (parse every run, write nothing)
Each run gets its own XDG_CACHE_HOME under the temporary directory: the user's cache is never
touched. Prints the figures; exits 1 only if a command fails or the three outputs differ
(timing is not a unit test)."""
import os
import resource
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

COPIES = 21
RUNS = 7


def generate(root: pathlib.Path, target: pathlib.Path) -> int:
    (target / "families").mkdir(parents=True)
    count = 0
    sources = [p for p in sorted((root / "grades").glob("*.yaml")) if p.name not in ("prices.yaml", "supply.yaml")]
    for copy in range(1, COPIES + 1):
        for source in sources:
            data = yaml.safe_load(source.read_text(encoding="utf-8"))
            prefix = f"U{copy:02d}-"
            data["series"] = prefix + str(data["series"])
            for grade in data["grades"]:
                grade["name"] = prefix + str(grade["name"])
                if "aliases" in grade:
                    grade["aliases"] = [prefix + str(a) for a in grade["aliases"]]
                count += 1
            out = target / f"{prefix.lower()}{source.name}"
            out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return count


def run(cmd, env):
    """Wall time and CPU time (user + system) of one run: on a shared machine the CPU time is
    the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def main() -> int:
    magsel = sys.argv[1] if len(sys.argv) > 1 else "build/ci/magsel"
    root = pathlib.Path(__file__).resolve().parents[2]
    example = root / "examples" / "ev-traction-ipm.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        grades = tmp / "grades"
        count = generate(root, grades)
        files = len(list(grades.glob("*.yaml")))
        check = subprocess.run([magsel, "validate", str(grades)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check.returncode != 0:
            print(f"bench large catalogue: the generated catalogue is invalid: {check.stderr.decode()[:2000]}",
                  file=sys.stderr)
            return 1
        cmd = [magsel, "--grades", str(grades), "match", str(example)]
        cache = tmp / "cache"
        base = dict(os.environ, XDG_CACHE_HOME=str(cache))
        base.pop("MAGSEL_NO_CACHE", None)
        outputs = {}
        figures = {}
        for case in ("cold", "warm", "no cache"):
            env = dict(base, MAGSEL_NO_CACHE="1") if case == "no cache" else base
            times, cpus = [], []
            for _ in range(RUNS):
                if case == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                seconds, cpu, done = run(cmd, env)
                if done.returncode not in (0, 1):
                    print(f"bench large catalogue ({case}): magsel failed: {done.stderr.decode()[:2000]}",
                          file=sys.stderr)
                    return 1
                times.append(seconds)
                cpus.append(cpu)
                outputs[case] = done.stdout
            figures[case] = (min(times), min(cpus))
        entries = len(list(cache.glob("magsel/grades-*.bin")))
        if len(set(outputs.values())) != 1:
            print("bench large catalogue: the output differs between cold, warm and no-cache runs", file=sys.stderr)
            return 1
    print(f"bench large catalogue: {count} user grades in {files} files (+ the built-in catalogue), "
          f"`match {example.name}`, best of {RUNS}; {entries} cache entries")
    for case, (seconds, cpu) in figures.items():
        verdict = "meets" if seconds <= 0.15 else "MISSES"
        print(f"bench large catalogue {case:>8}: {seconds:.3f} s wall (CPU {cpu:.3f} s); {verdict} the 0.15 s target")
    print(f"bench large catalogue: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
