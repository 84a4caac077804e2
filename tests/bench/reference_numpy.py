#!/usr/bin/env python3
"""A reference implementation of magsel's working point + irreversible loss in Python/NumPy.

Run side by side with the C++ benchmark:

    build/ci/tests/bench/bench_demag --reference ref.json
    /usr/bin/python3 tests/bench/reference_numpy.py ref.json

It rebuilds the knee model of docs/physics.md from the curve's four inputs (Br, Hcj, recoil
permeability, squareness) on its own, solves the same load lines vectorized over all 2,000,000
loads with the same method (recoil-line and full-reversal closed forms, then bracketed Halley
steps until s*|step| <= 1e-3), times it (best of 3), checks its answers against the C++
batch API's results written in ref.json, and prints the side-by-side table: C++ batch
(working_points, with the instruction set it dispatched to), C++ scalar (working_point per load)
and NumPy, in million evaluations per second on one core, and the ratio rows C++ / NumPy.

Exit code 1 when the two implementations disagree (working field to 1e-9 relative, loss to
1e-9): the reference is also an independent check of the C++ code.
"""
import json
import math
import sys
import time

import numpy as np

MU0 = 4e-7 * math.pi  # as lib/include/magsel/units.hpp


def knee_model(br, hcj, mu_rec, squareness):
    """The knee model's constants: chi, d_c, s (the same equations as lib/src/demag_curve.cpp)."""
    mu_rec = min(max(mu_rec, 1.0), 1.5)
    q = min(max(squareness, 0.2), 0.99)
    chi = min(MU0 * (mu_rec - 1.0), 0.5 * br / hcj)
    d_c = br - chi * hcj
    d_k = br - chi * q * hcj - 0.9 * br
    if d_k < 0.02 * d_c:
        d_k = 0.02 * d_c
    # (e^x - 1)/(e^(q x) - 1) = d_c/d_k by bisection on the log of both sides (plain and slow:
    # it runs once).
    target = math.log(d_c / d_k)

    def log_ratio(x):
        def log_expm1(y):
            return y + math.log1p(-math.exp(-y)) if y > 30 else math.log(math.expm1(y))
        return log_expm1(x) - log_expm1(q * x)

    lo, hi = 1e-6, 700.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if log_ratio(mid) < target:
            lo = mid
        else:
            hi = mid
    s = 0.5 * (lo + hi) / hcj
    return chi, d_c, s


def working_points(br, hcj, chi, d_c, s, pc, ha):
    """Working field h and loss for arrays of Pc and Ha."""
    k = d_c / -math.expm1(-s * hcj)  # D(h) = k (e^{s(h - Hcj)} - e^{-s Hcj}) for h > 0
    floor = math.exp(-s * hcj)

    def local(h, pc, ha):
        over = s * (h - hcj)
        e = np.exp(np.minimum(over, 50.0))
        knee = k * (e - floor)
        j = br - chi * h - knee
        reversed_ = (over > 50.0) | (j <= -br)
        j = np.where(reversed_, -br, j)
        slope = np.where(reversed_, 0.0, -chi - k * s * e)
        curvature = np.where(reversed_, 0.0, -s * k * s * e)
        f = j - MU0 * h - MU0 * pc * (h - ha)
        return f, slope - MU0 * (1.0 + pc), curvature, j

    linear = (br + MU0 * pc * ha) / (MU0 * pc + MU0 + chi)
    hi = ha + br / (MU0 * (1.0 + pc))
    on_recoil = s * (linear - hcj) < -40.0
    reversed_root = (MU0 * pc * ha - br) / (MU0 * (1.0 + pc))
    _, _, _, j_rev = local(reversed_root, pc, ha)
    is_reversed = (~on_recoil) & (reversed_root > hcj) & (j_rev <= -br)
    drop = np.minimum(br + MU0 * pc * ha, 1.5 * br)
    deep_start = hcj + np.log(drop / k + floor) / s
    start = np.where(linear > hcj, np.minimum(linear, deep_start), linear)
    h = np.clip(start, 0.0, hi)
    lo = np.zeros_like(h)
    up = hi.copy()
    active = ~(on_recoil | is_reversed)
    for _ in range(200):
        if not active.any():
            break
        idx = np.nonzero(active)[0]
        ha_, pc_, h_ = ha[idx], pc[idx], h[idx]
        f, d1, d2, _ = local(h_, pc_, ha_)
        lo[idx] = np.where(f > 0.0, h_, lo[idx])
        up[idx] = np.where(f > 0.0, up[idx], h_)
        slope2 = d1 * d1
        halley = 2.0 * slope2 - f * d2
        step = np.where(halley > slope2, -2.0 * f * d1 / halley, -f / d1)
        done = (np.abs(step) <= np.maximum(1e-3 / s, 1e-12 * np.maximum(1.0, np.abs(h_)))) | (f == 0.0)
        nxt = h_ + step
        inside = (nxt > lo[idx]) & (nxt < up[idx])
        nxt = np.where(inside, nxt, 0.5 * (lo[idx] + up[idx]))
        h[idx] = np.where(done, h_ + np.where(f == 0.0, 0.0, step), nxt)
        active[idx] = ~done
    h = np.where(on_recoil, linear, np.where(is_reversed, reversed_root, h))
    b = MU0 * pc * (h - ha)
    j = b + MU0 * h
    reversed_final = j <= -br * (1.0 - 1e-12)
    recoil = np.where(reversed_final, 0.0, j + chi * h)
    loss = np.clip(1.0 - recoil / br, 0.0, 1.0)
    return h, loss


