#!/usr/bin/env python3
"""A trade study with the magsel Python module: 40 grades x magnet temperature x Dy price.

For each of 40 sintered NdFeB grades of the built-in catalogue, at 20-200 °C, in a circuit with
Pc 2 and a 400 kA/m opposing field: Br, the knee field and the irreversible loss (one
magsel.working_points call per grade over all temperatures), and the cost per kg at Dy prices
of 1x, 2x and 4x today's (magsel.cost with price="Dy=..."). Writes trade_study.csv and, when
matplotlib is importable, trade_study.png: cost per kg against the highest temperature each
grade stands with at most 1 % loss, one panel per Dy price.

usage: PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/trade_study.py [--out DIR]
"""
import argparse
import csv
import pathlib
import sys

import numpy as np

import magsel

PC = 2.0
FIELD_A_M = 400e3
LOSS_LIMIT = 0.01
TEMPERATURES_C = np.arange(20.0, 201.0, 10.0)
DY_PRICES = ["1x", "2x", "4x"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=".", help="output directory (default: here)")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    grades = [g for g in magsel.grades(family="sintered-ndfeb") if g.composition][:40]
    names = [g.name for g in grades]
    # cost per kg of every grade at each Dy price: one call per price (the CLI's `cost --price Dy=2x`)
    cost = {dy: {row["grade"]: row["cost_per_kg"] for row in magsel.cost(names, price=f"Dy={dy}")}
            for dy in DY_PRICES}

    rows = []
    highest = {}  # grade -> highest temperature with loss <= limit (None: not even at 20 °C)
    for g in grades:
        w = magsel.working_points(g, TEMPERATURES_C, PC, FIELD_A_M)  # arrays over the temperatures
        br = g.remanence_T(TEMPERATURES_C)
        knee = g.knee_field_A_m(TEMPERATURES_C)
        ok = w["irreversible_loss"] <= LOSS_LIMIT
        # the loss rises with temperature for NdFeB: the passing temperatures are a prefix
        highest[g.name] = float(TEMPERATURES_C[ok][-1]) if ok[0] else None
        for k, t in enumerate(TEMPERATURES_C):
            for dy in DY_PRICES:
                rows.append({
                    "grade": g.name,
                    "dy_tb_wt_percent": None if g.dy_tb_fraction is None else round(100 * g.dy_tb_fraction, 3),
                    "temperature_C": float(t),
                    "remanence_T": float(br[k]),
                    "knee_field_kA_m": float(knee[k]) / 1e3,
                    "irreversible_loss_percent": float(w["irreversible_loss"][k]) * 100,
                    "status": magsel.STATUS_NAMES[int(w["status"][k])],
                    "dy_price": dy,
                    "cost_per_kg_usd": cost[dy][g.name],
                })
    csv_path = out / "trade_study.csv"
    with csv_path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(grades)} grades x {len(TEMPERATURES_C)} temperatures x {len(DY_PRICES)} Dy prices: "
          f"{len(rows)} rows -> {csv_path}")
    best = max((g for g in names if highest[g] is not None), key=lambda g: (highest[g], -cost["1x"][g]))
    print(f"hottest at <= {LOSS_LIMIT:.0%} loss (Pc {PC:g}, {FIELD_A_M / 1e3:g} kA/m): {best} to {highest[best]:g} °C, "
          f"{cost['1x'][best]:.1f} USD/kg (Dy 4x: {cost['4x'][best]:.1f})")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no chart: matplotlib is not importable (apt install python3-matplotlib)")
        return 0
    fig, axes = plt.subplots(1, len(DY_PRICES), figsize=(12, 4), sharey=True)
    for ax, dy in zip(axes, DY_PRICES):
        for g in grades:
            t = highest[g.name]
            ax.scatter(t if t is not None else TEMPERATURES_C[0] - 10, cost[dy][g.name],
                       color="tab:green" if g.hre_free else "tab:blue", s=14)
        ax.set_title(f"Dy price {dy}")
        ax.set_xlabel(f"highest temperature with ≤ {LOSS_LIMIT:.0%} loss [°C]")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("cost [USD/kg]")
    fig.suptitle(f"{len(grades)} sintered NdFeB grades, Pc {PC:g}, {FIELD_A_M / 1e3:g} kA/m (green: Dy/Tb-free; "
                 f"left of {TEMPERATURES_C[0]:g} °C: fails at {TEMPERATURES_C[0]:g} °C)")
    fig.tight_layout()
    png = out / "trade_study.png"
    fig.savefig(png, dpi=100)
    print(f"chart -> {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
