"""Make the fixture of a Keras weight file small on disk but large in memory (a heap-budget test).

Run from the project root with a Python that has NumPy and h5py (Debian: apt-get install python3-h5py):

    /usr/bin/python3 src/test/python/make_large_fixtures.py

It writes src/test/resources/fixtures/large/zeros.weights.h5: a Keras 3 model.weights.h5 layout whose one
layer, layers/conv2d/vars/0, is a float32 kernel of shape [1024, 1024, 32, 1] (128 MiB of zeros), stored in
gzip-compressed chunks of 64 x 64 x 32 x 1 so the file is a few hundred KB. Keras's H5IOStore writes plain
datasets, but a file compressed this way is still one a reader must cope with: it holds every byte it declares.
"""
import os

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "large")


def main():
    os.makedirs(OUT, exist_ok=True)
    p = os.path.join(OUT, "zeros.weights.h5")
    with h5py.File(p, "w") as f:
        v = f.create_group("layers").create_group("conv2d").create_group("vars")
        d = v.create_dataset("0", shape=(1024, 1024, 32, 1), dtype="<f4", chunks=(64, 64, 32, 1),
                             compression="gzip", compression_opts=9)
        block = np.zeros((64, 64, 32, 1), dtype="<f4")
        for y in range(0, 1024, 64):
            for x in range(0, 1024, 64):
                d[y:y + 64, x:x + 64] = block
        f.create_group("vars")
    print("wrote %s (%d bytes)" % (p, os.path.getsize(p)))


if __name__ == "__main__":
    main()
