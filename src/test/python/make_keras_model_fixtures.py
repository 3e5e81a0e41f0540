"""Make the Keras full-model fixtures: model files in Keras's own layout, and PyTorch's outputs for them.

Run from the project root with a Python that has PyTorch, NumPy and h5py
(Debian: apt-get install python3-torch python3-numpy python3-h5py):

    /usr/bin/python3 src/test/python/make_keras_model_fixtures.py

It rewrites src/test/resources/keras/ (deterministic: fixed seed, fixed zip dates).

Keras is not packaged for Debian, so h5py and zipfile write what Keras writes; the layouts, read from
keras-team/keras:
- Keras 2 model.save (.h5; keras/src/legacy/saving/legacy_h5_format.py, save_model_to_hdf5): root attributes
  keras_version, backend and model_config (json.dumps of {"class_name", "config"}, utf-8 bytes); group
  model_weights with attributes layer_names (every layer of model.layers; a Sequential's InputLayer is not one),
  backend, keras_version; per layer a group named after it with attribute weight_names
  ("<layer>/kernel:0", ...) and the datasets at those paths inside it.
- Keras 3 model.save (.keras; keras/src/saving/saving_lib.py): a zip of metadata.json, config.json
  (serialize_keras_object of the model: module, class_name, config.layers[...], for a Functional also each
  layer's name and inbound_nodes of {"args": [__keras_tensor__ with keras_history [layer, node, tensor]],
  "kwargs": {}}, config.input_layers, config.output_layers) and model.weights.h5, which holds each layer's
  variables at layers/<snake_case(class name)>[_<n>]/vars/<i> (the n-th further layer of a class gets _n),
  by position: kernel, bias; gamma, beta, moving_mean, moving_variance.
Keras kernels are channels-last: Conv2D [kh, kw, C_in, C_out], Conv2DTranspose [kh, kw, C_out, C_in],
Dense [C_in, units]. The PyTorch model below uses the same numbers transposed to PyTorch's layouts.

Files (every image .npy is [C, H, W] float32, PyTorch's layout of one sample):
  classifier.h5 / classifier.keras   Sequential: input 12 x 10 x 3; Conv2D(8, 3x3, same, no bias),
      BatchNormalization(eps 1e-3), Activation(relu), MaxPooling2D(2), Conv2D(16, 3x3, strides 2, same, relu)
      (TensorFlow's 'same' pads a 6 x 5 input by 0 top, 1 bottom, 1 left, 1 right), GlobalAveragePooling2D,
      Dense(4, softmax)
  classifier_input.npy [3, 12, 10], classifier_output.npy [4]
  unet.keras   Functional U-Net: input 16 x 16 x 1; enc1 Conv2D(4, 3x3, same, relu), enc1b Conv2D(4, 3x3, same,
      relu), MaxPooling2D(2), enc2 Conv2D(8, 3x3, same, relu), MaxPooling2D(2), mid Conv2D(8, 3x3, same, relu),
      UpSampling2D(2, bilinear), Concatenate([up2, enc2]), dec2 Conv2D(8, 3x3, same, relu),
      Conv2DTranspose(4, 2x2, strides 2) 'up1', Concatenate([up1, enc1b]), dec1 Conv2D(4, 3x3, same, relu),
      Add([dec1, enc1]), out Conv2D(1, 1x1, sigmoid)
  unet_input.npy [1, 16, 16], unet_output.npy [1, 16, 16]
  zoo.h5   Keras 2 Functional (inbound_nodes [[[layer, 0, 0, {}]]]), input 11 x 9 x 3, two outputs:
      ZeroPadding2D(((1, 0), (2, 1))), DepthwiseConv2D(3x3, depth_multiplier 2, strides 2, same, tanh),
      SeparableConv2D(4, 3x3, valid, elu), BatchNormalization(center=False, eps 0.01), LeakyReLU(alpha 0.2),
      Conv2DTranspose(4, 3x3, strides 2, same, gelu), Cropping2D(((1, 0), (0, 2))), AveragePooling2D(2, same)
      (7 x 6: TensorFlow pads 1 row at the bottom, left out of the average), ELU(0.5) times Conv2D(4, 1x1, swish)
      (Multiply), ReLU(negative_slope 0.1), UpSampling2D((2, 3), nearest), GlobalMaxPooling2D(keepdims) added
      back (Add, broadcast) -> image_out; Flatten, Dropout, Dense(5, sigmoid) -> vector_out; the Conv2D 'gate'
      called again (shared, call 1) on relu, then Dense(3, tanh) on every pixel -> pixel_out;
      GlobalAveragePooling2D, Reshape((1, 1, -1)), Conv2D(2, 1x1), Flatten, Concatenate with vector_out,
      Softmax(axis -1) -> head_out
  zoo_input.npy [3, 11, 9], zoo_image_out.npy [4, 4, 3], zoo_vector_out.npy [5], zoo_pixel_out.npy [3, 4, 3],
  zoo_head_out.npy [7]
  channels_first.h5   Keras 2 Sequential in channels_first: input (2, 5, 6); Conv2D(3, 3x3, same, relu),
      MaxPooling2D(2), BatchNormalization(axis 1), Flatten, Dense(3, softmax)
  channels_first_input.npy [2, 5, 6], channels_first_output.npy [3]
  bad_no_bias.h5, bad_no_group.h5   channels_first.h5 whose weights lack the Dense's bias (weight_names lists the
      kernel only), or the Conv2D's group (not in layer_names), while the config says they are there
TensorFlow's transposed convolution 'same' is computed by its definition, the gradient of conv2d 'same' with
respect to its input (autograd), not by Keras's padding formula, which the Java code uses.
PyTorch computes in float64 (F.conv2d with F.pad for TensorFlow's 'same', conv_transpose2d, interpolate
bilinear align_corners=False, which is TensorFlow's half-pixel resize for upsampling); stored as float32.
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
OUT = os.path.join(ROOT, "src", "test", "resources", "keras")
RNG = np.random.default_rng(21)
DATE = (2026, 1, 1, 0, 0, 0)


def f4(a):
    return np.ascontiguousarray(a, dtype="<f4")


def t64(a):
    return torch.tensor(np.asarray(a), dtype=torch.float64)


# ---- the layers, as Keras configs (Keras 3 spelling; Keras 2 differences applied in keras2_layer) ----

def conv(name, filters, k, strides=1, padding="same", activation="linear", use_bias=True):
    return {"class_name": "Conv2D", "config": {
        "name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": [k, k],
        "strides": [strides, strides], "padding": padding, "data_format": "channels_last", "dilation_rate": [1, 1],
        "groups": 1, "activation": activation, "use_bias": use_bias,
        "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                               "config": {"seed": None}, "registered_name": None},
        "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                             "registered_name": None},
        "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
        "kernel_constraint": None, "bias_constraint": None}}


def conv_transpose(name, filters, k, strides):
    c = conv(name, filters, k, strides, "valid")
    c["class_name"] = "Conv2DTranspose"
    del c["config"]["groups"]
    c["config"]["output_padding"] = None
    return c


def batch_norm(name, eps):
    return {"class_name": "BatchNormalization", "config": {
        "name": name, "trainable": True, "dtype": "float32", "axis": -1, "momentum": 0.99, "epsilon": eps,
        "center": True, "scale": True, "beta_initializer": {"module": "keras.initializers", "class_name": "Zeros",
                                                          "config": {}, "registered_name": None},
        "synchronized": False}}


def simple(cls, name, **config):
    c = {"name": name, "trainable": True, "dtype": "float32"}
    c.update(config)
    return {"class_name": cls, "config": c}


def input_layer(name, shape):
    return {"class_name": "InputLayer", "config": {
        "batch_shape": [None] + shape, "dtype": "float32", "sparse": False, "name": name}}


def keras3_layer(layer):
    out = {"module": "keras.layers", "class_name": layer["class_name"], "config": layer["config"],
           "registered_name": None}
    return out


def keras2_layer(layer):
    """The same layer as tf.keras 2.15 writes it."""
    cfg = dict(layer["config"])
    cls = layer["class_name"]
    if cls == "InputLayer":
        cfg = {"batch_input_shape": cfg["batch_shape"], "dtype": "float32", "sparse": False, "ragged": False,
               "name": cfg["name"]}
    if cls == "BatchNormalization":
        cfg["axis"] = [3]
        cfg.pop("synchronized", None)
    for key in list(cfg):
        if isinstance(cfg[key], dict) and "module" in cfg[key]:  # Keras 2 initializers: class_name and config
            cfg[key] = {"class_name": cfg[key]["class_name"], "config": cfg[key]["config"]}
    return {"class_name": cls, "config": cfg}


def snake(cls):
    import re
    s = re.sub(r"\W+", "", cls)
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", s)
    s = re.sub(r"([a-z])([A-Z])", r"\1_\2", s)
    return s.lower()


def keras3_groups(layers):
    """Each layer's group in model.weights.h5, as saving_lib names it: snake_case class, _n for the n-th more."""
    used, out = {}, []
    for layer in layers:
        base = snake(layer["class_name"])
        if base in used:
            used[base] += 1
            out.append("%s_%d" % (base, used[base]))
        else:
            used[base] = 0
            out.append(base)
    return out


