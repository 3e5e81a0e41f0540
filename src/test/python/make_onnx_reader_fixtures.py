"""Make the fixtures of the ONNX reader (io.github.cnnlayers.onnx): small models written by onnx's own
serializer, each with a JSON of what it must decode to (read back with onnx.load and onnx.numpy_helper, so the
expected numbers do not come from our decoder), and bad files the reader must refuse with a clear message.

Run from the project root with Debian's Python (python3-onnx 1.12, python3-torch 1.13, python3-numpy):

    /usr/bin/python3 src/test/python/make_onnx_reader_fixtures.py

It rewrites src/test/resources/onnx/reader/ (deterministic: fixed seeds):

conv_net.onnx        torch.onnx.export (opset 13) of Conv(1,4,3,pad 1) - ReLU - MaxPool(2) - Conv(4,2,1) - Sigmoid,
                     input 'image' [batch, 1, height, width] (dynamic axes), initializers in raw_data
typed_fields.onnx    hand-built: initializers in the typed fields (float_data, int64_data, int32_data, double_data)
                     and raw_data, of types FLOAT, DOUBLE, FLOAT16 (typed and raw), INT64, INT32, INT8 (negative
                     values: 10-byte varints), UINT8, BOOL, a scalar, an empty tensor, a STRING tensor and a
                     BFLOAT16 tensor (values not readable); one node holding an attribute of every type (FLOAT,
                     INT, STRING, TENSOR, GRAPH, FLOATS, INTS, STRINGS, TENSORS, GRAPHS); a Clip with its optional
                     'min' input left out (""); nodes written out of order (the reader must sort them); value_info
                     with a fixed, a symbolic and an unknown dimension
external/model.onnx  a Conv + Add model saved with save_as_external_data into external/weights.bin
<name>.json          what each of those decodes to (values as float lists, integer tensors also as int lists)
bad/                 files to refuse:
  truncated.onnx         conv_net.onnx cut in half
  lying_dims.onnx        FLOAT tensor 'huge' declaring [536870912] (2 GiB) with 16 bytes of raw_data
  lying_typed.onnx       FLOAT tensor 'short' declaring [1000] with 3 float_data values
  cycle.onnx             nodes 'first' (Add) and 'second' (Relu) reading each other's output
  missing_initializer.onnx   a Conv reading 'conv.weight', which nothing makes
  duplicate_output.onnx  two nodes making 'y'
  text.onnx              a text file
  image.onnx             a PNG image
  checkpoint.onnx        torch.save of a state_dict (a zip)
  external/escape.onnx   external location '../secret.bin'
  external/absolute.onnx external location '/etc/hostname'
  external/beyond.onnx   external range past the end of external/short.bin (8 bytes)
  external/missing.onnx  external location 'nowhere.bin' (no such file)
  external/folder.onnx   external location 'subfolder' (a folder, not a regular file)
  external/short.bin, external/subfolder/.keep
big_external/model.onnx  FLOAT tensor 'big' [33554432] (128 MiB) in big.bin, which the test creates as a
                     sparse file: reading its values in a Java with a 64 MB heap must fail with the heap message
"""
import io
import json
import os
import shutil
import struct
import zlib

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join("src", "test", "resources", "onnx", "reader")


def tensor_json(t):
    """What an OnnxTensor must decode to, by onnx's own reading."""
    entry = {"name": t.name, "data_type": TensorProto.DataType.Name(t.data_type), "dims": list(t.dims)}
    if t.data_type in (TensorProto.STRING, TensorProto.BFLOAT16):
        return entry  # values not readable by our reader
    arr = numpy_helper.to_array(t)
    entry["floats"] = [float(v) for v in np.asarray(arr, dtype=np.float32).ravel()]
    if arr.dtype.kind in "iub":
        entry["longs"] = [int(v) for v in arr.astype(np.int64).ravel()]
    return entry


