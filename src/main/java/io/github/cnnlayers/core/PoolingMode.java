package io.github.cnnlayers.core;

/** How a pooling window is reduced to one value. */
public enum PoolingMode {

	/** The largest value in the window (PyTorch {@code max_pool2d}); NaN wins, as in PyTorch. */
	MAX("max"),
	/** The mean of the window (PyTorch {@code avg_pool2d}). */
	AVERAGE("average");

	private final String label;

	PoolingMode(final String label) {
		this.label = label;
	}

	/** @return the label, used in titles ("maxpool", "avgpool" suffixes come from it) */
	public String label() {
		return label;
	}

	@Override
	public String toString() {
		return label;
	}
}
