"""Make the fixtures of Keras depthwise convolutions: Keras-layout files and PyTorch's numbers for them.

Run from the project root with a Python that has PyTorch, NumPy and h5py
(Debian: apt-get install python3-torch python3-numpy python3-h5py):

    /usr/bin/python3 src/test/python/make_depthwise_fixtures.py

It rewrites src/test/resources/fixtures/depthwise/ (deterministic: fixed seed, fixed zip dates).

Keras is not packaged for Debian, so h5py and zipfile write what Keras writes (keras/src/saving/saving_lib.py):
a Keras 3 model.weights.h5 holds one group per layer at layers/<snake_case(class name)>[_<n>]/vars/<i>
(the n-th further layer of the same class gets _n; Keras never uses the layer's own name there), variables by
position only (kernel, then bias); a .keras file is a zip of metadata.json, config.json (the model's
serialized config: class_name, config.name, config.layers[...]) and model.weights.h5. Keras 2
save_weights names groups after the layers and weights <layer>/depthwise_kernel:0, <layer>/bias:0.

The model, in Keras terms (input 7 x 9 x 3, an RGB image):
  dw1   DepthwiseConv2D(3x3, depth_multiplier=1, use_bias=False)  -> h5 layers/depthwise_conv2d
        kernel [3, 3, 3, 1]
  dw2   DepthwiseConv2D(3x3, depth_multiplier=2, use_bias=True)   -> h5 layers/depthwise_conv2d_1
        kernel [3, 3, 3, 2], bias [6]
  sep   SeparableConv2D(2, 3x3, depth_multiplier=1)               -> h5 layers/separable_conv2d
        depthwise kernel [3, 3, 6, 1], pointwise kernel [1, 1, 6, 2], bias [2]
  pw    Conv2D(1, 1x1)                                            -> h5 layers/conv2d
        kernel [1, 1, 2, 1], bias [1]
(dw1 and dw2 both take the RGB image: the fixtures test each layer on its own.)

Files:
  model.keras              the Keras 3 archive (config.json says each layer's class)
  depthwise.weights.h5     the same model.weights.h5 alone (Keras 3 save_weights: no config)
  keras2_depthwise.h5      Keras 2 save_weights layout of dw1, dw2, sep, pw (groups named after the layers)
  input.npy                [3, 7, 9] <f4, the RGB image: (37 x + 11 y + 90 c) mod 256
  dw1_output.npy           [3, 7, 9]: conv2d(input, w, padding=1, groups=3), w [3, 1, 3, 3]
  dw2_output.npy           [6, 7, 9]: conv2d(input, w, b, padding=1, groups=3), w [6, 1, 3, 3]
PyTorch's weight of a Keras depthwise kernel k [kh, kw, C_in, M] is w[c * M + m, 0] = k[:, :, c, m]
(TensorFlow's output channel order c * M + m), computed in float64 and stored as float32.
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "depthwise")

H, W, C = 7, 9, 3


def f4(a):
    return np.ascontiguousarray(a, dtype="<f4")


def weights():
    g = np.random.default_rng(20)
    return {
        "dw1": [f4(g.uniform(-1, 1, (3, 3, C, 1)))],
        "dw2": [f4(g.uniform(-1, 1, (3, 3, C, 2))), f4(g.uniform(-2, 2, (C * 2,)))],
        "sep": [f4(g.uniform(-1, 1, (3, 3, 2 * C, 1))), f4(g.uniform(-1, 1, (1, 1, 2 * C, 2))),
                f4(g.uniform(-1, 1, (2,)))],
        "pw": [f4(g.uniform(-1, 1, (1, 1, 2, 1))), f4(g.uniform(-1, 1, (1,)))],
    }


LAYERS = [  # config name, Keras class, h5 group of Keras 3, Keras 2 weight roles, config
    ("dw1", "DepthwiseConv2D", "depthwise_conv2d", ["depthwise_kernel"],
     {"kernel_size": [3, 3], "depth_multiplier": 1, "use_bias": False}),
    ("dw2", "DepthwiseConv2D", "depthwise_conv2d_1", ["depthwise_kernel", "bias"],
     {"kernel_size": [3, 3], "depth_multiplier": 2, "use_bias": True}),
    ("sep", "SeparableConv2D", "separable_conv2d", ["depthwise_kernel", "pointwise_kernel", "bias"],
     {"filters": 2, "kernel_size": [3, 3], "depth_multiplier": 1, "use_bias": True}),
    ("pw", "Conv2D", "conv2d", ["kernel", "bias"], {"filters": 1, "kernel_size": [1, 1], "groups": 1, "use_bias": True}),
]


def config():
    layers = [{"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
               "config": {"batch_shape": [None, H, W, C], "dtype": "float32", "sparse": False, "name": "input_layer"}}]
    for name, cls, _, _, extra in LAYERS:
        cfg = {"name": name, "trainable": True, "dtype": "float32", "strides": [1, 1], "padding": "same",
               "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "linear"}
        cfg.update(extra)
        layers.append({"module": "keras.layers", "class_name": cls, "config": cfg, "registered_name": None,
                       "build_config": {"input_shape": [None, H, W, C]}})
    return {"module": "keras", "class_name": "Sequential", "registered_name": None,
            "config": {"name": "sequential", "trainable": True, "dtype": "float32", "layers": layers,
                       "build_input_shape": [None, H, W, C]},
            "build_config": {"input_shape": [None, H, W, C]}, "compile_config": None}


def write_keras3(f, w):
    layers = f.create_group("layers")
    for name, _, group, _, _ in LAYERS:
        v = layers.create_group(group).create_group("vars")
        for i, value in enumerate(w[name]):
            v.create_dataset(str(i), data=value)
    f.create_group("vars")


def write_keras2(f, w):
    f.attrs["layer_names"] = np.array([name.encode() for name, _, _, _, _ in LAYERS])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.15.0"
    for name, _, _, roles, _ in LAYERS:
        g = f.create_group(name)
        g.attrs["weight_names"] = np.array([("%s/%s:0" % (name, r)).encode() for r in roles], dtype="S")
        for r, value in zip(roles, w[name]):
            g.create_dataset("%s/%s:0" % (name, r), data=value)


def torch_depthwise(kernel):
    """A Keras depthwise kernel [kh, kw, C_in, M] as PyTorch's weight [C_in * M, 1, kh, kw]."""
    kh, kw, cin, m = kernel.shape
    return torch.tensor(kernel.transpose(2, 3, 0, 1).reshape(cin * m, 1, kh, kw), dtype=torch.float64)