def dims_json(value_info):
    tt = value_info.type.tensor_type
    dims = None
    if tt.HasField("shape"):
        dims = []
        for d in tt.shape.dim:
            kind = d.WhichOneof("value")
            dims.append(d.dim_value if kind == "dim_value" else d.dim_param if kind == "dim_param" else None)
    return {"name": value_info.name,
            "elem_type": TensorProto.DataType.Name(tt.elem_type) if tt.elem_type else None,
            "dims": dims}


def attribute_json(a):
    kind = helper.AttributeProto.AttributeType.Name(a.type)
    entry = {"name": a.name, "type": kind}
    if kind == "FLOAT":
        entry["f"] = a.f
    elif kind == "INT":
        entry["i"] = a.i
    elif kind == "STRING":
        entry["s"] = a.s.decode("utf-8")
    elif kind == "TENSOR":
        entry["t"] = tensor_json(a.t)
    elif kind == "GRAPH":
        entry["g"] = graph_json(a.g)
    elif kind == "FLOATS":
        entry["floats"] = list(a.floats)
    elif kind == "INTS":
        entry["ints"] = list(a.ints)
    elif kind == "STRINGS":
        entry["strings"] = [s.decode("utf-8") for s in a.strings]
    elif kind == "TENSORS":
        entry["tensors"] = [tensor_json(t) for t in a.tensors]
    elif kind == "GRAPHS":
        entry["graphs"] = [graph_json(g) for g in a.graphs]
    return entry


def graph_json(g):
    return {
        "name": g.name,
        "nodes": [{"name": n.name, "op_type": n.op_type, "domain": n.domain, "inputs": list(n.input),
                   "outputs": list(n.output), "attributes": [attribute_json(a) for a in n.attribute]}
                  for n in g.node],
        "initializers": [tensor_json(t) for t in g.initializer],
        "inputs": [dims_json(v) for v in g.input],
        "outputs": [dims_json(v) for v in g.output],
        "value_info": [dims_json(v) for v in g.value_info],
    }


def model_json(path, topological):
    """The model as onnx reads it (external data loaded by onnx.load), plus the node order expected."""
    m = onnx.load(path)
    return {
        "ir_version": m.ir_version, "producer_name": m.producer_name, "producer_version": m.producer_version,
        "opset_imports": {o.domain: o.version for o in m.opset_import},
        "graph": graph_json(m.graph), "topological_order": topological,
    }


def write_json(obj, path):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write("\n")


def conv_net():
    torch.manual_seed(21)
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
                              torch.nn.Conv2d(4, 2, 1), torch.nn.Sigmoid()).eval()
    path = os.path.join(ROOT, "conv_net.onnx")
    torch.onnx.export(net, torch.zeros(1, 1, 8, 8), path, opset_version=13, input_names=["image"],
                      output_names=["probability"],
                      dynamic_axes={"image": {0: "batch", 2: "height", 3: "width"}, "probability": {0: "batch"}})
    m = onnx.load(path)
    onnx.checker.check_model(m)
    for t in m.graph.initializer:
        assert t.HasField("raw_data"), t.name
    write_json(model_json(path, [n.name for n in m.graph.node]), os.path.join(ROOT, "conv_net.json"))
    return path


