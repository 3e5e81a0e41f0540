"""Make the PyTorch fixtures of the 3D core layers (Conv3D, ConvTranspose3D, Pool3D, Upsample3D).

Run from the project root with a Python that has PyTorch 1.13 and NumPy (Debian: python3-torch):

    /usr/bin/python3 src/test/python/make_3d_fixtures.py

It rewrites src/test/resources/fixtures/layers3d/ (deterministic: fixed seed). All arrays are <f4. Volumes are
[1, C, D, H, W] (one sample). Convolution and average-pooling outputs are PyTorch's function in float64 on the
float32 inputs and weights, rounded to float32; max/min pooling and upsampling are PyTorch in float32 (max, min
and nearest copy input values, so they are exact; trilinear keeps PyTorch's float32 coordinate arithmetic).

<layer>_cases.txt   one case per line, space-separated key=value pairs (id first); per case <id>_input.npy and
                    <id>_output.npy, and the parameters the keys name. Per-axis values are in z y x order.
  conv              id cin cout groups kd kh kw sz sy sx pz py px dz dy dx bias border d h w od oh ow;
                    <id>_weight.npy [C_out, C_in/groups, kd, kh, kw], <id>_bias.npy [C_out] when bias=true
                    (F.conv3d, after F.pad with the border's mode unless border=zero)
  convt             id cin cout groups kd kh kw sz sy sx pz py px oz oy ox dz dy dx bias d h w od oh ow;
                    <id>_weight.npy [C_in, C_out/groups, kd, kh, kw], <id>_bias.npy when bias=true
                    (F.conv_transpose3d(x, w, b, stride, padding, output_padding, groups, dilation))
  pool              id mode (max|min|average) kz ky kx sz sy sx pz py px ceil count c d h w od oh ow
                    (F.max_pool3d; min = -F.max_pool3d(-x); F.avg_pool3d(count_include_pad=count))
  upsample          id mode (nearest|trilinear) align (true|false|none) sz sy sx c d h w od oh ow
                    (F.interpolate(x, scale_factor=(sz, sy, sx), mode, align_corners))

Weight files of the 3D menu commands (made last, so the cases above keep their numbers):
  keras3d.h5        Keras 2 save_weights layout, layer conv3d_1: the weight and bias of case c_groups as a Keras
                    Conv3D kernel [kd, kh, kw, C_in/groups, C_out] and bias
  m3d.safetensors   a PyTorch state_dict: enc.0 = Conv3d(2, 3, (1, 3, 3), padding (0, 1, 1)), up.0 =
                    ConvTranspose3d(3, 2, (1, 2, 2), stride (1, 2, 2)); m3d_input.npy [1, 2, 4, 6, 5] and the outputs
                    of the chain conv enc.0 -> max_pool3d (1, 2, 2) -> interpolate (1, 2, 2) trilinear -> up.0:
                    m3d_enc0.npy, m3d_pool.npy, m3d_upsample.npy, m3d_chain.npy (float64, rounded to float32)
"""

import os

import sys

import h5py
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "main", "python"))
from make_learned_edges import write_safetensors  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "layers3d")
rng = np.random.default_rng(20261204)
PAD_MODE = {"replicate": "replicate", "reflect": "reflect", "circular": "circular"}


def save(name, a):
    np.save(os.path.join(ROOT, name), np.ascontiguousarray(np.asarray(a, dtype="<f4")))


def f64(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float32).astype(np.float64))


def f32(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float32))


def out32(t):
    return t.detach().numpy().astype(np.float32)


def rand(*shape):
    return rng.standard_normal(shape).astype(np.float32)


def triple(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v, v)


def zyx(prefix, v):
    z, y, x = triple(v)
    return "%sz=%d %sy=%d %sx=%d" % (prefix[0], z, prefix[0], y, prefix[0], x) if len(prefix) == 1 else \
        "%s=%d %s=%d %s=%d" % (prefix[0], z, prefix[1], y, prefix[2], x)