def main():
    os.makedirs(OUT, exist_ok=True)
    w = weights()
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        write_keras3(f, w)
    h5 = buf.getvalue()
    with open(os.path.join(OUT, "depthwise.weights.h5"), "wb") as f:
        f.write(h5)
    with zipfile.ZipFile(os.path.join(OUT, "model.keras"), "w") as z:
        for name, data in [("metadata.json", json.dumps({"keras_version": "3.6.0", "date_saved": "2026-01-01@00:00:00"})),
                           ("config.json", json.dumps(config())), ("model.weights.h5", h5)]:
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    with h5py.File(os.path.join(OUT, "keras2_depthwise.h5"), "w") as f:
        write_keras2(f, w)

    yy, xx = np.mgrid[0:H, 0:W]
    image = np.stack([(37 * xx + 11 * yy + 90 * c) % 256 for c in range(C)]).astype("<f4")
    np.save(os.path.join(OUT, "input.npy"), image)
    x = torch.tensor(image, dtype=torch.float64).unsqueeze(0)
    y1 = F.conv2d(x, torch_depthwise(w["dw1"][0]), None, padding=1, groups=C)
    y2 = F.conv2d(x, torch_depthwise(w["dw2"][0]), torch.tensor(w["dw2"][1], dtype=torch.float64), padding=1, groups=C)
    np.save(os.path.join(OUT, "dw1_output.npy"), f4(y1[0].numpy()))
    np.save(os.path.join(OUT, "dw2_output.npy"), f4(y2[0].numpy()))
    print("wrote %s: %s" % (OUT, sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