def typed_fields():
    f16 = np.array([0.5, -2.0, 65504.0, 6.1035156e-05, 5.9604645e-08, -0.0], dtype=np.float16)
    inits = [
        helper.make_tensor("w_float", TensorProto.FLOAT, [2, 3], [0.5, -1.25, 3.0, 1e-8, -7.5, 100.0]),
        helper.make_tensor("w_double", TensorProto.DOUBLE, [3], [0.1, -2.5, 1e30]),
        helper.make_tensor("w_half_typed", TensorProto.FLOAT16, [6], f16),
        helper.make_tensor("w_half_raw", TensorProto.FLOAT16, [2, 3], f16.tobytes(), raw=True),
        helper.make_tensor("shape_i64", TensorProto.INT64, [4], [1, -1, 9007199254740993, -9223372036854775808]),
        helper.make_tensor("w_i32", TensorProto.INT32, [3], [2147483647, -2147483648, 7]),
        helper.make_tensor("w_i8", TensorProto.INT8, [4], [-128, -1, 0, 127]),
        helper.make_tensor("w_i8_raw", TensorProto.INT8, [4], np.array([-128, -1, 0, 127], np.int8).tobytes(),
                           raw=True),
        helper.make_tensor("w_u8", TensorProto.UINT8, [3], [0, 200, 255]),
        helper.make_tensor("mask", TensorProto.BOOL, [3], [True, False, True]),
        helper.make_tensor("scalar", TensorProto.FLOAT, [], [2.5]),
        helper.make_tensor("empty", TensorProto.FLOAT, [0, 3], []),
        helper.make_tensor("words", TensorProto.STRING, [2], [b"a", b"bc"]),
        helper.make_tensor("w_bf16", TensorProto.BFLOAT16, [2], [1.0, 2.0]),
    ]
    for t in inits:
        if t.name != "w_half_raw" and t.name != "w_i8_raw":
            assert not t.HasField("raw_data"), t.name
    sub = helper.make_graph([helper.make_node("Identity", ["s_in"], ["s_out"], name="inner")], "sub",
                            [helper.make_tensor_value_info("s_in", TensorProto.FLOAT, [1])],
                            [helper.make_tensor_value_info("s_out", TensorProto.FLOAT, [1])])
    everything = helper.make_node(
        "Everything", ["w_float", "shape_i64"], ["everything_out"], name="all_attributes", domain="test.domain",
        alpha=0.125, count=-3, mode="nearest ünïcode",
        value=helper.make_tensor("attr_tensor", TensorProto.FLOAT, [2], [1.5, -0.5]),
        body=sub, scales=[1.0, 2.0, -0.25], pads=[0, 1, -2, 3000000000], names=["x", "", "zeta"],
        values=[helper.make_tensor("t1", TensorProto.INT64, [1], [5]),
                helper.make_tensor("t2", TensorProto.FLOAT, [1, 1], [0.75])],
        branches=[sub, sub])
    # written out of order: 'clip' reads what 'relu' makes, but comes first in the file
    clip = helper.make_node("Clip", ["relu_out", "", "max"], ["y"], name="clip")
    relu = helper.make_node("Relu", ["x"], ["relu_out"], name="relu")
    max_init = helper.make_tensor("max", TensorProto.FLOAT, [], [6.0])
    graph = helper.make_graph(
        [clip, everything, relu], "typed",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, "height", None])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, "height", None]),
         helper.make_tensor_value_info("everything_out", TensorProto.FLOAT, None)],
        inits + [max_init],
        value_info=[helper.make_tensor_value_info("relu_out", TensorProto.FLOAT, [1, 3, "height", None])])
    model = helper.make_model(graph, producer_name="make_onnx_reader_fixtures", producer_version="1",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("test.domain", 2)])
    path = os.path.join(ROOT, "typed_fields.onnx")
    onnx.save(model, path)
    # order: of the nodes whose inputs are ready, the first in the file first
    write_json(model_json(path, ["all_attributes", "relu", "clip"]), os.path.join(ROOT, "typed_fields.json"))


def external():
    folder = os.path.join(ROOT, "external")
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(21)
    w = rng.standard_normal((3, 2, 3, 3)).astype(np.float32)
    b = rng.standard_normal(3).astype(np.float32)
    shift = rng.standard_normal((1, 3, 1, 1)).astype(np.float64)
    graph = helper.make_graph(
        [helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
         helper.make_node("Cast", ["shift"], ["shift_f"], name="cast", to=TensorProto.FLOAT),
         helper.make_node("Add", ["c", "shift_f"], ["y"], name="add")], "external",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 5, 5])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 5, 5])],
        [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b"), numpy_helper.from_array(shift, "shift")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    path = os.path.join(folder, "model.onnx")
    onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="weights.bin", size_threshold=0)
    m = onnx.load(path, load_external_data=False)
    for t in m.graph.initializer:
        assert t.data_location == TensorProto.EXTERNAL, t.name
    write_json(model_json(path, ["conv", "cast", "add"]), os.path.join(folder, "model.json"))


