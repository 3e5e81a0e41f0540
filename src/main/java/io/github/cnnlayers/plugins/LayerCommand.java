package io.github.cnnlayers.plugins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import ij.ImagePlus;
import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BorderMode;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.ActivationRunner;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.ij.PlaneRunner;

/**
 * The list of layers: every menu command under Plugins &gt; CNN Layers with what defines it — menu
 * label, macro keys with defaults, result title suffix, pipeline file suffix, whether it changes its
 * image in place or makes a new one, and how its core {@link Layer} is built from the options. The
 * plugin classes, {@code plugins.config}, the headless pipeline, the SciJava commands, the README
 * checks and the tests all read this list.
 * <p>
 * Adding an element-wise activation or a pooling mode is one entry here plus its core function.
 */
public enum LayerCommand {

	/** Plugins &gt; CNN Layers &gt; Conv2D...: PyTorch's {@code conv2d}, into a new 32-bit image. */
	CONV2D("Conv2D...", "conv2d", "conv2d", Life.NEW_IMAGE, Keys.CONV2D, "Conv2DCommand", Conv2DOptions::layer,
		Conv2DOptions::describe, Conv2DOptions::caption),
	/** Plugins &gt; CNN Layers &gt; Batch Norm...: PyTorch's {@code batch_norm} in eval mode, per channel, 32-bit. */
	BATCH_NORM("Batch Norm...", "batchnorm", "batchnorm", Life.NEW_IMAGE, Keys.BATCH_NORM, "BatchNormCommand",
		BatchNormOptions::layer, BatchNormOptions::describe, o -> "Batch Norm " + o.text("tensor", "")),
	/** Plugins &gt; CNN Layers &gt; ReLU: {@code max(0, x)} in place. */
	RELU("ReLU", "relu", "relu", Life.IN_PLACE, Keys.NONE, "ReluCommand", o -> Activation.relu(),
		o -> "f(x) = max(0, x)", o -> "ReLU"),
	/** Plugins &gt; CNN Layers &gt; Leaky ReLU...: {@code x > 0 ? x : alpha*x} in place. */
	LEAKY_RELU("Leaky ReLU...", "leakyrelu", "leakyrelu", Life.IN_PLACE, Keys.LEAKY_RELU, "LeakyReluCommand",
		o -> Activation.leakyRelu(Keys.alpha(o)),
		o -> "alpha " + NumberText.of(Keys.alpha(o)) + ": f(x) = x > 0 ? x : alpha*x",
		o -> "Leaky ReLU \u03b1=" + NumberText.of(Keys.alpha(o))),
	/** Plugins &gt; CNN Layers &gt; Sigmoid: {@code 1/(1+e^-x)} in place, 32-bit images. */
	SIGMOID("Sigmoid", "sigmoid", "sigmoid", Life.IN_PLACE, Keys.NONE, "SigmoidCommand", o -> Activation.sigmoid(),
		o -> "f(x) = 1 / (1 + e^-x)", o -> "Sigmoid"),
	/** Plugins &gt; CNN Layers &gt; Tanh: {@code tanh(x)} in place, 32-bit images. */
	TANH("Tanh", "tanh", "tanh", Life.IN_PLACE, Keys.NONE, "TanhCommand", o -> Activation.tanh(),
		o -> "f(x) = tanh(x)", o -> "Tanh"),
	/** Plugins &gt; CNN Layers &gt; Max Pooling...: PyTorch's {@code max_pool2d}, same type. */
	MAX_POOLING("Max Pooling...", "maxpool", "maxpooling", Life.NEW_IMAGE, Keys.POOLING, "MaxPoolingCommand",
		o -> PoolingOptions.pool2d(PoolingMode.MAX, o), o -> PoolingOptions.describe(PoolingMode.MAX, o),
		o -> PoolingOptions.caption("Max Pooling", PoolingMode.MAX, o)),
	/** Plugins &gt; CNN Layers &gt; Average Pooling...: PyTorch's {@code avg_pool2d}, 32-bit. */
	AVERAGE_POOLING("Average Pooling...", "avgpool", "avgpooling", Life.NEW_IMAGE, Keys.AVERAGE_POOLING,
		"AveragePoolingCommand", o -> PoolingOptions.pool2d(PoolingMode.AVERAGE, o),
		o -> PoolingOptions.describe(PoolingMode.AVERAGE, o), o -> PoolingOptions.caption("Average Pooling", PoolingMode.AVERAGE, o)),
	/** Plugins &gt; CNN Layers &gt; Min Pooling...: {@code -max_pool2d(-x)}, same type. */
	MIN_POOLING("Min Pooling...", "minpool", "minpooling", Life.NEW_IMAGE, Keys.POOLING, "MinPoolingCommand",
		o -> PoolingOptions.pool2d(PoolingMode.MIN, o), o -> PoolingOptions.describe(PoolingMode.MIN, o),
		o -> PoolingOptions.caption("Min Pooling", PoolingMode.MIN, o));

