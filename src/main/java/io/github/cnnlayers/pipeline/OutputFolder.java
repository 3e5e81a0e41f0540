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
			throw new IOException("Output " + this.dir + " exists and is not a folder");
		Files.createDirectories(this.dir.toPath());
		if (!Files.isWritable(this.dir.toPath()))
			throw new IOException("Output folder " + this.dir + " is not writable");
	}

	/** @return the folder, absolute */
	public File dir() {
		return dir;
	}

	/**
	 * @param name a file name without extension
	 * @return the files {@link #save} writes for it: {@code <name>.tif} and {@code <name>.png}
	 */
	public List<File> filesOf(final String name) {
		final List<File> files = new ArrayList<>();
		files.add(new File(dir, name + ".tif"));
		files.add(new File(dir, name + ".png"));
		return files;
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
