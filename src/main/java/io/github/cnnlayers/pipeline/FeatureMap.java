package io.github.cnnlayers.pipeline;

import ij.ImagePlus;

/** The result of one pipeline step: its name (the output file name without extension), image and timing. */
public final class FeatureMap {

	private final String name;
	private final ImagePlus image;
	private final Step step;
	private final long millis;
	private final String note;

	/**
	 * @param name the output name, e.g. {@code cell_conv2d_relu}
	 * @param image the image, titled {@code name}
	 * @param step the step that made it
	 * @param millis how long the step took
	 * @param note the plugin's note (e.g. why an activation left the image unchanged), or {@code null}
	 */
	public FeatureMap(final String name, final ImagePlus image, final Step step, final long millis, final String note) {
		this.name = name;
		this.image = image;
		this.step = step;
		this.millis = millis;
		this.note = note;
	}

	/** @return the output name, e.g. {@code cell_conv2d_relu} */
	public String name() {
		return name;
	}

	/** @return the image */
	public ImagePlus image() {
		return image;
	}

	/** @return the step that made it */
	public Step step() {
		return step;
	}

	/** @return how long the step took, in milliseconds */
	public long millis() {
		return millis;
	}

	/** @return the plugin's note, or {@code null} */
	public String note() {
		return note;
	}
}
