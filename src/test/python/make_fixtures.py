"""Make the test fixtures of the weight readers and of the learned layers (PyTorch's own numbers).

Run from the project root with a Python that has PyTorch, NumPy and h5py
(Debian: apt-get install python3-torch python3-numpy python3-h5py):

    /usr/bin/python3 src/test/python/make_fixtures.py

It rewrites everything under src/test/resources/fixtures/ (deterministic: fixed seeds):

readers/  files for the weight-file readers. Their values follow "ramps" the Java tests compute on
          their own: ramp(shape, offset)[i] = (i - n // 2) * 0.25 + offset for float tensors (exact in
          F16 and BF16), int_ramp(shape)[i] = i - n // 2 for signed integers and i for uint8, where i
          is the C-order (row-major) flat index and n the number of elements.
          - npy_<dtype>.npy: ramp([2, 3, 3, 3]) as <f2 >f2 <f4 >f4 <f8 >f8, int_ramp as |i1 <i2 <i4
            >i4 <i8 |u1; npy_fortran.npy (Fortran order, to be refused); npy_c8.npy (complex64, to
            be refused); npy_2d.npy ramp([3, 5]) <f4; npy_bias2.npy [0.5, -1.5] <f4; npy_nan.npy
            ramp([2, 1, 3, 3]) with NaN at [1, 0, 2, 1].
          - stored.npz (np.savez) and compressed.npz (np.savez_compressed), each holding
            conv.weight = ramp([2, 3, 3, 3]) <f4, conv.bias = [0.5, -1.5] <f4, other = ramp([3], 1) <f8.
          - dtypes.safetensors: f16, bf16, f32, f64 = ramp([2, 3, 3, 3]); i16, i64 = int_ramp([2, 3]);
            mask BOOL [2] (to be refused); __metadata__ {"format": "pt"}.
          - state_dict.safetensors: the state_dict of a real nn.Sequential(Conv2d(2, 4, 3), BatchNorm2d(4))
            with features.0.weight = ramp([4, 2, 3, 3]), features.0.bias = ramp([4], 0.5),
            features.1.weight = ramp([4], 1), features.1.bias = ramp([4]), features.1.running_mean =
            ramp([4], 0.125), features.1.running_var = ramp([4], 2), features.1.num_batches_tracked
            (I64, shape [], value 7), plus extra.cube = ramp([2, 3, 4]) (3-D, to be refused) and
            extra.nan = ramp([1, 1, 3, 3]) with NaN at [0, 0, 1, 2].
          - Keras files. Keras is not packaged for Debian, so h5py writes the layouts Keras writes:
            keras2_weights.h5 (Keras 2 model.save_weights: root attribute layer_names, group per layer
            with attribute weight_names, datasets /<layer>/<layer>/kernel:0 ...), keras2_model.h5
            (Keras 2 model.save: the same under /model_weights, root attributes model_config,
            keras_version, backend; conv2d_2/kernel:0 is chunked + gzip there, to exercise jhdf's
            deflate filter), keras3.weights.h5 (Keras 3 model.weights.h5: layers/<name>/vars/<i>,
            an empty top-level vars group) and model.keras (a zip of config.json, metadata.json and
            that model.weights.h5). Layers in all of them:
              conv2d_1     kernel [3, 3, 2, 4] = ramp([4, 2, 3, 3]).transpose(2, 3, 1, 0), bias ramp([4], 0.5)
              batch_normalization  gamma ramp([4], 1), beta ramp([4]), moving_mean ramp([4], 0.125),
                           moving_variance ramp([4], 2)
              re_lu        no weights
              conv2d_2     kernel [1, 1, 4, 1] = ramp([1, 4, 1, 1]).transpose(2, 3, 1, 0), bias [0.25]
              conv_nobias  kernel [3, 3, 1, 2] = ramp([2, 1, 3, 3]).transpose(2, 3, 1, 0), no bias
            and in the Keras 3 files also bn_plain (center=False, scale=False: vars 0, 1 = moving mean
            ramp([4], 0.125), moving variance ramp([4], 2)) and bn_odd (3 vars, which cannot be told apart).
          - not_keras.h5: an HDF5 file that is not Keras (one dataset "data" = ramp([2, 3]) <f4).

conv/     parity cases of the multi-channel convolution, one line each in conv/conv_cases.txt:
          space-separated key=value pairs: id in_channels out_channels groups kernel_h kernel_w stride
          padding_y padding_x dilation padding_mode (zeros|replicate|reflect|circular) bias (true|false)
          height width out_height out_width. Per case <id>_input.npy [1, C_in, H, W],
          <id>_weight.npy [C_out, C_in/groups, kh, kw], <id>_bias.npy [C_out] (only if bias=true),
          <id>_output.npy [1, C_out, out_height, out_width]; all <f4. The output is
          torch.nn.functional.conv2d (for modes other than zeros: F.pad(x, (px, px, py, py), mode) then
          conv2d with padding=0), computed in float64 from the float32 inputs and rounded to float32.
          Batch norm (eval mode), one line each in conv/bn_cases.txt: id channels eps height width; per
          case <id>_input.npy [1, C, H, W], <id>_weight.npy, <id>_bias.npy, <id>_running_mean.npy,
          <id>_running_var.npy [C], <id>_output.npy [1, C, H, W].

seq/      seq_model.safetensors: state_dict of nn.Sequential(Conv2d(2, 4, 3, padding=1), BatchNorm2d(4),
          ReLU(), MaxPool2d(2), Conv2d(4, 3, 3, padding=1)) in eval mode with random running stats
          (names 0.weight, 0.bias, 1.weight, 1.bias, 1.running_mean, 1.running_var,
          1.num_batches_tracked, 4.weight, 4.bias); input.npy [2, 24, 20] (C, H, W); after_0.npy ...
          after_4.npy: the output after each module, [C, H, W] without the batch axis (float64
          forward pass, stored as <f4); eps = 1e-5.

edges/    the shipped demo network (src/main/python/make_learned_edges.py) on input.npy [1, 12, 16]
          (C, H, W; 16 wide, 12 high; input[0, y, x] = ((7 x + 13 y) % 17) / 16, plus 1 in the
          rectangle y 3..7, x 4..10) and output.npy [1, 12, 16]: PyTorch's conv (padding=1, zeros)
          -> ReLU -> 1x1 conv.
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "src", "main", "python"))
from make_learned_edges import learned_edges, write_safetensors  # noqa: E402

OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")


def ramp(shape, offset=0.0):
    n = int(np.prod(shape))
    return ((np.arange(n) - n // 2) * 0.25 + offset).reshape(shape)


def int_ramp(shape, unsigned=False):
    n = int(np.prod(shape))
    return (np.arange(n) if unsigned else np.arange(n) - n // 2).reshape(shape)


def path(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def f4(a):
    return np.ascontiguousarray(a, dtype="<f4")


# ---------------------------------------------------------------- readers

def make_npy():
    shape = [2, 3, 3, 3]
    for code in ["<f2", ">f2", "<f4", ">f4", "<f8", ">f8"]:
        name = "npy_f%s_%s.npy" % (code[2], "le" if code[0] == "<" else "be")
        np.save(path("readers", name), ramp(shape).astype(code))
    for code, name in [("|i1", "i1"), ("<i2", "i2_le"), ("<i4", "i4_le"), (">i4", "i4_be"),
                       ("<i8", "i8_le"), ("|u1", "u1")]:
        np.save(path("readers", "npy_%s.npy" % name), int_ramp(shape, code == "|u1").astype(code))
    np.save(path("readers", "npy_fortran.npy"), np.asfortranarray(ramp(shape).astype("<f4")))
    np.save(path("readers", "npy_c8.npy"), ramp([2, 2]).astype("<c8"))
    np.save(path("readers", "npy_2d.npy"), ramp([3, 5]).astype("<f4"))
    np.save(path("readers", "npy_bias2.npy"), np.array([0.5, -1.5], "<f4"))
    nan = ramp([2, 1, 3, 3]).astype("<f4")
    nan[1, 0, 2, 1] = np.nan
    np.save(path("readers", "npy_nan.npy"), nan)


def make_npz():
    arrays = {"conv.weight": ramp([2, 3, 3, 3]).astype("<f4"),
              "conv.bias": np.array([0.5, -1.5], "<f4"),
              "other": ramp([3], 1.0).astype("<f8")}
    np.savez(path("readers", "stored.npz"), **arrays)
    np.savez_compressed(path("readers", "compressed.npz"), **arrays)


def make_safetensors():
    shape = [2, 3, 3, 3]
    t = torch.tensor(ramp(shape))
    write_safetensors(path("readers", "dtypes.safetensors"), {
        "f16": t.to(torch.float16), "bf16": t.to(torch.bfloat16), "f32": t.to(torch.float32),
        "f64": t.to(torch.float64),
        "i16": torch.tensor(int_ramp([2, 3]), dtype=torch.int16),
        "i64": torch.tensor(int_ramp([2, 3]), dtype=torch.int64),
        "mask": torch.tensor([True, False])}, {"format": "pt"})

    model = nn.Sequential()
    model.add_module("features", nn.Sequential(nn.Conv2d(2, 4, 3), nn.BatchNorm2d(4)))
    conv, bn = model.features[0], model.features[1]
    with torch.no_grad():
        conv.weight.copy_(torch.tensor(ramp([4, 2, 3, 3])))
        conv.bias.copy_(torch.tensor(ramp([4], 0.5)))
        bn.weight.copy_(torch.tensor(ramp([4], 1.0)))
        bn.bias.copy_(torch.tensor(ramp([4])))
        bn.running_mean.copy_(torch.tensor(ramp([4], 0.125)))
        bn.running_var.copy_(torch.tensor(ramp([4], 2.0)))
        bn.num_batches_tracked.fill_(7)
    tensors = dict(model.state_dict())
    assert tensors["features.1.num_batches_tracked"].dtype == torch.int64
    tensors["extra.cube"] = torch.tensor(ramp([2, 3, 4]), dtype=torch.float32)
    nan = torch.tensor(ramp([1, 1, 3, 3]), dtype=torch.float32)
    nan[0, 0, 1, 2] = float("nan")
    tensors["extra.nan"] = nan
    write_safetensors(path("readers", "state_dict.safetensors"), tensors, {"format": "pt"})


def keras_kernel(torch_shape):
    """A Keras channels-last kernel [kh, kw, C_in/g, C_out] holding ramp(torch_shape) transposed."""
    return f4(ramp(torch_shape).transpose(2, 3, 1, 0))


KERAS_LAYERS = [
    ("conv2d_1", [("kernel", keras_kernel([4, 2, 3, 3])), ("bias", f4(ramp([4], 0.5)))]),
    ("batch_normalization", [("gamma", f4(ramp([4], 1.0))), ("beta", f4(ramp([4]))),
                             ("moving_mean", f4(ramp([4], 0.125))), ("moving_variance", f4(ramp([4], 2.0)))]),
    ("re_lu", []),
    ("conv2d_2", [("kernel", keras_kernel([1, 4, 1, 1])), ("bias", np.array([0.25], "<f4"))]),
    ("conv_nobias", [("kernel", keras_kernel([2, 1, 3, 3]))]),
]

KERAS_MODEL_CONFIG = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
    {"class_name": "Conv2D", "config": {"name": "conv2d_1", "filters": 4, "kernel_size": [3, 3]}},
    {"class_name": "BatchNormalization", "config": {"name": "batch_normalization"}},
    {"class_name": "ReLU", "config": {"name": "re_lu"}},
    {"class_name": "Conv2D", "config": {"name": "conv2d_2", "filters": 1, "kernel_size": [1, 1]}},
    {"class_name": "Conv2D", "config": {"name": "conv_nobias", "filters": 2, "kernel_size": [3, 3],
                                        "use_bias": False}}]}}


def write_keras2_layers(group, gzip_layer=None):
    """Keras 2's hdf5_format.save_weights_to_hdf5_group layout, into an open h5py group."""
    group.attrs["layer_names"] = np.array([name.encode() for name, _ in KERAS_LAYERS])
    group.attrs["backend"] = b"tensorflow"
    group.attrs["keras_version"] = b"2.15.0"
    for name, weights in KERAS_LAYERS:
        g = group.create_group(name)
        g.attrs["weight_names"] = np.array([("%s/%s:0" % (name, w)).encode() for w, _ in weights], dtype="S")
        for w, value in weights:
            if name == gzip_layer:
                g.create_dataset("%s/%s:0" % (name, w), data=value, chunks=value.shape, compression="gzip")
            else:
                g.create_dataset("%s/%s:0" % (name, w), data=value)


