package io.github.cnnlayers.tiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.cnnlayers.weights.RegularFile;

/**
 * A TIFF file open for reading regions: classic TIFF and BigTIFF, either byte order, strips or tiles, chunky or
 * planar samples, compressions of {@link Compression}, sample types of {@link SampleType}; each page is a plane.
 * {@link #read} reads only the strips or tiles a rectangle overlaps. The file is untrusted: every offset and byte
 * count is checked against the file's length before anything is allocated or read.
 */
public final class TiffFile implements Closeable {

	/** The most pages read from one file (a loop of directories is refused before this). */
	static final int MAX_PAGES = 1 << 20;
	/** The most samples one read may return: a Java array's limit. */
	static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

	private static final int IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258, COMPRESSION = 259,
		STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277, ROWS_PER_STRIP = 278, STRIP_BYTE_COUNTS = 279,
		PLANAR_CONFIGURATION = 284, PREDICTOR = 317, TILE_WIDTH = 322, TILE_LENGTH = 323, TILE_OFFSETS = 324,
		TILE_BYTE_COUNTS = 325, SAMPLE_FORMAT = 339;

	private final Path path;
	private final FileChannel channel;
	private final long length;
	private final ByteOrder order;
	private final boolean big;
	private final List<TiffPage> pages;

	private TiffFile(Path path, FileChannel channel) throws IOException {
		this.path = path;
		this.channel = channel;
		this.length = channel.size();
		if (length < 8) throw corrupt("it has only " + length + " bytes, fewer than a TIFF header");
		ByteBuffer head = read(0, (int) Math.min(16, length));
		int b0 = head.get(0), b1 = head.get(1);
		if (b0 == 'I' && b1 == 'I') order = ByteOrder.LITTLE_ENDIAN;
		else if (b0 == 'M' && b1 == 'M') order = ByteOrder.BIG_ENDIAN;
		else throw new IllegalArgumentException(path + " is not a TIFF file: it starts with neither II nor MM");
		head.order(order);
		int version = head.getShort(2) & 0xffff;
		long first;
		if (version == 42) {
			big = false;
			first = head.getInt(4) & 0xffffffffL;
		}
		else if (version == 43) {
			big = true;
			if (length < 16) throw corrupt("its BigTIFF header is truncated");
			if ((head.getShort(4) & 0xffff) != 8 || head.getShort(6) != 0)
				throw corrupt("its BigTIFF header has offset size " + head.getShort(4) + " (allowed: 8)");
			first = head.getLong(8);
		}
		else throw new IllegalArgumentException(path + " is not a TIFF file: version " + version +
			" (allowed: 42 classic TIFF, 43 BigTIFF)");
		List<TiffPage> found = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		long next = first;
		while (next != 0) {
			if (!seen.add(next)) throw corrupt("its image directories form a loop at offset " + next);
			if (found.size() >= MAX_PAGES) throw corrupt("it has more than " + MAX_PAGES + " pages");
			next = readDirectory(next, found);
		}
		if (found.isEmpty()) throw corrupt("it has no image directory");
		pages = Collections.unmodifiableList(found);
	}

