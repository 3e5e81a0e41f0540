package io.github.cnnlayers.tiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Writes a tiled, uncompressed, little-endian 32-bit float BigTIFF, one tile at a time in any order, without
 * holding the image: each tile goes to the end of a temporary file in the target's folder as it arrives, and
 * {@link #commit} writes the pages' directories and renames the file onto the target. Until then the target is
 * untouched; {@link #close} without commit removes the temporary file, so the output is complete or absent.
 */
public final class TiledTiffWriter implements Closeable {

	/** The tile side used when none is chosen. */
	public static final int DEFAULT_TILE = 256;
	/** Prefix of the temporary file, as the pipeline's outputs use. */
	static final String TEMPORARY_PREFIX = ".partial-";

	private final Path target;
	private final Path temporary;
	private final FileChannel channel;
	private final int width, height, pages, tile, across, down;
	private final long[] offsets;
	private final ByteBuffer buffer;
	private long end;
	private boolean committed;

	private TiledTiffWriter(Path target, int width, int height, int pages, int tile) throws IOException {
		this.target = target;
		this.width = width;
		this.height = height;
		this.pages = pages;
		this.tile = tile;
		this.across = (width + tile - 1) / tile;
		this.down = (height + tile - 1) / tile;
		this.offsets = new long[Math.multiplyExact(Math.multiplyExact(across, down), pages)];
		Arrays.fill(offsets, -1);
		this.buffer = ByteBuffer.allocateDirect(tile * tile * 4).order(ByteOrder.LITTLE_ENDIAN);
		Path dir = target.toAbsolutePath().getParent();
		this.temporary = Files.createTempFile(dir, TEMPORARY_PREFIX, "-" + target.getFileName());
		FileChannel c = null;
		try {
			c = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.READ);
			ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
			header.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0)
				.putLong(0); // first directory's offset, set by commit
			header.flip();
			writeFully(c, header, 0);
		}
		catch (IOException | RuntimeException e) {
			if (c != null) c.close();
			Files.deleteIfExists(temporary);
			throw e;
		}
		this.channel = c;
		this.end = 16;
	}

	/**
	 * Starts writing a tiled BigTIFF of {@code pages} pages of {@code width x height} floats in tiles of
	 * {@code tile x tile} (a multiple of 16, as TIFF requires).
	 *
	 * @throws IllegalArgumentException for a size, page count or tile that is not allowed
	 */
	public static TiledTiffWriter create(Path target, int width, int height, int pages, int tile) throws IOException {
		if (width < 1 || height < 1 || pages < 1)
			throw new IllegalArgumentException("A TIFF needs at least one page of 1x1 pixels, not " + pages + " of " +
				width + "x" + height);
		if (tile < 16 || tile > 4096 || tile % 16 != 0)
			throw new IllegalArgumentException("Tile size " + tile + " is not allowed: TIFF tiles are a multiple of 16 " +
				"(allowed here: 16 to 4096)");
		return new TiledTiffWriter(target, width, height, pages, tile);
	}

	/** Tiles across a page. */
	public int tilesAcross() {
		return across;
	}

	/** Tiles down a page. */
	public int tilesDown() {
		return down;
	}

	/** The tile side in pixels. */
	public int tile() {
		return tile;
	}

	/**
	 * Writes tile ({@code tileX}, {@code tileY}) of a page from {@code pixels}: rows of {@code w} floats, where
	 * {@code w x h} is the part of the tile inside the page (smaller at the right and bottom edges); the rest of the
	 * tile is stored as zeros. Each tile is written once.
	 */
	public void writeTile(int page, int tileX, int tileY, float[] pixels) throws IOException {
		if (committed) throw new IllegalStateException("The TIFF " + target + " is already complete");
		if (page < 0 || page >= pages || tileX < 0 || tileX >= across || tileY < 0 || tileY >= down)
			throw new IllegalArgumentException("There is no tile " + tileX + "," + tileY + " of page " + page + " in a " +
				across + "x" + down + "-tile, " + pages + "-page TIFF");
		int w = Math.min(tile, width - tileX * tile), h = Math.min(tile, height - tileY * tile);
		if (pixels.length != w * h)
			throw new IllegalArgumentException("Tile " + tileX + "," + tileY + " has " + w + "x" + h + " pixels inside " +
				"the image, not " + pixels.length);
		int index = (page * down + tileY) * across + tileX;
		if (offsets[index] >= 0)
			throw new IllegalStateException("Tile " + tileX + "," + tileY + " of page " + page + " was already written");
		buffer.clear();
		for (int y = 0; y < tile; y++)
			for (int x = 0; x < tile; x++)
				buffer.putFloat(y < h && x < w ? pixels[y * w + x] : 0f);
		buffer.flip();
		writeFully(channel, buffer, end);
		offsets[index] = end;
		end += (long) tile * tile * 4;
	}

	/**
	 * Writes the directories of all pages and moves the file onto the target (atomically where the file system
	 * can).
	 *
	 * @throws IllegalStateException naming the first tile not written, if any
	 */
	public void commit() throws IOException {
		if (committed) return;
		for (int i = 0; i < offsets.length; i++)
			if (offsets[i] < 0)
				throw new IllegalStateException("The TIFF " + target + " is incomplete: tile " + (i % across) + "," +
					(i / across % down) + " of page " + i / (across * down) + " was never written");
		long tileBytes = (long) tile * tile * 4;
		long previousNext = 8; // where the previous directory's "next" offset goes: the header's first
		int perPage = across * down;
		final int entries = 12;
		for (int page = 0; page < pages; page++) {
			// offsets and byte counts arrays, then the directory
			ByteBuffer arrays = ByteBuffer.allocate(perPage * 16).order(ByteOrder.LITTLE_ENDIAN);
			for (int i = 0; i < perPage; i++)
				arrays.putLong(offsets[page * perPage + i]);
			for (int i = 0; i < perPage; i++)
				arrays.putLong(tileBytes);
			arrays.flip();
			long offsetsAt = end, countsAt = end + perPage * 8L;
			writeFully(channel, arrays, end);
			end += perPage * 16L;
			long ifd = end;
			ByteBuffer d = ByteBuffer.allocate(8 + entries * 20 + 8).order(ByteOrder.LITTLE_ENDIAN);
			d.putLong(entries);
			entry(d, 256, 4, 1, width); // ImageWidth
			entry(d, 257, 4, 1, height); // ImageLength
			entry(d, 258, 3, 1, 32); // BitsPerSample
			entry(d, 259, 3, 1, 1); // Compression: none
			entry(d, 262, 3, 1, 1); // Photometric: black is zero
			entry(d, 277, 3, 1, 1); // SamplesPerPixel
			entry(d, 284, 3, 1, 1); // PlanarConfiguration: chunky
			entry(d, 322, 3, 1, tile); // TileWidth
			entry(d, 323, 3, 1, tile); // TileLength
			entry(d, 324, 16, perPage, perPage == 1 ? offsets[page * perPage] : offsetsAt); // TileOffsets
			entry(d, 325, 16, perPage, perPage == 1 ? tileBytes : countsAt); // TileByteCounts
			entry(d, 339, 3, 1, 3); // SampleFormat: float
			d.putLong(0);
			d.flip();
			writeFully(channel, d, end);
			end += d.capacity();
			ByteBuffer link = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, ifd);
			writeFully(channel, link, previousNext);
			previousNext = ifd + 8 + entries * 20;
		}
		channel.force(true);
		channel.close();
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
		committed = true;
	}

	/** Ends writing: without {@link #commit}, the temporary file is removed and the target left as it was. */
	@Override
	public void close() throws IOException {
		if (committed) return;
		try {
			channel.close();
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** A BigTIFF directory entry whose value (or value's offset) fits in 8 bytes. */
	private static void entry(ByteBuffer d, int tag, int type, long count, long value) {
		d.putShort((short) tag).putShort((short) type).putLong(count);
		if (type == 3 && count == 1) d.putShort((short) value).putShort((short) 0).putInt(0);
		else if (type == 4 && count == 1) d.putInt((int) value).putInt(0);
		else d.putLong(value);
	}

	private static void writeFully(FileChannel c, ByteBuffer b, long at) throws IOException {
		long position = at;
		while (b.hasRemaining())
			position += c.write(b, position);
	}
}