	/** What a command does with its image. */
	public enum Life {
		/** makes a new image; the source is never changed (Conv2D, pooling) */
		NEW_IMAGE,
		/** changes the image in place, with Undo, like Process &gt; Math (the activations) */
		IN_PLACE
	}

	private final String label;
	private final String titleSuffix;
	private final String fileSuffix;
	private final Life life;
	private final List<Key> keys;
	private final String scijavaCommand;
	private final Function<MacroOptions, Layer> factory;
	private final Function<MacroOptions, String> describer;
	private final Function<MacroOptions, String> captioner;

	LayerCommand(final String label, final String titleSuffix, final String fileSuffix, final Life life, final List<Key> keys,
		final String scijavaCommand, final Function<MacroOptions, Layer> factory, final Function<MacroOptions, String> describer,
		final Function<MacroOptions, String> captioner)
	{
		this.label = label;
		this.titleSuffix = titleSuffix;
		this.fileSuffix = fileSuffix;
		this.life = life;
		this.keys = keys;
		this.scijavaCommand = scijavaCommand;
		this.factory = factory;
		this.describer = describer;
		this.captioner = captioner;
	}

	/** @return the menu label, as in {@code plugins.config} and recorded macros, e.g. {@code "Max Pooling..."} */
	public String label() {
		return label;
	}

	/** @return the name in messages and dialog titles: the label without "...", e.g. {@code "Max Pooling"} */
	public String commandName() {
		return label.endsWith("...") ? label.substring(0, label.length() - 3) : label;
	}

	/** @return the argument that selects this command in {@code plugins.config}: the name in lower case */
	public String argument() {
		return commandName().toLowerCase(Locale.ROOT);
	}

	/** @return the suffix of result titles, e.g. {@code "maxpool"} in {@code cell-maxpool} */
	public String titleSuffix() {
		return titleSuffix;
	}

	/** @return the suffix of the pipeline's output files, e.g. {@code "maxpooling"} in {@code cell_maxpooling.tif} */
	public String fileSuffix() {
		return fileSuffix;
	}

	/** @return whether the command changes its image in place or makes a new one */
	public Life life() {
		return life;
	}

	/** @return whether the command changes its image in place (the activations) */
	public boolean inPlace() {
		return life == Life.IN_PLACE;
	}

	/** @return the macro keys of the command, without {@code stack} and {@code slice}, in dialog order */
	public List<Key> keys() {
		return keys;
	}

	/** @return the macro keys' names, then {@code stack} and {@code slice} */
	public Set<String> allowedKeys() {
		final Set<String> names = keys.stream().map(Key::name).collect(Collectors.toCollection(LinkedHashSet::new));
		names.add("stack");
		names.add("slice");
		return names;
	}

	/** @return the simple name of the SciJava command class (package {@code io.github.cnnlayers.scijava}) */
	public String scijavaCommand() {
		return scijavaCommand;
	}

	/**
	 * @param options the options in macro syntax; {@code null} means none
	 * @return the parsed options
	 * @throws IllegalArgumentException for an unknown or repeated key, a malformed value
	 */
	public MacroOptions parse(final String options) {
		return MacroOptions.parseLayer(commandName(), options, allowedKeys());
	}

	/**
	 * @param o parsed options; absent keys take their documented defaults
	 * @return the core layer they describe
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public Layer layer(final MacroOptions o) {
		return factory.apply(o);
	}

	/**
	 * @param o parsed options
	 * @return the activation they describe
	 * @throws IllegalStateException for a command that is not an in-place activation
	 */
	public Activation activation(final MacroOptions o) {
		if (!inPlace())
			throw new IllegalStateException(label + " makes a new image");
		return (Activation) layer(o);
	}

