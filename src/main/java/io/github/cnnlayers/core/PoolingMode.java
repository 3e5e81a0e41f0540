package io.github.cnnlayers.core;

/** How a pooling window is reduced to one value. */
public enum PoolingMode {

	/** The largest value in the window (PyTorch {@code max_pool2d}); NaN wins, as in PyTorch. */
	MAX("max"),
	/** The smallest value in the window ({@code -max_pool2d(-x)}); NaN wins, as in max pooling. */
	MIN("min"),
	/** The mean of the window (PyTorch {@code avg_pool2d}). */
	AVERAGE("average");

	private final String label;

	PoolingMode(final String label) {
		this.label = label;
	}

	/** @return the label: "max", "min" or "average" */
	public String label() {
		return label;
	}

	@Override
	public String toString() {
		return label;
	}
}
