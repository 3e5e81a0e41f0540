"""Make the PyTorch fixtures of the new core layers (ConvTranspose2D, Upsample, ELU, GELU, SiLU, Softmax,
global pooling, GroupNorm, InstanceNorm, Pad).

Run from the project root with a Python that has PyTorch 1.13 and NumPy (Debian: python3-torch):

    /usr/bin/python3 src/test/python/make_new_layer_fixtures.py

It rewrites src/test/resources/fixtures/new_layers/ (deterministic: fixed seed). All arrays are <f4.
Every reference output is PyTorch's own function evaluated in float64 on the float32 inputs and
parameters, rounded to float32 (as make_fixtures.py does for conv/), unless a name says _f32 (PyTorch in
float32). Images are [1, C, H, W] (one sample); parameters are 1-D or PyTorch's weight layout.

act_input.npy       1-D: NaN, +-inf, +-0, +-subnormals, +-FLT_MAX, a grid over [-20, 20], +-10^k for k
                    in [-38, 38], random normal * 4.
act_<f>.npy         f(act_input) for f = elu_1 (alpha 1), elu_0.5, elu_2.5, gelu (F.gelu, exact erf form),
                    silu; gelu_f32 is F.gelu in float32 (its 1 + erf cancels for x < -3).
erf_input.npy       1-D float32 points in [-6, 6] and the special values; erf_output.npy and
                    erfc_output.npy: torch.erf / torch.erfc in float64, rounded.
erf_double.txt      lines "t erf(t) erfc(t)" in double precision (torch float64), t in [-7, 27].
<layer>_cases.txt   one case per line, space-separated key=value pairs (id first); per case
                    <id>_input.npy, <id>_output.npy and the parameters the keys name:
  softmax           id c h w                  (F.softmax(x, dim=1))
  global            id c h w                  <id>_avg.npy = adaptive_avg_pool2d(x, 1) (float64),
                                              <id>_max.npy = adaptive_max_pool2d(x, 1) (exact)
  norm              id kind (group|instance) c groups eps affine h w; <id>_weight.npy, <id>_bias.npy
                    when affine=true (F.group_norm / F.instance_norm, no running stats)
  pad               id mode (constant|reflect|replicate|circular) left right top bottom value h w
                    (F.pad(x, (left, right, top, bottom), mode, value); negative pads crop)
  convt             id cin cout groups kh kw sy sx py px oy ox dy dx bias h w oh ow; <id>_weight.npy
                    [C_in, C_out/groups, kh, kw], <id>_bias.npy [C_out] when bias=true
                    (F.conv_transpose2d(x, w, b, (sy, sx), (py, px), (oy, ox), groups, (dy, dx)))
  upsample          id mode (nearest|bilinear) align (true|false|none) sy sx c h w oh ow
                    (F.interpolate(x, scale_factor=(sy, sx), mode, align_corners); nearest and the
                    float32 coordinate arithmetic of PyTorch: computed in float32, exact)
"""

import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "new_layers")
rng = np.random.default_rng(20261204)


def save(name, a):
    np.save(os.path.join(ROOT, name), np.ascontiguousarray(np.asarray(a, dtype="<f4")))


def f64(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float32).astype(np.float64))


def out32(t):
    return t.detach().numpy().astype(np.float32)


