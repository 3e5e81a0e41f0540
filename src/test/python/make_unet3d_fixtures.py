"""Make the 3D U-Net fixtures: small random-weight 3D U-Nets in PyTorch, exported to ONNX, with input and output.

Run from the project root with PyTorch 1.13, onnx and NumPy (Debian: python3-torch, python3-onnx):

    /usr/bin/python3 src/test/python/make_unet3d_fixtures.py

It rewrites src/test/resources/onnx/networks3d/ (deterministic: fixed seed). Each network: depth 2 (one
pooling), Conv3d 3x3x3 + BatchNorm3d (random running statistics, eval mode, exported unfused: TrainingMode.PRESERVE) + ReLU blocks, MaxPool3d(2),
an up path by ConvTranspose3d(2, stride 2) ("transposed") or Upsample(scale 2, trilinear) + Conv3d 1x1x1
("trilinear"), the skip concatenated on channels, a 1x1x1 head and a sigmoid. Input [1, 2, 8, 12, 16] (N, C, D, H,
W), output [1, 1, 8, 12, 16], both <f4 .npy; outputs are PyTorch's in float32.

cases.txt: one line per network: name model.onnx input.npy output.npy
"""

import os

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "onnx", "networks3d")


def block(cin, cout):
    return nn.Sequential(nn.Conv3d(cin, cout, 3, padding=1), nn.BatchNorm3d(cout), nn.ReLU())


class UNet3D(nn.Module):
    def __init__(self, up, cin=2, f=4):
        super().__init__()
        self.enc = block(cin, f)
        self.pool = nn.MaxPool3d(2)
        self.mid = block(f, 2 * f)
        if up == "transposed":
            self.up = nn.ConvTranspose3d(2 * f, f, 2, stride=2)
        else:
            self.up = nn.Sequential(nn.Upsample(scale_factor=2, mode="trilinear", align_corners=False), nn.Conv3d(2 * f, f, 1))
        self.dec = block(2 * f, f)
        self.head = nn.Conv3d(f, 1, 1)

    def forward(self, x):
        e = self.enc(x)
        m = self.mid(self.pool(e))
        d = self.dec(torch.cat([e, self.up(m)], 1))
        return torch.sigmoid(self.head(d))


def main():
    torch.manual_seed(20261204)
    os.makedirs(ROOT, exist_ok=True)
    for f in os.listdir(ROOT):
        os.remove(os.path.join(ROOT, f))
    lines = []
    for up in ("transposed", "trilinear"):
        net = UNet3D(up)
        for m in net.modules():
            if isinstance(m, nn.BatchNorm3d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2)
                m.weight.data.uniform_(0.5, 1.5)
                m.bias.data.uniform_(-0.3, 0.3)
        net.eval()
        x = torch.randn(1, 2, 8, 12, 16)
        with torch.no_grad():
            y = net(x)
        name = "unet3d_" + up
        torch.onnx.export(net, x, os.path.join(ROOT, name + ".onnx"), opset_version=13, training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False, input_names=["input"],
                          output_names=["output"], dynamic_axes={"input": {2: "d", 3: "h", 4: "w"}, "output": {2: "d", 3: "h", 4: "w"}})
        np.save(os.path.join(ROOT, name + "_input.npy"), x.numpy().astype("<f4"))
        np.save(os.path.join(ROOT, name + "_output.npy"), y.numpy().astype("<f4"))
        lines.append("%s %s.onnx %s_input.npy %s_output.npy" % (name, name, name, name))
    with open(os.path.join(ROOT, "cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
