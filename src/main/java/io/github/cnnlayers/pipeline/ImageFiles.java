package io.github.cnnlayers.pipeline;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.io.TiffEncoder;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.ErrorText;
import io.github.cnnlayers.ij.HeapBudget;

/**
 * Reading and writing image files so that nothing is lost: an input TIFF whose pixel data ends before
 * its header says is refused (ImageJ's reader would fill the gap with zeros), and every output is
 * written to a temporary name in the target folder, flushed to disk, then renamed into place — so a
 * file under its final name is always complete, and a full disk or a killed process leaves no partial
 * output under a final name. I/O errors are reported, never swallowed (ImageJ's {@code FileSaver} can
 * return true after one).
 */
public final class ImageFiles {

	/** The prefix of temporary files; a killed run may leave such a file, never a partial final one. */
	public static final String TEMPORARY_PREFIX = ".cnnlayers-partial-";

	private ImageFiles() {}

	/**
	 * Opens an image file with ImageJ's readers.
	 *
	 * @param file the file
	 * @return the image
	 * @throws IOException naming the file and the problem: unreadable, not an image, or a truncated TIFF
	 */
	public static ImagePlus open(final File file) throws IOException {
		if (!file.isFile())
			throw new IOException("cannot open " + file.getPath() + ": " + (file.exists() ? "not a file" : "no such file"));
		final FileInfo[] tiff = tiffInfo(file);
		checkTiffComplete(file, tiff);
		checkMemoryFor(file, tiff);
		if (file.length() == 0)
			throw new IOException("cannot open " + file.getPath() + ": the file is empty (0 bytes)");
		if (new Opener().getFileType(file.getPath()) == Opener.UNKNOWN) // ImageJ's reader would print its own line first
			throw new IOException("cannot open " + file.getPath() + ": not an image ImageJ can read (unknown format; allowed: " +
				String.join(", ", PipelineRunner.IMAGE_EXTENSIONS) + ")");
		IJ.getErrorMessage(); // reset ImageJ's last error, to tell its "out of memory" from an unreadable file
		final ImagePlus imp;
		try {
			imp = IJ.openImage(file.getPath());
		}
		catch (final RuntimeException e) {
			throw new IOException("cannot open " + file.getPath() + ": " + e, e);
		}
		if (imp == null) {
			final String error = IJ.getErrorMessage();
			if (error != null && error.toLowerCase(Locale.ROOT).contains("out of memory"))
				throw new IOException("cannot open " + file.getPath() + ": " + ErrorText.outOfMemory());
			throw new IOException("cannot open " + file.getPath() + ": not an image ImageJ can read" +
				(error == null || error.isEmpty() ? "" : " (" + error.replace('\n', ' ') + ")"));
		}
		return imp;
	}

	/**
	 * Refuses a TIFF whose pixels need more memory than Java can still give, before ImageJ's reader
	 * tries (it fails with an {@code OutOfMemoryError}, or returns nothing as if the file were not an
	 * image). An image that passes may still not fit; the caller reports that as out of memory too.
	 *
	 * @param file the file, for the message
	 * @param infos its TIFF header ({@link #tiffInfo}); {@code null} for other files, which are not checked
	 * @throws IOException naming the memory needed, the memory free and how to give Java more
	 */
	static void checkMemoryFor(final File file, final FileInfo[] infos) throws IOException {
		final long needed = tiffPixelBytes(infos);
		if (needed <= 0)
			return;
		final long free = HeapBudget.freeFor(needed);
		if (needed > free)
			throw new IOException("cannot open " + file.getPath() + ": its pixels need " + HeapBudget.megabytes(needed) +
				", more than the " + HeapBudget.megabytes(free) + " Java has free; " + ErrorText.outOfMemory());
	}

	/** @return the bytes of pixel data a TIFF's header describes, or 0 without a header */
	private static long tiffPixelBytes(final FileInfo[] infos) {
		if (infos == null)
			return 0;
		long bytes = 0;
		for (final FileInfo fi : infos)
			bytes += (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel()) * Math.max(1, fi.nImages);
		return bytes;
	}