def rand(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def cases_file(name, lines):
    with open(os.path.join(ROOT, name + "_cases.txt"), "w") as f:
        f.write("# made by src/test/python/make_new_layer_fixtures.py; see its docstring\n")
        for line in lines:
            f.write(" ".join("%s=%s" % (k, v) for k, v in line) + "\n")


def with_specials(x):
    """Puts NaN, +inf, -inf into three different pixels of the last channel (x is [1, C, H, W])."""
    x = x.copy()
    flat = x[0, -1].reshape(-1)
    for i, v in enumerate([np.nan, np.inf, -np.inf]):
        if i < flat.size:
            flat[(i * 7) % flat.size] = v
    x[0, -1] = flat.reshape(x.shape[2:])
    return x


def make_activations():
    f32 = np.finfo(np.float32)
    special = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-45, -1e-45, 1e-40, -1e-40, f32.tiny, -f32.tiny,
               f32.max, -f32.max, 1e-30, -1e-30, 1e-8, -1e-8]
    grid = np.linspace(-20, 20, 801)
    powers = 10.0 ** np.arange(-38, 39)
    x = np.concatenate([special, grid, powers, -powers, rng.standard_normal(200) * 4]).astype(np.float32)
    save("act_input.npy", x)
    t = f64(x)
    for alpha in (1.0, 0.5, 2.5):
        save("act_elu_%g.npy" % alpha, out32(F.elu(t, alpha)))
    save("act_gelu.npy", out32(F.gelu(t)))
    save("act_gelu_f32.npy", out32(F.gelu(torch.from_numpy(x))))
    save("act_silu.npy", out32(F.silu(t)))
    e = np.concatenate([[np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-30, -1e-30, 1e-45],
                        np.linspace(-6, 6, 1201), rng.uniform(-6, 6, 300)]).astype(np.float32)
    save("erf_input.npy", e)
    save("erf_output.npy", out32(torch.erf(f64(e))))
    save("erfc_output.npy", out32(torch.erfc(f64(e))))
    d = np.concatenate([np.linspace(-7, 7, 561), np.linspace(7, 27, 81), rng.uniform(-6, 6, 200)])
    with open(os.path.join(ROOT, "erf_double.txt"), "w") as f:
        f.write("# t erf(t) erfc(t): torch.erf / torch.erfc in float64, written with repr (17 digits)\n")
        for t, a, b in zip(d, torch.erf(torch.from_numpy(d)).numpy(), torch.erfc(torch.from_numpy(d)).numpy()):
            f.write("%r %r %r\n" % (float(t), float(a), float(b)))


def make_softmax():
    lines = []
    cases = [("s01", rand(1, 3, 5, 4)), ("s02", rand(1, 1, 2, 3)), ("s03", rand(1, 4, 1, 1)),
             ("s04", rand(1, 5, 3, 3, scale=3000)), ("s05", with_specials(rand(1, 3, 3, 4)))]
    allneg = rand(1, 2, 2, 2)
    allneg[0, :, 0, 0] = -np.inf
    allneg[0, 0, 1, 1] = -np.inf
    cases.append(("s06", allneg))
    for cid, x in cases:
        save(cid + "_input.npy", x)
        save(cid + "_output.npy", out32(F.softmax(f64(x), dim=1)))
        lines.append([("id", cid), ("c", x.shape[1]), ("h", x.shape[2]), ("w", x.shape[3])])
    cases_file("softmax", lines)


def make_global():
    lines = []
    mixed = rand(1, 4, 3, 5)
    mixed[0, 0, 1, 2] = np.nan
    mixed[0, 1, 0, 0] = np.inf
    mixed[0, 1, 2, 4] = -np.inf
    mixed[0, 2] = -np.inf
    mixed[0, 3, 2, 1] = np.inf
    for cid, x in [("g01", rand(1, 3, 5, 7)), ("g02", rand(1, 1, 1, 1)), ("g03", mixed),
                   ("g04", rand(1, 2, 64, 48, scale=100) + 1000)]:
        save(cid + "_input.npy", x)
        save(cid + "_avg.npy", out32(F.adaptive_avg_pool2d(f64(x), 1)))
        save(cid + "_max.npy", F.adaptive_max_pool2d(torch.from_numpy(x), 1).numpy())
        lines.append([("id", cid), ("c", x.shape[1]), ("h", x.shape[2]), ("w", x.shape[3])])
    cases_file("global", lines)