def loads(which, n):
    i = np.arange(n, dtype=np.int64)
    if which == 0:  # at the knee
        return np.full(n, 2.0), 200e3 + 0.1 * (i % 4000)
    return 0.5 + 0.0045 * (i % 1000), 0.4 * (i % 2000001)  # a spread of circuits


def main():
    if len(sys.argv) != 2:
        print("usage: reference_numpy.py REF.json (written by bench_demag --reference)", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        ref = json.load(f)
    br, hcj = ref["remanence_T"], ref["intrinsic_coercivity_A_m"]
    chi, d_c, s = knee_model(br, hcj, ref["recoil_permeability"], ref["squareness"])
    n = ref["evaluations"]
    samples = np.array(ref["samples"])
    ok = True
    rows = []
    for which, label, key in ((0, "knee loads (Pc 2, Ha 200-200.4 kA/m)", "knee"),
                              (1, "spread of hard loads (Pc 0.5-5, Ha 0-800 kA/m)", "spread")):
        pc, ha = loads(which, n)
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            h, loss = working_points(br, hcj, chi, d_c, s, pc, ha)
            best = min(best, time.perf_counter() - t0)
        rate = n / best
        picked = samples[samples[:, 0] == which]
        at = picked[:, 1].astype(np.int64)
        dh = np.max(np.abs(h[at] - picked[:, 2]) / np.maximum(picked[:, 2], 1.0))
        dloss = np.max(np.abs(loss[at] - picked[:, 3]))
        agree = dh <= 1e-9 and dloss <= 1e-9
        ok = ok and agree
        rows.append((label, ref["cpp_rate_" + key], ref["cpp_scalar_rate_" + key], rate, len(picked), dh, dloss, agree))
    isa = ref.get("batch_isa", "?")
    print(f"bench side by side: {ref['grade']} {ref['temperature_degC']} degC, working point + loss, "
          f"million evaluations/s on one core (C++ best of 5, NumPy {np.__version__} best of 3, {n} loads each)")
    print(f"| loads | C++ batch [{isa}] | C++ scalar | NumPy | C++ batch / NumPy | C++ scalar / NumPy | "
          f"batch vs NumPy (h rel., loss abs.) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, batch, scalar, rate, count, dh, dloss, agree in rows:
        print(f"| {label} | {batch / 1e6:.1f} | {scalar / 1e6:.1f} | {rate / 1e6:.2f} | {batch / rate:.1f}x | "
              f"{scalar / rate:.1f}x | {dh:.2g}, {dloss:.2g} on {count} loads: {'agree' if agree else 'DISAGREE'} |")
    knee, spread = rows
    print(f"bench targets: batch >= 20 million/s on both ({'met' if min(knee[1], spread[1]) >= 20e6 else 'MISSED'}); "
          f"batch / NumPy >= 10x on both ({'met' if min(knee[1] / knee[3], spread[1] / spread[3]) >= 10 else 'MISSED'})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
