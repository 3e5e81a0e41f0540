"""Make the Keras 3D fixtures: small random-weight 3D networks written in Keras's exact file layouts by h5py
(Keras is not packaged for Debian; the layouts and helpers are those of make_keras_model_fixtures.py), with
references computed by PyTorch (float64) from the same weights.

Run from the project root with PyTorch, NumPy and h5py (Debian: python3-torch, python3-numpy, python3-h5py):

    /usr/bin/python3 src/test/python/make_keras_unet3d_fixtures.py

It writes into src/test/resources/keras/ (deterministic: fixed seed):
  unet3d.keras            Keras 3 Functional 3D U-Net, channels_last, input [None, 8, 12, 16, 2] (D, H, W, C):
                          depth 2, Conv3D 3x3x3 'same' + BatchNormalization + ReLU blocks, MaxPooling3D 2,
                          Conv3DTranspose 2 stride 2 'same', skip Concatenate, Conv3D 1x1x1 with a sigmoid
  unet3d_upsampling.h5    Keras 2 model.save of the same kind with UpSampling3D (nearest repeat) + Conv3D 1x1x1
                          as the up path and an Add of the skip besides the Concatenate
  odd3d.keras             Keras 3 Sequential, input [None, 5, 7, 9, 1]: TensorFlow's uneven 'same' (a stride-2
                          Conv3D 3x3x3 on odd sizes, a 2x2x2 Conv3D stride 1), AveragePooling3D 'same' (padding
                          after only, left out of the average), Conv3DTranspose 3 stride 2 'same' (its output
                          cut unevenly) and 'valid' with a kernel 1 x 3 x 2
  unet3d_fit_*.npy        the unet3d input cut to 7 x 11 x 15, and PyTorch's output of it padded by reflection at the
                          far end of each axis to 8 x 12 x 16, cropped back: what Run Network's size fitting gives
  pool3d.keras            Keras 3 Sequential of one MaxPooling3D 2 on volumes of any size (calibration)
  *_input.npy             [C, D, H, W] <f4; *_output.npy [C, D, H, W] <f4
"""

import importlib.util
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("kf", os.path.join(HERE, "make_keras_model_fixtures.py"))
kf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(kf)
kf.ROLES.update({"Conv3D": ["kernel", "bias"], "Conv3DTranspose": ["kernel", "bias"]})
OUT = kf.OUT
RNG = np.random.default_rng(1204)
f4, t64 = kf.f4, kf.t64


def conv3(name, filters, k, strides=1, padding="same", activation="linear"):
    k = list(k) if isinstance(k, (list, tuple)) else [k] * 3
    s = list(strides) if isinstance(strides, (list, tuple)) else [strides] * 3
    c = kf.conv(name, filters, 1, padding=padding, activation=activation)
    c["class_name"] = "Conv3D"
    c["config"].update(kernel_size=k, strides=s, dilation_rate=[1, 1, 1])
    return c


def conv3_transpose(name, filters, k, strides, padding):
    c = conv3(name, filters, k, strides, padding)
    c["class_name"] = "Conv3DTranspose"
    del c["config"]["groups"]
    c["config"]["output_padding"] = None
    return c


def pool3(cls, name, size, padding="valid"):
    return kf.simple(cls, name, pool_size=[size] * 3, padding=padding, strides=[size] * 3, data_format="channels_last")


def same3(x, k, s):
    """TensorFlow's 'same' zeros on [N, C, D, H, W]: the odd voxel after."""
    pads = []
    for a in (4, 3, 2):
        pads += list(kf.same_pads(x.shape[a], k[a - 2], s[a - 2]))
    return F.pad(x, tuple(pads))


def conv_weights(layer, cin):
    c = layer["config"]
    k = c["kernel_size"]
    fan = k[0] * k[1] * k[2] * cin
    return [f4(RNG.uniform(-1, 1, tuple(k) + (cin, c["filters"])) / np.sqrt(fan)),
            f4(RNG.uniform(-0.5, 0.5, (c["filters"],)))]