def make_norm():
    lines = []
    specs = [("n01", "group", 4, 2, 1e-5, True, 5, 6), ("n02", "group", 6, 3, 1e-3, False, 3, 3),
             ("n03", "group", 4, 1, 1e-5, True, 1, 1), ("n04", "group", 6, 2, 1e-5, True, 1, 1),
             ("n05", "instance", 3, 3, 1e-5, True, 4, 5), ("n06", "instance", 2, 2, 1e-5, False, 1, 2),
             ("n07", "instance", 2, 2, 0.1, False, 3, 4), ("n08", "group", 4, 2, 1e-5, False, 6, 5),
             ("n09", "group", 2, 1, 1e-5, True, 7, 9)]
    for cid, kind, c, groups, eps, affine, h, w in specs:
        x = rand(1, c, h, w)
        if cid == "n08":
            x = with_specials(x)
        if cid == "n09":
            x = x * 0.01 + 10000  # a large mean and a small spread: the variance needs double sums
        save(cid + "_input.npy", x)
        wt = bs = None
        if affine:
            wt, bs = rand(c), rand(c)
            save(cid + "_weight.npy", wt)
            save(cid + "_bias.npy", bs)
        if kind == "group":
            y = F.group_norm(f64(x), groups, None if wt is None else f64(wt), None if bs is None else f64(bs), eps)
        else:
            y = F.instance_norm(f64(x), weight=None if wt is None else f64(wt), bias=None if bs is None else f64(bs),
                                eps=eps)
        save(cid + "_output.npy", out32(y))
        lines.append([("id", cid), ("kind", kind), ("c", c), ("groups", groups), ("eps", repr(eps)),
                      ("affine", str(affine).lower()), ("h", h), ("w", w)])
    cases_file("norm", lines)


def make_pad():
    lines = []
    specs = [("p01", "constant", 1, 1, 2, 2, 0.0, 3, 4), ("p02", "constant", 0, 3, 1, 0, 2.5, 4, 5),
             ("p03", "reflect", 3, 2, 2, 1, 0.0, 4, 5), ("p04", "replicate", 5, 1, 3, 0, 0.0, 4, 5),
             ("p05", "circular", 1, 4, 2, 3, 0.0, 4, 5), ("p06", "constant", -1, 2, 1, -1, 7.0, 3, 4),
             ("p07", "reflect", -1, 2, 1, -1, 0.0, 3, 4), ("p08", "replicate", -1, 2, 1, -1, 0.0, 3, 4),
             ("p09", "circular", -1, 2, 1, -1, 0.0, 3, 4), ("p10", "replicate", 2, 2, 2, 2, 0.0, 1, 1),
             ("p11", "circular", 1, 1, 1, 1, 0.0, 1, 1), ("p12", "reflect", 1, 1, 1, 1, 0.0, 3, 3),
             ("p13", "constant", 0, 0, -2, 1, -1.5, 5, 3)]
    for cid, mode, left, right, top, bottom, value, h, w in specs:
        x = rand(2, h, w)[None]
        if cid == "p12":
            x = with_specials(x)
        save(cid + "_input.npy", x)
        t = torch.from_numpy(x)
        y = F.pad(t, (left, right, top, bottom), mode=mode, value=value) if mode == "constant" else \
            F.pad(t, (left, right, top, bottom), mode=mode)
        save(cid + "_output.npy", y.numpy())
        lines.append([("id", cid), ("mode", mode), ("left", left), ("right", right), ("top", top),
                      ("bottom", bottom), ("value", repr(value)), ("h", h), ("w", w)])
    cases_file("pad", lines)


