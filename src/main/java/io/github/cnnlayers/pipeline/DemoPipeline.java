package io.github.cnnlayers.pipeline;

/**
 * The pipeline of the course notes this project comes from, on one gray image: an edge-detecting
 * Conv2D, then from its result two branches, ReLU, and Leaky ReLU followed by max pooling. It makes
 * four feature maps: {@code <input>_conv2d}, {@code <input>_conv2d_relu},
 * {@code <input>_conv2d_leakyrelu} and {@code <input>_conv2d_leakyrelu_maxpooling}: a {@link Pipeline}
 * whose steps read the results 0 (the input), 1, 1 and 3.
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
	public static final String RELU = "@1 ReLU";

	/** Step 3, on the Conv2D result. */
	public static final String LEAKY_RELU = "@1 Leaky ReLU... alpha=0.1";

	/** Step 4, on the Leaky ReLU result: 2x2 windows, stride 2. */
	public static final String MAX_POOLING = "@3 Max Pooling... size=2 stride=2";

	private DemoPipeline() {}

	/** @return the demo as a pipeline */
	public static Pipeline pipeline() {
		return Pipeline.parse(CONV2D, RELU, LEAKY_RELU, MAX_POOLING);
	}

	/**
	 * A two-layer network whose weights ship in the jar ({@code /models/learned_edges.safetensors}, made by
	 * {@code src/main/python/make_learned_edges.py}): layer 1 is +Sobel x, -Sobel x, +Sobel y, -Sobel y (4
	 * channels, zero padding 1), then ReLU, then layer 2, a 1x1 convolution that sums the 4 channels: the
	 * edge magnitude |gx| + |gy|, which no single linear kernel can compute.
	 *
	 * @return the network as a pipeline
	 */
	public static Pipeline learnedEdges() {
		final String weights = Samples.model(Samples.LEARNED_EDGES);
		return Pipeline.parse("Conv2D... weights=[" + weights + "] tensor=edges.0 padding=1",
			"ReLU",
			"Conv2D... weights=[" + weights + "] tensor=edges.2 padding=0");
	}

	/**
	 * The trained network of the main job ({@code /models/cell_unet.onnx}, made by
	 * {@code src/main/python/make_cell_unet.py}): a 2-level U-Net that segments the cell in {@code cell.png}, its
	 * output the probability that a pixel belongs to the cell. It takes sizes that are multiples of 4, so
	 * {@code cell.png} (550 x 660) is padded by reflection to 552 x 660 and the output cropped back.
	 *
	 * @return the network as a one-step pipeline
	 */
	public static Pipeline cellUNet() {
		return Pipeline.parse("Run Network... model=[" + Samples.model(Samples.CELL_UNET) + "]");
	}
}
