package io.github.cnnlayers.layers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.core.ReceptiveField;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.core.ConvWeights;

/**
 * The options of {@code run("Conv2D...", ...)}, parsed once: a kernel from a preset, a file or the kernel
 * text (several kernels separated by blank lines make a bank), or learned weights from a file; padding as a
 * number, {@code x,y} or {@code same}; and the other keys. Its keys and their defaults are written here once.
 */
public final class Conv2DSpec extends SpecBase {

	/** The kernel used when a macro gives neither {@code kernel} nor a {@code preset}: the notes' edge detector. */
	static final String DEFAULT_KERNEL = KernelPreset.EDGE.text();

	static final Key KERNEL = Key.of("kernel", Key.Kind.AREA, DEFAULT_KERNEL, "Kernel",
		"rows of numbers, one row per line, odd width and height");
	static final Key PRESET = Key.choice("preset", KernelPreset.CUSTOM.label(), "Preset", KernelPreset.getAllLabels());
	static final Key FILE = Key.of("file", Key.Kind.TEXT, "", "File (kernel text, optional)", "a readable kernel text file").namingFile();
	static final Key STRIDE = Key.of("stride", Key.Kind.INTEGER, "1", "Stride", "whole numbers >= 1");
	static final Key PADDING = Key.of("padding", Key.Kind.TEXT, "same", "Padding", "a whole number >= 0, \"x,y\" or \"same\"");
	static final Key BORDER = Key.choice("border", BorderMode.ZERO.label(), "Border", BorderMode.getAllLabels());
	static final Key DILATION = Key.of("dilation", Key.Kind.INTEGER, "1", "Dilation", "whole numbers >= 1");
	static final Key BIAS = Key.of("bias", Key.Kind.NUMBER, "0", "Bias", "any finite number");
	static final Key NORMALIZE = Key.of("normalize", Key.Kind.FLAG, "false", "Normalize kernel (divide by its sum)", "a flag");
	static final Key WEIGHTS = Key.of("weights", Key.Kind.TEXT, "", "Weights (.npy .npz .safetensors .h5 .keras, optional)",
		"a weight file; with it, the kernel is not used").namingFile();
	static final Key TENSOR = Key.of("tensor", Key.Kind.TEXT, "", "Tensor (name in the file)", "a tensor or layer name of the weight file");
	static final Key BIASES = Key.of("biases", Key.Kind.TEXT, "", "Biases (.npy, optional)", "a .npy file of C_out values").namingFile();
	static final Key GROUPS = Key.of("groups", Key.Kind.INTEGER, String.valueOf(ConvWeights.DEFAULT_GROUPS), "Groups",
		"whole numbers >= 1 dividing C_in and C_out")
		.quietDefault();

	/** The keys, in the registry's order */
	static final List<Key> KEYS = Collections.unmodifiableList(Arrays.asList(KERNEL, PRESET, FILE, STRIDE, PADDING, BORDER, DILATION,
		BIAS, NORMALIZE, WEIGHTS, TENSOR, BIASES, GROUPS));

	private final Layer layer;
	private final BorderMode border;
	/** The kernel of a single-kernel convolution or the first of a bank; {@code null} with weights */
	private final Kernel firstKernel;

	/**
	 * @param o the options; absent keys take their documented defaults
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	Conv2DSpec(final MacroOptions o) {
		super(LayerCommand.CONV2D, o);
		final String weights = WEIGHTS.text(o).trim();
		final int groups = GROUPS.integer(o);
		border = BorderMode.fromLabel(BORDER.text(o));
		if (!weights.isEmpty()) {
			firstKernel = null;
			layer = learned(o, weights, groups);
			return;
		}
		if (o.has(TENSOR.name()) || o.has(BIASES.name()))
			throw new IllegalArgumentException("Conv2D: \"tensor\" and \"biases\" go with \"weights\" (a weight file); give weights=[file]");
		if (groups != ConvWeights.DEFAULT_GROUPS)
			throw new IllegalArgumentException("Conv2D: groups=" + groups + " goes with \"weights\"; a kernel bank is applied to every " +
				"channel on its own (groups = C_in)");
		final List<Kernel> parsed = Kernel.parseBank(kernelText(o));
		firstKernel = parsed.get(0);
		final List<Kernel> bank = new ArrayList<>();
		for (final Kernel k : parsed)
			bank.add(NORMALIZE.flag(o) ? k.normalized() : k);
		final Conv2D.Builder<?> builder = bank.size() == 1 ? Conv2D.perPlane(bank.get(0)) : Conv2D.bank(bank, bankNames(o, bank.size()));
		layer = geometry(o, builder).bias(BIAS.number(o)).build();
	}

	/** @return the builder with the stride, dilation, padding and border of the options */
	private <L extends Conv2D> Conv2D.Builder<L> geometry(final MacroOptions o, final Conv2D.Builder<L> builder) {
		builder.stride(STRIDE.integer(o)).dilation(DILATION.integer(o)).border(border);
		final int[] padding = padding(PADDING.text(o));
		return padding == null ? builder.samePadding() : builder.padding(padding[1], padding[0]);
	}

	@Override
	public Layer layer() {
		return layer;
	}

	private static List<String> bankNames(final MacroOptions o, final int n) {
		final KernelPreset preset = KernelPreset.fromLabel(PRESET.text(o));
		if (preset != KernelPreset.CUSTOM && preset.kernelNames().size() == n)
			return preset.kernelNames();
		final List<String> names = new ArrayList<>();
		for (int i = 1; i <= n; i++)
			names.add("kernel " + i);
		return names;
	}

