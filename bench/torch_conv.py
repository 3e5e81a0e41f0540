"""PyTorch's conv2d on the machine, for bench/conv-vs-pytorch: the peer of CNN Layers' learned Conv2D.

Usage: python3 bench/torch_conv.py THREADS RUNS
Prints one line per case: "torch CIN COUT SIZE THREADS median_ms", for a random [1, CIN, SIZE, SIZE]
input and [COUT, CIN, 3, 3] weights with bias, padding 1 (the cases of the Java side). Needs PyTorch
(Debian: apt-get install python3-torch); not part of CI.
"""
import statistics
import sys
import time

import torch
import torch.nn.functional as F

threads, runs = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(threads)
torch.manual_seed(0)
for cin, cout, size in ((3, 16, 1024), (16, 32, 1024)):
    x = torch.randn(1, cin, size, size)
    w = torch.randn(cout, cin, 3, 3)
    b = torch.randn(cout)
    with torch.no_grad():
        for _ in range(3):
            F.conv2d(x, w, b, padding=1)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            F.conv2d(x, w, b, padding=1)
            times.append((time.perf_counter() - t0) * 1000)
    print(f"torch {cin} {cout} {size} {threads} {statistics.median(times):.2f}", flush=True)
