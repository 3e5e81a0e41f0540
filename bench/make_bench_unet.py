#!/usr/bin/python3
"""Models for bench/network-vs-ort (not test fixtures: random weights, regenerated into target/ on each run).

Writes into the directory given (default target/bench-onnx):
  unet_d4_f32.onnx   a depth-4, 32-feature U-Net as issue 17 describes it: two 3x3 convs (padding 1) with batch
                     norm and ReLU per level, 2x2 max pooling down, ConvTranspose 2x2 stride 2 up, skip
                     concatenation, 512 features at the bottom, a 1x1 conv and a sigmoid; 1 channel in, 1 out;
                     exported in eval mode at opset 13, so the export folds each batch norm into its conv
                     (about 31 MB: not committed). 96 GFLOP on 512 x 512.
  conv3x3_32_64_256.onnx, conv3x3_64_64_256.onnx, conv3x3_128_128_64.onnx, conv1x1_64_64_256.onnx,
  convT2x2_64_32_128.onnx
                     one-node models (a Conv or a ConvTranspose with bias) for the single-layer table; each name
                     says the kernel, the channels in and out, and the input's side.
Every input has a fixed 1 x C x H x W shape. Seeds are fixed, so the files are the same on every run.
Usage: /usr/bin/python3 bench/make_bench_unet.py [OUT_DIR]   (torch 1.13, Debian's python3-torch)
"""
import os
import sys

import torch
import torch.nn as nn

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join("target", "bench-onnx")


class Block(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, cin=1, cout=1, features=32, depth=4):
        super().__init__()
        f = [features * 2 ** i for i in range(depth + 1)]
        self.down = nn.ModuleList([Block(cin if i == 0 else f[i - 1], f[i]) for i in range(depth)])
        self.pool = nn.MaxPool2d(2)
        self.bottom = Block(f[depth - 1], f[depth])
        self.up = nn.ModuleList([nn.ConvTranspose2d(f[i + 1], f[i], 2, stride=2) for i in reversed(range(depth))])
        self.merge = nn.ModuleList([Block(2 * f[i], f[i]) for i in reversed(range(depth))])
        self.head = nn.Conv2d(f[0], cout, 1)

    def forward(self, x):
        skips = []
        for block in self.down:
            x = block(x)
            skips.append(x)
            x = self.pool(x)
        x = self.bottom(x)
        for up, merge, skip in zip(self.up, self.merge, reversed(skips)):
            x = merge(torch.cat([skip, up(x)], 1))
        return torch.sigmoid(self.head(x))


def export(model, shape, name):
    model.eval()
    path = os.path.join(OUT, name)
    with torch.no_grad():
        torch.onnx.export(model, torch.zeros(shape), path, opset_version=13, input_names=["x"], output_names=["y"],
                          do_constant_folding=True)
    print(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(17)
    unet = UNet()
    for m in unet.modules():  # He initialization: PyTorch's default shrinks the signal layer by layer, and the output
        # would be almost constant (0.464-0.476 on a random input), too weak a check of the two engines' agreement;
        # so it spreads over 0.26-0.70
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)) and m is not unet.head:
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu", mode="fan_in" if isinstance(m, nn.Conv2d) else "fan_out")
    for m in unet.modules():  # batch norms that do something, so that folding them is not a no-op
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.8, 1.2)
            m.bias.data.uniform_(-0.1, 0.1)
    export(unet, (1, 1, 512, 512), "unet_d4_f32.onnx")
    layers = [
        (nn.Conv2d(32, 64, 3, padding=1), 32, 256, "conv3x3_32_64_256.onnx"),
        (nn.Conv2d(64, 64, 3, padding=1), 64, 256, "conv3x3_64_64_256.onnx"),
        (nn.Conv2d(128, 128, 3, padding=1), 128, 64, "conv3x3_128_128_64.onnx"),
        (nn.Conv2d(64, 64, 1), 64, 256, "conv1x1_64_64_256.onnx"),
        (nn.ConvTranspose2d(64, 32, 2, stride=2), 64, 128, "convT2x2_64_32_128.onnx"),
    ]
    for layer, cin, side, name in layers:
        export(layer, (1, cin, side, side), name)


if __name__ == "__main__":
    main()
