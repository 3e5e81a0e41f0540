package io.github.cnnlayers.layers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.ConvTranspose2D;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.weights.Tensor;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The options of {@code run("ConvTranspose2D...", ...)}, parsed once: PyTorch's {@code conv_transpose2d} with
 * weights in its {@code ConvTranspose2d} layout {@code [C_in, C_out/groups, kh, kw]} from a {@code .npy},
 * {@code .npz} or {@code .safetensors} file (tensor {@code NAME} or {@code NAME.weight}, with {@code NAME.bias}
 * when present, or a bias file), and stride, padding, output padding, dilation and groups (PyTorch's defaults).
 */
public final class ConvTranspose2DSpec extends SpecBase {

	static final Key WEIGHTS = Key.of("weights", Key.Kind.TEXT, "", "Weights (.npy .npz .safetensors)",
		"a weight file of PyTorch's ConvTranspose2d layout [C_in, C_out/groups, kh, kw]").namingFile();
	static final Key TENSOR = Key.of("tensor", Key.Kind.TEXT, "", "Tensor (name in the file)", "a tensor or layer name of the weight file");
	static final Key BIASES = Key.of("biases", Key.Kind.TEXT, "", "Biases (.npy, optional)", "a .npy file of C_out values").namingFile();
	static final Key STRIDE = Key.of("stride", Key.Kind.INTEGER, "1", "Stride", "whole numbers >= 1");
	static final Key PADDING = Key.of("padding", Key.Kind.INTEGER, "0", "Padding", "whole numbers >= 0");
	static final Key OUTPUT_PADDING = Key.of("output_padding", Key.Kind.INTEGER, "0", "Output_padding",
		"whole numbers >= 0, smaller than the stride or the dilation");
	static final Key DILATION = Key.of("dilation", Key.Kind.INTEGER, "1", "Dilation", "whole numbers >= 1");
	static final Key GROUPS = Key.of("groups", Key.Kind.INTEGER, "1", "Groups", "whole numbers >= 1 dividing C_in");

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(WEIGHTS, TENSOR, BIASES, STRIDE, PADDING, OUTPUT_PADDING,
		DILATION, GROUPS));

	private static final String NAME = "ConvTranspose2D";

	private final Tensor[] tensors;
	private final ConvTranspose2D layer;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	ConvTranspose2DSpec(final MacroOptions o) {
		super(LayerCommand.CONV_TRANSPOSE2D, o);
		final String file = WEIGHTS.text(o).trim();
		if (file.isEmpty())
			throw new IllegalArgumentException(NAME + " needs weights=[file]: a .npy, .npz or .safetensors file with the layer's weight " +
				"in PyTorch's ConvTranspose2d layout [C_in, C_out/groups, kh, kw] (and its bias NAME.bias, or biases=[file])");
		final String tensor = TENSOR.text(o).trim();
		final String biases = BIASES.text(o).trim();
		tensors = WeightCache.layer("transposed convolution", file, tensor.isEmpty() ? null : tensor, biases.isEmpty() ? null : biases, NAME,
			(path, biasPath) -> read(path, tensor, biasPath));
		final Tensor w = tensors[0];
		if (w.rank() != 4)
			throw new IllegalArgumentException(NAME + ": the weights " + w.name() + " have shape " + w.shapeText() + "; allowed: a 4-D " +
				"tensor [C_in, C_out/groups, kh, kw] (PyTorch's ConvTranspose2d layout)");
		final int groups = GROUPS.integer(o);
		try {
			layer = ConvTranspose2D.builder(w.data(), w.dim(0), w.dim(1), w.dim(2), w.dim(3)).groups(groups)
				.bias(tensors[1] == null ? null : tensors[1].data()).stride(STRIDE.integer(o)).padding(PADDING.integer(o))
				.outputPadding(OUTPUT_PADDING.integer(o)).dilation(DILATION.integer(o)).name(tensor.isEmpty() ? "convtranspose" : tensor)
				.build();
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(NAME + ": " + e.getMessage(), e);
		}
	}

	/**
	 * @param file the weight file
	 * @param layer the tensor or layer name, "" for the file's only tensor
	 * @param biasFile a file holding the bias, or {@code null} for {@code <layer>.bias} when present
	 * @return {weight, bias or null}, read from the files
	 */
	private static Tensor[] read(final Path file, final String layer, final Path biasFile) {
		final LayerTensors t = new LayerTensors(file, layer);
		if (t.isKeras())
			throw new IllegalArgumentException(NAME + " reads PyTorch's layout [C_in, C_out/groups, kh, kw] from .npy, .npz or " +
				".safetensors files; Keras Conv2DTranspose kernels ([kh, kw, C_out, C_in]) are not read: save the kernel transposed to " +
				"[C_in, C_out, kh, kw] as .npy, its bias as a second .npy (biases=[file])");
		final boolean named = !layer.isEmpty() && !t.isNpy();
		final Tensor weight = named ? t.required("weight", "", ".weight") : t.only();
		Tensor bias = named ? t.optional(".bias") : null;
		if (biasFile != null) {
			bias = WeightFile.read(biasFile, null);
			if (bias.rank() != 1)
				throw new IllegalArgumentException(NAME + ": the bias " + bias.name() + " has shape " + bias.shapeText() +
					"; allowed: a 1-D tensor of C_out values");
		}
		return new Tensor[] { weight, bias };
	}

	@Override
	public Layer layer() {
		return layer;
	}

	/** @return the parameters in effect, e.g. {@code "weights m.safetensors up.0 [16, 8, 2, 2], groups 1, stride 2, ..."} */
	@Override
	public String describe() {
		return "weights " + WEIGHTS.text(options) + (TENSOR.text(options).isEmpty() ? "" : " " + TENSOR.text(options)) + " " +
			tensors[0].shapeText() + (tensors[1] == null ? ", no bias" : ", bias " + tensors[1].name()) + ", stride " + STRIDE.integer(options) +
			", padding " + PADDING.integer(options) + ", output padding " + OUTPUT_PADDING.integer(options) + ", dilation " +
			DILATION.integer(options) + ", groups " + GROUPS.integer(options);
	}

	/** @return a caption for pictures, e.g. {@code "ConvTranspose2D up.0 16x8x2x2, stride 2"} */
	@Override
	public String caption() {
		return NAME + " " + (TENSOR.text(options).isEmpty() ? "weights" : TENSOR.text(options)) + " " +
			tensors[0].shapeText().replaceAll("[\\[\\]]", "").replace(", ", "x") + (STRIDE.integer(options) > 1 ? ", stride " +
				STRIDE.integer(options) : "");
	}
}