def make_convt():
    lines = []
    # id cin cout groups kh kw sy sx py px oy ox dy dx bias h w
    specs = [("t01", 2, 3, 1, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, True, 5, 4),
             ("t02", 4, 6, 2, 3, 2, 3, 2, 0, 1, 2, 0, 1, 2, False, 3, 5),
             ("t03", 1, 1, 1, 1, 1, 2, 2, 0, 0, 1, 1, 1, 1, True, 1, 1),
             ("t04", 3, 2, 1, 3, 3, 1, 1, 1, 1, 1, 1, 2, 2, True, 4, 4),
             ("t05", 3, 3, 3, 4, 4, 2, 2, 1, 1, 0, 0, 1, 1, True, 6, 7),
             ("t06", 2, 2, 1, 3, 3, 2, 2, 0, 0, 0, 0, 1, 1, True, 4, 4),
             ("t07", 1, 2, 1, 5, 5, 3, 3, 2, 2, 0, 0, 1, 1, False, 1, 1),
             ("t08", 2, 4, 2, 2, 3, 1, 3, 0, 2, 0, 1, 3, 1, True, 5, 3)]
    for cid, cin, cout, groups, kh, kw, sy, sx, py, px, oy, ox, dy, dx, bias, h, w in specs:
        x = rand(1, cin, h, w)
        if cid == "t06":
            x = with_specials(x)
        wt = rand(cin, cout // groups, kh, kw)
        b = rand(cout) if bias else None
        save(cid + "_input.npy", x)
        save(cid + "_weight.npy", wt)
        if bias:
            save(cid + "_bias.npy", b)
        y = F.conv_transpose2d(f64(x), f64(wt), None if b is None else f64(b), (sy, sx), (py, px), (oy, ox), groups,
                               (dy, dx))
        save(cid + "_output.npy", out32(y))
        lines.append([("id", cid), ("cin", cin), ("cout", cout), ("groups", groups), ("kh", kh), ("kw", kw),
                      ("sy", sy), ("sx", sx), ("py", py), ("px", px), ("oy", oy), ("ox", ox), ("dy", dy), ("dx", dx),
                      ("bias", str(bias).lower()), ("h", h), ("w", w), ("oh", y.shape[2]), ("ow", y.shape[3])])
    cases_file("convt", lines)


def make_upsample():
    lines = []
    # id mode align sy sx c h w; computed in float32 as PyTorch computes float32 images
    specs = [("u01", "nearest", None, 2, 2, 2, 3, 4), ("u02", "nearest", None, 3, 1.5, 1, 4, 5),
             ("u03", "nearest", None, 1.7, 2.3, 1, 5, 3), ("u04", "nearest", None, 0.5, 0.5, 1, 6, 5),
             ("u05", "nearest", None, 3, 3, 1, 1, 1), ("u06", "nearest", None, 1.0001, 0.75, 1, 5, 8),
             ("u07", "bilinear", False, 2, 2, 2, 3, 4), ("u08", "bilinear", False, 1.7, 2.3, 1, 5, 3),
             ("u09", "bilinear", False, 0.6, 0.75, 1, 7, 8), ("u10", "bilinear", False, 3, 3, 1, 1, 1),
             ("u11", "bilinear", False, 0.5, 0.5, 1, 2, 3), ("u12", "bilinear", True, 2, 2, 2, 3, 4),
             ("u13", "bilinear", True, 1.7, 2.3, 1, 5, 3), ("u14", "bilinear", True, 3, 3, 1, 1, 1),
             ("u15", "bilinear", True, 0.5, 0.5, 1, 5, 4), ("u16", "bilinear", False, 2, 2, 1, 4, 4),
             ("u17", "bilinear", True, 2, 3, 1, 4, 4), ("u18", "nearest", None, 2, 2, 1, 3, 3),
             ("u19", "bilinear", False, 1, 1, 1, 3, 3)]
    for cid, mode, align, sy, sx, c, h, w in specs:
        x = rand(1, c, h, w)
        if cid in ("u16", "u17", "u18", "u19"):
            x = with_specials(x)
        t = torch.from_numpy(x)
        y = F.interpolate(t, scale_factor=(sy, sx), mode=mode) if mode == "nearest" else \
            F.interpolate(t, scale_factor=(sy, sx), mode=mode, align_corners=align)
        save(cid + "_input.npy", x)
        save(cid + "_output.npy", y.numpy())
        lines.append([("id", cid), ("mode", mode), ("align", "none" if align is None else str(align).lower()),
                      ("sy", repr(float(sy))), ("sx", repr(float(sx))), ("c", c), ("h", h), ("w", w),
                      ("oh", y.shape[2]), ("ow", y.shape[3])])
    cases_file("upsample", lines)


def main():
    os.makedirs(ROOT, exist_ok=True)
    for f in os.listdir(ROOT):
        os.remove(os.path.join(ROOT, f))
    torch.set_num_threads(1)
    make_activations()
    make_softmax()
    make_global()
    make_norm()
    make_pad()
    make_convt()
    make_upsample()


if __name__ == "__main__":
    main()
