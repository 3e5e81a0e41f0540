package io.github.cnnlayers.plugins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Locale;

import io.github.cnnlayers.core.BorderMode;
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
		if (t.equals("same"))
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
		if (o.flag("normalize") && Kernel.parse(kernelText(o)).sum() == 0)
			return "kernel sums to 0, so it was not normalized";
		return null;
	}

	/** @return the parameters in effect, e.g. {@code "kernel 3x3 [...], stride 1, padding 1, border zero, dilation 1, bias 0"} */
	static String describe(final MacroOptions o) {
		final Conv2D c = conv2d(o);
		final Kernel k = c.kernel();
		return "kernel " + k.width() + "x" + k.height() + " [" + k.toText().replace("\n", "; ") + "]" +
			(o.flag("normalize") ? " (normalized)" : "") + ", stride " + c.stride() + ", padding " + c.padX() +
			(c.padX() == c.padY() ? "" : "," + c.padY()) + ", border " + c.border().label() + ", dilation " +
			c.dilation() + ", bias " + NumberText.of(c.bias());
	}

	/** @return a caption for pictures, e.g. {@code "Conv2D edge 3x3"} */
	static String caption(final MacroOptions o) {
		final Conv2D c = conv2d(o);
		final Kernel k = c.kernel();
		String name = "";
		for (final KernelPreset p : KernelPreset.values())
			if (p != KernelPreset.CUSTOM && p.kernel().equals(k))
				name = p.label() + " ";
		return "Conv2D " + name + k.width() + "x" + k.height() + (c.stride() > 1 ? ", stride " + c.stride() : "");
	}
}
