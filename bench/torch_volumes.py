"""PyTorch's side of bench/volumes: Conv3d 3x3x3 32->32 (padding 1) on [1, 32, 64, 256, 256] and the ONNX fixture's
3D U-Net (rebuilt from make_unet3d_fixtures.py) on [1, 2, 64, 128, 128], best of RUNS, on 1 and 2 threads.
Usage: /usr/bin/python3 bench/torch_volumes.py [RUNS]"""
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "python"))
from make_unet3d_fixtures import UNet3D  # noqa: E402

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
conv = torch.nn.Conv3d(32, 32, 3, padding=1).eval()
x = torch.randn(1, 32, 64, 256, 256)
unet = UNet3D("transposed").eval()
u = torch.randn(1, 2, 64, 128, 128)
flops = 2.0 * 27 * 32 * 32 * 64 * 256 * 256


def best(f):
    b = 1e9
    for _ in range(runs):
        t = time.perf_counter()
        f()
        b = min(b, time.perf_counter() - t)
    return b


with torch.no_grad():
    for threads in (1, 2):
        torch.set_num_threads(threads)
        t = best(lambda: conv(x))
        print("PyTorch %s Conv3d 3x3x3 32->32 on 64x256x256, %d thread(s): %.2f s, %.1f GFLOP/s" % (torch.__version__, threads, t, flops / t / 1e9))
        t = best(lambda: unet(u))
        print("PyTorch 3D U-Net on 2x64x128x128, %d thread(s): %.2f s" % (threads, t))
