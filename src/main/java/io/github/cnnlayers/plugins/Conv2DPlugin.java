package io.github.cnnlayers.plugins;

import java.awt.AWTEvent;
import java.awt.Choice;
import java.awt.TextArea;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Locale;

import ij.gui.GenericDialog;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PlaneOperation;

/**
 * Plugins &gt; CNN Layers &gt; Conv2D...: PyTorch's {@code conv2d} on every plane, into a new 32-bit image.
 * <p>
 * Macro: {@code run("Conv2D...", "kernel=[-1 -1 -1\n-1 8 -1\n-1 -1 -1] preset=[custom] stride=1
 * padding=1 border=zero dilation=1 bias=0 normalize stack");}
 */
public class Conv2DPlugin extends NewImageLayerPlugin {

	/** The kernel used when a macro gives neither {@code kernel} nor a {@code preset}: the notes' edge detector. */
	public static final String DEFAULT_KERNEL = KernelPreset.EDGE.text();

	private static final Collection<String> KEYS = MacroOptions.keys("kernel", "preset", "file", "stride", "padding", "border",
		"dilation", "bias", "normalize");

	@Override
	protected String command() {
		return "Conv2D";
	}

	@Override
	protected Collection<String> keys() {
		return KEYS;
	}

	/**
	 * Builds the convolution from options. Defaults: kernel the notes' edge detector, preset custom,
	 * stride 1, padding "same" ({@code D*(K-1)/2} per axis), border zero, dilation 1, bias 0, no normalize.
	 * A preset other than custom replaces the kernel text.
	 */
	@Override
	public PlaneOperation operation(final MacroOptions o) {
		return PlaneOperation.of(conv2d(o));
	}

	/**
	 * @param o the options
	 * @return the convolution they describe
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public static Conv2D conv2d(final MacroOptions o) {
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
			return Conv2D.samePadding(kernel, Math.max(1, dilation));
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
			"(both axes), two as \"x,y\", or \"same\"");
	}

	@Override
	protected String note(final MacroOptions o) {
		if (o.flag("normalize") && Kernel.parse(kernelText(o)).sum() == 0)
			return "kernel sums to 0, so it was not normalized";
		return null;
	}

	@Override
	protected void addFields(final GenericDialog gd, final MacroOptions o) {
		gd.addChoice("Preset", KernelPreset.getAllLabels(), KernelPreset.fromLabel(o.text("preset", "custom")).label());
		gd.addMessage("Kernel: one row per line, odd width and height, values separated by spaces");
		gd.addTextAreas(o.text("kernel", DEFAULT_KERNEL).replace("\\n", "\n"), null, 7, 36);
		gd.addStringField("File (kernel text, optional)", o.text("file", ""), 20);
		gd.addNumericField("Stride", o.integer("stride", 1, ""), 0);
		gd.addStringField("Padding", o.text("padding", "same"), 8);
		gd.addChoice("Border", BorderMode.getAllLabels(), BorderMode.fromLabel(o.text("border", "zero")).label());
		gd.addNumericField("Dilation", o.integer("dilation", 1, ""), 0);
		gd.addNumericField("Bias", o.number("bias", 0, ""), 3);
		gd.addCheckbox("Normalize kernel (divide by its sum)", o.flag("normalize"));
	}

	@Override
	protected String readFields(final GenericDialog gd, final AWTEvent e) {
		final Choice presetChoice = (Choice) gd.getChoices().get(0);
		final TextArea area = gd.getTextArea1();
		String presetLabel = gd.getNextChoice();
		String text = gd.getNextText();
		if (e != null && e.getSource() == presetChoice) {
			final KernelPreset p = KernelPreset.fromLabel(presetLabel);
			if (p != KernelPreset.CUSTOM) {
				text = p.text();
				area.setText(text);
			}
		}
		else if (e != null && e.getSource() == area) {
			final KernelPreset p = KernelPreset.fromLabel(presetLabel);
			if (p != KernelPreset.CUSTOM && !text.trim().equals(p.text())) {
				presetChoice.select(KernelPreset.CUSTOM.label());
				presetLabel = KernelPreset.CUSTOM.label();
			}
		}
		final String file = gd.getNextString().trim();
		final double stride = gd.getNextNumber();
		final String padding = gd.getNextString();
		final String border = gd.getNextChoice();
		final double dilation = gd.getNextNumber();
		final double bias = gd.getNextNumber();
		final boolean normalize = gd.getNextBoolean();
		final StringBuilder sb = new StringBuilder();
		sb.append("kernel=").append(MacroOptions.quote(text.trim()));
		sb.append(" preset=").append(MacroOptions.quote(presetLabel));
		if (!file.isEmpty())
			sb.append(" file=").append(MacroOptions.quote(file));
		sb.append(" stride=").append(number(stride));
		sb.append(" padding=").append(MacroOptions.quote(padding.trim().isEmpty() ? "same" : padding.trim()));
		sb.append(" border=").append(border);
		sb.append(" dilation=").append(number(dilation));
		sb.append(" bias=").append(number(bias));
		if (normalize)
			sb.append(" normalize");
		return sb.toString();
	}

	private static String number(final double v) {
		if (Double.isNaN(v))
			return "NaN";
		return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
	}
}
