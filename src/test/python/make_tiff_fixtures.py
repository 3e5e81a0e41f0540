"""Make the TIFF reader's fixtures: small TIFF files written by tifffile (and one LZW file by libtiff through
Pillow, since tifffile needs imagecodecs to encode LZW and PackBits), each with its expected pixels as .npy.

Run from the project root with Debian's Python (tifffile 2023.2.3, NumPy, Pillow with libtiff):

    /usr/bin/python3 src/test/python/make_tiff_fixtures.py

Each NAME.tif has NAME.npy beside it: float32 of shape (pages, samples, height, width), the order in which
TiffFile.read returns a page's rectangle (sample-major rows). Values come from a formula with distinct values
per pixel, sample and page; the float fixtures include negative, fractional and huge values.

With --check FILE it instead reads FILE (a BigTIFF written by TiledTiffWriter) with tifffile and prints its
pages, tiles and a checksum, to check that tifffile reads our writer's output.
"""
import os
import sys

import numpy as np
import tifffile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "tiff")


def pixels(pages, samples, h, w, dtype):
    p, s, y, x = np.meshgrid(np.arange(pages), np.arange(samples), np.arange(h), np.arange(w), indexing="ij")
    if dtype == np.uint8:
        v = (x * 7 + y * 13 + s * 50 + p * 90) % 256
    elif dtype == np.uint16:
        v = (x * 1031 + y * 257 + s * 20000 + p * 3000) % 65536
    else:
        v = (x - 0.25 * y) * 1.5 + s * 1000.0 - p * 0.125 + (x == 3) * (y == 2) * 3.0e38 - (x == 4) * (y == 1) * 1e-30
    return v.astype(dtype)


def save(name, a, pages, samples, **kw):
    """a: (pages, samples, h, w) array; writes NAME.tif with tifffile and NAME.npy."""
    path = os.path.join(OUT, name + ".tif")
    if os.path.exists(path):
        os.remove(path)
    for p in range(pages):
        page = a[p]
        if samples == 1:
            data = page[0]
        elif kw.get("planarconfig") == "separate":
            data = page
        else:
            data = np.moveaxis(page, 0, -1)
        tifffile.imwrite(path, data, append=p > 0, **kw)
    np.save(os.path.join(OUT, name + ".npy"), a.astype("<f4"))


def main():
    os.makedirs(OUT, exist_ok=True)
    save("strips_u8", pixels(1, 1, 17, 23, np.uint8), 1, 1, rowsperstrip=5)
    save("strips_u16_bigendian", pixels(1, 1, 17, 23, np.uint16), 1, 1, rowsperstrip=4, byteorder=">")
    save("tiles_f32", pixels(1, 1, 37, 45, np.float32), 1, 1, tile=(16, 32))
    save("tiles_f32_bigendian", pixels(1, 1, 37, 45, np.float32), 1, 1, tile=(16, 16), byteorder=">")
    save("bigtiff_tiles_u16", pixels(1, 1, 33, 40, np.uint16), 1, 1, tile=(16, 16), bigtiff=True)
    save("bigtiff_strips_f32_bigendian", pixels(1, 1, 19, 21, np.float32), 1, 1, rowsperstrip=3, bigtiff=True,
         byteorder=">")
    save("pages_f32", pixels(3, 1, 20, 18, np.float32), 3, 1, tile=(16, 16), bigtiff=True)
    save("rgb_chunky_u8", pixels(1, 3, 17, 19, np.uint8), 1, 3, photometric="rgb", rowsperstrip=6)
    save("rgb_planar_u16_tiles", pixels(1, 3, 20, 35, np.uint16), 1, 3, photometric="rgb",
         planarconfig="separate", tile=(16, 16))
    save("adobe_deflate_tiles_f32", pixels(1, 1, 37, 45, np.float32), 1, 1, tile=(16, 16), compression="zlib")
    save("deflate_strips_u16", pixels(1, 1, 40, 33, np.uint16), 1, 1, rowsperstrip=7, compression="deflate")
    # LZW and PackBits by libtiff (Pillow): a large enough image that LZW's code width grows past 9, 10 and 11 bits
    from PIL import Image
    Image.fromarray(pixels(1, 1, 10, 12, np.uint8)[0, 0]).save(os.path.join(OUT, "packbits_u8.tif"),
                                                                compression="packbits")  # refused: no .npy
    for name, dtype, mode in (("lzw_strips_u8", np.uint8, "L"), ("lzw_strips_u16", np.uint16, "I;16")):
        a = pixels(1, 1, 130, 150, dtype)
        a[0, 0, 60:, :] = 7  # a flat part too, for long codes
        Image.fromarray(a[0, 0], mode=mode).save(os.path.join(OUT, name + ".tif"), compression="tiff_lzw")
        np.save(os.path.join(OUT, name + ".npy"), a.astype("<f4"))
        with tifffile.TiffFile(os.path.join(OUT, name + ".tif")) as t:
            assert t.pages[0].compression == 5, t.pages[0].compression
            assert t.pages[0].dtype == dtype
        assert np.array_equal(np.array(Image.open(os.path.join(OUT, name + ".tif"))), a[0, 0])
    print("wrote", sorted(os.listdir(OUT)))


def check(path):
    with tifffile.TiffFile(path) as t:
        print(path, "bigtiff" if t.is_bigtiff else "classic", len(t.pages), "page(s)")
        for p in t.pages:
            a = p.asarray()
            print(" ", p.shape, p.dtype, "tile", (p.tilelength, p.tilewidth), "compression", p.compression,
                  "sum %.6g" % float(a.astype(np.float64).sum()), "first row", a[0, :4].tolist())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        main()