	/** @return the header of a {@code .tif}/{@code .tiff} file as ImageJ reads it, or {@code null} for other or unreadable files */
	static FileInfo[] tiffInfo(final File file) {
		final String name = file.getName().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".tif") && !name.endsWith(".tiff"))
			return null;
		try {
			return Opener.getTiffFileInfo(file.getPath());
		}
		catch (final RuntimeException e) {
			return null; // not a TIFF ImageJ understands: IJ.openImage reports it
		}
	}

	/**
	 * Checks that the pixel data a TIFF's header describes lies inside the file.
	 *
	 * @param file any file; only {@code .tif}/{@code .tiff} files are checked
	 * @throws IOException when the file is truncated, naming the bytes needed and present
	 */
	static void checkTiffComplete(final File file) throws IOException {
		checkTiffComplete(file, tiffInfo(file));
	}

	/**
	 * @param file the file
	 * @param infos its TIFF header ({@link #tiffInfo}); {@code null} for other files, which are not checked
	 * @throws IOException when the file is truncated
	 */
	private static void checkTiffComplete(final File file, final FileInfo[] infos) throws IOException {
		if (infos == null)
			return;
		final long length = file.length();
		long needed = 0;
		for (final FileInfo fi : infos) {
			if (fi.stripOffsets != null && fi.stripLengths != null && fi.stripOffsets.length == fi.stripLengths.length &&
				fi.stripOffsets.length > 0)
				for (int i = 0; i < fi.stripOffsets.length; i++)
					needed = Math.max(needed, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
			if (fi.compression <= FileInfo.COMPRESSION_NONE) {
				final long planeBytes = (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel());
				final long images = Math.max(1, fi.nImages);
				needed = Math.max(needed, fi.getOffset() + planeBytes * images + Math.max(0, fi.gapBetweenImages) * (images - 1));
			}
		}
		if (needed > length)
			throw new IOException(file.getPath() + " is truncated: its pixel data needs " + needed + " bytes, the file has " +
				length + " (an interrupted copy or download?)");
	}

	/**
	 * Writes a TIFF that keeps the pixel type, calibration and slice labels, atomically.
	 *
	 * @param imp the image
	 * @param target the final file
	 * @throws IOException when it cannot be written completely
	 */
	public static void writeTiff(final ImagePlus imp, final File target) throws IOException {
		final FileInfo fi = imp.getFileInfo();
		fi.description = new FileSaver(imp).getDescriptionString();
		fi.info = imp.getInfoProperty();
		if (imp.getStackSize() > 1)
			fi.sliceLabels = imp.getStack().getSliceLabels();
		write(target, out -> new TiffEncoder(fi).write(out));
	}

	/**
	 * Writes an 8-bit or RGB picture as PNG, atomically.
	 *
	 * @param picture the picture
	 * @param target the final file
	 * @throws IOException when it cannot be written completely
	 */
	public static void writePng(final ImageProcessor picture, final File target) throws IOException {
		final BufferedImage bi = picture.getBitDepth() == 24 ? picture.getBufferedImage() : picture.convertToByteProcessor(false)
			.getBufferedImage();
		write(target, out -> {
			if (!ImageIO.write(bi, "png", out))
				throw new IOException("no PNG writer in this Java");
		});
	}

	/**
	 * Copies a file, atomically: a file under the target's name is always complete.
	 *
	 * @param source the file
	 * @param target the copy
	 * @throws IOException when it cannot be copied completely
	 */
	public static void copy(final File source, final File target) throws IOException {
		final long size = source.length();
		write(target, out -> {
			final long copied = Files.copy(source.toPath(), out);
			if (copied != size)
				throw new IOException("the copy has " + copied + " bytes, the file " + size);
		});
	}

	/** Writes content to a file. */
	private interface Content {

		void writeTo(OutputStream out) throws IOException;
	}

	private static void write(final File target, final Content content) throws IOException {
		final Path dir = target.getAbsoluteFile().getParentFile().toPath();
		final Path tmp = Files.createTempFile(dir, TEMPORARY_PREFIX, "-" + target.getName());
		try {
			try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
				DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fos, 1 << 16)))
			{
				content.writeTo(out);
				out.flush();
				fos.getFD().sync();
			}
			try {
				Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target.toPath(), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException | RuntimeException e) {
			Files.deleteIfExists(tmp);
			throw new IOException("could not write " + target + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
		}
	}
}