def transpose_weights(layer, cin):
    c = layer["config"]
    k = c["kernel_size"]
    return [f4(RNG.uniform(-1, 1, tuple(k) + (c["filters"], cin)) / np.sqrt(cin)),
            f4(RNG.uniform(-0.5, 0.5, (c["filters"],)))]


def bn_weights(c):
    return [f4(RNG.uniform(0.5, 1.5, c)), f4(RNG.uniform(-0.5, 0.5, c)), f4(RNG.uniform(-0.5, 0.5, c)),
            f4(RNG.uniform(0.2, 2, c))]


def torch_conv3(x, w, layer):
    c = layer["config"]
    k, s = c["kernel_size"], c["strides"]
    if c["padding"] == "same":
        x = same3(x, k, s)
    y = F.conv3d(x, t64(w[0]).permute(4, 3, 0, 1, 2), t64(w[1]), stride=s)
    return kf.activation(y, c["activation"])


def torch_conv3_transpose(x, w, layer):
    """Keras's Conv3DTranspose by definition: 'valid' is PyTorch's full transposed convolution (output
    (n - 1) s + max(k, s)); 'same' is the gradient of Conv3D 'same' (stride s) with respect to its input of n * s
    voxels, computed by autograd."""
    c = layer["config"]
    k, s = c["kernel_size"], c["strides"]
    kernel, bias = w
    wt = t64(kernel).permute(4, 3, 0, 1, 2)  # [C_in, filters, kd, kh, kw]
    if c["padding"] == "valid":
        y = F.conv_transpose3d(x, wt, stride=s)
        size = [(x.shape[a + 2] - 1) * s[a] + max(k[a], s[a]) for a in range(3)]
        y = F.pad(y, (0, size[2] - y.shape[4], 0, size[1] - y.shape[3], 0, size[0] - y.shape[2]))
    else:
        n = [x.shape[a + 2] * s[a] for a in range(3)]
        z0 = torch.zeros((1, kernel.shape[3], n[0], n[1], n[2]), dtype=torch.float64, requires_grad=True)
        z = F.conv3d(same3(z0, k, s), t64(kernel).permute(3, 4, 0, 1, 2).transpose(0, 1), stride=s)
        (y,) = torch.autograd.grad((z * x).sum(), z0)
    return kf.activation(y + t64(bias)[None, :, None, None, None], c["activation"])


def functional(name, spec, shapes, weights, image, path, keras2):
    """PyTorch's output of the model for an image [C, D, H, W]; writes the model file unless path is None."""
    values = {}
    for layer, inputs in spec:
        n, cls = layer["config"]["name"], layer["class_name"]
        xs = [values[i] for i in inputs]
        if cls == "InputLayer":
            y = t64(image)[None]
        elif cls == "Conv3D":
            y = torch_conv3(xs[0], weights[n], layer)
        elif cls == "Conv3DTranspose":
            y = torch_conv3_transpose(xs[0], weights[n], layer)
        elif cls == "BatchNormalization":
            g, b, m, v = (t64(a) for a in weights[n])
            y = F.batch_norm(xs[0], m, v, g, b, training=False, eps=layer["config"]["epsilon"])
        elif cls == "Activation":
            y = kf.activation(xs[0], layer["config"]["activation"])
        elif cls == "MaxPooling3D":
            y = F.max_pool3d(xs[0], layer["config"]["pool_size"])
        elif cls == "UpSampling3D":
            y = F.interpolate(xs[0], scale_factor=tuple(layer["config"]["size"]), mode="nearest")
        elif cls == "Concatenate":
            y = torch.cat(xs, dim=1)
        elif cls == "Add":
            y = xs[0] + xs[1]
        values[n] = y
    out = spec[-1][0]["config"]["name"]
    if path is None:
        return values[out]
    if keras2:
        layers = []
        for layer, inputs in spec:
            entry = kf.keras2_layer(layer)
            if layer["class_name"] == "BatchNormalization":
                entry["config"]["axis"] = [4]
            entry["name"] = layer["config"]["name"]
            entry["inbound_nodes"] = [[kf.ref2(i) for i in inputs]] if inputs else []
            layers.append(entry)
        config = {"class_name": "Functional", "config": {"name": name, "layers": layers,
                                                         "input_layers": [[spec[0][0]["config"]["name"], 0, 0]],
                                                         "output_layers": [[out, 0, 0]]}}
        kf.write_keras2_h5(path, config, [l for l, _ in spec if l["class_name"] != "InputLayer"] , weights)
    else:
        layers = []
        for layer, inputs in spec:
            entry = kf.keras3_layer(layer)
            entry["name"] = layer["config"]["name"]
            refs = [kf.tensor_ref(i, shapes[i]) for i in inputs]
            entry["inbound_nodes"] = [] if not inputs else [
                {"args": [refs] if layer["class_name"] in ("Concatenate", "Add") else refs, "kwargs": {}}]
            layers.append(entry)
        config = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
                  "config": {"name": name, "trainable": True, "layers": layers,
                             "input_layers": [[spec[0][0]["config"]["name"], 0, 0]], "output_layers": [[out, 0, 0]]},
                  "build_config": {"input_shape": None}, "compile_config": None}
        kf.write_keras(path, config, [l for l, _ in spec], weights)
    return values[out]


