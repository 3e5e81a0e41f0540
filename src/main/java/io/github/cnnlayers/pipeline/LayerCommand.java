package io.github.cnnlayers.pipeline;

import java.util.Arrays;
import java.util.stream.Collectors;

import ij.ImagePlus;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.Kernel;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.plugins.ActivationPlugin;
import io.github.cnnlayers.plugins.AveragePoolingPlugin;
import io.github.cnnlayers.plugins.Conv2DPlugin;
import io.github.cnnlayers.plugins.LeakyReluPlugin;
import io.github.cnnlayers.plugins.MaxPoolingPlugin;
import io.github.cnnlayers.plugins.NewImageLayerPlugin;
import io.github.cnnlayers.plugins.PoolingPlugin;
import io.github.cnnlayers.plugins.ReluPlugin;

/**
 * The menu commands a pipeline step can name, by their menu label (the first argument of the macro
 * call {@code run("Conv2D...", ...)}), each handing its options to the command's own plugin class:
 * the same option parsing, checks and messages as the menu command.
 */
public enum LayerCommand {

	/** Plugins &gt; CNN Layers &gt; Conv2D... */
	CONV2D("Conv2D...", "conv2d"),
	/** Plugins &gt; CNN Layers &gt; ReLU */
	RELU("ReLU", "relu"),
	/** Plugins &gt; CNN Layers &gt; Leaky ReLU... */
	LEAKY_RELU("Leaky ReLU...", "leakyrelu"),
	/** Plugins &gt; CNN Layers &gt; Max Pooling... */
	MAX_POOLING("Max Pooling...", "maxpooling"),
	/** Plugins &gt; CNN Layers &gt; Average Pooling... */
	AVERAGE_POOLING("Average Pooling...", "avgpooling");

	private final String label;
	private final String suffix;

	LayerCommand(final String label, final String suffix) {
		this.label = label;
		this.suffix = suffix;
	}

	/** @return the menu label, as in {@code plugins.config} and recorded macros */
	public String label() {
		return label;
	}

	/** @return the suffix this step adds to output names, e.g. {@code leakyrelu} */
	public String suffix() {
		return suffix;
	}

	/** @return whether the command changes its image in place (the activations) rather than making a new one */
	public boolean inPlace() {
		return this == RELU || this == LEAKY_RELU;
	}

	/**
	 * Parses and checks options with the command's own parser, without an image.
	 *
	 * @param options the options in macro syntax
	 * @return the parsed options
	 * @throws IllegalArgumentException with the command's own message
	 */
	public MacroOptions check(final String options) {
		if (inPlace())
			return activation().parse(options);
		final NewImageLayerPlugin plugin = layer();
		final MacroOptions o = plugin.parse(options);
		plugin.operation(o);
		return o;
	}

	/**
	 * Runs a command that makes a new image (Conv2D, pooling) through its plugin, as the menu command does.
	 *
	 * @param image the input, never changed
	 * @param options the options in macro syntax
	 * @return the new image, not shown
	 * @throws IllegalArgumentException with the command's own message
	 * @throws IllegalStateException for an activation, which works in place ({@link #applyInPlace})
	 */
	public ImagePlus makeNew(final ImagePlus image, final String options) {
		if (inPlace())
			throw new IllegalStateException(label + " changes its image in place");
		return layer().process(image, options);
	}

	/**
	 * Runs an activation (ReLU, Leaky ReLU) in place through its plugin, as the menu command does.
	 *
	 * @param image the image to change
	 * @param options the options in macro syntax
	 * @return {@code null}, or the plugin's reason for leaving the image unchanged (its type cannot hold
	 *         negative values)
	 * @throws IllegalArgumentException with the command's own message
	 * @throws IllegalStateException for a command that makes a new image ({@link #makeNew})
	 */
	public String applyInPlace(final ImagePlus image, final String options) {
		if (!inPlace())
			throw new IllegalStateException(label + " makes a new image");
		return activation().process(image, options);
	}

	/**
	 * @param o options checked by {@link #check}
	 * @return the parameters in effect, defaults filled in, e.g. {@code "max, size 2, stride 2, padding 0, floor"}
	 */
	public String describe(final MacroOptions o) {
		switch (this) {
			case CONV2D: {
				final Conv2D c = Conv2DPlugin.conv2d(o);
				final Kernel k = c.kernel();
				return "kernel " + k.width() + "x" + k.height() + " [" + k.toText().replace("\n", "; ") + "]" +
					(o.flag("normalize") ? " (normalized)" : "") + ", stride " + c.stride() + ", padding " + c.padX() +
					(c.padX() == c.padY() ? "" : "," + c.padY()) + ", border " + c.border().label() + ", dilation " +
					c.dilation() + ", bias " + number(c.bias());
			}
			case RELU:
				return "f(x) = max(0, x)";
			case LEAKY_RELU:
				return "alpha " + number(o.number("alpha", LeakyReluPlugin.DEFAULT_ALPHA, "")) + ": f(x) = x > 0 ? x : alpha*x";
			default: {
				final Pool2D p = PoolingPlugin.pool2d(this == MAX_POOLING ? PoolingMode.MAX : PoolingMode.AVERAGE, o);
				return p.mode().label() + ", size " + p.size() + ", stride " + p.stride() + ", padding " + p.padding() +
					", " + (p.ceil() ? "ceil" : "floor") +
					(p.mode() == PoolingMode.AVERAGE ? p.countIncludePad() ? ", padded pixels counted" : ", padded pixels not counted" : "");
			}
		}
	}

	/**
	 * @param o options checked by {@link #check}
	 * @return a short caption for pictures, e.g. {@code "Conv2D edge 3x3"} or {@code "Leaky ReLU \u03b1=0.1"}
	 */
	public String caption(final MacroOptions o) {
		switch (this) {
			case CONV2D: {
				final Conv2D c = Conv2DPlugin.conv2d(o);
				final Kernel k = c.kernel();
				String name = "";
				for (final KernelPreset p : KernelPreset.values())
					if (p != KernelPreset.CUSTOM && p.kernel().equals(k))
						name = p.label() + " ";
				return "Conv2D " + name + k.width() + "x" + k.height() + (c.stride() > 1 ? ", stride " + c.stride() : "");
			}
			case RELU:
				return "ReLU";
			case LEAKY_RELU:
				return "Leaky ReLU \u03b1=" + number(o.number("alpha", LeakyReluPlugin.DEFAULT_ALPHA, ""));
			default: {
				final Pool2D p = PoolingPlugin.pool2d(this == MAX_POOLING ? PoolingMode.MAX : PoolingMode.AVERAGE, o);
				return (p.mode() == PoolingMode.MAX ? "Max" : "Average") + " Pooling " + p.size() + "x" + p.size() +
					(p.stride() != p.size() ? ", stride " + p.stride() : "");
			}
		}
	}

	private ActivationPlugin activation() {
		return this == RELU ? new ReluPlugin() : new LeakyReluPlugin();
	}

	private NewImageLayerPlugin layer() {
		switch (this) {
			case CONV2D:
				return new Conv2DPlugin();
			case MAX_POOLING:
				return new MaxPoolingPlugin();
			default:
				return new AveragePoolingPlugin();
		}
	}

	/** @return every menu label, quoted and comma-separated, for messages */
	public static String knownLabels() {
		return Arrays.stream(values()).map(c -> "\"" + c.label + "\"").collect(Collectors.joining(", "));
	}

	static String number(final double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
	}
}
