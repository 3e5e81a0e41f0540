"""Copy a selection of ONNX's official backend test cases (onnx/backend/test/data/node/test_*) into
src/test/resources/onnx/node/, with an index of what each file holds read by onnx itself, and a README listing
which operators have cases and which cases were skipped and why.

The cases come from Debian's libonnx-testdata 1.12 (apt-get install libonnx-testdata), which python3-onnx's
onnx/backend/test/data links to. Run from the project root:

    /usr/bin/python3 src/test/python/copy_onnx_node_cases.py

A case is copied when every node of its model.onnx is an operator that issue 21 lists, it is not an '_expanded'
case (those spell a function, e.g. Celu, out in other operators; the function is tested by its plain case), all its inputs and outputs are
tensors (not sequences or optionals), and it is at most MAX_CASE_BYTES; the copy stops at MAX_TOTAL_BYTES.
index.json holds, for every case: the model's operators, opset, graph inputs and outputs (dims as given: an
integer, a symbol, or null), and for every input_*.pb / output_*.pb the tensor's name, data type, dims, its
values' SHA-256 (of the values as little-endian float32, and for integer types also as int64, by numpy) and
their first values. The Java test decodes every file and compares.
"""
import glob
import hashlib
import json
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper

SOURCE = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "node")
TARGET = os.path.join("src", "test", "resources", "onnx", "node")
MAX_CASE_BYTES = 800 * 1024
MAX_TOTAL_BYTES = 3 * 1024 * 1024

# The operators of issue 21 (Gelu is opset 20: onnx 1.12 has no case for it), and Erf (torch 1.13 exports GELU with it).
OPERATORS = sorted("""Conv ConvTranspose MaxPool AveragePool GlobalAveragePool GlobalMaxPool BatchNormalization
InstanceNormalization Relu LeakyRelu Elu Sigmoid Tanh Gelu Selu PRelu HardSigmoid Softplus Softmax LogSoftmax Clip
Add Sub Mul Div Concat DepthToSpace SpaceToDepth ReduceMean ReduceSum ReduceMax Tile Resize Upsample Pad Constant
Identity Dropout Flatten Gemm MatMul Shape Gather Unsqueeze Reshape Transpose Slice ConstantOfShape Cast Erf""".split())

# What our reader reads as numbers (others: only dims and type are checked).
READABLE = {TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT16, TensorProto.INT64, TensorProto.INT32,
            TensorProto.INT8, TensorProto.UINT8, TensorProto.BOOL}
INTEGER = {TensorProto.INT64, TensorProto.INT32, TensorProto.INT8, TensorProto.UINT8, TensorProto.BOOL}


def sha256(array):
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def tensor_entry(path):
    t = TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    entry = {"file": os.path.basename(path), "name": t.name, "data_type": TensorProto.DataType.Name(t.data_type),
             "dims": list(t.dims)}
    if t.data_type in READABLE:
        arr = numpy_helper.to_array(t)
        as_float = arr.astype("<f4").ravel()
        entry["float32_sha256"] = sha256(as_float)
        entry["first"] = [float(v) for v in as_float[:4]]
        if t.data_type in INTEGER:
            entry["int64_sha256"] = sha256(arr.astype("<i8").ravel())
    return entry


def value_entry(v):
    tt = v.type.tensor_type
    dims = None
    if tt.HasField("shape"):
        dims = [d.dim_value if d.WhichOneof("value") == "dim_value" else
                d.dim_param if d.WhichOneof("value") == "dim_param" else None for d in tt.shape.dim]
    return {"name": v.name, "elem_type": TensorProto.DataType.Name(tt.elem_type), "dims": dims}


def case_size(folder):
    return sum(os.path.getsize(p) for p in glob.glob(os.path.join(folder, "**"), recursive=True)
               if os.path.isfile(p))


def main():
    if os.path.isdir(TARGET):
        shutil.rmtree(TARGET)
    os.makedirs(TARGET)
    index, skipped, total = {}, {}, 0
    covered = {op: [] for op in OPERATORS}
    for folder in sorted(glob.glob(os.path.join(SOURCE, "test_*"))):
        case = os.path.basename(folder)
        model = onnx.load(os.path.join(folder, "model.onnx"))
        ops = sorted({n.op_type for n in model.graph.node})
        if not set(ops) <= set(OPERATORS):
            continue  # not one of ours: not listed
        reason = None
        if case.endswith("_expanded"):
            reason = "an '_expanded' case: the function of its plain case (%s) spelt out in other operators" % case[5:-9]
        elif any(not v.type.HasField("tensor_type") for v in list(model.graph.input) + list(model.graph.output)):
            reason = "inputs or outputs are sequences or optionals, not tensors"
        elif not glob.glob(os.path.join(folder, "test_data_set_0", "*.pb")):
            reason = "no test data"
        elif case_size(folder) > MAX_CASE_BYTES:
            reason = "larger than %d KB (%d KB)" % (MAX_CASE_BYTES // 1024, case_size(folder) // 1024)
        elif total + case_size(folder) > MAX_TOTAL_BYTES:
            reason = "over the %d MB budget of copied cases" % (MAX_TOTAL_BYTES // 2**20)
        if reason:
            skipped[case] = {"operators": ops, "reason": reason}
            continue
        target = os.path.join(TARGET, case)
        os.makedirs(os.path.join(target, "test_data_set_0"))
        shutil.copy(os.path.join(folder, "model.onnx"), target)
        files = []
        for pb in sorted(glob.glob(os.path.join(folder, "test_data_set_0", "*.pb"))):
            shutil.copy(pb, os.path.join(target, "test_data_set_0"))
            files.append(tensor_entry(pb))
        total += case_size(target)
        index[case] = {
            "operators": ops,
            "opset": max(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")),
            "inputs": [value_entry(v) for v in model.graph.input],
            "outputs": [value_entry(v) for v in model.graph.output],
            "tensors": files,
        }
        for op in ops:
            covered[op].append(case)
    with open(os.path.join(TARGET, "index.json"), "w") as f:
        json.dump(index, f, indent=1, sort_keys=True)
        f.write("\n")
    write_readme(covered, skipped, index, total)


def write_readme(covered, skipped, index, total):
    lines = ["# ONNX backend test cases (node)", "",
             "Copied by `src/test/python/copy_onnx_node_cases.py` from ONNX 1.12's official backend test data",
             "(`onnx/backend/test/data/node/`, Debian package `libonnx-testdata`; Apache-2.0, (c) ONNX Project",
             "Contributors): %d cases, %d KB. `index.json` says what each file holds, as onnx's numpy_helper reads it;"
             % (len(index), total // 1024),
             "`OnnxNodeCasesTest` decodes every file and compares. Do not edit by hand: rerun the script.", "",
             "## Operators with cases", "", "| operator | cases |", "|---|---|"]
    for op, cases in covered.items():
        if cases:
            lines.append("| %s | %s |" % (op, ", ".join("`%s`" % c[5:] for c in cases)))
    none = [op for op, cases in covered.items() if not cases]
    lines += ["", "## Operators without a copied case", ""]
    for op in none:
        why = sorted({s["reason"] for s in skipped.values() if op in s["operators"]})
        lines.append("- %s: %s" % (op, "; ".join(why) if why else "onnx 1.12 has no test case for it"))
    lines += ["", "## Cases skipped", "", "| case | operators | why |", "|---|---|---|"]
    for case, s in sorted(skipped.items()):
        lines.append("| `%s` | %s | %s |" % (case[5:], ", ".join(s["operators"]), s["reason"]))
    with open(os.path.join(TARGET, "README.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
