"""Make the PyTorch fixtures of the 3D normalization and global pooling layers (GroupNorm3D, GlobalPooling3D,
Pointwise3D over BatchNorm).

Run from the project root with a Python that has PyTorch 1.13 and NumPy (Debian: python3-torch):

    /usr/bin/python3 src/test/python/make_volume_norm_fixtures.py

It rewrites src/test/resources/fixtures/volume-norm/ (deterministic: fixed seed). All arrays are <f4. Volumes are
[1, C, D, H, W] (one sample). Outputs are PyTorch's functions in float64 on the float32 inputs and parameters,
rounded to float32 (max pooling in float32: it copies an input value).

cases.txt   one case per line, space-separated key=value pairs (id first); per case <id>_input.npy and
            <id>_output.npy, and <id>_weight.npy / <id>_bias.npy when affine=true.
  kind=group     groups g, eps, affine: F.group_norm(x, g, weight, bias, eps) on the 5-D input
  kind=instance  eps, affine: F.instance_norm(x, weight=, bias=, eps=) (no running statistics)
  kind=batch     eps: F.batch_norm(x, mean, var, weight, bias, training=False, eps=eps); <id>_mean.npy,
                 <id>_var.npy, <id>_weight.npy, <id>_bias.npy [C]
  kind=global    mode (average|max|sum): F.adaptive_avg_pool3d(x, 1), F.adaptive_max_pool3d(x, 1), x.sum((2,3,4))
  all: c d h w
"""

import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "volume-norm")
rng = np.random.default_rng(20261205)


def save(name, a):
    np.save(os.path.join(ROOT, name), np.ascontiguousarray(np.asarray(a, dtype="<f4")))


def f64(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float32).astype(np.float64))


def out32(t):
    return t.detach().numpy().astype(np.float32)


def rand(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def main():
    os.makedirs(ROOT, exist_ok=True)
    for f in os.listdir(ROOT):
        os.remove(os.path.join(ROOT, f))
    lines = []
    # id, kind, groups, eps, affine, c, (d, h, w)
    norms = [
        ("g_two", "group", 2, 1e-5, True, 4, (3, 5, 6)),
        ("g_one", "group", 1, 1e-5, False, 3, (2, 4, 5)),
        ("g_eps", "group", 3, 0.1, True, 6, (4, 3, 3)),
        ("g_flat_z", "group", 2, 1e-5, True, 2, (1, 6, 7)),
        ("i_plain", "instance", 0, 1e-5, False, 3, (4, 5, 6)),
        ("i_affine", "instance", 0, 1e-3, True, 2, (3, 7, 4)),
    ]
    for cid, kind, g, eps, affine, c, (D, H, W) in norms:
        x = rand(1, c, D, H, W) * 3 + 1
        w = rand(c) if affine else None
        b = rand(c) if affine else None
        wt = f64(w) if affine else None
        bt = f64(b) if affine else None
        if kind == "group":
            y = F.group_norm(f64(x), g, wt, bt, eps)
        else:
            y = F.instance_norm(f64(x), weight=wt, bias=bt, eps=eps)
        save(cid + "_input.npy", x)
        save(cid + "_output.npy", out32(y))
        if affine:
            save(cid + "_weight.npy", w)
            save(cid + "_bias.npy", b)
        lines.append("id=%s kind=%s groups=%d eps=%r affine=%s c=%d d=%d h=%d w=%d"
                     % (cid, kind, g, eps, str(affine).lower(), c, D, H, W))
    for cid, eps, c, (D, H, W) in (("b_basic", 1e-5, 3, (3, 4, 5)), ("b_eps", 0.01, 2, (2, 3, 6))):
        x = rand(1, c, D, H, W)
        mean, var, w, b = rand(c), np.abs(rand(c)) + 0.1, rand(c), rand(c)
        y = F.batch_norm(f64(x), f64(mean), f64(var), f64(w), f64(b), training=False, eps=eps)
        for n, a in (("input", x), ("output", out32(y)), ("mean", mean), ("var", var), ("weight", w), ("bias", b)):
            save(cid + "_" + n + ".npy", a)
        lines.append("id=%s kind=batch eps=%r c=%d d=%d h=%d w=%d" % (cid, eps, c, D, H, W))
    for cid, mode, c, (D, H, W), nan in (("gp_avg", "average", 3, (4, 5, 6), False), ("gp_max", "max", 3, (4, 5, 6), False),
                                          ("gp_sum", "sum", 2, (3, 4, 7), False), ("gp_max_nan", "max", 2, (2, 3, 4), True),
                                          ("gp_avg_one", "average", 1, (1, 1, 1), False)):
        x = rand(1, c, D, H, W)
        if nan:
            x[0, 0, 1, 2, 3] = np.nan
        if mode == "average":
            y = out32(F.adaptive_avg_pool3d(f64(x), 1))
        elif mode == "max":
            y = out32(F.adaptive_max_pool3d(torch.from_numpy(x), 1))
        else:
            y = out32(f64(x).sum((2, 3, 4), keepdim=True))
        save(cid + "_input.npy", x)
        save(cid + "_output.npy", y)
        lines.append("id=%s kind=global mode=%s c=%d d=%d h=%d w=%d" % (cid, mode, c, D, H, W))
    with open(os.path.join(ROOT, "cases.txt"), "w") as f:
        f.write("# made by src/test/python/make_volume_norm_fixtures.py (torch %s)\n" % torch.__version__)
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
