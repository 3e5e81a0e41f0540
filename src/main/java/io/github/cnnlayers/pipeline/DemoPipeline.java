package io.github.cnnlayers.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import ij.ImagePlus;

/**
 * The pipeline of the course notes this project comes from, on one gray image: an edge-detecting
 * Conv2D, then from its result two branches, ReLU, and Leaky ReLU followed by max pooling. It makes
 * four feature maps: {@code <input>_conv2d}, {@code <input>_conv2d_relu},
 * {@code <input>_conv2d_leakyrelu} and {@code <input>_conv2d_leakyrelu_maxpooling}.
 * <p>
 * Leaky ReLU uses {@code alpha=0.1} (PyTorch's default is 0.01) so that the kept negative part is
 * visible next to the ReLU panel.
 */
public final class DemoPipeline {

	/**
	 * Step 1: the notes' 3x3 edge kernel (8-neighbour Laplacian), stride 1, "same" padding (1 pixel)
	 * with the border replicated, as ImageJ's Process &gt; Filters &gt; Convolve does: zero padding
	 * would make a bright frame (the kernel sees the image edge as an edge) that dominates the display.
	 */
	public static final String CONV2D = "Conv2D... kernel=[-1 -1 -1\\n-1 8 -1\\n-1 -1 -1] stride=1 padding=same border=replicate";

	/** Step 2, on the Conv2D result. */
	public static final String RELU = "ReLU";

	/** Step 3, on the Conv2D result. */
	public static final String LEAKY_RELU = "Leaky ReLU... alpha=0.1";

	/** Step 4, on the Leaky ReLU result: 2x2 windows, stride 2. */
	public static final String MAX_POOLING = "Max Pooling... size=2 stride=2";

	private final Step conv2d = Step.parse(1, CONV2D);
	private final Step relu = Step.parse(2, RELU);
	private final Step leakyRelu = Step.parse(3, LEAKY_RELU);
	private final Step maxPooling = Step.parse(4, MAX_POOLING);

	/** @return the four steps, in the order they run */
	public List<Step> steps() {
		return Collections.unmodifiableList(Arrays.asList(conv2d, relu, leakyRelu, maxPooling));
	}

	/**
	 * @param stepNumber a step's number, 1 to 4
	 * @return the number of the step whose result it works on, 0 for the input image
	 */
	public int inputOf(final int stepNumber) {
		switch (stepNumber) {
			case 2:
			case 3:
				return 1;
			case 4:
				return 3;
			default:
				return 0;
		}
	}

	/**
	 * Runs the demo; the input is never changed.
	 *
	 * @param input the input image
	 * @param inputName the input's name, e.g. {@code cell}
	 * @return the four feature maps: conv2d, conv2d_relu, conv2d_leakyrelu, conv2d_leakyrelu_maxpooling
	 * @throws IllegalArgumentException when the image is too small for a step (naming the step)
	 */
	public List<FeatureMap> run(final ImagePlus input, final String inputName) {
		final List<FeatureMap> maps = new ArrayList<>(4);
		final FeatureMap conv = conv2d.run(input, inputName);
		maps.add(conv);
		maps.add(relu.run(conv.image(), conv.name()));
		final FeatureMap leaky = leakyRelu.run(conv.image(), conv.name());
		maps.add(leaky);
		maps.add(maxPooling.run(leaky.image(), leaky.name()));
		return maps;
	}
}