def external_tensor(name, dims, location, offset=None, length=None):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    t.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", offset), ("length", length)):
        if value is not None:
            entry = t.external_data.add()
            entry.key = key
            entry.value = str(value)
    return t


def model_with(initializers, nodes=None, inputs=None):
    nodes = nodes if nodes is not None else [helper.make_node("Add", ["x", initializers[0].name], ["y"],
                                                              name="add")]
    graph = helper.make_graph(nodes, "bad",
                              inputs if inputs is not None else [
                                  helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])], initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def png_bytes():
    """A real 2 x 1 gray PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"\x00\x10\x80"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def bad(conv_path):
    folder = os.path.join(ROOT, "bad")
    os.makedirs(os.path.join(folder, "external", "subfolder"), exist_ok=True)
    data = open(conv_path, "rb").read()
    open(os.path.join(folder, "truncated.onnx"), "wb").write(data[:len(data) // 2])

    huge = helper.make_tensor("huge", TensorProto.FLOAT, [4], np.arange(4, dtype=np.float32).tobytes(), raw=True)
    del huge.dims[:]
    huge.dims.append(536870912)
    onnx.save(model_with([huge]), os.path.join(folder, "lying_dims.onnx"))
    short = helper.make_tensor("short", TensorProto.FLOAT, [3], [1, 2, 3])
    del short.dims[:]
    short.dims.append(1000)
    onnx.save(model_with([short]), os.path.join(folder, "lying_typed.onnx"))

    one = helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])
    cycle = [helper.make_node("Add", ["x", "second_out"], ["first_out"], name="first"),
             helper.make_node("Relu", ["first_out"], ["second_out"], name="second"),
             helper.make_node("Add", ["second_out", "one"], ["y"], name="last")]
    onnx.save(model_with([one], cycle), os.path.join(folder, "cycle.onnx"))
    missing = [helper.make_node("Conv", ["x", "conv.weight"], ["y"], name="conv1")]
    onnx.save(model_with([one], missing), os.path.join(folder, "missing_initializer.onnx"))
    twice = [helper.make_node("Relu", ["x"], ["y"], name="a"), helper.make_node("Neg", ["x"], ["y"], name="b")]
    onnx.save(model_with([one], twice), os.path.join(folder, "duplicate_output.onnx"))

    open(os.path.join(folder, "text.onnx"), "w").write("This is not a model.\nJust some notes about one.\n")
    open(os.path.join(folder, "image.onnx"), "wb").write(png_bytes())
    buf = io.BytesIO()
    torch.save(torch.nn.Conv2d(1, 1, 1).state_dict(), buf)
    open(os.path.join(folder, "checkpoint.onnx"), "wb").write(buf.getvalue())

    ext = os.path.join(folder, "external")
    open(os.path.join(ext, "short.bin"), "wb").write(bytes(8))
    open(os.path.join(ext, "subfolder", ".keep"), "w").write("")
    open(os.path.join(folder, "secret.bin"), "wb").write(struct.pack("<4f", 1, 2, 3, 4))
    for name, tensor in (("escape", external_tensor("w", [4], "../secret.bin")),
                         ("absolute", external_tensor("w", [2], "/etc/hostname", 0, 8)),
                         ("beyond", external_tensor("w", [4], "short.bin", 4, 16)),
                         ("missing", external_tensor("w", [1], "nowhere.bin")),
                         ("folder", external_tensor("w", [1], "subfolder"))):
        onnx.save(model_with([tensor]), os.path.join(ext, name + ".onnx"))


def big_external():
    folder = os.path.join(ROOT, "big_external")
    os.makedirs(folder, exist_ok=True)
    n = 33554432
    onnx.save(model_with([external_tensor("big", [n], "big.bin", 0, 4 * n)]), os.path.join(folder, "model.onnx"))


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    os.makedirs(ROOT)
    conv = conv_net()
    typed_fields()
    external()
    bad(conv)
    big_external()


if __name__ == "__main__":
    main()
