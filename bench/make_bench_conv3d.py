"""The one-node Conv3D model of bench/volumes-vs-ort: Conv3d 3x3x3 32->32, padding 1, random weights (seed 0), exported
to ONNX (opset 13) with dynamic depth, height and width. Usage: /usr/bin/python3 bench/make_bench_conv3d.py DIR"""
import os
import sys

import torch

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
conv = torch.nn.Conv3d(32, 32, 3, padding=1).eval()
with torch.no_grad():
    torch.onnx.export(conv, torch.zeros(1, 32, 8, 16, 16), os.path.join(out, "conv3d_3x3x3_32_32.onnx"), opset_version=13,
                      input_names=["x"], output_names=["y"], dynamic_axes={"x": {2: "d", 3: "h", 4: "w"}, "y": {2: "d", 3: "h", 4: "w"}})
