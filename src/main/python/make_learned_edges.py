"""Make the demo network that ships with CNN Layers: models/learned_edges.safetensors.

Run from the project root with a Python that has PyTorch (Debian: apt-get install python3-torch):

    /usr/bin/python3 src/main/python/make_learned_edges.py

It writes src/main/resources/models/learned_edges.safetensors, the state_dict of

    nn.Sequential(Conv2d(1, 4, 3, padding=1), ReLU(), Conv2d(4, 1, 1))

with fixed (not trained) weights:
  edges.0.weight [4, 1, 3, 3] = +Sobel x, -Sobel x, +Sobel y, -Sobel y
      (Sobel x = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], Sobel y its transpose)
  edges.0.bias   [4] = zeros
  edges.2.weight [1, 4, 1, 1] = ones
  edges.2.bias   [1] = zeros
The ReLU between the layers keeps max(g, 0) + max(-g, 0) = |g| for each gradient, so the network
computes |gx| + |gy| (PyTorch conv2d is cross-correlation: the kernels are not flipped).

The safetensors package is not packaged for Debian, so write_safetensors() below writes the format
by hand: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
padded with spaces to a multiple of 8, then the raw little-endian tensor bytes.
"""
import json
import os
import struct

import torch
import torch.nn as nn

_DTYPES = {
    torch.float16: "F16", torch.bfloat16: "BF16", torch.float32: "F32", torch.float64: "F64",
    torch.int8: "I8", torch.uint8: "U8", torch.int16: "I16", torch.int32: "I32", torch.int64: "I64",
    torch.bool: "BOOL",
}


def tensor_bytes(t):
    """The C-order little-endian bytes of a tensor (bfloat16 through its int16 view)."""
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:
        t = t.view(torch.int16)
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


def write_safetensors(path, tensors, metadata=None):
    """Write an ordered {name: torch.Tensor} mapping as a .safetensors file."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    blobs = []
    offset = 0
    for name, t in tensors.items():
        data = tensor_bytes(t)
        header[name] = {"dtype": _DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def learned_edges():
    """The demo network, with its fixed weights, in eval mode."""
    edges = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 1, 1))
    sobel_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    sobel_y = sobel_x.t()
    with torch.no_grad():
        edges[0].weight.copy_(torch.stack([sobel_x, -sobel_x, sobel_y, -sobel_y]).unsqueeze(1) + 0.0)  # + 0.0: no -0.0
        edges[0].bias.zero_()
        edges[2].weight.fill_(1.0)
        edges[2].bias.zero_()
    model = nn.Sequential()
    model.add_module("edges", edges)
    return model.eval()


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    out = os.path.join(root, "src", "main", "resources", "models", "learned_edges.safetensors")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    write_safetensors(out, learned_edges().state_dict(),
                      {"format": "pt", "description": "|Sobel x| + |Sobel y| as Conv2d(1,4,3) -> ReLU -> Conv2d(4,1,1)"})
    print("wrote", out)


if __name__ == "__main__":
    main()
