package io.github.cnnlayers.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.ChannelWise3D;
import io.github.cnnlayers.core.Conv3D;
import io.github.cnnlayers.core.ConvWeights3D;
import io.github.cnnlayers.core.Kernel3D;
import io.github.cnnlayers.core.KernelPreset3D;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.VoxelGrid;

/**
 * The options of {@code run("Conv3D...", ...)}, parsed once: PyTorch's {@code conv3d} with learned weights
 * {@code [C_out, C_in/groups, kd, kh, kw]} ({@code .npy}, {@code .npz}, {@code .safetensors}; a Keras {@code .h5}
 * layer's {@code [kd, kh, kw, C_in/groups, C_out]}), the layer's bias or a bias file, and stride, padding, dilation
 * (each one number or z y x; PyTorch's defaults 1, 0, 1), groups and the border mode of the padded voxels. Instead of
 * weights, a typed {@code kernel} (its planes z separated by a blank line, {@link Kernel3D}) or a {@code preset}
 * ({@link KernelPreset3D}) is applied to every channel on its own.
 */
public final class Conv3DSpec extends VolumeSpec {

	static final String LAYOUT = "[C_out, C_in/groups, kd, kh, kw]";
	static final Key WEIGHTS = Key.of("weights", Key.Kind.TEXT, "", "Weights (.npy .npz .safetensors .h5 .keras)",
		"a weight file of PyTorch's Conv3d layout " + LAYOUT + " or a Keras Conv3D layer").namingFile();
	static final Key TENSOR = ConvTranspose2DSpec.TENSOR;
	static final Key BIASES = ConvTranspose2DSpec.BIASES;
	static final Key STRIDE = Key.of("stride", Key.Kind.TEXT, "1", "Stride (z y x, or one for all)", "a whole number >= 1");
	static final Key PADDING = Key.of("padding", Key.Kind.TEXT, "0", "Padding (z y x, or one for all)", "a whole number >= 0");
	static final Key DILATION = Key.of("dilation", Key.Kind.TEXT, "1", "Dilation (z y x, or one for all)", "a whole number >= 1");
	static final Key GROUPS = Key.of("groups", Key.Kind.INTEGER, "1", "Groups", "whole numbers >= 1 dividing C_in and C_out");
	static final Key BORDER = Key.choice("border", BorderMode.ZERO.label(), "Border", BorderMode.getAllLabels());
	static final Key KERNEL = Key.of("kernel", Key.Kind.AREA, "", "Kernel (planes z separated by a blank line)",
		"rows of numbers, one row per line, the planes (z) separated by a blank line");
	static final Key PRESET = Key.choice("preset", KernelPreset3D.CUSTOM.label(), "Preset", KernelPreset3D.getAllLabels());

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(WEIGHTS, TENSOR, BIASES, STRIDE, PADDING, DILATION, GROUPS,
		BORDER, KERNEL, PRESET));

	/** The learned weights, or {@code null} for a typed kernel */
	private final VolumeWeights tensors;
	/** The typed kernel's text, or {@code null} for learned weights */
	private final String kernelText;
	private final Conv3D layer;
	private final Layer3D volumeLayer;

	/**
	 * @param o the options
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	Conv3DSpec(final MacroOptions o) {
		super(LayerCommand.CONV3D, o);
		final String name = command.commandName();
		final String file = WEIGHTS.text(o).trim();
		final KernelPreset3D preset = KernelPreset3D.fromLabel(PRESET.text(o));
		final String typed = preset.text() != null ? preset.text() : KERNEL.text(o).trim();
		if (file.isEmpty() && typed.isEmpty())
			throw new IllegalArgumentException(name + " needs weights=[file]: a .npy, .npz or .safetensors file with the layer's weight " +
				"in PyTorch's Conv3d layout " + LAYOUT + " (and its bias NAME.bias, or biases=[file]), or a Keras .h5 with tensor=LAYER; " +
				"or a typed kernel=[planes] or preset=[" + String.join(", ", KernelPreset3D.getAllLabels()).replace("custom, ", "") + "]");
		if (!file.isEmpty() && !typed.isEmpty())
			throw new IllegalArgumentException(name + ": weights=[" + file + "] and a typed kernel (kernel or preset) are both given; " +
				"allowed: one of them");
		final String tensor = TENSOR.text(o).trim();
		final String biases = BIASES.text(o).trim();
		tensors = file.isEmpty() ? null : WeightCache.layer("3D convolution", file, tensor.isEmpty() ? null : tensor,
			biases.isEmpty() ? null : biases, name, (path, biasPath) -> VolumeWeights.read(path, tensor, biasPath, name, LAYOUT, true));
		kernelText = file.isEmpty() ? typed : null;
		final PerAxis3D stride = STRIDE.perAxis(o);
		final PerAxis3D padding = PADDING.perAxis(o);
		final PerAxis3D dilation = DILATION.perAxis(o);
		final int groups = GROUPS.integer(o);
		try {
			final ConvWeights3D w;
			if (tensors != null) {
				final int[] s = tensors.weight.shape();
				w = new ConvWeights3D(tensors.weight.data(), s[0], s[1], PerAxis3D.of(s[2], s[3], s[4]),
					tensors.bias == null ? null : tensors.bias.data(), tensor.isEmpty() ? file : tensor);
			}
			else
				w = Kernel3D.parse(kernelText).toWeights(preset.label());
			layer = Conv3D.learned(w).groups(groups).stride(stride).padding(padding).dilation(dilation)
				.border(BorderMode.fromLabel(BORDER.text(o))).build();
		}
		catch (final IllegalArgumentException e) {
			throw named(e);
		}
		volumeLayer = tensors != null ? layer : new ChannelWise3D(layer);
	}

	@Override
	Layer3D volumeLayer() {
		return volumeLayer;
	}

	@Override
	VoxelGrid grid() {
		final PerAxis3D k = layer.weights().kernelSize();
		final PerAxis3D d = layer.dilation();
		return VoxelGrid.window(PerAxis3D.of(d.z * (k.z - 1) + 1, d.y * (k.y - 1) + 1, d.x * (k.x - 1) + 1), layer.stride(),
			layer.padding());
	}

	/** @return the parameters in effect, e.g. {@code "weights m.safetensors enc.0 [8, 1, 3, 3, 3], bias, stride 1, ..."} */
	@Override
	public String describe() {
		return (tensors == null ? "kernel " + layer.weights().kernelSize() + " on every channel" : "weights " + WEIGHTS.text(options) +
			(TENSOR.text(options).isEmpty() ? "" : " " + TENSOR.text(options)) + " " + tensors.weight.shapeText() +
			(tensors.bias == null ? ", no bias" : ", bias " + tensors.bias.name())) + ", stride " +
			layer.stride() + ", padding " + layer.padding() + ", dilation " + layer.dilation() + ", groups " + layer.groups() + ", border " +
			layer.border().label();
	}

	/** @return a caption for pictures, e.g. {@code "Conv3D enc.0 8x1x3x3x3"} */
	@Override
	public String caption() {
		if (tensors == null)
			return command.commandName() + " " + PRESET.text(options).trim().toLowerCase(java.util.Locale.ROOT) + " " +
				layer.weights().kernelSize().z + "x" + layer.weights().kernelSize().y + "x" + layer.weights().kernelSize().x;
		return command.commandName() + " " + (TENSOR.text(options).isEmpty() ? "weights" : TENSOR.text(options)) + " " +
			tensors.weight.shapeText().replaceAll("[\\[\\]]", "").replace(", ", "x");
	}
}