def conv_cases():
    lines = []
    # id, cin, cout, groups, kernel, stride, padding, dilation, bias, border, (d, h, w)
    cases = [
        ("c_basic", 2, 3, 1, 3, 1, 1, 1, True, "zero", (5, 6, 7)),
        ("c_aniso", 1, 2, 1, (1, 3, 3), 1, (0, 1, 1), 1, True, "zero", (4, 6, 5)),
        ("c_stride2", 2, 2, 1, 3, 2, 1, 1, False, "zero", (7, 8, 9)),
        ("c_stride_zyx", 1, 2, 1, (2, 3, 2), (1, 2, 3), (1, 0, 1), 1, True, "zero", (5, 7, 10)),
        ("c_dilation", 2, 2, 1, 3, 1, 2, (1, 2, 2), True, "zero", (5, 9, 8)),
        ("c_groups", 4, 6, 2, (3, 1, 3), (2, 1, 1), 1, 1, True, "zero", (6, 5, 6)),
        ("c_depthwise", 3, 3, 3, 3, 1, 1, 1, True, "zero", (4, 5, 6)),
        ("c_nodivide", 1, 2, 1, 3, 2, 0, 1, True, "zero", (6, 8, 11)),
        ("c_replicate", 2, 2, 1, 3, 1, (1, 2, 1), 1, True, "replicate", (4, 5, 6)),
        ("c_reflect", 1, 2, 1, 3, (1, 2, 1), 1, 1, True, "reflect", (4, 5, 6)),
        ("c_circular", 2, 1, 1, (3, 3, 5), 1, (1, 1, 2), 1, False, "circular", (3, 5, 6)),
    ]
    for cid, cin, cout, groups, k, s, p, d, bias, border, (D, H, W) in cases:
        k, s, p, d = triple(k), triple(s), triple(p), triple(d)
        x = rand(1, cin, D, H, W)
        w = rand(cout, cin // groups, *k) * 0.5
        b = rand(cout) if bias else None
        xt = f64(x)
        if border == "zero":
            y = F.conv3d(xt, f64(w), None if b is None else f64(b), s, p, d, groups)
        else:
            xt = F.pad(xt, (p[2], p[2], p[1], p[1], p[0], p[0]), mode=PAD_MODE[border])
            y = F.conv3d(xt, f64(w), None if b is None else f64(b), s, 0, d, groups)
        y = out32(y)
        save(cid + "_input.npy", x)
        save(cid + "_weight.npy", w)
        if bias:
            save(cid + "_bias.npy", b)
        save(cid + "_output.npy", y)
        lines.append("id=%s cin=%d cout=%d groups=%d kd=%d kh=%d kw=%d sz=%d sy=%d sx=%d pz=%d py=%d px=%d "
                     "dz=%d dy=%d dx=%d bias=%s border=%s d=%d h=%d w=%d od=%d oh=%d ow=%d"
                     % ((cid, cin, cout, groups) + k + s + p + d + (str(bias).lower(), border, D, H, W) + y.shape[2:]))
    return lines


def convt_cases():
    lines = []
    # id, cin, cout, groups, kernel, stride, padding, output_padding, dilation, bias, (d, h, w)
    cases = [
        ("t_basic", 2, 3, 1, 3, 1, 0, 0, 1, True, (3, 4, 5)),
        ("t_stride2", 2, 2, 1, 2, 2, 0, 0, 1, True, (3, 4, 5)),
        ("t_aniso", 1, 2, 1, (1, 3, 3), (1, 2, 2), (0, 1, 1), (0, 1, 1), 1, True, (3, 4, 5)),
        ("t_outpad", 2, 2, 1, 3, 2, 1, (1, 0, 1), 1, False, (3, 4, 4)),
        ("t_dilation", 1, 2, 1, 3, (2, 1, 2), (1, 2, 1), 0, (1, 2, 2), True, (3, 4, 5)),
        ("t_groups", 4, 2, 2, (2, 3, 3), 2, 1, 1, 1, True, (3, 3, 4)),
    ]
    for cid, cin, cout, groups, k, s, p, op, d, bias, (D, H, W) in cases:
        k, s, p, op, d = triple(k), triple(s), triple(p), triple(op), triple(d)
        x = rand(1, cin, D, H, W)
        w = rand(cin, cout // groups, *k) * 0.5
        b = rand(cout) if bias else None
        y = out32(F.conv_transpose3d(f64(x), f64(w), None if b is None else f64(b), s, p, op, groups, d))
        save(cid + "_input.npy", x)
        save(cid + "_weight.npy", w)
        if bias:
            save(cid + "_bias.npy", b)
        save(cid + "_output.npy", y)
        lines.append("id=%s cin=%d cout=%d groups=%d kd=%d kh=%d kw=%d sz=%d sy=%d sx=%d pz=%d py=%d px=%d "
                     "oz=%d oy=%d ox=%d dz=%d dy=%d dx=%d bias=%s d=%d h=%d w=%d od=%d oh=%d ow=%d"
                     % ((cid, cin, cout, groups) + k + s + p + op + d + (str(bias).lower(), D, H, W) + y.shape[2:]))
    return lines


def pool_cases():
    lines = []
    # id, mode, kernel, stride, padding, ceil, count, c, (d, h, w), nan
    cases = [
        ("p_max", "max", 2, 2, 0, False, True, 2, (4, 6, 8), False),
        ("p_max_aniso", "max", (1, 3, 3), (1, 2, 2), (0, 1, 1), False, True, 2, (3, 7, 6), False),
        ("p_max_ceil", "max", 3, 2, 1, True, True, 1, (6, 7, 8), False),
        ("p_max_nodiv", "max", (2, 3, 2), (2, 3, 1), (1, 1, 0), True, True, 1, (5, 8, 7), False),
        ("p_max_nan", "max", 2, 2, 0, False, True, 2, (4, 4, 6), True),
        ("p_min", "min", (2, 2, 3), (1, 2, 2), (1, 0, 1), False, True, 2, (3, 6, 7), False),
        ("p_min_ceil_nan", "min", 3, 2, 1, True, True, 1, (5, 6, 6), True),
        ("p_avg", "average", 2, 2, 0, False, True, 2, (4, 6, 8), False),
        ("p_avg_pad_count", "average", 3, 2, 1, False, True, 1, (5, 7, 6), False),
        ("p_avg_pad_nocount", "average", 3, 2, 1, False, False, 1, (5, 7, 6), False),
        ("p_avg_ceil_count", "average", (2, 3, 3), (2, 2, 2), (1, 1, 0), True, True, 2, (5, 6, 8), False),
        ("p_avg_ceil_nocount", "average", (2, 3, 3), (2, 2, 2), (1, 1, 0), True, False, 2, (5, 6, 8), False),
        ("p_avg_aniso", "average", (1, 3, 3), 1, (0, 1, 1), False, False, 1, (3, 5, 5), False),
        ("p_avg_nan", "average", 2, 2, 0, False, True, 1, (4, 4, 4), True),
    ]
    for cid, mode, k, s, p, ceil, count, c, (D, H, W), nan in cases:
        k, s, p = triple(k), triple(s), triple(p)
        x = rand(1, c, D, H, W)
        if nan:
            x[0, 0, 1, 1, 1] = np.nan
            x[0, 0, 0, 0, 2] = np.inf
            x[0, -1, D - 1, H - 1, W - 1] = -np.inf
        if mode == "max":
            y = out32(F.max_pool3d(f32(x), k, s, p, ceil_mode=ceil))
        elif mode == "min":
            y = out32(-F.max_pool3d(-f32(x), k, s, p, ceil_mode=ceil))
        else:
            y = out32(F.avg_pool3d(f64(x), k, s, p, ceil_mode=ceil, count_include_pad=count))
        save(cid + "_input.npy", x)
        save(cid + "_output.npy", y)
        lines.append("id=%s mode=%s kz=%d ky=%d kx=%d sz=%d sy=%d sx=%d pz=%d py=%d px=%d ceil=%s count=%s c=%d "
                     "d=%d h=%d w=%d od=%d oh=%d ow=%d"
                     % ((cid, mode) + k + s + p + (str(ceil).lower(), str(count).lower(), c, D, H, W) + y.shape[2:]))
    return lines


def upsample_cases():
    lines = []
    # id, mode, align, scale (z, y, x), c, (d, h, w)
    cases = [
        ("u_nearest2", "nearest", None, 2.0, 2, (3, 4, 5)),
        ("u_nearest_aniso", "nearest", None, (1.0, 2.0, 2.0), 1, (3, 4, 5)),
        ("u_nearest_odd", "nearest", None, (1.5, 3.0, 0.5), 1, (4, 5, 8)),
        ("u_nearest_21", "nearest", None, (2.1, 1.7, 2.5), 1, (3, 9, 4)),
        ("u_tri", "trilinear", False, 2.0, 2, (3, 4, 5)),
        ("u_tri_aniso", "trilinear", False, (1.0, 2.0, 2.0), 1, (3, 4, 5)),
        ("u_tri_align", "trilinear", True, 2.0, 1, (3, 4, 5)),
        ("u_tri_align_odd", "trilinear", True, (1.5, 2.5, 3.0), 1, (4, 3, 3)),
        ("u_tri_odd", "trilinear", False, (1.5, 0.5, 3.0), 1, (4, 6, 3)),
        ("u_tri_same_size", "trilinear", False, (1.05, 1.1, 2.0), 1, (5, 4, 3)),
        ("u_nearest_same_size", "nearest", None, (1.05, 1.1, 2.0), 1, (5, 4, 3)),
    ]
    for cid, mode, align, sc, c, (D, H, W) in cases:
        sc = tuple(float(v) for v in triple(sc))
        x = rand(1, c, D, H, W)
        y = out32(F.interpolate(f32(x), scale_factor=sc, mode=mode, align_corners=align))
        save(cid + "_input.npy", x)
        save(cid + "_output.npy", y)
        lines.append("id=%s mode=%s align=%s sz=%r sy=%r sx=%r c=%d d=%d h=%d w=%d od=%d oh=%d ow=%d"
                     % ((cid, mode, "none" if align is None else str(align).lower()) + sc + (c, D, H, W) + y.shape[2:]))
    return lines


def main():
    os.makedirs(ROOT, exist_ok=True)
    for f in os.listdir(ROOT):
        os.remove(os.path.join(ROOT, f))
    for layer, make in (("conv", conv_cases), ("convt", convt_cases), ("pool", pool_cases), ("upsample", upsample_cases)):
        with open(os.path.join(ROOT, layer + "_cases.txt"), "w") as f:
            f.write("# made by src/test/python/make_3d_fixtures.py (torch %s)\n" % torch.__version__)
            f.write("\n".join(make()) + "\n")
    command_files()


def command_files():
    w = np.load(os.path.join(ROOT, "c_groups_weight.npy"))
    b = np.load(os.path.join(ROOT, "c_groups_bias.npy"))
    with h5py.File(os.path.join(ROOT, "keras3d.h5"), "w") as f:
        f.attrs["layer_names"] = np.array([b"conv3d_1"])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        g = f.create_group("conv3d_1")
        g.attrs["weight_names"] = np.array([b"conv3d_1/kernel:0", b"conv3d_1/bias:0"], dtype="S")
        g.create_dataset("conv3d_1/kernel:0", data=np.ascontiguousarray(w.transpose(2, 3, 4, 1, 0)))
        g.create_dataset("conv3d_1/bias:0", data=b)

    x = rand(1, 2, 4, 6, 5)
    enc_w, enc_b = rand(3, 2, 1, 3, 3) * 0.5, rand(3)
    up_w, up_b = rand(3, 2, 1, 2, 2) * 0.5, rand(2)
    write_safetensors(os.path.join(ROOT, "m3d.safetensors"), {
        "enc.0.weight": f32(enc_w), "enc.0.bias": f32(enc_b), "up.0.weight": f32(up_w), "up.0.bias": f32(up_b)},
        {"format": "pt"})
    enc = F.conv3d(f64(x), f64(enc_w), f64(enc_b), 1, (0, 1, 1))
    pool = F.max_pool3d(enc, (1, 2, 2), (1, 2, 2))
    ups = F.interpolate(pool, scale_factor=(1.0, 2.0, 2.0), mode="trilinear", align_corners=False)
    chain = F.conv_transpose3d(ups, f64(up_w), f64(up_b), (1, 2, 2))
    save("m3d_input.npy", x)
    for name, t in (("enc0", enc), ("pool", pool), ("upsample", ups), ("chain", chain)):
        save("m3d_%s.npy" % name, out32(t))


if __name__ == "__main__":
    main()
