package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.ResultImages;

/**
 * The folder the pipeline writes into: each feature map as a TIFF keeping its pixel type and
 * calibration (32-bit after Conv2D), plus an 8-bit PNG of how it looks on screen ({@link ScreenView}),
 * and montages as PNG. Every file is written atomically ({@link ImageFiles}); the files of one image
 * are all-or-nothing: {@link #discard} removes what this run wrote for an image that failed.
 */
public final class OutputFolder {

	private final File dir;
	private final List<File> written = new ArrayList<>();

	/**
	 * @param dir the folder; created when missing
	 * @throws IOException when it cannot be created or is not a writable folder
	 */
	public OutputFolder(final File dir) throws IOException {
		this.dir = dir.getAbsoluteFile();
		if (this.dir.exists() && !this.dir.isDirectory())
			throw new IOException("the output " + this.dir + " exists and is not a folder; give a folder with --output");
		try {
			Files.createDirectories(this.dir.toPath());
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException(cannotCreate(this.dir, e), e);
		}
		if (!Files.isWritable(this.dir.toPath()))
			throw new IOException("the output folder " + this.dir + " is not writable (permission denied); give a folder you may write with --output");
	}

	/**
	 * @param dir a folder that could not be created
	 * @param e why ({@link Files#createDirectories})
	 * @return the message: which folder, and why, e.g. "... /proc/foo: the folder /proc does not allow new folders ..."
	 */
	private static String cannotCreate(final File dir, final Exception e) {
		File existing = dir.getParentFile();
		while (existing != null && !existing.exists())
			existing = existing.getParentFile();
		final String why;
		if (existing != null && !existing.isDirectory())
			why = existing + " exists and is not a folder";
		else if (e instanceof java.nio.file.AccessDeniedException)
			why = "permission denied" + (existing == null ? "" : " in " + existing);
		else if (e instanceof java.nio.file.NoSuchFileException && existing != null)
			why = "the folder " + existing + " does not allow new folders (a read-only or virtual filesystem?)";
		else if (e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null)
			why = ((java.nio.file.FileSystemException) e).getReason();
		else
			why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
		return "cannot create the output folder " + dir + ": " + why + "; give a folder you may write with --output";
	}

	/** @return the folder, absolute */
	public File dir() {
		return dir;
	}

	/**
	 * Writes {@code <name>.tif} and {@code <name>.png}. The image's display range is reset to its data
	 * first, so the TIFF opens in ImageJ looking like the PNG.
	 *
	 * @param map the feature map
	 * @return the TIFF and the PNG
	 * @throws IOException when a file cannot be written
	 */
	public File[] save(final FeatureMap map) throws IOException {
		final ImagePlus imp = map.image();
		ResultImages.resetDisplay(imp);
		final File tif = new File(dir, map.name() + ".tif");
		ImageFiles.writeTiff(imp, tif);
		written.add(tif);
		final File png = savePng(ScreenView.of(imp), map.name());
		return new File[] { tif, png };
	}

	/**
	 * @param picture an 8-bit or RGB picture
	 * @param name the file name without {@code .png}
	 * @return the file written
	 * @throws IOException when it cannot be written
	 */
	public File savePng(final ImageProcessor picture, final String name) throws IOException {
		final File png = new File(dir, name + ".png");
		ImageFiles.writePng(picture, png);
		written.add(png);
		return png;
	}

	/** @return the files written since the last {@link #discard} or {@link #keep} */
	public List<File> written() {
		return Collections.unmodifiableList(written);
	}

	/** Keeps the files written so far: the next image's files start a new group. */
	public void keep() {
		written.clear();
	}

	/** Deletes the files written since the last {@link #keep} (an image that failed half-way). */
	public void discard() {
		for (final File f : written)
			f.delete();
		written.clear();
	}
}
