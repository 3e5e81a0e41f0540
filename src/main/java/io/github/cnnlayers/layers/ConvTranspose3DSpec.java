package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.ConvTranspose3D;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.VoxelGrid;

/**
 * The options of {@code run("ConvTranspose3D...", ...)}, parsed once: PyTorch's {@code conv_transpose3d} with
 * weights in its {@code ConvTranspose3d} layout {@code [C_in, C_out/groups, kd, kh, kw]} ({@code .npy}, {@code .npz},
 * {@code .safetensors}), the layer's bias or a bias file, and stride, padding, output padding, dilation (each one
 * number or z y x; PyTorch's defaults 1, 0, 0, 1) and groups.
 */
public final class ConvTranspose3DSpec extends VolumeSpec {

	static final String LAYOUT = "[C_in, C_out/groups, kd, kh, kw]";
	static final Key WEIGHTS = Key.of("weights", Key.Kind.TEXT, "", "Weights (.npy .npz .safetensors)",
		"a weight file of PyTorch's ConvTranspose3d layout " + LAYOUT).namingFile();
	static final Key OUTPUT_PADDING = Key.of("output_padding", Key.Kind.TEXT, "0", "Output_padding (z y x, or one for all)",
		"a whole number >= 0, smaller than the stride or the dilation");

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(WEIGHTS, Conv3DSpec.TENSOR, Conv3DSpec.BIASES,
		Conv3DSpec.STRIDE, Conv3DSpec.PADDING, OUTPUT_PADDING, Conv3DSpec.DILATION, Conv3DSpec.GROUPS));

	private final VolumeWeights tensors;
	private final ConvTranspose3D layer;
	private final PerAxis3D stride;
	private final PerAxis3D padding;
	private final PerAxis3D outputPadding;
	private final PerAxis3D dilation;
	private final int groups;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	ConvTranspose3DSpec(final MacroOptions o) {
		super(LayerCommand.CONV_TRANSPOSE3D, o);
		final String name = command.commandName();
		final String file = WEIGHTS.text(o).trim();
		if (file.isEmpty())
			throw new IllegalArgumentException(name + " needs weights=[file]: a .npy, .npz or .safetensors file with the layer's weight " +
				"in PyTorch's ConvTranspose3d layout " + LAYOUT + " (and its bias NAME.bias, or biases=[file])");
		final String tensor = Conv3DSpec.TENSOR.text(o).trim();
		final String biases = Conv3DSpec.BIASES.text(o).trim();
		tensors = WeightCache.layer("3D transposed convolution", file, tensor.isEmpty() ? null : tensor, biases.isEmpty() ? null : biases,
			name, (path, biasPath) -> VolumeWeights.read(path, tensor, biasPath, name, LAYOUT, false));
		stride = Conv3DSpec.STRIDE.perAxis(o);
		padding = Conv3DSpec.PADDING.perAxis(o);
		outputPadding = OUTPUT_PADDING.perAxis(o);
		dilation = Conv3DSpec.DILATION.perAxis(o);
		groups = Conv3DSpec.GROUPS.integer(o);
		try {
			final int[] s = tensors.weight.shape();
			layer = ConvTranspose3D.builder(tensors.weight.data(), s[0], s[1], PerAxis3D.of(s[2], s[3], s[4])).groups(groups)
				.bias(tensors.bias == null ? null : tensors.bias.data()).stride(stride).padding(padding).outputPadding(outputPadding)
				.dilation(dilation).build();
		}
		catch (final IllegalArgumentException e) {
			throw named(e);
		}
	}

	@Override
	Layer3D volumeLayer() {
		return layer;
	}

	@Override
	VoxelGrid grid() {
		final int[] s = tensors.weight.shape();
		return VoxelGrid.transposed(PerAxis3D.of(dilation.z * (s[2] - 1) + 1, dilation.y * (s[3] - 1) + 1, dilation.x * (s[4] - 1) + 1),
			stride, padding);
	}

	/** @return the parameters in effect, e.g. {@code "weights m.safetensors up.0 [16, 8, 2, 2, 2], no bias, stride 2, ..."} */
	@Override
	public String describe() {
		return "weights " + WEIGHTS.text(options) + (Conv3DSpec.TENSOR.text(options).isEmpty() ? "" : " " + Conv3DSpec.TENSOR.text(options)) +
			" " + tensors.weight.shapeText() + (tensors.bias == null ? ", no bias" : ", bias " + tensors.bias.name()) + ", stride " + stride +
			", padding " + padding + ", output padding " + outputPadding + ", dilation " + dilation + ", groups " + groups;
	}

	/** @return a caption for pictures, e.g. {@code "ConvTranspose3D up.0 16x8x2x2x2"} */
	@Override
	public String caption() {
		return command.commandName() + " " + (Conv3DSpec.TENSOR.text(options).isEmpty() ? "weights" : Conv3DSpec.TENSOR.text(options)) +
			" " + tensors.weight.shapeText().replaceAll("[\\[\\]]", "").replace(", ", "x");
	}
}