ROLES = {"Conv2D": ["kernel", "bias"], "Conv2DTranspose": ["kernel", "bias"], "Dense": ["kernel", "bias"],
         "DepthwiseConv2D": ["depthwise_kernel", "bias"],
         "SeparableConv2D": ["depthwise_kernel", "pointwise_kernel", "bias"],
         "BatchNormalization": ["gamma", "beta", "moving_mean", "moving_variance"]}


def roles(layer):
    r = list(ROLES.get(layer["class_name"], []))
    if "bias" in r and not layer["config"].get("use_bias", True):
        r.remove("bias")
    if layer["class_name"] == "BatchNormalization":
        r = [x for x in r if (x != "gamma" or layer["config"]["scale"]) and (x != "beta" or layer["config"]["center"])]
    return r


def write_keras3_weights(layers, weights):
    buf = io.BytesIO()
    with h5py.File(buf, "w") as f:
        group = f.create_group("layers")
        for layer, g in zip(layers, keras3_groups(layers)):
            v = group.create_group(g).create_group("vars")
            for i, value in enumerate(weights.get(layer["config"]["name"], [])):
                v.create_dataset(str(i), data=value)
        f.create_group("vars")
    return buf.getvalue()


def write_keras(path, model_config, layers, weights):
    h5 = write_keras3_weights(layers, weights)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("metadata.json", json.dumps({"keras_version": "3.6.0",
                                                         "date_saved": "2026-01-01@00:00:00"})),
                           ("config.json", json.dumps(model_config)), ("model.weights.h5", h5)]:
            z.writestr(zipfile.ZipInfo(name, date_time=DATE), data, zipfile.ZIP_DEFLATED)


