"""Trains the main job's small network: a 2-level U-Net that segments the cell in cell.png.

    /usr/bin/python3 src/main/python/make_cell_unet.py

Writes src/main/resources/models/cell_unet.onnx (the network the main job and `Run Network...` run) and, for the
tests, src/test/resources/fixtures/cell_unet/{input,output}.npy: PyTorch's own output on the whole cell.png, padded
by reflection at the right and bottom to the next size the U-Net takes (a multiple of 4) and cropped back, as the
command does. Deterministic (fixed seeds, one thread); seconds of CPU.

The labels need no annotation: the cell is the bright disc of cell.png, so the target is a threshold of the blurred
image (Otsu's threshold of a Gaussian blur, sigma 3). The network learns it from 96 x 96 crops with flips, half of them near the cell.
"""
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

torch.manual_seed(0)
np.random.seed(0)
torch.set_num_threads(1)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
image = np.asarray(Image.open(os.path.join(ROOT, "src/main/resources/samples/cell.png")).convert("L"), dtype=np.float32)


def blur(a, sigma):
    r = int(3 * sigma)
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k = torch.tensor(k / k.sum(), dtype=torch.float32)
    t = torch.tensor(a)[None, None]
    t = F.conv2d(F.pad(t, (r, r, 0, 0), mode="replicate"), k.view(1, 1, 1, -1))
    t = F.conv2d(F.pad(t, (0, 0, r, r), mode="replicate"), k.view(1, 1, -1, 1))
    return t[0, 0].numpy()


def otsu(a):
    hist, edges = np.histogram(a, bins=256)
    centres = (edges[:-1] + edges[1:]) / 2
    w0 = np.cumsum(hist)
    w1 = w0[-1] - w0
    m0 = np.cumsum(hist * centres) / np.maximum(w0, 1)
    m1 = (np.sum(hist * centres) - np.cumsum(hist * centres)) / np.maximum(w1, 1)
    return centres[np.argmax(w0 * w1 * (m0 - m1) ** 2)]


smooth = blur(image, 3.0)
label = (smooth > otsu(smooth)).astype(np.float32)


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class UNet(nn.Module):
    """Two levels: 8 and 16 features, a 32-feature bottom; transposed-conv upsampling; sigmoid output."""

    def __init__(self):
        super().__init__()
        self.enc1, self.enc2, self.bottom = block(1, 8), block(8, 16), block(16, 32)
        self.up2, self.dec2 = nn.ConvTranspose2d(32, 16, 2, stride=2), block(32, 16)
        self.up1, self.dec1 = nn.ConvTranspose2d(16, 8, 2, stride=2), block(16, 8)
        self.out = nn.Conv2d(8, 1, 1)

    def forward(self, x):
        x = (x - 128.0) / 64.0  # 8-bit gray values in, normalized inside the model
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        b = self.bottom(F.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], 1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        return torch.sigmoid(self.out(d1))


model = UNet()
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
h, w = image.shape
cy, cx = [int(v.mean()) for v in np.nonzero(label)]
for step in range(600):
    xs, ys = [], []
    for i in range(8):
        if i % 2 == 0:  # half the crops hold (part of) the cell, which is small
            y0 = int(np.clip(cy - 48 + np.random.randint(-60, 61), 0, h - 96))
            x0 = int(np.clip(cx - 48 + np.random.randint(-60, 61), 0, w - 96))
        else:
            y0, x0 = np.random.randint(0, h - 96), np.random.randint(0, w - 96)
        a, b = image[y0:y0 + 96, x0:x0 + 96], label[y0:y0 + 96, x0:x0 + 96]
        if np.random.rand() < 0.5:
            a, b = a[:, ::-1], b[:, ::-1]
        if np.random.rand() < 0.5:
            a, b = a[::-1], b[::-1]
        xs.append(a.copy())
        ys.append(b.copy())
    x = torch.tensor(np.stack(xs))[:, None]
    t = torch.tensor(np.stack(ys))[:, None]
    loss = F.binary_cross_entropy(model(x), t)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step % 150 == 149:
        print("step", step + 1, "loss", round(loss.item(), 4))

model.eval()
ph, pw = (-h) % 4, (-w) % 4
with torch.no_grad():
    x = torch.tensor(image)[None, None]
    padded = F.pad(x, (0, pw, 0, ph), mode="reflect")
    out = model(padded)[:, :, :h, :w]
iou = ((out[0, 0].numpy() > 0.5) & (label > 0)).sum() / ((out[0, 0].numpy() > 0.5) | (label > 0)).sum()
print("IoU with the label on the whole image:", round(float(iou), 4))

onnx_path = os.path.join(ROOT, "src/main/resources/models/cell_unet.onnx")
torch.onnx.export(model, padded, onnx_path, opset_version=13, input_names=["image"], output_names=["cell"],
                  dynamic_axes={"image": {2: "height", 3: "width"}, "cell": {2: "height", 3: "width"}})
fixtures = os.path.join(ROOT, "src/test/resources/fixtures/cell_unet")
os.makedirs(fixtures, exist_ok=True)
np.save(os.path.join(fixtures, "output.npy"), out[0, 0].numpy().astype(np.float32))
print("wrote", onnx_path, os.path.getsize(onnx_path), "bytes")
