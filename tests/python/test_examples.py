"""The Python example and the Python benchmark run (on a temp directory and a small load)."""
import csv
import os
import subprocess
import sys

import pytest


def run(args, cwd):
    env = dict(os.environ, MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_trade_study_writes_csv_and_chart(source_dir, tmp_path):
    stdout = run([source_dir / "examples/python/trade_study.py", "--out", tmp_path], cwd=tmp_path)
    with (tmp_path / "trade_study.csv").open() as f:
        rows = list(csv.DictReader(f))
    grades = {r["grade"] for r in rows}
    assert len(grades) == 40
    assert len(rows) == 40 * 19 * 3
    assert {r["dy_price"] for r in rows} == {"1x", "2x", "4x"}
    # a Dy-bearing grade costs more when Dy does; a Dy-free one does not
    by = {(r["grade"], r["dy_price"], r["temperature_C"]): r for r in rows}
    dy_grade = next(g for g in grades if float(by[(g, "1x", "20.0")]["dy_tb_wt_percent"] or 0) > 1)
    assert float(by[(dy_grade, "4x", "20.0")]["cost_per_kg_usd"]) > float(by[(dy_grade, "1x", "20.0")]["cost_per_kg_usd"])
    assert "rows ->" in stdout
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "no chart" in stdout
    else:
        assert (tmp_path / "trade_study.png").stat().st_size > 10_000


def test_bench_python_runs(source_dir, tmp_path):
    python_dir = os.environ["PYTHONPATH"].split(os.pathsep)[0]
    stdout = run([source_dir / "tests/bench/bench_python.py", python_dir, "--evaluations", "20000", "--runs", "1"],
                 cwd=tmp_path)
    assert stdout.count("million evaluations/s") == 2