def write_keras2_h5(path, model_config, layers, weights):
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = b"2.15.0"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        mw = f.create_group("model_weights")
        mw.attrs["layer_names"] = np.array([l["config"]["name"].encode("utf8") for l in layers])
        mw.attrs["backend"] = b"tensorflow"
        mw.attrs["keras_version"] = b"2.15.0"
        for layer in sorted(layers, key=lambda l: l["config"]["name"]):
            name = layer["config"]["name"]
            g = mw.create_group(name)
            names = ["%s/%s:0" % (name, r) for r in roles(layer)]
            g.attrs["weight_names"] = np.array([n.encode("utf8") for n in names], dtype="S")
            for n, value in zip(names, weights.get(name, [])):
                g.create_dataset(n, data=value)


# ---- weights, TensorFlow's 'same' and the PyTorch references ----

def conv_weights(layer, cin):
    c = layer["config"]
    k = c["kernel_size"][0]
    w = [f4(RNG.uniform(-1, 1, (k, k, cin, c["filters"])) / np.sqrt(k * k * cin))]
    if c.get("use_bias", True):
        w.append(f4(RNG.uniform(-0.5, 0.5, (c["filters"],))))
    return w


def same_pads(n, k, s):
    out = -(-n // s)
    total = max((out - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def torch_conv(x, w, layer):
    c = layer["config"]
    k, s = c["kernel_size"][0], c["strides"][0]
    if c["padding"] == "same":
        top, bottom = same_pads(x.shape[2], k, s)
        left, right = same_pads(x.shape[3], k, s)
        x = F.pad(x, (left, right, top, bottom))
    y = F.conv2d(x, t64(w[0]).permute(3, 2, 0, 1), t64(w[1]) if len(w) > 1 else None, stride=s)
    return activation(y, c["activation"])


def activation(y, name):
    return {"linear": lambda v: v, "relu": F.relu, "sigmoid": torch.sigmoid,
            "softmax": lambda v: torch.softmax(v, dim=1)}[name](y)


def classifier():
    h, w, cin = 12, 10, 3
    layers = [conv("conv2d", 8, 3, use_bias=False), batch_norm("batch_normalization", 1e-3),
              simple("Activation", "activation", activation="relu"),
              simple("MaxPooling2D", "max_pooling2d", pool_size=[2, 2], padding="valid", strides=[2, 2],
                     data_format="channels_last"),
              conv("conv2d_1", 16, 3, strides=2, activation="relu"),
              simple("GlobalAveragePooling2D", "global_average_pooling2d", data_format="channels_last",
                     keepdims=False),
              simple("Dense", "dense", units=4, activation="softmax", use_bias=True)]
    weights = {"conv2d": conv_weights(layers[0], cin),
               "batch_normalization": [f4(RNG.uniform(0.5, 1.5, 8)), f4(RNG.uniform(-0.5, 0.5, 8)),
                                       f4(RNG.uniform(-0.5, 0.5, 8)), f4(RNG.uniform(0.2, 2, 8))],
               "conv2d_1": conv_weights(layers[4], 8),
               "dense": [f4(RNG.uniform(-1, 1, (16, 4))), f4(RNG.uniform(-0.5, 0.5, 4))]}
    image = f4(RNG.uniform(0, 1, (cin, h, w)))

    x = t64(image)[None]
    x = torch_conv(x, weights["conv2d"], layers[0])
    g, b, m, v = (t64(a) for a in weights["batch_normalization"])
    x = F.batch_norm(x, m, v, g, b, training=False, eps=1e-3)
    x = F.relu(x)
    x = F.max_pool2d(x, 2)
    x = torch_conv(x, weights["conv2d_1"], layers[4])
    x = x.mean(dim=(2, 3))
    x = torch.softmax(x @ t64(weights["dense"][0]) + t64(weights["dense"][1]), dim=1)

    k2 = {"class_name": "Sequential", "config": {
        "name": "sequential", "layers": [keras2_layer(l) for l in [input_layer("input_1", [h, w, cin])] + layers]}}
    k3 = {"module": "keras", "class_name": "Sequential", "registered_name": None,
          "config": {"name": "sequential", "trainable": True, "dtype": "float32",
                     "layers": [keras3_layer(l) for l in [input_layer("input_layer", [h, w, cin])] + layers],
                     "build_input_shape": [None, h, w, cin]},
          "build_config": {"input_shape": [None, h, w, cin]}, "compile_config": None}
    write_keras2_h5(os.path.join(OUT, "classifier.h5"), k2, layers, weights)
    write_keras(os.path.join(OUT, "classifier.keras"), k3, [input_layer("input_layer", [h, w, cin])] + layers,
                weights)
    np.save(os.path.join(OUT, "classifier_input.npy"), image)
    np.save(os.path.join(OUT, "classifier_output.npy"), f4(x[0].numpy()))


def tensor_ref(layer, shape):
    return {"class_name": "__keras_tensor__", "config": {"shape": [None] + shape, "dtype": "float32",
                                                          "keras_history": [layer, 0, 0]}}


def unet():
    n, cin = 16, 1
    # name, layer, inputs (names), output shape [h, w, c] as Keras sees it
    spec = []

    def add(layer, inputs, shape):
        spec.append((layer, inputs, shape))
        return layer["config"]["name"]

    add(input_layer("input_layer", [n, n, cin]), [], [n, n, cin])
    add(conv("enc1", 4, 3, activation="relu"), ["input_layer"], [n, n, 4])
    add(conv("enc1b", 4, 3, activation="relu"), ["enc1"], [n, n, 4])
    add(simple("MaxPooling2D", "pool1", pool_size=[2, 2], padding="valid", strides=[2, 2],
               data_format="channels_last"), ["enc1b"], [n // 2, n // 2, 4])
    add(conv("enc2", 8, 3, activation="relu"), ["pool1"], [n // 2, n // 2, 8])
    add(simple("MaxPooling2D", "pool2", pool_size=[2, 2], padding="valid", strides=[2, 2],
               data_format="channels_last"), ["enc2"], [n // 4, n // 4, 8])
    add(conv("mid", 8, 3, activation="relu"), ["pool2"], [n // 4, n // 4, 8])
    add(simple("UpSampling2D", "up2", size=[2, 2], data_format="channels_last", interpolation="bilinear"),
        ["mid"], [n // 2, n // 2, 8])
    add(simple("Concatenate", "cat2", axis=-1), ["up2", "enc2"], [n // 2, n // 2, 16])
    add(conv("dec2", 8, 3, activation="relu"), ["cat2"], [n // 2, n // 2, 8])
    add(conv_transpose("up1", 4, 2, 2), ["dec2"], [n, n, 4])
    add(simple("Concatenate", "cat1", axis=-1), ["up1", "enc1b"], [n, n, 8])
    add(conv("dec1", 4, 3, activation="relu"), ["cat1"], [n, n, 4])
    add(simple("Add", "add"), ["dec1", "enc1"], [n, n, 4])
    add(conv("out", 1, 1, activation="sigmoid"), ["add"], [n, n, 1])

    shapes = {layer["config"]["name"]: shape for layer, _, shape in spec}
    weights = {}
    for layer, inputs, shape in spec:
        name = layer["config"]["name"]
        if layer["class_name"] == "Conv2D":
            weights[name] = conv_weights(layer, shapes[inputs[0]][2])
        elif layer["class_name"] == "Conv2DTranspose":
            k = layer["config"]["kernel_size"][0]
            cin_t = shapes[inputs[0]][2]
            weights[name] = [f4(RNG.uniform(-1, 1, (k, k, layer["config"]["filters"], cin_t)) / np.sqrt(cin_t)),
                             f4(RNG.uniform(-0.5, 0.5, layer["config"]["filters"]))]
    image = f4(RNG.uniform(0, 1, (cin, n, n)))

    values = {}
    for layer, inputs, shape in spec:
        name, cls = layer["config"]["name"], layer["class_name"]
        xs = [values[i] for i in inputs]
        if cls == "InputLayer":
            y = t64(image)[None]
        elif cls == "Conv2D":
            y = torch_conv(xs[0], weights[name], layer)
        elif cls == "Conv2DTranspose":
            k, b = weights[name]
            y = F.conv_transpose2d(xs[0], t64(k).permute(3, 2, 0, 1), t64(b), stride=2)
        elif cls == "MaxPooling2D":
            y = F.max_pool2d(xs[0], 2)
        elif cls == "UpSampling2D":
            y = F.interpolate(xs[0], scale_factor=2, mode="bilinear", align_corners=False)
        elif cls == "Concatenate":
            y = torch.cat(xs, dim=1)
        elif cls == "Add":
            y = xs[0] + xs[1]
        values[name] = y

    layers = []
    for layer, inputs, shape in spec:
        entry = keras3_layer(layer)
        entry["name"] = layer["config"]["name"]
        refs = [tensor_ref(i, shapes[i]) for i in inputs]
        entry["inbound_nodes"] = [] if not inputs else [
            {"args": [refs] if layer["class_name"] in ("Concatenate", "Add") else refs, "kwargs": {}}]
        layers.append(entry)
    config = {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
              "config": {"name": "unet", "trainable": True, "layers": layers,
                         "input_layers": [["input_layer", 0, 0]], "output_layers": [["out", 0, 0]]},
              "build_config": {"input_shape": None}, "compile_config": None}
    write_keras(os.path.join(OUT, "unet.keras"), config, [l for l, _, _ in spec], weights)
    np.save(os.path.join(OUT, "unet_input.npy"), image)
    np.save(os.path.join(OUT, "unet_output.npy"), f4(values["out"][0].numpy()))


def tf_same(x, k, s):
    """TensorFlow's 'same' zeros: the odd pixel at the bottom and right."""
    top, bottom = same_pads(x.shape[2], k, s)
    left, right = same_pads(x.shape[3], k, s)
    return F.pad(x, (left, right, top, bottom))


def tf_conv_transpose_same(x, kernel, bias, s):
    """TensorFlow's conv2d_transpose(padding='SAME', output n * s) by its definition: the gradient of conv2d 'same'
    (stride s, the kernel [kh, kw, filters, C_in] being that conv2d's [kh, kw, C_in', C_out']) with respect to its
    input, computed by autograd; then the bias."""
    n_h, n_w = x.shape[2] * s, x.shape[3] * s
    y = torch.zeros((1, kernel.shape[2], n_h, n_w), dtype=torch.float64, requires_grad=True)
    z = F.conv2d(tf_same(y, kernel.shape[0], s), t64(kernel).permute(3, 2, 0, 1), stride=s)
    (g,) = torch.autograd.grad((z * x).sum(), y)
    return g + t64(bias)[None, :, None, None]


def ref2(tensor):
    """Keras 2's reference to a tensor: [layer, call, output, kwargs]; "gate@1" is call 1 of a shared layer."""
    layer, _, call = tensor.partition("@")
    return [layer, int(call or 0), 0, {}]


def keras2_functional(name, spec, outputs):
    layers = []
    for layer, inputs in spec:
        entry = keras2_layer(layer)
        entry["name"] = layer["config"]["name"]
        calls = inputs if inputs and isinstance(inputs[0], list) else [inputs] if inputs else []
        entry["inbound_nodes"] = [[ref2(i) for i in call] for call in calls]
        layers.append(entry)
    return {"class_name": "Functional", "config": {
        "name": name, "layers": layers, "input_layers": [[spec[0][0]["config"]["name"], 0, 0]],
        "output_layers": [ref2(o)[:3] for o in outputs]}}


def zoo():
    """Keras 2 Functional model.save of the other layers: two outputs, an image and a vector."""
    h, w, cin = 11, 9, 3
    spec = [
        (input_layer("input_1", [h, w, cin]), []),
        (simple("ZeroPadding2D", "zero_padding2d", padding=[[1, 0], [2, 1]], data_format="channels_last"),
         ["input_1"]),                                                                           # 12 x 12 x 3
        (simple("DepthwiseConv2D", "depthwise", kernel_size=[3, 3], strides=[2, 2], padding="same",
                depth_multiplier=2, data_format="channels_last", dilation_rate=[1, 1], activation="tanh",
                use_bias=True), ["zero_padding2d"]),                                             # 6 x 6 x 6
        (simple("SeparableConv2D", "separable", filters=4, kernel_size=[3, 3], strides=[1, 1], padding="valid",
                data_format="channels_last", dilation_rate=[1, 1], depth_multiplier=1, activation="elu",
                use_bias=True), ["depthwise"]),                                                  # 4 x 4 x 4
        ({"class_name": "BatchNormalization", "config": {
            "name": "bn", "trainable": True, "dtype": "float32", "axis": -1, "momentum": 0.99, "epsilon": 0.01,
            "center": False, "scale": True}}, ["separable"]),
        (simple("LeakyReLU", "leaky", alpha=0.2), ["bn"]),
        (simple("Conv2DTranspose", "up", filters=4, kernel_size=[3, 3], strides=[2, 2], padding="same",
                output_padding=None, data_format="channels_last", dilation_rate=[1, 1], activation="gelu",
                use_bias=True), ["leaky"]),                                                      # 8 x 8 x 4
        (simple("Cropping2D", "crop", cropping=[[1, 0], [0, 2]], data_format="channels_last"), ["up"]),  # 7 x 6 x 4
        (simple("AveragePooling2D", "avg", pool_size=[2, 2], padding="same", strides=[2, 2],
                data_format="channels_last"), ["crop"]),                                         # 4 x 3 x 4
        (simple("ELU", "elu", alpha=0.5), ["avg"]),
        (conv("gate", 4, 1, padding="valid", activation="swish"), ["avg"]),
        (simple("Multiply", "multiply"), ["elu", "gate"]),
        (simple("ReLU", "relu", max_value=None, negative_slope=0.1, threshold=0.0), ["multiply"]),
        (simple("UpSampling2D", "nearest", size=[2, 3], data_format="channels_last", interpolation="nearest"),
         ["relu"]),                                                                              # 8 x 9 x 4
        (simple("GlobalMaxPooling2D", "gmp", data_format="channels_last", keepdims=True), ["nearest"]),  # 1 x 1 x 4
        (simple("Add", "image_out"), ["relu", "gmp"]),                                           # 4 x 3 x 4
        (simple("Flatten", "flatten", data_format="channels_last"), ["relu"]),                    # 48
        (simple("Dropout", "dropout", rate=0.5, noise_shape=None, seed=None), ["flatten"]),
        (simple("Dense", "vector_out", units=5, activation="sigmoid", use_bias=True), ["dropout"]),
        (simple("Dense", "pixel_out", units=3, activation="tanh", use_bias=True), ["gate@1"]),  # per pixel
        (simple("GlobalAveragePooling2D", "gap", data_format="channels_last", keepdims=False), ["relu"]),  # (4,)
        (simple("Reshape", "reshape", target_shape=[1, 1, -1]), ["gap"]),                       # 1 x 1 x 4
        (conv("head", 2, 1, padding="valid", activation="linear"), ["reshape"]),                # 1 x 1 x 2
        (simple("Flatten", "flatten_1", data_format="channels_last"), ["head"]),                  # (2,)
        (simple("Concatenate", "joined", axis=-1), ["flatten_1", "vector_out"]),                 # (7,)
        (simple("Softmax", "head_out", axis=-1), ["joined"]),
    ]
    spec[10] = (spec[10][0], [["avg"], ["relu"]])  # the Conv2D 'gate' is shared: call 0 on avg, call 1 on relu
    weights = {
        "depthwise": [f4(RNG.uniform(-1, 1, (3, 3, cin, 2))), f4(RNG.uniform(-0.5, 0.5, cin * 2))],
        "separable": [f4(RNG.uniform(-1, 1, (3, 3, 6, 1))), f4(RNG.uniform(-0.5, 0.5, (1, 1, 6, 4))),
                      f4(RNG.uniform(-0.5, 0.5, 4))],
        "bn": [f4(RNG.uniform(0.5, 1.5, 4)), f4(RNG.uniform(-0.5, 0.5, 4)), f4(RNG.uniform(0.2, 2, 4))],
        "up": [f4(RNG.uniform(-1, 1, (3, 3, 4, 4)) / 2), f4(RNG.uniform(-0.5, 0.5, 4))],
        "gate": [f4(RNG.uniform(-1, 1, (1, 1, 4, 4))), f4(RNG.uniform(-0.5, 0.5, 4))],
        "vector_out": [f4(RNG.uniform(-0.5, 0.5, (48, 5))), f4(RNG.uniform(-0.5, 0.5, 5))],
        "pixel_out": [f4(RNG.uniform(-1, 1, (4, 3))), f4(RNG.uniform(-0.5, 0.5, 3))],
        "head": [f4(RNG.uniform(-1, 1, (1, 1, 4, 2))), f4(RNG.uniform(-0.5, 0.5, 2))],
    }
    image = f4(RNG.uniform(-1, 1, (cin, h, w)))

    x = t64(image)[None]
    a = F.pad(x, (2, 1, 1, 0))
    k = weights["depthwise"][0]
    b = torch.tanh(F.conv2d(tf_same(a, 3, 2), t64(k.transpose(2, 3, 0, 1).reshape(6, 1, 3, 3)),
                            t64(weights["depthwise"][1]), stride=2, groups=cin))
    dk, pk, pb = weights["separable"]
    c = F.conv2d(b, t64(dk.transpose(2, 3, 0, 1).reshape(6, 1, 3, 3)), groups=6)
    c = F.elu(F.conv2d(c, t64(pk).permute(3, 2, 0, 1), t64(pb)))
    g, m, v = (t64(q) for q in weights["bn"])
    c = F.batch_norm(c, m, v, g, None, training=False, eps=0.01)
    d = F.leaky_relu(c, 0.2)
    e = F.gelu(tf_conv_transpose_same(d, weights["up"][0], weights["up"][1], 2))
    f = e[:, :, 1:, 0:-2]
    padded = F.pad(f, (0, 0, 0, 1))
    ones = F.pad(torch.ones_like(f), (0, 0, 0, 1))
    avg = F.avg_pool2d(padded, 2) / F.avg_pool2d(ones, 2)
    gate = F.conv2d(avg, t64(weights["gate"][0]).permute(3, 2, 0, 1), t64(weights["gate"][1]))
    gate = gate * torch.sigmoid(gate)
    r = F.leaky_relu(F.elu(avg, 0.5) * gate, 0.1)
    up = r.repeat_interleave(2, dim=2).repeat_interleave(3, dim=3)
    image_out = r + up.amax(dim=(2, 3), keepdim=True)
    flat = r.permute(0, 2, 3, 1).reshape(1, -1)
    vector_out = torch.sigmoid(flat @ t64(weights["vector_out"][0]) + t64(weights["vector_out"][1]))
    gate1 = F.conv2d(r, t64(weights["gate"][0]).permute(3, 2, 0, 1), t64(weights["gate"][1]))
    gate1 = gate1 * torch.sigmoid(gate1)
    pixel_out = torch.tanh(torch.einsum("nchw,cu->nuhw", gate1, t64(weights["pixel_out"][0])) +
                           t64(weights["pixel_out"][1])[None, :, None, None])
    head = r.mean(dim=(2, 3)) @ t64(weights["head"][0][0, 0]) + t64(weights["head"][1])
    head_out = torch.softmax(torch.cat([head, vector_out], dim=1), dim=1)

    config = keras2_functional("zoo", spec, ["image_out", "vector_out", "pixel_out", "head_out"])
    write_keras2_h5(os.path.join(OUT, "zoo.h5"), config, [l for l, i in spec], weights)
    np.save(os.path.join(OUT, "zoo_input.npy"), image)
    np.save(os.path.join(OUT, "zoo_image_out.npy"), f4(image_out[0].numpy()))
    np.save(os.path.join(OUT, "zoo_vector_out.npy"), f4(vector_out[0].numpy()))
    np.save(os.path.join(OUT, "zoo_pixel_out.npy"), f4(pixel_out[0].numpy()))
    np.save(os.path.join(OUT, "zoo_head_out.npy"), f4(head_out[0].numpy()))


def channels_first():
    """Keras 2 Sequential model.save in channels_first: conv, pool, batch norm on axis 1, Flatten, Dense."""
    cin, h, w = 2, 5, 6
    layers = [conv("conv2d", 3, 3, activation="relu"),
              simple("MaxPooling2D", "max_pooling2d", pool_size=[2, 2], padding="valid", strides=[2, 2],
                     data_format="channels_first"),
              batch_norm("batch_normalization", 1e-3),
              simple("Flatten", "flatten", data_format="channels_first"),
              simple("Dense", "dense", units=3, activation="softmax", use_bias=True)]
    layers[0]["config"]["data_format"] = "channels_first"
    first = [keras2_layer(l) for l in layers]
    first[2]["config"]["axis"] = [1]
    first.insert(0, keras2_layer(input_layer("input_1", [cin, h, w])))
    weights = {"conv2d": conv_weights(layers[0], cin),
               "batch_normalization": [f4(RNG.uniform(0.5, 1.5, 3)), f4(RNG.uniform(-0.5, 0.5, 3)),
                                       f4(RNG.uniform(-0.5, 0.5, 3)), f4(RNG.uniform(0.2, 2, 3))],
               "dense": [f4(RNG.uniform(-1, 1, (3 * 2 * 3, 3))), f4(RNG.uniform(-0.5, 0.5, 3))]}
    image = f4(RNG.uniform(-1, 1, (cin, h, w)))
    x = torch_conv(t64(image)[None], weights["conv2d"], layers[0])
    x = F.max_pool2d(x, 2)
    g, b, m, v = (t64(a) for a in weights["batch_normalization"])
    x = F.batch_norm(x, m, v, g, b, training=False, eps=1e-3)
    x = torch.softmax(x.reshape(1, -1) @ t64(weights["dense"][0]) + t64(weights["dense"][1]), dim=1)
    config = {"class_name": "Sequential", "config": {"name": "first", "layers": first}}
    write_keras2_h5(os.path.join(OUT, "channels_first.h5"), config, layers, weights)
    # bad files: the config says what the weights do not hold
    no_bias = [dict(l, config=dict(l["config"], use_bias=False)) if l["config"]["name"] == "dense" else l
               for l in layers]
    write_keras2_h5(os.path.join(OUT, "bad_no_bias.h5"), config, no_bias,
                    dict(weights, dense=weights["dense"][:1]))
    write_keras2_h5(os.path.join(OUT, "bad_no_group.h5"), config, [l for l in layers if l["config"]["name"] != "conv2d"],
                    weights)
    np.save(os.path.join(OUT, "channels_first_input.npy"), image)
    np.save(os.path.join(OUT, "channels_first_output.npy"), f4(x[0].numpy()))


def main():
    os.makedirs(OUT, exist_ok=True)
    classifier()
    unet()
    zoo()
    channels_first()
    print("wrote %s: %s" % (OUT, sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
