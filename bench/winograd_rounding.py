#!/usr/bin/env python3
"""Rounding of Winograd's F(m x m, 3x3) in float32, simulated with numpy (README > Speed).

For each form: the matrices built from its interpolation points (Toom-Cook; the last point infinity), checked
against the direct correlation in float64, then the largest |error| over random 6x6 (8x8) tiles of 32 input
channels, N(0, 1) inputs and weights, with the kernels transformed in float64 and rounded to float32, and the
input transform, channel sums and output transform in float32, against the direct sum in float64; printed with the
output's spread (root mean square). Usage: /usr/bin/python3 bench/winograd_rounding.py
"""
from fractions import Fraction as F

import numpy as np


def matrices(points, m):
    """A^T (m x n), G (n x 3) and B^T (n x n) of F(m, 3) for n - 1 finite points and infinity."""
    n = m + 2
    at = np.zeros((m, n))
    for i in range(m):
        for j, p in enumerate(points):
            at[i, j] = float(p) ** i
    at[m - 1, n - 1] = 1
    g = np.zeros((n, 3))
    for j, p in enumerate(points):
        denom = 1.0
        for k, q in enumerate(points):
            if k != j:
                denom *= float(p - q)
        for i in range(3):
            g[j, i] = float(p) ** i / denom
    g[n - 1, 2] = 1
    bt = np.zeros((n, n))
    for j, _ in enumerate(points):
        poly = np.array([1.0])
        for k, q in enumerate(points):
            if k != j:
                poly = np.convolve(poly, np.array([1.0, -float(q)]))
        bt[j, :n - 1] = poly[::-1]
    poly = np.array([1.0])
    for q in points:
        poly = np.convolve(poly, np.array([1.0, -float(q)]))
    bt[n - 1, :] = poly[::-1]
    return at, g, bt


def exact(at, g, bt, m, rng):
    d, k = rng.random(m + 2), rng.random(3)
    y = at @ ((g @ k) * (bt @ d))
    return np.abs(y - np.array([k @ d[i:i + 3] for i in range(m)])).max()


def rounding(at, g, bt, m, rng, cin=32, trials=100):
    n = m + 2
    worst, spread = 0.0, []
    btf, atf = bt.astype(np.float32), at.astype(np.float32)
    for _ in range(trials):
        d = rng.standard_normal((cin, n, n)).astype(np.float32)
        k = rng.standard_normal((cin, 3, 3)).astype(np.float32)
        u = np.array([g @ k[i].astype(np.float64) @ g.T for i in range(cin)]).astype(np.float32)
        v = np.array([btf @ d[i] @ btf.T for i in range(cin)], dtype=np.float32)
        acc = np.zeros((n, n), np.float32)
        for i in range(cin):
            acc = (acc + u[i] * v[i]).astype(np.float32)
        y = atf @ acc @ atf.T
        ref = sum(np.array([[(k[i].astype(np.float64) * d[i][r:r + 3, c:c + 3]).sum() for c in range(m)] for r in range(m)])
                  for i in range(cin))
        worst = max(worst, np.abs(y - ref).max())
        spread.append(np.sqrt((ref ** 2).mean()))
    return worst, float(np.mean(spread))


def main():
    rng = np.random.default_rng(1)
    forms = [("F(2x2, 3x3)", [0, 1, -1], 2), ("F(4x4, 3x3)", [0, 1, -1, 2, -2], 4),
             ("F(6x6, 3x3)", [0, 1, -1, 2, -2, F(1, 2), F(-1, 2)], 6)]
    for name, points, m in forms:
        at, g, bt = matrices(points, m)
        worst, spread = rounding(at, g, bt, m, rng)
        print(f"{name}: exact to {exact(at, g, bt, m, rng):.1e} in float64; float32 largest |error| {worst:.2e}, "
              f"output spread {spread:.1f}, ratio {worst / spread:.1e}")


if __name__ == "__main__":
    main()
