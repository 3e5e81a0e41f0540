package io.github.cnnlayers.pipeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.measure.Calibration;

/**
 * The sample images embedded in the jar under {@code /samples/} (provenance in
 * {@code /samples/PROVENANCE.md}): {@code cell} (gray, 0.107 µm per pixel, the pipeline's default
 * input) and {@code ihc} (RGB, uncalibrated).
 * <p>
 * From a macro: {@code call("io.github.cnnlayers.pipeline.Samples.open", "cell");} opens and shows
 * the sample and returns its title.
 */
public final class Samples {

	/** The name of the gray cell sample, the pipeline's default input. */
	public static final String CELL = "cell";

	/** The name of the RGB immunohistochemistry sample. */
	public static final String IHC = "ihc";

	/** Pixel spacing of the cell sample, in µm (from its source). */
	public static final double CELL_PIXEL_SIZE = 0.107;

	/** The unit of the cell sample's calibration. */
	public static final String CELL_UNIT = "\u00b5m";

	private Samples() {}

	/** @return the names of the embedded samples */
	public static List<String> names() {
		return Arrays.asList(CELL, IHC);
	}

	/**
	 * Opens an embedded sample, calibrated when its pixel size is known.
	 *
	 * @param name {@code cell} or {@code ihc}, in any case, with or without {@code .png}
	 * @return the image, titled {@code <name>.png}, not shown
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 * @throws IllegalStateException when the resource is missing or unreadable (a broken jar)
	 */
	public static ImagePlus image(final String name) {
		final String n = canonical(name);
		final String resource = "/samples/" + n + ".png";
		final BufferedImage bi;
		try (InputStream in = Samples.class.getResourceAsStream(resource)) {
			if (in == null)
				throw new IllegalStateException("Sample " + resource + " is missing from the classpath");
			bi = ImageIO.read(in);
		}
		catch (final IOException e) {
			throw new IllegalStateException("Sample " + resource + " cannot be read: " + e.getMessage(), e);
		}
		if (bi == null)
			throw new IllegalStateException("Sample " + resource + " is not a readable PNG");
		final ImagePlus imp = new ImagePlus(n + ".png", bi);
		if (n.equals(CELL)) {
			final Calibration cal = imp.getCalibration();
			cal.pixelWidth = CELL_PIXEL_SIZE;
			cal.pixelHeight = CELL_PIXEL_SIZE;
			cal.setUnit(CELL_UNIT);
		}
		return imp;
	}

	/**
	 * @param name {@code cell} or {@code ihc}, in any case, with or without {@code .png}
	 * @return the sample's file name and image title, e.g. {@code cell.png}
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public static String fileName(final String name) {
		return canonical(name) + ".png";
	}

	/**
	 * For macros: opens an embedded sample and shows it (in batch mode it becomes the active image).
	 *
	 * @param name {@code cell} or {@code ihc}
	 * @return the title of the opened image
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public static String open(final String name) {
		final ImagePlus imp = image(name);
		imp.show();
		return imp.getTitle();
	}

	/** The name of the two-layer learned-edges network's weights, {@code /models/learned_edges.safetensors}. */
	public static final String LEARNED_EDGES = "learned_edges";

	/** The name of the main job's trained U-Net, {@code /models/cell_unet.onnx}: it segments the cell in {@code cell.png}. */
	public static final String CELL_UNET = "cell_unet";

	/** The models shipped in the jar, by name: the file under {@code /models/} */
	private static final java.util.Map<String, String> MODELS = new java.util.LinkedHashMap<>();

	static {
		MODELS.put(LEARNED_EDGES, LEARNED_EDGES + ".safetensors");
		MODELS.put(CELL_UNET, CELL_UNET + ".onnx");
	}

	/**
	 * The path of a model or weight file shipped in the jar under {@code /models/} (provenance in
	 * {@code /models/README.md}), copied to a temporary file when the jar is not unpacked. From a macro:
	 * {@code w = call("io.github.cnnlayers.pipeline.Samples.model", "learned_edges");}
	 *
	 * @param name {@code learned_edges} or {@code cell_unet} (a file ending may be given)
	 * @return the file's path
	 * @throws IllegalArgumentException for an unknown name
	 * @throws IllegalStateException when the resource is missing (a broken jar) or cannot be copied
	 */
	public static String model(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replaceFirst("\\.(safetensors|onnx)$", "");
		final String file = MODELS.get(n);
		if (file == null)
			throw new IllegalArgumentException("Unknown model \"" + name + "\"; known models: " + String.join(", ", MODELS.keySet()));
		final String resource = "/models/" + file;
		final java.net.URL url = Samples.class.getResource(resource);
		if (url == null)
			throw new IllegalStateException("Model " + resource + " is missing from the classpath");
		try {
			if ("file".equals(url.getProtocol()))
				return java.nio.file.Paths.get(url.toURI()).toString();
			final java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("cnnlayers-models");
			final java.nio.file.Path tmp = folder.resolve(file); // the model keeps its own name in messages and captions
			folder.toFile().deleteOnExit();
			tmp.toFile().deleteOnExit();
			try (InputStream in = url.openStream()) {
				java.nio.file.Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			return tmp.toString();
		}
		catch (final IOException | java.net.URISyntaxException e) {
			throw new IllegalStateException("Model " + resource + " cannot be read: " + e.getMessage(), e);
		}
	}

	private static String canonical(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replaceFirst("\\.png$", "");
		if (!names().contains(n))
			throw new IllegalArgumentException("Unknown sample \"" + name + "\"; known samples: " + String.join(", ", names()));
		return n;
	}
}
