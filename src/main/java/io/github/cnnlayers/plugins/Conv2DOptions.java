package io.github.cnnlayers.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Locale;

import java.util.ArrayList;
import java.util.List;

import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.ChannelConv2D;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.OutputGeometry;
import io.github.cnnlayers.core.ReceptiveField;
import io.github.cnnlayers.weights.ConvWeights;
import io.github.cnnlayers.weights.WeightFile;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * How the options of {@code run("Conv2D...", ...)} become a {@link Conv2D}: kernel from a preset, a
 * file or the kernel text, padding as a number, {@code x,y} or {@code same}, and the other keys.
 */
final class Conv2DOptions {

	/** The kernel used when a macro gives neither {@code kernel} nor a {@code preset}: the notes' edge detector. */
	static final String DEFAULT_KERNEL = KernelPreset.EDGE.text();

	private Conv2DOptions() {}

	/**
	 * @param o the options; absent keys take their documented defaults
	 * @return the layer they describe: a learned convolution over channels when {@code weights} names a
	 *         file, a bank applied to every channel when the kernel text holds several kernels separated by
	 *         blank lines (or a bank preset), else the single-kernel convolution of every plane
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	static Layer layer(final MacroOptions o) {
		final String weights = o.text("weights", "").trim();
		final int groups = o.integer("groups", ConvWeights.DEFAULT_GROUPS, "whole numbers >= 1 dividing C_in and C_out");
		if (!weights.isEmpty())
			return learned(o, weights, groups);
		if (o.has("tensor") || o.has("biases"))
			throw new IllegalArgumentException("Conv2D: \"tensor\" and \"biases\" go with \"weights\" (a weight file); give weights=[file]");
		if (groups != ConvWeights.DEFAULT_GROUPS)
			throw new IllegalArgumentException("Conv2D: groups=" + groups + " goes with \"weights\"; a kernel bank is applied to every " +
				"channel on its own (groups = C_in)");
		final List<Kernel> bank = bank(o);
		if (bank.size() == 1)
			return conv2d(o);
		final int stride = o.integer("stride", 1, "whole numbers >= 1");
		final int dilation = o.integer("dilation", 1, "whole numbers >= 1");
		final int[] padding = padding(o.text("padding", "same"), bank.get(0), dilation);
		final BorderMode border = BorderMode.fromLabel(o.text("border", BorderMode.ZERO.label()));
		return ChannelConv2D.bank(bank, bankNames(o, bank.size()), o.number("bias", 0, "any finite number"), stride, padding[0],
			padding[1], dilation, border);
	}

	/** @return the kernels of a bank (one for a single kernel), each normalized when asked */
	private static List<Kernel> bank(final MacroOptions o) {
		final List<Kernel> bank = new ArrayList<>();
		for (final Kernel k : Kernel.parseBank(kernelText(o)))
			bank.add(o.flag("normalize") ? k.normalized() : k);
		return bank;
	}

	private static List<String> bankNames(final MacroOptions o, final int n) {
		final KernelPreset preset = KernelPreset.fromLabel(o.text("preset", KernelPreset.CUSTOM.label()));
		if (preset != KernelPreset.CUSTOM && preset.kernelNames().size() == n)
			return preset.kernelNames();
		final List<String> names = new ArrayList<>();
		for (int i = 1; i <= n; i++)
			names.add("kernel " + i);
		return names;
	}

	/** A convolution with weights from a file: PyTorch's conv2d over channels. */
	private static Layer learned(final MacroOptions o, final String file, final int groups) {
		final String tensor = o.text("tensor", "").trim();
		final String biases = o.text("biases", "").trim();
		final ConvWeights w;
		try {
			w = WeightFile.convolution(Paths.get(file), tensor.isEmpty() ? null : tensor, biases.isEmpty() ? null : Paths.get(biases));
		}
		catch (final InvalidPathException e) {
			throw new IllegalArgumentException("Conv2D: weights=" + file + " is not a valid path");
		}
		final int stride = o.integer("stride", 1, "whole numbers >= 1");
		final int dilation = o.integer("dilation", 1, "whole numbers >= 1");
		final String pad = o.text("padding", "same").trim().toLowerCase(Locale.ROOT);
		final int[] padding;
		if (pad.equals("same")) {
			if (w.kernelWidth() % 2 == 0 || w.kernelHeight() % 2 == 0)
				throw new IllegalArgumentException("Conv2D: padding=same needs odd kernel sizes, but the weights are " + w.kernelHeight() +
					"x" + w.kernelWidth() + " (PyTorch pads even kernels unevenly, one more pixel right and below, which this layer " +
					"does not do); give the padding as numbers, e.g. padding=" + dilation * (w.kernelWidth() - 1) / 2);
			padding = new int[] { OutputGeometry.samePadding(w.kernelWidth(), dilation), OutputGeometry.samePadding(w.kernelHeight(), dilation) };
		}
		else
			padding = padding(pad, null, dilation);
		final double bias = o.number("bias", 0, "any finite number");
		if (bias != 0)
			throw new IllegalArgumentException("Conv2D: bias=" + NumberText.of(bias) + " goes with a kernel; with weights, the bias " +
				"comes from the weight file or from biases=[file]");
		if (o.flag("normalize"))
			throw new IllegalArgumentException("Conv2D: normalize goes with a kernel, not with learned weights");
		final String name = tensor.isEmpty() ? Paths.get(file).getFileName().toString() : tensor;
		return ChannelConv2D.learned(w.weights(), w.outChannels(), w.inChannelsPerGroup(), w.kernelHeight(), w.kernelWidth(), w.groupsFor(groups),
			w.bias(), stride, padding[0], padding[1], dilation, BorderMode.fromLabel(o.text("border", BorderMode.ZERO.label())), name);
	}