	/**
	 * Parses and checks options, without an image.
	 *
	 * @param options the options in macro syntax
	 * @return the parsed options
	 * @throws IllegalArgumentException with the command's own message
	 */
	public MacroOptions check(final String options) {
		final MacroOptions o = parse(options);
		checkedLayer(o);
		return o;
	}

	/**
	 * Checks parsed options, without an image, as {@link #check} does.
	 *
	 * @param o parsed options
	 * @return their layer (a learned layer has read its weights: keep it rather than build it again)
	 * @throws IllegalArgumentException with the command's own message
	 */
	public Layer checkedLayer(final MacroOptions o) {
		final Layer layer = layer(o);
		o.flag("stack");
		o.flag("slice");
		return layer;
	}

	/**
	 * Runs a command that makes a new image, without any dialog: what macros, scripts and the headless
	 * pipeline call.
	 *
	 * @param image the source, never changed
	 * @param options the options in macro syntax; {@code stack} processes every plane
	 * @return the new image, not shown
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 * @throws IllegalStateException for an in-place command ({@link #applyInPlace})
	 */
	public ImagePlus makeNew(final ImagePlus image, final String options) {
		final MacroOptions o = parse(options);
		return makeNew(image, o, layer(o));
	}

	/**
	 * As {@link #makeNew(ImagePlus, String)} with a layer already built from the options, for a caller
	 * that runs one step on many images (the pipeline) and must not rebuild it — reload its weight
	 * file — for each.
	 *
	 * @param image the source, never changed
	 * @param o the parsed options; {@code stack} processes every plane
	 * @param layer the layer {@link #layer} built from {@code o}
	 * @return the new image, not shown
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 * @throws IllegalStateException for an in-place command ({@link #applyInPlace})
	 */
	public ImagePlus makeNew(final ImagePlus image, final MacroOptions o, final Layer layer) {
		if (inPlace())
			throw new IllegalStateException(label + " changes its image in place");
		return ImageJExecutor.call(() -> PlaneRunner.run(image, processesAllPlanes(image, o), layer, titleSuffix, null, null));
	}

	/**
	 * Applies an activation in place without any dialog. An area ROI limits the change to it, as with
	 * the menu command.
	 *
	 * @param image the image to change
	 * @param options the options in macro syntax; {@code stack} for every plane, else the current one
	 * @return {@code null}, or why the image was left unchanged (its type holds no negative values)
	 * @throws IllegalArgumentException naming the problem and the allowed values; nothing is changed then
	 * @throws IllegalStateException for a command that makes a new image ({@link #makeNew})
	 */
	public String applyInPlace(final ImagePlus image, final String options) {
		final MacroOptions o = parse(options);
		final Activation f = activation(o);
		final String why = ActivationRunner.whyUnchanged(image, f);
		if (why != null)
			return why;
		ActivationRunner.apply(image, f, o.flag("stack"));
		return null;
	}

	/**
	 * @return whether options {@code o} ask for every plane of {@code image}: {@code stack} given, or a
	 *         composite shown in composite mode without {@code slice} (as ImageJ's filters do)
	 */
	static boolean processesAllPlanes(final ImagePlus image, final MacroOptions o) {
		if (image.getStackSize() == 1)
			return false;
		if (o.flag("stack"))
			return true;
		return image.isComposite() && ((ij.CompositeImage) image).getMode() == ij.IJ.COMPOSITE && !o.flag("slice");
	}

	/**
	 * @param o options checked by {@link #check}
	 * @return the parameters in effect, defaults filled in, e.g. {@code "max, size 2, stride 2, padding 0, floor"}
	 */
	public String describe(final MacroOptions o) {
		return describer.apply(o);
	}

	/**
	 * @param o options checked by {@link #check}
	 * @return a short caption for pictures, e.g. {@code "Conv2D edge 3x3"} or {@code "Leaky ReLU \u03b1=0.1"}
	 */
	public String caption(final MacroOptions o) {
		return captioner.apply(o);
	}

	/** @return a status note after a successful run (a kernel that could not be normalized), or {@code null} */
	String note(final MacroOptions o) {
		return this == CONV2D ? Conv2DOptions.note(o) : null;
	}

