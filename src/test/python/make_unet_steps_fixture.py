"""A small U-Net as a pipeline steps file, and PyTorch's output for it: the two-input steps against PyTorch.

    /usr/bin/python3 src/test/python/make_unet_steps_fixture.py

Writes src/test/resources/fixtures/unet_steps/: unet.safetensors (the state_dict), input.npy [1, 2, 12, 16],
output.npy [1, 1, 12, 16] (PyTorch's output), and unet.txt, the same network as steps (the test gives the weights'
path). The network: enc = relu(conv 2->4), down = maxpool 2, mid = relu(conv 4->4), up = nearest x2,
cat = torch.cat([up, enc]), dec = relu(conv 8->4), res = dec + enc (a residual Add), out = conv 1x1 4->1.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python"))
from make_learned_edges import write_safetensors  # noqa: E402

torch.manual_seed(3)


class UNet(nn.Module):

    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(2, 4, 3, padding=1)
        self.mid = nn.Conv2d(4, 4, 3, padding=1)
        self.dec = nn.Conv2d(8, 4, 3, padding=1)
        self.out = nn.Conv2d(4, 1, 1)

    def forward(self, x):
        enc = F.relu(self.enc(x))
        mid = F.relu(self.mid(F.max_pool2d(enc, 2)))
        up = F.interpolate(mid, scale_factor=2, mode="nearest")
        dec = F.relu(self.dec(torch.cat([up, enc], 1)))
        return self.out(dec + enc)


model = UNet().eval()
x = torch.randn(1, 2, 12, 16)
with torch.no_grad():
    y = model(x)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "unet_steps")
os.makedirs(out, exist_ok=True)
write_safetensors(os.path.join(out, "unet.safetensors"), model.state_dict())
np.save(os.path.join(out, "input.npy"), x.numpy())
np.save(os.path.join(out, "output.npy"), y.numpy())
with open(os.path.join(out, "unet.txt"), "w") as f:
    f.write("""# a one-level U-Net with a residual Add, as steps (WEIGHTS is replaced by the weight file's path)
Conv2D... weights=[WEIGHTS] tensor=enc padding=1
ReLU
Max Pooling... size=2
Conv2D... weights=[WEIGHTS] tensor=mid padding=1
ReLU
Upsample... scale=2 mode=nearest
Concat @6 @2
Conv2D... weights=[WEIGHTS] tensor=dec padding=1
ReLU
Add @9 @2
Conv2D... weights=[WEIGHTS] tensor=out padding=0
""")
print("wrote", out)