	/**
	 * @param o the options of a single kernel (no weights, no bank)
	 * @return the convolution they describe
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	static Conv2D conv2d(final MacroOptions o) {
		final Kernel kernel = kernel(o);
		final int stride = o.integer("stride", 1, "whole numbers >= 1");
		final int dilation = o.integer("dilation", 1, "whole numbers >= 1");
		final int[] padding = padding(o.text("padding", "same"), kernel, dilation);
		final double bias = o.number("bias", 0, "any finite number");
		final BorderMode border = BorderMode.fromLabel(o.text("border", BorderMode.ZERO.label()));
		return new Conv2D(kernel, stride, padding[0], padding[1], dilation, bias, border);
	}

	/** @return the kernel of the options: preset, file or kernel text, normalized when asked */
	static Kernel kernel(final MacroOptions o) {
		final Kernel kernel = Kernel.parse(kernelText(o));
		return o.flag("normalize") ? kernel.normalized() : kernel;
	}

	/**
	 * @return the kernel text: a preset other than custom wins, then a kernel file ({@code file}, the
	 *         same text format, e.g. a kernel saved by ImageJ's Convolve), then {@code kernel}
	 * @throws IllegalArgumentException when the file cannot be read
	 */
	static String kernelText(final MacroOptions o) {
		final KernelPreset preset = KernelPreset.fromLabel(o.text("preset", KernelPreset.CUSTOM.label()));
		if (preset != KernelPreset.CUSTOM)
			return preset.text();
		final String file = o.text("file", "").trim();
		if (!file.isEmpty()) {
			try {
				return new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
			}
			catch (final IOException | InvalidPathException e) {
				throw new IllegalArgumentException("Conv2D: cannot read the kernel file \"" + file + "\" (" +
					e.getClass().getSimpleName() + "); give a readable text file with one kernel row per line");
			}
		}
		return o.text("kernel", DEFAULT_KERNEL);
	}

	/**
	 * @param text "same", one whole number for both axes, or "x,y"
	 * @param kernel the kernel, for "same"
	 * @param dilation the dilation, for "same"
	 * @return {padX, padY}
	 */
	static int[] padding(final String text, final Kernel kernel, final int dilation) {
		final String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.equals("same") && kernel != null)
			return Conv2D.samePadding(kernel, dilation);
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

	/** @return a status note after a run: a normalize that could not apply, or {@code null} */
	static String note(final MacroOptions o) {
		if (o.flag("normalize") && o.text("weights", "").trim().isEmpty() && Kernel.parseBank(kernelText(o)).get(0).sum() == 0)
			return "kernel sums to 0, so it was not normalized";
		return null;
	}

	/** @return the parameters in effect, e.g. {@code "kernel 3x3 [...], stride 1, padding 1, border zero, dilation 1, bias 0"} */
	static String describe(final MacroOptions o) {
		final Layer layer = layer(o);
		if (layer instanceof ChannelConv2D) {
			final ChannelConv2D c = (ChannelConv2D) layer;
			final ReceptiveField f = c.receptiveField();
			return (c.groups() == 0 ? "bank of " + c.weightChannels() + " kernels " + c.kernelWidth() + "x" + c.kernelHeight() +
				" on every channel" : "weights " + o.text("weights", "") + (o.text("tensor", "").isEmpty() ? "" : " " + o.text("tensor", "")) +
				" [" + c.weightChannels() + ", " + c.inChannelsPerGroup() + ", " + c.kernelHeight() + ", " + c.kernelWidth() + "], groups " +
				c.groups()) + ", stride " + f.stride() + ", padding " + f.padX() + (f.padX() == f.padY() ? "" : "," + f.padY()) +
				", border " + o.text("border", "zero").toLowerCase(Locale.ROOT) + ", dilation " + o.integer("dilation", 1, "");
		}
		final Conv2D c = (Conv2D) layer;
		final Kernel k = c.kernel();
		return "kernel " + k.width() + "x" + k.height() + " [" + k.toText().replace("\n", "; ") + "]" +
			(o.flag("normalize") ? " (normalized)" : "") + ", stride " + c.stride() + ", padding " + c.padX() +
			(c.padX() == c.padY() ? "" : "," + c.padY()) + ", border " + c.border().label() + ", dilation " +
			c.dilation() + ", bias " + NumberText.of(c.bias());
	}

	/** @return a caption for pictures, e.g. {@code "Conv2D edge 3x3"} */
	static String caption(final MacroOptions o) {
		final Layer layer = layer(o);
		if (layer instanceof ChannelConv2D) {
			final ChannelConv2D c = (ChannelConv2D) layer;
			return "Conv2D " + (c.groups() == 0 ? o.text("preset", "bank") + " (" + c.weightChannels() + " kernels)"
				: (o.text("tensor", "").isEmpty() ? "weights" : o.text("tensor", "")) + " " + c.weightChannels() + "x" +
					c.inChannelsPerGroup() + "x" + c.kernelHeight() + "x" + c.kernelWidth());
		}
		final Conv2D c = (Conv2D) layer;
		final Kernel k = c.kernel();
		String name = "";
		for (final KernelPreset p : KernelPreset.values())
			if (p != KernelPreset.CUSTOM && k.equals(p.kernel()))
				name = p.label() + " ";
		return "Conv2D " + name + k.width() + "x" + k.height() + (c.stride() > 1 ? ", stride " + c.stride() : "");
	}
}
