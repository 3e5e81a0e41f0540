package io.github.cnnlayers.layers;

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
import io.github.cnnlayers.core.GlobalPooling;
import io.github.cnnlayers.core.GlobalPoolingMode;
import io.github.cnnlayers.core.Softmax;
import io.github.cnnlayers.core.KernelPreset;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.ij.ActivationRunner;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.MacroOptions;

/**
 * The list of layers: every menu command under Plugins &gt; CNN Layers with what defines it — menu
 * label, macro keys with defaults, result title suffix, pipeline file suffix, whether it changes its
 * image in place or makes a new one, and how its core {@link Layer} is built from the options. The
 * plugin classes, {@code plugins.config}, the headless pipeline, the SciJava commands, the README
 * checks and the tests all read this list.
 * <p>
 * Adding an element-wise activation or a pooling mode is one entry here plus its core function. Each
 * command's options become a {@link LayerSpec} once ({@link #spec}); the ImageJ side ({@link #makeNew},
 * {@link #applyInPlace}) runs a spec on an image.
 */
public enum LayerCommand {

	/** Plugins &gt; CNN Layers &gt; Conv2D...: PyTorch's {@code conv2d}, into a new 32-bit image. */
	CONV2D("Conv2D...", "conv2d", "conv2d", Life.NEW_IMAGE, Conv2DSpec.KEYS, "Conv2DCommand", (c, o) -> new Conv2DSpec(o)),
	/** Plugins &gt; CNN Layers &gt; Batch Norm...: PyTorch's {@code batch_norm} in eval mode, per channel, 32-bit. */
	BATCH_NORM("Batch Norm...", "batchnorm", "batchnorm", Life.NEW_IMAGE, BatchNormSpec.KEYS, "BatchNormCommand",
		(c, o) -> new BatchNormSpec(o)),
	/** Plugins &gt; CNN Layers &gt; ReLU: {@code max(0, x)} in place. */
	RELU("ReLU", "relu", "relu", Life.IN_PLACE, Collections.emptyList(), "ReluCommand",
		ActivationSpec.fixed(Activation.relu(), "f(x) = max(0, x)", "ReLU")),
	/** Plugins &gt; CNN Layers &gt; Leaky ReLU...: {@code x > 0 ? x : alpha*x} in place. */
	LEAKY_RELU("Leaky ReLU...", "leakyrelu", "leakyrelu", Life.IN_PLACE, ActivationSpec.LEAKY_KEYS, "LeakyReluCommand",
		ActivationSpec::leakyRelu),
	/** Plugins &gt; CNN Layers &gt; Sigmoid: {@code 1/(1+e^-x)} in place, 32-bit images. */
	SIGMOID("Sigmoid", "sigmoid", "sigmoid", Life.IN_PLACE, Collections.emptyList(), "SigmoidCommand",
		ActivationSpec.fixed(Activation.sigmoid(), "f(x) = 1 / (1 + e^-x)", "Sigmoid")),
	/** Plugins &gt; CNN Layers &gt; Tanh: {@code tanh(x)} in place, 32-bit images. */
	TANH("Tanh", "tanh", "tanh", Life.IN_PLACE, Collections.emptyList(), "TanhCommand",
		ActivationSpec.fixed(Activation.tanh(), "f(x) = tanh(x)", "Tanh")),
	/** Plugins &gt; CNN Layers &gt; Max Pooling...: PyTorch's {@code max_pool2d}, same type. */
	MAX_POOLING("Max Pooling...", "maxpool", "maxpooling", Life.NEW_IMAGE, PoolingSpec.KEYS, "MaxPoolingCommand",
		(c, o) -> new PoolingSpec(c, PoolingMode.MAX, o)),
	/** Plugins &gt; CNN Layers &gt; Average Pooling...: PyTorch's {@code avg_pool2d}, 32-bit. */
	AVERAGE_POOLING("Average Pooling...", "avgpool", "avgpooling", Life.NEW_IMAGE, PoolingSpec.AVERAGE_KEYS,
		"AveragePoolingCommand", (c, o) -> new PoolingSpec(c, PoolingMode.AVERAGE, o)),
	/** Plugins &gt; CNN Layers &gt; Min Pooling...: {@code -max_pool2d(-x)}, same type. */
	MIN_POOLING("Min Pooling...", "minpool", "minpooling", Life.NEW_IMAGE, PoolingSpec.KEYS, "MinPoolingCommand",
		(c, o) -> new PoolingSpec(c, PoolingMode.MIN, o)),
	/** Plugins &gt; CNN Layers &gt; ConvTranspose2D...: PyTorch's {@code conv_transpose2d}, into a new 32-bit image. */
	CONV_TRANSPOSE2D("ConvTranspose2D...", "convtranspose2d", "convtranspose2d", Life.NEW_IMAGE, ConvTranspose2DSpec.KEYS,
		"ConvTranspose2DCommand", (c, o) -> new ConvTranspose2DSpec(o)),
	/** Plugins &gt; CNN Layers &gt; Upsample...: PyTorch's {@code interpolate} (nearest keeps the type, bilinear is 32-bit). */
	UPSAMPLE("Upsample...", "upsample", "upsample", Life.NEW_IMAGE, UpsampleSpec.KEYS, "UpsampleCommand", (c, o) -> new UpsampleSpec(o)),
	/** Plugins &gt; CNN Layers &gt; ELU...: {@code x > 0 ? x : alpha*(e^x - 1)} in place. */
	ELU("ELU...", "elu", "elu", Life.IN_PLACE, ActivationSpec.ELU_KEYS, "EluCommand", ActivationSpec::elu),
	/** Plugins &gt; CNN Layers &gt; GELU: {@code x * Phi(x)} (the exact erf form) in place, 32-bit images. */
	GELU("GELU", "gelu", "gelu", Life.IN_PLACE, Collections.emptyList(), "GeluCommand",
		ActivationSpec.fixed(Activation.gelu(), "f(x) = x * Phi(x) = x/2 * (1 + erf(x/sqrt(2)))", "GELU")),
	/** Plugins &gt; CNN Layers &gt; SiLU: {@code x * sigmoid(x)} in place, 32-bit images. */
	SILU("SiLU", "silu", "silu", Life.IN_PLACE, Collections.emptyList(), "SiluCommand",
		ActivationSpec.fixed(Activation.silu(), "f(x) = x / (1 + e^-x)", "SiLU")),
	/** Plugins &gt; CNN Layers &gt; Softmax: PyTorch's {@code softmax(x, dim=1)} over the channels of each pixel, 32-bit. */
	SOFTMAX("Softmax", "softmax", "softmax", Life.NEW_IMAGE, Collections.emptyList(), "SoftmaxCommand",
		ParameterlessSpec.of(new Softmax(), "softmax over the channels of each pixel")),
	/** Plugins &gt; CNN Layers &gt; Global Average Pooling: each plane's mean, 1 x 1, 32-bit. */
	GLOBAL_AVERAGE_POOLING("Global Average Pooling", "globalavgpool", "globalavgpooling", Life.NEW_IMAGE, Collections.emptyList(),
		"GlobalAveragePoolingCommand", ParameterlessSpec.of(new GlobalPooling(GlobalPoolingMode.AVERAGE), "the mean of each plane, 1 x 1")),
	/** Plugins &gt; CNN Layers &gt; Global Max Pooling: each plane's largest value, 1 x 1, same type. */
	GLOBAL_MAX_POOLING("Global Max Pooling", "globalmaxpool", "globalmaxpooling", Life.NEW_IMAGE, Collections.emptyList(),
		"GlobalMaxPoolingCommand", ParameterlessSpec.of(new GlobalPooling(GlobalPoolingMode.MAX), "the largest value of each plane, 1 x 1")),
	/** Plugins &gt; CNN Layers &gt; Group Norm...: PyTorch's {@code group_norm} over a sample's channels, 32-bit. */
	GROUP_NORM("Group Norm...", "groupnorm", "groupnorm", Life.NEW_IMAGE, GroupNormSpec.GROUP_KEYS, "GroupNormCommand",
		GroupNormSpec::group),
	/** Plugins &gt; CNN Layers &gt; Instance Norm...: PyTorch's {@code instance_norm}, every channel on its own, 32-bit. */
	INSTANCE_NORM("Instance Norm...", "instancenorm", "instancenorm", Life.NEW_IMAGE, GroupNormSpec.INSTANCE_KEYS, "InstanceNormCommand",
		GroupNormSpec::instance),
	/** Plugins &gt; CNN Layers &gt; Pad...: PyTorch's {@code F.pad} per side (zero, constant, reflect, replicate, circular). */
	PAD("Pad...", "pad", "pad", Life.NEW_IMAGE, PadSpec.KEYS, "PadCommand", (c, o) -> new PadSpec(o)),
	/** Plugins &gt; CNN Layers &gt; Conv3D...: PyTorch's {@code conv3d} on the volumes (Z = depth), into a new 32-bit image. */
	CONV3D("Conv3D...", "conv3d", "conv3d", Life.NEW_IMAGE, Conv3DSpec.KEYS, "Conv3DCommand", (c, o) -> new Conv3DSpec(o)),
	/** Plugins &gt; CNN Layers &gt; ConvTranspose3D...: PyTorch's {@code conv_transpose3d} on the volumes, 32-bit. */
	CONV_TRANSPOSE3D("ConvTranspose3D...", "convtranspose3d", "convtranspose3d", Life.NEW_IMAGE, ConvTranspose3DSpec.KEYS,
		"ConvTranspose3DCommand", (c, o) -> new ConvTranspose3DSpec(o)),
	/** Plugins &gt; CNN Layers &gt; Max Pooling 3D...: PyTorch's {@code max_pool3d}, same type. */
	MAX_POOLING_3D("Max Pooling 3D...", "maxpool3d", "maxpooling3d", Life.NEW_IMAGE, Pooling3DSpec.KEYS, "MaxPooling3DCommand",
		(c, o) -> new Pooling3DSpec(c, PoolingMode.MAX, o)),
	/** Plugins &gt; CNN Layers &gt; Average Pooling 3D...: PyTorch's {@code avg_pool3d}, 32-bit. */
	AVERAGE_POOLING_3D("Average Pooling 3D...", "avgpool3d", "avgpooling3d", Life.NEW_IMAGE, Pooling3DSpec.AVERAGE_KEYS,
		"AveragePooling3DCommand", (c, o) -> new Pooling3DSpec(c, PoolingMode.AVERAGE, o)),
	/** Plugins &gt; CNN Layers &gt; Min Pooling 3D...: {@code -max_pool3d(-x)}, same type. */
	MIN_POOLING_3D("Min Pooling 3D...", "minpool3d", "minpooling3d", Life.NEW_IMAGE, Pooling3DSpec.KEYS, "MinPooling3DCommand",
		(c, o) -> new Pooling3DSpec(c, PoolingMode.MIN, o)),
	/** Plugins &gt; CNN Layers &gt; Upsample 3D...: PyTorch's {@code interpolate} on volumes (nearest keeps the type, trilinear is 32-bit). */
	UPSAMPLE_3D("Upsample 3D...", "upsample3d", "upsample3d", Life.NEW_IMAGE, Upsample3DSpec.KEYS, "Upsample3DCommand",
		(c, o) -> new Upsample3DSpec(o)),
	/** Plugins &gt; CNN Layers &gt; Group Norm 3D...: PyTorch's {@code group_norm} on 5-D, statistics over each volume, 32-bit. */
	GROUP_NORM_3D("Group Norm 3D...", "groupnorm3d", "groupnorm3d", Life.NEW_IMAGE, GroupNormSpec.GROUP_KEYS, "GroupNorm3DCommand",
		VolumeNormSpec::group),
	/** Plugins &gt; CNN Layers &gt; Instance Norm 3D...: PyTorch's {@code instance_norm} on 5-D, each channel's volume, 32-bit. */
	INSTANCE_NORM_3D("Instance Norm 3D...", "instancenorm3d", "instancenorm3d", Life.NEW_IMAGE, GroupNormSpec.INSTANCE_KEYS,
		"InstanceNorm3DCommand", VolumeNormSpec::instance),
	/** Plugins &gt; CNN Layers &gt; Global Average Pooling 3D: each volume's mean, 1 x 1 x 1, 32-bit. */
	GLOBAL_AVERAGE_POOLING_3D("Global Average Pooling 3D", "globalavgpool3d", "globalavgpooling3d", Life.NEW_IMAGE,
		Collections.emptyList(), "GlobalAveragePooling3DCommand", VolumeNormSpec.globalPooling(GlobalPoolingMode.AVERAGE)),
	/** Plugins &gt; CNN Layers &gt; Global Max Pooling 3D: each volume's largest value, 1 x 1 x 1, same type. */
	GLOBAL_MAX_POOLING_3D("Global Max Pooling 3D", "globalmaxpool3d", "globalmaxpooling3d", Life.NEW_IMAGE, Collections.emptyList(),
		"GlobalMaxPooling3DCommand", VolumeNormSpec.globalPooling(GlobalPoolingMode.MAX));