def write_keras3_layers(f, with_optimizer=False):
    """Keras 3's saving_lib H5IOStore layout (model.weights.h5), into an open h5py file."""
    layers = f.create_group("layers")
    for name, weights in KERAS_LAYERS + [
            ("bn_plain", [("moving_mean", f4(ramp([4], 0.125))), ("moving_variance", f4(ramp([4], 2.0)))]),
            ("bn_odd", [("beta", f4(ramp([4]))), ("moving_mean", f4(ramp([4], 0.125))),
                        ("moving_variance", f4(ramp([4], 2.0)))])]:
        v = layers.create_group(name).create_group("vars")
        for i, (_, value) in enumerate(weights):
            v.create_dataset(str(i), data=value)
    f.create_group("vars")
    if with_optimizer:
        opt = f.create_group("optimizer").create_group("vars")
        opt.create_dataset("0", data=np.int64(3))
        opt.create_dataset("1", data=np.float32(0.001))


def make_keras():
    with h5py.File(path("readers", "keras2_weights.h5"), "w") as f:
        write_keras2_layers(f)
    with h5py.File(path("readers", "keras2_model.h5"), "w") as f:
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0"
        f.attrs["model_config"] = json.dumps(KERAS_MODEL_CONFIG).encode()
        write_keras2_layers(f.create_group("model_weights"), gzip_layer="conv2d_2")
    with h5py.File(path("readers", "not_keras.h5"), "w") as f:
        f.create_dataset("data", data=f4(ramp([2, 3])))
    with h5py.File(path("readers", "keras3.weights.h5"), "w") as f:
        write_keras3_layers(f)
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        write_keras3_layers(f, with_optimizer=True)
    with zipfile.ZipFile(path("readers", "model.keras"), "w") as z:  # fixed dates: the same bytes on every run
        for name, data in [("metadata.json", json.dumps({"keras_version": "3.6.0", "date_saved": "2026-01-01@00:00:00"})),
                           ("config.json", json.dumps(KERAS_MODEL_CONFIG)), ("model.weights.h5", buf.getvalue())]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)


