package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ImageProcessor;
import io.github.cnnlayers.ij.ResultImages;

/**
 * The folder the pipeline writes into: each feature map as a TIFF keeping its pixel type and
 * calibration (32-bit after Conv2D), plus an 8-bit PNG of how it looks on screen ({@link ScreenView}),
 * and montages as PNG.
 */
public final class OutputFolder {

	private final File dir;

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
		if (!new FileSaver(imp).saveAsTiff(tif.getPath()))
			throw new IOException("Could not write " + tif);
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
		if (!new FileSaver(new ImagePlus(name, picture)).saveAsPng(png.getPath()))
			throw new IOException("Could not write " + png);
		return png;
	}
}
