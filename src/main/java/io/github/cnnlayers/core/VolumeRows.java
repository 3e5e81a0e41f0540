package io.github.cnnlayers.core;

import java.util.List;

import net.imglib2.Interval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Rows of volumes (3D images, dimensions x, y, z) read into and written from float line buffers, for the 3D
 * layers: a {@link Reader} pads each row left and right from an extended view (the border mode) and reads rows
 * outside the volume (in y or z) from it too; a {@link Writer} writes a line into a row. Both go straight to the
 * backing array of a float {@code ArrayImg}, else through a {@code RandomAccess}. One reader or writer per thread.
 */
final class VolumeRows {

	private VolumeRows() {}

	/** @return the x-fastest array behind a 3D float {@code ArrayImg}, or {@code null} for any other volume */
	private static float[] floats(final RandomAccessibleInterval<?> volume) {
		if (!(volume instanceof ArrayImg) || volume.numDimensions() != 3)
			return null;
		final ArrayImg<?, ?> img = (ArrayImg<?, ?>) volume;
		final Object access = img.update(null);
		return img.firstElement() instanceof FloatType && access instanceof FloatArray ? ((FloatArray) access).getCurrentStorageArray() : null;
	}

	/**
	 * @param volumes volumes that must all be 3D and of one size
	 * @param what "input" or "output", for the message
	 * @throws IllegalArgumentException naming the first volume that is not
	 */
	static void checkSameSize(final List<? extends Interval> volumes, final String what) {
		if (volumes.isEmpty())
			throw new IllegalArgumentException("A 3D layer needs at least one " + what + " volume");
		final Interval first = volumes.get(0);
		for (int c = 0; c < volumes.size(); c++) {
			final Interval v = volumes.get(c);
			if (v.numDimensions() != 3)
				throw new IllegalArgumentException("The " + what + " volume of channel " + (c + 1) + " has " + v.numDimensions() +
					" dimensions; a 3D layer needs x, y, z");
			for (int d = 0; d < 3; d++)
				if (v.dimension(d) != first.dimension(d))
					throw new IllegalArgumentException("The " + what + " volumes differ in size: channel " + (c + 1) + " is " +
						size(v) + ", channel 1 is " + size(first));
		}
	}

	/**
	 * @param targets output volumes
	 * @param expected their expected {width, height, depth}
	 * @throws IllegalArgumentException when one has another size
	 */
	static void checkTargets(final List<? extends Interval> targets, final long[] expected) {
		checkSameSize(targets, "output");
		final Interval t = targets.get(0);
		if (t.dimension(0) != expected[0] || t.dimension(1) != expected[1] || t.dimension(2) != expected[2])
			throw new IllegalArgumentException("Target is " + size(t) + ", expected " + expected[0] + "x" + expected[1] + "x" + expected[2]);
	}

	private static String size(final Interval v) {
		return v.dimension(0) + "x" + v.dimension(1) + "x" + v.dimension(2);
	}

	/**
	 * Runs {@code task} on chunks of the rows of an output volume of {@code height x depth} rows, on ImgLib2's
	 * task executor; row r is (y, z) = (r mod height, r / height).
	 */
	static void forEachRow(final long height, final long depth, final java.util.function.Consumer<RowChunks.Range> task) {
		RowChunks.forEach(height * depth, task);
	}

	/** Reads padded rows of one volume. */
	static final class Reader<T extends RealType<T>> {

		private final RandomAccess<T> inside;
		private final RandomAccess<T> outside;
		private final long[] min = new long[3];
		private final int width;
		private final long height;
		private final long depth;
		private final int pad;
		private final float[] floats;

		/**
		 * @param source the volume; its min may be anywhere
		 * @param extended the volume extended beyond its bounds, or {@code null} when no row read is outside
		 * @param pad voxels read left and right of each row from {@code extended}
		 */
		Reader(final RandomAccessibleInterval<T> source, final RandomAccessible<T> extended, final int pad) {
			this.inside = source.randomAccess();
			this.outside = extended == null ? null : extended.randomAccess();
			source.min(min);
			this.width = (int) source.dimension(0);
			this.height = source.dimension(1);
			this.depth = source.dimension(2);
			this.pad = pad;
			this.floats = floats(source);
		}

		/** @return width + 2 * pad */
		int paddedWidth() {
			return width + 2 * pad;
		}

		/**
		 * Fills {@code buffer[0 .. width + 2*pad)} with row (y, z) relative to the volume's min, x from -pad to
		 * width + pad - 1.
		 */
		void read(final long y, final long z, final float[] buffer) {
			if (y >= 0 && y < height && z >= 0 && z < depth) {
				if (floats != null)
					System.arraycopy(floats, (int) ((z * height + y) * width), buffer, pad, width);
				else {
					inside.setPosition(min[0], 0);
					inside.setPosition(min[1] + y, 1);
					inside.setPosition(min[2] + z, 2);
					for (int x = 0; x < width; x++) {
						buffer[pad + x] = inside.get().getRealFloat();
						inside.fwd(0);
					}
				}
				if (pad > 0) {
					readOutside(y, z, -pad, pad, buffer, 0);
					readOutside(y, z, width, pad, buffer, pad + width);
				}
			}
			else
				readOutside(y, z, -pad, width + 2 * pad, buffer, 0);
		}

		private void readOutside(final long y, final long z, final long x0, final int n, final float[] buffer, final int offset) {
			outside.setPosition(min[0] + x0, 0);
			outside.setPosition(min[1] + y, 1);
			outside.setPosition(min[2] + z, 2);
			for (int i = 0; i < n; i++) {
				buffer[offset + i] = outside.get().getRealFloat();
				outside.fwd(0);
			}
		}
	}

	/** Writes lines into the rows of one volume (integer types round and clamp as their {@code setReal} does). */
	static final class Writer<T extends RealType<T>> {

		private final RandomAccess<T> access;
		private final long[] min = new long[3];
		private final int width;
		private final long height;
		private final float[] floats;

		Writer(final RandomAccessibleInterval<T> target) {
			this.access = target.randomAccess();
			target.min(min);
			this.width = (int) target.dimension(0);
			this.height = target.dimension(1);
			this.floats = floats(target);
		}

		/** Writes {@code line[0 .. width)} into row (y, z) relative to the volume's min. */
		void write(final long y, final long z, final float[] line) {
			if (floats != null) {
				System.arraycopy(line, 0, floats, (int) ((z * height + y) * width), width);
				return;
			}
			access.setPosition(min[0], 0);
			access.setPosition(min[1] + y, 1);
			access.setPosition(min[2] + z, 2);
			for (int x = 0; x < width; x++) {
				access.get().setReal(line[x]);
				access.fwd(0);
			}
		}
	}
}
