/**
 * Reading and writing TIFF files region by region, for images larger than memory: {@link
 * io.github.cnnlayers.tiff.TiffFile} reads any rectangle of a page (classic TIFF and BigTIFF, strips or tiles),
 * {@link io.github.cnnlayers.tiff.TiledTiffWriter} writes a tiled 32-bit float BigTIFF tile by tile. Pure Java, no
 * {@code ij.*}; a TIFF file is untrusted input.
 */
package io.github.cnnlayers.tiff;