	/**
	 * Opens a TIFF file and reads its directories.
	 *
	 * @throws IllegalArgumentException if it is not a regular file, not a TIFF, corrupt, or uses what this reader
	 *         does not support (the message names it and the allowed values)
	 */
	public static TiffFile open(Path file) throws IOException {
		RegularFile.require(file, "TIFF file");
		FileChannel channel = FileChannel.open(file);
		try {
			return new TiffFile(file, channel);
		}
		catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	/** The pages, in file order. */
	public List<TiffPage> pages() {
		return pages;
	}

	/** The path this file was opened from. */
	public Path path() {
		return path;
	}

	/** Whether the file is a BigTIFF (else classic TIFF). */
	public boolean bigTiff() {
		return big;
	}

	/** The file's byte order. */
	public ByteOrder order() {
		return order;
	}

	/**
	 * Reads a rectangle of a page into a new array: sample-major (all of sample 0's rows, then sample 1's), rows of
	 * {@code w} values, each sample as a float (exact for every {@link SampleType}).
	 *
	 * @throws IllegalArgumentException if the rectangle is not inside the page or a strip or tile is corrupt
	 */
	public float[] read(int page, int x, int y, int w, int h) throws IOException {
		TiffPage p = page(page);
		if (x < 0 || y < 0 || w < 1 || h < 1 || (long) x + w > p.width || (long) y + h > p.height)
			throw new IllegalArgumentException("The rectangle " + x + "," + y + " " + w + "x" + h + " is not inside " +
				path + "'s page " + page + " of " + p.width + "x" + p.height);
		if ((long) w * h * p.samples > MAX_ARRAY)
			throw new IllegalArgumentException("The rectangle " + w + "x" + h + "x" + p.samples + " is larger than " +
				"one Java array; read it in smaller rectangles");
		float[] out = new float[w * h * p.samples];
		int planes = p.planar ? p.samples : 1;
		int chunkSamples = p.planar ? 1 : p.samples;
		int bytes = p.type.bytes();
		long rowBytes = (long) p.chunkWidth * chunkSamples * bytes;
		for (int plane = 0; plane < planes; plane++)
			for (int cy = y / p.chunkHeight; cy <= (y + h - 1) / p.chunkHeight; cy++)
				for (int cx = x / p.chunkWidth; cx <= (x + w - 1) / p.chunkWidth; cx++) {
					int chunk = (plane * p.chunksDown + cy) * p.chunksAcross + cx;
					int top = cy * p.chunkHeight, left = cx * p.chunkWidth;
					int r0 = Math.max(y, top) - top, r1 = Math.min(y + h, Math.min(top + p.chunkHeight, p.height)) - top;
					int c0 = Math.max(x, left) - left, c1 = Math.min(x + w, left + p.chunkWidth) - left;
					// rows r0..r1 of the chunk; an uncompressed chunk is read from row r0 only
					int firstRow = p.compression == Compression.NONE ? r0 : 0;
					ByteBuffer data = chunk(p, chunk, firstRow, r1, rowBytes);
					for (int r = r0; r < r1; r++) {
						long rowStart = (r - firstRow) * rowBytes;
						int outRow = (top + r - y) * w + (left - x);
						for (int c = c0; c < c1; c++)
							for (int s = 0; s < chunkSamples; s++) {
								int sample = p.planar ? plane : s;
								out[sample * w * h + outRow + c] =
									p.type.get(data, (int) (rowStart + ((long) c * chunkSamples + s) * bytes));
							}
					}
				}
		return out;
	}

	/** A page by index, or an exception naming the page count. */
	public TiffPage page(int index) {
		if (index < 0 || index >= pages.size())
			throw new IllegalArgumentException(path + " has " + pages.size() + " page(s); there is no page " + index);
		return pages.get(index);
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	/** Rows {@code firstRow..lastRow} (exclusive) of one strip or tile, decoded, in the file's byte order. */
	private ByteBuffer chunk(TiffPage p, int chunk, int firstRow, int lastRow, long rowBytes) throws IOException {
		long offset = p.offsets[chunk], count = p.byteCounts[chunk];
		String where = path + " (page " + p.index + ", " + (p.tiled ? "tile " : "strip ") + chunk + ")";
		if (offset < 0 || count < 0 || offset > length || count > length - offset)
			throw corrupt(where + ": its " + count + " bytes at offset " + offset + " lie beyond the file's end (" +
				length + " bytes)");
		long needed = (lastRow - firstRow) * rowBytes;
		if (p.compression == Compression.NONE) {
			long start = firstRow * rowBytes;
			if (start + needed > count)
				throw corrupt(where + ": it has " + count + " bytes, fewer than the " + (start + needed) +
					" its rows need");
			return read(offset + start, (int) needed).order(order);
		}
		long full = lastRow * rowBytes;
		if (count > MAX_ARRAY || (long) p.chunkHeight * rowBytes > MAX_ARRAY)
			throw new IllegalArgumentException(where + ": a compressed strip or tile over 2 GB cannot be decoded; " +
				"rewrite the file with smaller tiles");
		byte[] encoded = new byte[(int) count];
		read(offset, (int) count).get(encoded);
		byte[] decoded = p.compression.decode(encoded, (int) ((long) p.chunkHeight * rowBytes), where);
		if (decoded.length < full)
			throw corrupt(where + ": it decodes to " + decoded.length + " bytes, fewer than the " + full +
				" its rows need");
		return ByteBuffer.wrap(decoded).order(order);
	}

	/** Reads one directory into pages; returns the next directory's offset (0 for none). */
	private long readDirectory(long at, List<TiffPage> pages) throws IOException {
		int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12, nextBytes = big ? 8 : 4;
		if (at < 8 || at > length - countBytes) throw corrupt("an image directory at offset " + at +
			" lies beyond the file's end (" + length + " bytes)");
		ByteBuffer cb = read(at, countBytes).order(order);
		long entries = big ? cb.getLong(0) : cb.getShort(0) & 0xffff;
		if (entries < 0 || entries > (length - at - countBytes - nextBytes) / entryBytes)
			throw corrupt("its image directory at offset " + at + " claims " + entries +
				" entries, more than the file holds");
		ByteBuffer d = read(at + countBytes, (int) (entries * entryBytes + nextBytes)).order(order);
		Tags tags = new Tags();
		for (int i = 0; i < entries; i++)
			tags.add(d, i * entryBytes);
		long next = big ? d.getLong((int) entries * entryBytes) : d.getInt((int) entries * entryBytes) & 0xffffffffL;
		pages.add(page(pages.size(), tags));
		return next;
	}

	private TiffPage page(int index, Tags t) throws IOException {
		String where = path + " (page " + index + ")";
		long width = t.one(IMAGE_WIDTH, -1, where), height = t.one(IMAGE_LENGTH, -1, where);
		if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE)
			throw corrupt(where + ": its size " + width + "x" + height + " is not 1 to " + Integer.MAX_VALUE +
				" pixels each way");
		long samples = t.one(SAMPLES_PER_PIXEL, 1, where);
		if (samples < 1 || samples > 16)
			throw corrupt(where + ": it has " + samples + " samples per pixel (allowed: 1 to 16)");
		long[] bits = t.values(BITS_PER_SAMPLE, where);
		long[] formats = t.values(SAMPLE_FORMAT, where);
		long bps = bits == null ? 1 : bits[0], format = formats == null ? 1 : formats[0];
		if (bits != null) for (long b : bits) if (b != bps) throw corrupt(where + ": its samples differ in bits");
		SampleType type = SampleType.of((int) format, (int) bps, where);
		Compression compression = Compression.of((int) t.one(COMPRESSION, 1, where), where);
		long predictor = t.one(PREDICTOR, 1, where);
		if (predictor != 1)
			throw new IllegalArgumentException(where + " uses TIFF predictor " + predictor +
				", which is not supported; allowed: 1 (none)");
		long planarCode = t.one(PLANAR_CONFIGURATION, 1, where);
		if (planarCode != 1 && planarCode != 2)
			throw corrupt(where + ": its PlanarConfiguration is " + planarCode + " (allowed: 1 chunky, 2 planar)");
		boolean planar = planarCode == 2 && samples > 1;
		boolean tiled = t.has(TILE_WIDTH);
		long chunkWidth, chunkHeight;
		long[] offsets, counts;
		if (tiled) {
			chunkWidth = t.one(TILE_WIDTH, -1, where);
			chunkHeight = t.one(TILE_LENGTH, -1, where);
			if (chunkWidth < 1 || chunkHeight < 1 || chunkWidth > 1 << 16 || chunkHeight > 1 << 16)
				throw corrupt(where + ": its tile size " + chunkWidth + "x" + chunkHeight + " is not 1 to 65536 each way");
			offsets = t.values(TILE_OFFSETS, where);
			counts = t.values(TILE_BYTE_COUNTS, where);
		}
		else {
			chunkWidth = width;
			chunkHeight = Math.min(height, t.one(ROWS_PER_STRIP, height, where));
			if (chunkHeight < 1) throw corrupt(where + ": its RowsPerStrip is " + chunkHeight);
			offsets = t.values(STRIP_OFFSETS, where);
			counts = t.values(STRIP_BYTE_COUNTS, where);
		}
		String kind = tiled ? "tile" : "strip";
		if (offsets == null || counts == null)
			throw corrupt(where + ": it lacks its " + kind + " offsets or byte counts");
		long expected = ((width + chunkWidth - 1) / chunkWidth) * ((height + chunkHeight - 1) / chunkHeight) *
			(planar ? samples : 1);
		if (offsets.length != expected || counts.length != expected)
			throw corrupt(where + ": it has " + offsets.length + " " + kind + " offsets and " + counts.length +
				" byte counts where its size needs " + expected);
		return new TiffPage(index, (int) width, (int) height, (int) samples, type, compression, planar, tiled,
			(int) chunkWidth, (int) chunkHeight, offsets, counts);
	}

	/** One directory's entries, read lazily. */
	private final class Tags {
		private final List<long[]> entries = new ArrayList<>(); // tag, type, count, value-or-offset, inline position

		private final List<ByteBuffer> inline = new ArrayList<>();

		void add(ByteBuffer d, int at) {
			int tag = d.getShort(at) & 0xffff, type = d.getShort(at + 2) & 0xffff;
			long count = big ? d.getLong(at + 4) : d.getInt(at + 4) & 0xffffffffL;
			int valueAt = at + (big ? 12 : 8), valueBytes = big ? 8 : 4;
			ByteBuffer value = ByteBuffer.allocate(valueBytes).order(order);
			for (int i = 0; i < valueBytes; i++)
				value.put(i, d.get(valueAt + i));
			entries.add(new long[] { tag, type, count });
			inline.add(value);
		}

		boolean has(int tag) {
			for (long[] e : entries)
				if (e[0] == tag) return true;
			return false;
		}

		long one(int tag, long fallback, String where) throws IOException {
			long[] v = values(tag, where);
			if (v == null) {
				if (fallback == -1) throw corrupt(where + ": it lacks the required TIFF tag " + tag);
				return fallback;
			}
			if (v.length < 1) throw corrupt(where + ": its TIFF tag " + tag + " has no value");
			return v[0];
		}

		/** A tag's integer values, or null if absent; the count is checked against the file before allocating. */
		long[] values(int tag, String where) throws IOException {
			for (int i = 0; i < entries.size(); i++) {
				long[] e = entries.get(i);
				if (e[0] != tag) continue;
				int size;
				switch ((int) e[1]) {
					case 1: size = 1; break; // BYTE
					case 3: size = 2; break; // SHORT
					case 4: case 13: size = 4; break; // LONG, IFD
					case 16: case 18: size = 8; break; // LONG8, IFD8
					default:
						throw corrupt(where + ": its TIFF tag " + tag + " has type " + e[1] +
							" (allowed: BYTE, SHORT, LONG, LONG8)");
				}
				long count = e[2];
				ByteBuffer inl = inline.get(i);
				ByteBuffer data;
				if (count < 0 || count > length / size || count * size > MAX_ARRAY)
					throw corrupt(where + ": its TIFF tag " + tag + " claims " + count + " values, more than the file holds");
				long bytes = count * size;
				if (bytes <= inl.capacity()) data = inl;
				else {
					long offset = big ? inl.getLong(0) : inl.getInt(0) & 0xffffffffL;
					if (offset < 0 || offset > length - bytes)
						throw corrupt(where + ": the " + count + " values of its TIFF tag " + tag + " at offset " + offset +
							" lie beyond the file's end (" + length + " bytes)");
					data = read(offset, (int) bytes).order(order);
				}
				long[] out = new long[(int) count];
				for (int k = 0; k < count; k++)
					switch (size) {
						case 1: out[k] = data.get(k) & 0xff; break;
						case 2: out[k] = data.getShort(2 * k) & 0xffff; break;
						case 4: out[k] = data.getInt(4 * k) & 0xffffffffL; break;
						default: out[k] = data.getLong(8 * k); break;
					}
				return out;
			}
			return null;
		}
	}

	/** Reads bytes at an offset already checked to lie inside the file. */
	private ByteBuffer read(long offset, int bytes) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(bytes);
		while (b.hasRemaining()) {
			int n = channel.read(b, offset + b.position());
			if (n < 0) throw corrupt("it ended at " + (offset + b.position()) + " while " + bytes + " bytes were read");
		}
		b.flip();
		return b;
	}

	private IllegalArgumentException corrupt(String what) {
		return new IllegalArgumentException("Corrupt TIFF file " + (what.startsWith(path.toString()) ? what : path + ": " + what));
	}
}