# ---------------------------------------------------------------- conv parity

# id, C_in, C_out, groups, (kh, kw), stride, (py, px), dilation, mode, bias, (H, W)
CONV_CASES = [
    ("c01", 1, 1, 1, (3, 3), 1, (1, 1), 1, "zeros", True, (9, 13)),
    ("c02", 1, 4, 1, (5, 5), 2, (2, 2), 1, "zeros", False, (17, 11)),
    ("c03", 3, 8, 1, (3, 3), 1, (0, 0), 1, "zeros", True, (10, 14)),
    ("c04", 4, 4, 2, (3, 3), 1, (1, 1), 1, "replicate", True, (12, 9)),
    ("c05", 4, 4, 4, (3, 3), 1, (1, 1), 1, "reflect", False, (8, 15)),
    ("c06", 6, 3, 3, (3, 3), 2, (1, 1), 1, "circular", True, (13, 10)),
    ("c07", 3, 2, 1, (1, 1), 1, (0, 0), 1, "zeros", True, (7, 11)),
    ("c08", 2, 3, 1, (3, 5), 1, (1, 2), 1, "zeros", True, (11, 16)),
    ("c09", 1, 2, 1, (3, 3), 1, (2, 2), 2, "reflect", True, (15, 12)),
    ("c10", 2, 2, 1, (3, 3), 3, (1, 1), 1, "replicate", False, (19, 16)),
    ("c11", 3, 4, 1, (5, 5), 1, (2, 1), 1, "circular", True, (14, 18)),
    ("c12", 4, 2, 1, (3, 3), 2, (1, 1), 2, "zeros", True, (16, 19)),
    ("c13", 2, 4, 2, (5, 5), 1, (2, 2), 1, "circular", False, (9, 12)),
    ("c14", 1, 3, 1, (3, 3), 1, (1, 0), 1, "replicate", True, (7, 10)),
    ("c15", 3, 3, 3, (3, 5), 3, (0, 2), 2, "reflect", True, (17, 13)),
]


