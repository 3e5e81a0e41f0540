package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ij.ImagePlus;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.ElementwiseMerge;
import io.github.cnnlayers.core.MergeLayer;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.NetworkImages;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Operation;

/**
 * The layers of two inputs, as the command Merge Feature Maps... and the pipeline steps {@code Concat @2 @5},
 * {@code Add @2 @5}, {@code Multiply @2 @5}: a U-Net's skip connection (channels of both, PyTorch's
 * {@code torch.cat(dim=1)}), a ResNet's residual ({@code a + b}) or a gate ({@code a * b}), with PyTorch's
 * broadcasting of a 1-channel or 1 x 1 operand. Each operation carries its core layer.
 */
public enum MergeOperation {

	/** The channels of the first image, then those of the second. */
	CONCAT("Concat", "concat") {

		@Override
		public MergeLayer layer() {
			return new Concat();
		}
	},
	/** The element-wise sum. */
	ADD("Add", "add") {

		@Override
		public MergeLayer layer() {
			return new ElementwiseMerge(ElementwiseMerge.Operation.ADD);
		}
	},
	/** The element-wise product. */
	MULTIPLY("Multiply", "multiply") {

		@Override
		public MergeLayer layer() {
			return new ElementwiseMerge(ElementwiseMerge.Operation.MULTIPLY);
		}
	};

	/** The menu label of the command that runs them on two open images. */
	public static final String COMMAND = "Merge Feature Maps...";

	private final String label;
	private final String suffix;

	MergeOperation(final String label, final String suffix) {
		this.label = label;
		this.suffix = suffix;
	}

	/** @return the core layer */
	public abstract MergeLayer layer();

	/** @return the label, as in the dialog, macros and pipeline steps, e.g. "Concat" */
	public String label() {
		return label;
	}

	/** @return the suffix of result titles and file names, e.g. "concat" in {@code cell-concat} */
	public String suffix() {
		return suffix;
	}

	/**
	 * @param first the first input, never changed
	 * @param second the second input, never changed; the same Z and T as the first
	 * @return a new 32-bit image {@code <first title>-<suffix>} with the first image's Z, T and calibration
	 * @throws IllegalArgumentException when the images do not fit together, naming both sizes or counts
	 */
	public ImagePlus apply(final ImagePlus first, final ImagePlus second) {
		final Network network = Network.builder().input("first").input("second").add(suffix, Operation.of(layer()), "first", "second")
			.build();
		try {
			return ImageJExecutor.call(() -> NetworkImages.image(first, NetworkImages.run(Arrays.asList(first, second), network, suffix,
				null, null), suffix));
		}
		catch (final IllegalArgumentException e) { // one node: its own message says it all
			throw e.getCause() instanceof IllegalArgumentException ? (IllegalArgumentException) e.getCause() : e;
		}
	}

	/**
	 * @param text a label in any case, e.g. "concat"
	 * @return its operation
	 * @throws IllegalArgumentException listing the labels
	 */
	public static MergeOperation fromLabel(final String text) {
		final String t = text == null ? "" : text.trim();
		for (final MergeOperation m : values())
			if (m.label.equalsIgnoreCase(t))
				return m;
		throw new IllegalArgumentException("operation=" + text + " is not allowed; allowed: " + String.join(", ", labels()));
	}

	/** @return the labels, in order */
	public static List<String> labels() {
		return Arrays.stream(values()).map(MergeOperation::label).collect(Collectors.toList());
	}

	@Override
	public String toString() {
		return label.toLowerCase(Locale.ROOT);
	}
}