	/** How a command's options become its spec. */
	@FunctionalInterface
	interface Parser {

		/**
		 * @param command the command
		 * @param o its parsed options
		 * @return the checked spec, its layer built
		 * @throws IllegalArgumentException naming the problem and the allowed values
		 */
		LayerSpec spec(LayerCommand command, MacroOptions o);
	}

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
	private final Parser parser;

	LayerCommand(final String label, final String titleSuffix, final String fileSuffix, final Life life, final List<Key> keys,
		final String scijavaCommand, final Parser parser)
	{
		this.label = label;
		this.titleSuffix = titleSuffix;
		this.fileSuffix = fileSuffix;
		this.life = life;
		this.keys = keys;
		this.scijavaCommand = scijavaCommand;
		this.parser = parser;
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
	 * @return their spec, checked without an image, its layer built (a learned layer has read its weights:
	 *         keep the spec rather than make it again)
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 */
	public LayerSpec spec(final MacroOptions o) {
		final LayerSpec spec = parser.spec(this, o);
		o.flag("stack");
		o.flag("slice");
		return spec;
	}

	/**
	 * Parses and checks options, without an image.
	 *
	 * @param options the options in macro syntax; {@code null} means none
	 * @return their spec
	 * @throws IllegalArgumentException with the command's own message
	 */
	public LayerSpec spec(final String options) {
		return spec(parse(options));
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
		return makeNew(image, spec(options));
	}

	/**
	 * As {@link #makeNew(ImagePlus, String)} with a spec already made, for a caller that runs one step on
	 * many images (the pipeline) and must not rebuild its layer — reload its weight file — for each.
	 *
	 * @param image the source, never changed
	 * @param spec a spec of this command; its {@code stack} option processes every plane
	 * @return the new image, not shown
	 * @throws IllegalArgumentException naming the problem and the allowed values
	 * @throws IllegalStateException for an in-place command ({@link #applyInPlace})
	 */
	public ImagePlus makeNew(final ImagePlus image, final LayerSpec spec) {
		if (inPlace())
			throw new IllegalStateException(label + " changes its image in place");
		return ImageJExecutor.call(() -> spec.makeNew(image, processesAllPlanes(image, spec.options()), null, null));
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
		return applyInPlace(image, spec(options));
	}

	/**
	 * As {@link #applyInPlace(ImagePlus, String)} with a spec already made.
	 *
	 * @param image the image to change
	 * @param spec a spec of this command
	 * @return {@code null}, or why the image was left unchanged
	 * @throws IllegalStateException for a command that makes a new image ({@link #makeNew})
	 */
	public String applyInPlace(final ImagePlus image, final LayerSpec spec) {
		if (!inPlace())
			throw new IllegalStateException(label + " makes a new image");
		final Activation f = (Activation) spec.layer();
		final String why = ActivationRunner.whyUnchanged(image, f);
		if (why != null)
			return why;
		ActivationRunner.apply(image, f, spec.options().flag("stack"));
		return null;
	}

	/**
	 * @return whether options {@code o} ask for every plane of {@code image}: {@code stack} given, or a
	 *         composite shown in composite mode without {@code slice} (as ImageJ's filters do)
	 */
	public static boolean processesAllPlanes(final ImagePlus image, final MacroOptions o) {
		if (image.getStackSize() == 1)
			return false;
		if (o.flag("stack"))
			return true;
		return image.isComposite() && ((ij.CompositeImage) image).getMode() == ij.IJ.COMPOSITE && !o.flag("slice");
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
}