def unet(name, up, keras2, path):
    d, h, w, cin, f = 8, 12, 16, 2, 4
    spec, shapes, weights = [], {}, {}

    def add(layer, inputs, shape):
        spec.append((layer, inputs))
        n = layer["config"]["name"]
        shapes[n] = shape
        if layer["class_name"] == "Conv3D":
            weights[n] = conv_weights(layer, shapes[inputs[0]][3])
        elif layer["class_name"] == "Conv3DTranspose":
            weights[n] = transpose_weights(layer, shapes[inputs[0]][3])
        elif layer["class_name"] == "BatchNormalization":
            weights[n] = bn_weights(shape[3])
        return n

    def block(prefix, x, filters, shape):
        x = add(conv3(prefix, filters, 3), [x], shape + [filters])
        x = add(kf.batch_norm(prefix + "_bn", 1e-3), [x], shape + [filters])
        return add(kf.simple("Activation", prefix + "_relu", activation="relu"), [x], shape + [filters])

    x = add(kf.input_layer("input_layer", [d, h, w, cin]), [], [d, h, w, cin])
    e = block("enc", x, f, [d, h, w])
    p = add(pool3("MaxPooling3D", "pool", 2), [e], [d // 2, h // 2, w // 2, f])
    m = block("mid", p, 2 * f, [d // 2, h // 2, w // 2])
    if up == "transposed":
        u = add(conv3_transpose("up", f, 2, 2, "same"), [m], [d, h, w, f])
    else:
        u = add(kf.simple("UpSampling3D", "up", size=[2, 2, 2], data_format="channels_last"), [m], [d, h, w, 2 * f])
        u = add(conv3("up_conv", f, 1), [u], [d, h, w, f])
    c = add(kf.simple("Concatenate", "cat", axis=-1), [e, u], [d, h, w, 2 * f])
    o = block("dec", c, f, [d, h, w])
    if up != "transposed":
        o = add(kf.simple("Add", "add"), [o, u], [d, h, w, f])
    add(conv3("head", 1, 1, activation="sigmoid"), [o], [d, h, w, 1])
    image = f4(RNG.uniform(0, 1, (cin, d, h, w)))
    y = functional(name, spec, shapes, weights, image, os.path.join(OUT, path), keras2)
    stem = os.path.splitext(path)[0]
    np.save(os.path.join(OUT, stem + "_input.npy"), image)
    np.save(os.path.join(OUT, stem + "_output.npy"), f4(y[0].numpy()))
    if name == "unet3d":
        # size fitting: 7 x 11 x 15 (D x H x W) is no size the U-Net takes (multiples of 2); Run Network pads it by
        # reflection at the far end of each axis to 8 x 12 x 16 and crops the output back
        small = image[:, :d - 1, :h - 1, :w - 1]
        padded = F.pad(t64(small)[None], (0, 1, 0, 1, 0, 1), mode="reflect")[0].numpy()
        y = functional(name, spec, shapes, weights, f4(padded), None, keras2)
        np.save(os.path.join(OUT, "unet3d_fit_input.npy"), f4(small))
        np.save(os.path.join(OUT, "unet3d_fit_output.npy"), f4(y[0, :, :d - 1, :h - 1, :w - 1].numpy()))


def odd():
    d, h, w = 5, 7, 9
    layers = [conv3("down", 3, 3, strides=2, activation="relu"),            # 3 x 4 x 5
              conv3("even", 4, 2),                                          # 3 x 4 x 5, pads 0/1
              pool3("AveragePooling3D", "avg", 2, padding="same"),          # 2 x 2 x 3
              conv3_transpose("up_same", 2, 3, 2, "same"),                  # 4 x 4 x 6
              conv3_transpose("up_valid", 1, [1, 3, 2], [1, 2, 2], "valid")]  # 4 x 9 x 12
    inp = kf.input_layer("input_layer", [d, h, w, 1])
    cin = {"down": 1, "even": 3, "up_same": 4, "up_valid": 2}
    weights = {}
    for l in layers:
        n = l["config"]["name"]
        if l["class_name"] == "Conv3D":
            weights[n] = conv_weights(l, cin[n])
        elif l["class_name"] == "Conv3DTranspose":
            weights[n] = transpose_weights(l, cin[n])
    image = f4(RNG.uniform(0, 1, (1, d, h, w)))
    x = t64(image)[None]
    for l in layers:
        cls = l["class_name"]
        if cls == "Conv3D":
            x = torch_conv3(x, weights[l["config"]["name"]], l)
        elif cls == "Conv3DTranspose":
            x = torch_conv3_transpose(x, weights[l["config"]["name"]], l)
        else:  # AveragePooling3D 'same', padding after only, left out of the average
            x = F.avg_pool3d(x, 2, ceil_mode=True, count_include_pad=False)
    config = {"module": "keras", "class_name": "Sequential", "registered_name": None,
              "config": {"name": "odd3d", "trainable": True, "dtype": "float32",
                         "layers": [kf.keras3_layer(l) for l in [inp] + layers],
                         "build_input_shape": [None, d, h, w, 1]},
              "build_config": {"input_shape": [None, d, h, w, 1]}, "compile_config": None}
    kf.write_keras(os.path.join(OUT, "odd3d.keras"), config, [inp] + layers, weights)
    np.save(os.path.join(OUT, "odd3d_input.npy"), image)
    np.save(os.path.join(OUT, "odd3d_output.npy"), f4(x[0].numpy()))
    print("odd3d output", tuple(x.shape))


def pool3d():
    """A Keras 3 Sequential of one MaxPooling3D 2 on volumes of any size (no weights): the calibration case."""
    inp = kf.input_layer("input_layer", [None, None, None, 1])
    layers = [pool3("MaxPooling3D", "pool", 2)]
    config = {"module": "keras", "class_name": "Sequential", "registered_name": None,
              "config": {"name": "pool3d", "trainable": True, "dtype": "float32",
                         "layers": [kf.keras3_layer(l) for l in [inp] + layers],
                         "build_input_shape": [None, None, None, None, 1]},
              "build_config": {"input_shape": [None, None, None, None, 1]}, "compile_config": None}
    kf.write_keras(os.path.join(OUT, "pool3d.keras"), config, [inp] + layers, {})


def main():
    unet("unet3d", "transposed", False, "unet3d.keras")
    unet("unet3d_upsampling", "nearest", True, "unet3d_upsampling.h5")
    odd()
    pool3d()


if __name__ == "__main__":
    main()