def conv_reference(x, w, b, stride, py, px, dilation, groups, mode, dtype=torch.float64):
    x, w = x.to(dtype), w.to(dtype)
    b = None if b is None else b.to(dtype)
    if mode == "zeros":
        y = F.conv2d(x, w, b, stride=stride, padding=(py, px), dilation=dilation, groups=groups)
    else:
        y = F.conv2d(F.pad(x, (px, px, py, py), mode=mode), w, b, stride=stride, padding=0,
                     dilation=dilation, groups=groups)
    return y.float()


def make_conv():
    g = torch.Generator().manual_seed(20260101)
    lines = ["# One conv2d parity case per line, space-separated key=value; files conv/<id>_*.npy "
             "(see src/test/python/make_fixtures.py)."]
    for cid, cin, cout, groups, (kh, kw), stride, (py, px), dil, mode, bias, (h, w) in CONV_CASES:
        x = torch.randn(1, cin, h, w, generator=g)
        wt = torch.randn(cout, cin // groups, kh, kw, generator=g) / (kh * kw * cin / groups) ** 0.5
        b = torch.randn(cout, generator=g) if bias else None
        y = conv_reference(x, wt, b, stride, py, px, dil, groups, mode)
        # the float32 computation agrees (a check of this script, not a fixture)
        assert torch.allclose(y, conv_reference(x, wt, b, stride, py, px, dil, groups, mode, torch.float32), atol=1e-5)
        np.save(path("conv", cid + "_input.npy"), f4(x.numpy()))
        np.save(path("conv", cid + "_weight.npy"), f4(wt.numpy()))
        if bias:
            np.save(path("conv", cid + "_bias.npy"), f4(b.numpy()))
        np.save(path("conv", cid + "_output.npy"), f4(y.numpy()))
        lines.append(" ".join("%s=%s" % kv for kv in [
            ("id", cid), ("in_channels", cin), ("out_channels", cout), ("groups", groups),
            ("kernel_h", kh), ("kernel_w", kw), ("stride", stride), ("padding_y", py), ("padding_x", px),
            ("dilation", dil), ("padding_mode", mode), ("bias", "true" if bias else "false"),
            ("height", h), ("width", w), ("out_height", y.shape[2]), ("out_width", y.shape[3])]))
    with open(path("conv", "conv_cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")

    lines = ["# One batch-norm (eval) parity case per line, space-separated key=value; files conv/<id>_*.npy."]
    for bid, c, eps, (h, w) in [("b01", 3, 1e-5, (8, 11)), ("b02", 4, 1e-3, (9, 7))]:
        bn = nn.BatchNorm2d(c, eps=eps).double().eval()
        with torch.no_grad():
            bn.weight.copy_(torch.randn(c, generator=g).float().double())
            bn.bias.copy_(torch.randn(c, generator=g).float().double())
            bn.running_mean.copy_(torch.randn(c, generator=g).float().double())
            bn.running_var.copy_((torch.rand(c, generator=g) * 2 + 0.1).float().double())
            x = torch.randn(1, c, h, w, generator=g)
            y = bn(x.double()).float()
        for suffix, t in [("input", x), ("weight", bn.weight), ("bias", bn.bias),
                          ("running_mean", bn.running_mean), ("running_var", bn.running_var), ("output", y)]:
            np.save(path("conv", "%s_%s.npy" % (bid, suffix)), f4(t.detach().numpy()))
        lines.append("id=%s channels=%d eps=%s height=%d width=%d" % (bid, c, repr(eps), h, w))
    with open(path("conv", "bn_cases.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------- sequential model, demo network

def make_seq():
    torch.manual_seed(7)
    model = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(4, 3, 3, padding=1))
    with torch.no_grad():
        model[1].weight.copy_(torch.rand(4) + 0.5)
        model[1].bias.copy_(torch.randn(4) * 0.5)
        model[1].running_mean.copy_(torch.randn(4) * 0.3)
        model[1].running_var.copy_(torch.rand(4) * 1.5 + 0.2)
        model[1].num_batches_tracked.fill_(100)
    model.eval()
    write_safetensors(path("seq", "seq_model.safetensors"), model.state_dict(), {"format": "pt"})
    x = torch.randn(1, 2, 24, 20)
    np.save(path("seq", "input.npy"), f4(x[0].numpy()))
    y = x.double()
    model = model.double()
    with torch.no_grad():
        for i, layer in enumerate(model):
            y = layer(y)
            np.save(path("seq", "after_%d.npy" % i), f4(y[0].float().numpy()))


def make_edges():
    yy, xx = np.mgrid[0:12, 0:16]
    img = ((7 * xx + 13 * yy) % 17) / 16.0
    img[3:8, 4:11] += 1.0
    x = torch.tensor(img, dtype=torch.float32).reshape(1, 1, 12, 16)
    with torch.no_grad():
        y = learned_edges()(x)
    np.save(path("edges", "input.npy"), f4(x[0].numpy()))
    np.save(path("edges", "output.npy"), f4(y[0].numpy()))


def main():
    make_npy()
    make_npz()
    make_safetensors()
    make_keras()
    make_conv()
    make_seq()
    make_edges()
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs)
    print("wrote %s (%d bytes)" % (OUT, total))


if __name__ == "__main__":
    main()