	/** A convolution with weights from a file: PyTorch's conv2d over channels. */
	private Layer learned(final MacroOptions o, final String file, final int groups) {
		final String tensor = TENSOR.text(o).trim();
		final String biases = BIASES.text(o).trim();
		final ConvWeights w = WeightCache.convolution(file, tensor.isEmpty() ? null : tensor, biases.isEmpty() ? null : biases, "Conv2D");
		final Conv2D.Builder<Conv2D> builder = geometry(o, Conv2D.learned(w, tensor.isEmpty() ? Paths.get(file).getFileName().toString() : tensor));
		final double bias = BIAS.number(o);
		if (bias != 0)
			throw new IllegalArgumentException("Conv2D: bias=" + NumberText.of(bias) + " goes with a kernel; with weights, the bias " +
				"comes from the weight file or from biases=[file]");
		if (NORMALIZE.flag(o))
			throw new IllegalArgumentException("Conv2D: normalize goes with a kernel, not with learned weights");
		return builder.groups(w.groupsFor(groups)).build();
	}

	/**
	 * @return the kernel text: a preset other than custom wins, then a kernel file ({@code file}, the
	 *         same text format, e.g. a kernel saved by ImageJ's Convolve), then {@code kernel}
	 * @throws IllegalArgumentException when the file cannot be read
	 */
	static String kernelText(final MacroOptions o) {
		final KernelPreset preset = KernelPreset.fromLabel(PRESET.text(o));
		if (preset != KernelPreset.CUSTOM)
			return preset.text();
		final String file = FILE.text(o).trim();
		if (!file.isEmpty()) {
			try {
				return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
			}
			catch (final IOException | InvalidPathException e) {
				throw new IllegalArgumentException("Conv2D: cannot read the kernel file \"" + file + "\" (" +
					e.getClass().getSimpleName() + "); give a readable text file with one kernel row per line");
			}
		}
		return KERNEL.text(o);
	}

	/**
	 * @param text "same", one whole number for both axes, or "x,y"
	 * @return {padX, padY}, or {@code null} for "same" (the builder computes it from the kernel and dilation)
	 */
	static int[] padding(final String text) {
		final String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("same"))
			return null;
		final String[] parts = t.split("\\s*[,x ]\\s*");
		try {
			if (parts.length == 1) {
				final int p = Integer.parseInt(parts[0]);
				return new int[] { p, p };
			}
			if (parts.length == 2)
				return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]) };
		}
		catch (final NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException("Conv2D: padding=" + text + " is not allowed; allowed: a whole number >= 0 " +
			"(both axes, at most " + Integer.MAX_VALUE + "), two as \"x,y\", or \"same\"");
	}

	/** @return a normalize that could not apply (the kernel sums to 0), or {@code null} */
	@Override
	public String note() {
		if (NORMALIZE.flag(options) && firstKernel != null && firstKernel.sum() == 0)
			return "kernel sums to 0, so it was not normalized";
		return null;
	}

	/** @return the parameters in effect, e.g. {@code "kernel 3x3 [...], stride 1, padding 1, border zero, dilation 1, bias 0"} */
	@Override
	public String describe() {
		if (!(layer instanceof Conv2D.PerPlane)) {
			final Conv2D c = (Conv2D) layer;
			final ReceptiveField f = c.receptiveField();
			return (c.groups() == 0 ? "bank of " + c.weightChannels() + " kernels " + c.kernelWidth() + "x" + c.kernelHeight() +
				" on every channel" : "weights " + WEIGHTS.text(options) + (TENSOR.text(options).isEmpty() ? "" : " " + TENSOR.text(options)) +
				" [" + c.weightChannels() + ", " + c.inChannelsPerGroup() + ", " + c.kernelHeight() + ", " + c.kernelWidth() + "], groups " +
				c.groups()) + ", stride " + f.stride() + ", padding " + f.padX() + (f.padX() == f.padY() ? "" : "," + f.padY()) +
				", border " + border.label() + ", dilation " + DILATION.integer(options);
		}
		final Conv2D.PerPlane c = (Conv2D.PerPlane) layer;
		final Kernel k = c.kernel();
		return "kernel " + k.width() + "x" + k.height() + " [" + k.toText().replace("\n", "; ") + "]" +
			(NORMALIZE.flag(options) ? " (normalized)" : "") + ", stride " + c.stride() + ", padding " + c.padX() +
			(c.padX() == c.padY() ? "" : "," + c.padY()) + ", border " + c.border().label() + ", dilation " +
			c.dilation() + ", bias " + NumberText.of(c.bias());
	}

	/** @return a caption for pictures, e.g. {@code "Conv2D edge 3x3"} */
	@Override
	public String caption() {
		if (!(layer instanceof Conv2D.PerPlane)) {
			final Conv2D c = (Conv2D) layer;
			return "Conv2D " + (c.groups() == 0 ? options.text(PRESET.name(), "bank") + " (" + c.weightChannels() + " kernels)"
				: (TENSOR.text(options).isEmpty() ? "weights" : TENSOR.text(options)) + " " + c.weightChannels() + "x" +
					c.inChannelsPerGroup() + "x" + c.kernelHeight() + "x" + c.kernelWidth());
		}
		final Conv2D.PerPlane c = (Conv2D.PerPlane) layer;
		final Kernel k = c.kernel();
		String name = "";
		for (final KernelPreset p : KernelPreset.values())
			if (p != KernelPreset.CUSTOM && k.equals(p.kernel()))
				name = p.label() + " ";
		return "Conv2D " + name + k.width() + "x" + k.height() + (c.stride() > 1 ? ", stride " + c.stride() : "");
	}
}
