package io.github.cnnlayers.tiff;

/** One page (image file directory) of a TIFF file: its size, samples and where its strips or tiles are. */
public final class TiffPage {

	final int index;
	final int width, height, samples;
	final SampleType type;
	final Compression compression;
	final boolean planar;
	final boolean tiled;
	/** Strip or tile size in pixels; a strip is the whole width. */
	final int chunkWidth, chunkHeight;
	final int chunksAcross, chunksDown;
	final long[] offsets, byteCounts;

	TiffPage(int index, int width, int height, int samples, SampleType type, Compression compression, boolean planar,
		boolean tiled, int chunkWidth, int chunkHeight, long[] offsets, long[] byteCounts)
	{
		this.index = index;
		this.width = width;
		this.height = height;
		this.samples = samples;
		this.type = type;
		this.compression = compression;
		this.planar = planar;
		this.tiled = tiled;
		this.chunkWidth = chunkWidth;
		this.chunkHeight = chunkHeight;
		this.chunksAcross = (int) ((width + (long) chunkWidth - 1) / chunkWidth);
		this.chunksDown = (int) ((height + (long) chunkHeight - 1) / chunkHeight);
		this.offsets = offsets;
		this.byteCounts = byteCounts;
	}

	/** Width in pixels. */
	public int width() {
		return width;
	}

	/** Height in pixels. */
	public int height() {
		return height;
	}

	/** Samples per pixel (1 for grey, 3 for RGB). */
	public int samples() {
		return samples;
	}

	/** The sample type. */
	public SampleType type() {
		return type;
	}

	/** Whether the page is stored in tiles (else in strips). */
	public boolean tiled() {
		return tiled;
	}

	/** The tile width, or the width for strips. */
	public int chunkWidth() {
		return chunkWidth;
	}

	/** The tile height, or the rows per strip. */
	public int chunkHeight() {
		return chunkHeight;
	}

	/** The number of strips or tiles (all sample planes for planar pages). */
	public int chunkCount() {
		return offsets.length;
	}

	/** The compression's name, e.g. {@code none} or {@code LZW}. */
	public String compression() {
		return compression.label;
	}

	@Override
	public String toString() {
		return "page " + index + ": " + width + "x" + height + "x" + samples + " " + type + " in " +
			(tiled ? chunkWidth + "x" + chunkHeight + " tiles" : chunkHeight + "-row strips") + ", " +
			(planar ? "planar, " : "") + "compression " + compression.label;
	}
}