	/**
	 * @param argument a {@code plugins.config} argument, e.g. {@code "max pooling"}
	 * @return the command
	 * @throws IllegalArgumentException listing the known arguments
	 */
	public static LayerCommand fromArgument(final String argument) {
		final String a = argument == null ? "" : argument.trim().toLowerCase(Locale.ROOT);
		for (final LayerCommand c : values())
			if (c.argument().equals(a))
				return c;
		throw new IllegalArgumentException("Unknown CNN Layers command \"" + argument + "\"; known: " +
			Arrays.stream(values()).map(LayerCommand::argument).collect(Collectors.joining(", ")));
	}

	/** @return every menu label, quoted and comma-separated, for messages */
	public static String knownLabels() {
		return Arrays.stream(values()).map(c -> "\"" + c.label + "\"").collect(Collectors.joining(", "));
	}

	/** The macro keys of the commands. */
	private static final class Keys {

		static final List<Key> NONE = Collections.emptyList();

		static final List<Key> CONV2D = list(
			Key.of("kernel", Key.Kind.AREA, Conv2DOptions.DEFAULT_KERNEL, "Kernel",
				"rows of numbers, one row per line, odd width and height"),
			Key.choice("preset", KernelPreset.CUSTOM.label(), "Preset", KernelPreset.getAllLabels()),
			Key.of("file", Key.Kind.TEXT, "", "File (kernel text, optional)", "a readable kernel text file").namingFile(),
			Key.of("stride", Key.Kind.INTEGER, "1", "Stride", "whole numbers >= 1"),
			Key.of("padding", Key.Kind.TEXT, "same", "Padding", "a whole number >= 0, \"x,y\" or \"same\""),
			Key.choice("border", BorderMode.ZERO.label(), "Border", BorderMode.getAllLabels()),
			Key.of("dilation", Key.Kind.INTEGER, "1", "Dilation", "whole numbers >= 1"),
			Key.of("bias", Key.Kind.NUMBER, "0", "Bias", "any finite number"),
			Key.of("normalize", Key.Kind.FLAG, "false", "Normalize kernel (divide by its sum)", "a flag"),
			Key.of("weights", Key.Kind.TEXT, "", "Weights (.npy .npz .safetensors .h5 .keras, optional)",
				"a weight file; with it, the kernel is not used").namingFile(),
			Key.of("tensor", Key.Kind.TEXT, "", "Tensor (name in the file)", "a tensor or layer name of the weight file"),
			Key.of("biases", Key.Kind.TEXT, "", "Biases (.npy, optional)", "a .npy file of C_out values").namingFile(),
			Key.of("groups", Key.Kind.INTEGER, "1", "Groups", "whole numbers >= 1 dividing C_in and C_out").quietDefault());

		static final List<Key> BATCH_NORM = list(
			Key.of("weights", Key.Kind.TEXT, "", "Weights (.npz .safetensors .h5 .keras)", "a weight file").namingFile(),
			Key.of("tensor", Key.Kind.TEXT, "", "Tensor (layer name in the file)", "a batch norm layer's name"),
			Key.of("eps", Key.Kind.NUMBER, "1e-5", "Eps", "a number > 0 (PyTorch's default 1e-5)"));

		static final List<Key> LEAKY_RELU = list(
			Key.of("alpha", Key.Kind.NUMBER, "0.01", "Alpha (negative slope)", "any finite number (default 0.01)"));

		static final List<Key> POOLING = list(
			Key.of("size", Key.Kind.INTEGER, "2", "Size", "whole numbers >= 1"),
			Key.of("stride", Key.Kind.INTEGER, null, "Stride", "whole numbers >= 1 (default: the size)"),
			Key.of("padding", Key.Kind.INTEGER, "0", "Padding", "whole numbers from 0 to size/2"),
			Key.of("ceil", Key.Kind.FLAG, "false", "Ceil mode (keep a last partial window)", "a flag"));

		static final List<Key> AVERAGE_POOLING = plus(POOLING,
			Key.of("count", Key.Kind.FLAG, "false", "Count padded pixels in the average (PyTorch default)", "a flag")
				.dialogDefault("true"));

		private static List<Key> list(final Key... keys) {
			return Collections.unmodifiableList(Arrays.asList(keys));
		}

		private static List<Key> plus(final List<Key> keys, final Key key) {
			final List<Key> all = new ArrayList<>(keys);
			all.add(key);
			return Collections.unmodifiableList(all);
		}

		static double alpha(final MacroOptions o) {
			return o.number("alpha", 0.01, "any finite number (default 0.01)");
		}
	}
}
