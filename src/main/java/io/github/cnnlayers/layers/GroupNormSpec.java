package io.github.cnnlayers.layers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.GroupNorm;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.NumberText;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.weights.Tensor;

/**
 * The options of {@code run("Group Norm...", ...)} and {@code run("Instance Norm...", ...)}, parsed once:
 * PyTorch's {@code group_norm} / {@code instance_norm} over a sample's channels, with eps and, when a weight file is
 * given, the affine {@code <tensor>.weight} and {@code <tensor>.bias} (PyTorch) or {@code <tensor>/gamma} and
 * {@code <tensor>/beta} (Keras 2); without weights there is no affine step (PyTorch's {@code affine=False}).
 */
public final class GroupNormSpec extends SpecBase {

	static final Key WEIGHTS = Key.of("weights", Key.Kind.TEXT, "", "Weights (.npz .safetensors .h5, optional)",
		"a weight file with the affine weight and bias; none for no affine step").namingFile();
	static final Key TENSOR = Key.of("tensor", Key.Kind.TEXT, "", "Tensor (layer name in the file)", "the norm layer's name");
	static final Key GROUPS = Key.of("groups", Key.Kind.INTEGER, "1", "Groups", "whole numbers >= 1 dividing the number of channels");
	static final Key EPS = Key.of("eps", Key.Kind.NUMBER, String.valueOf(GroupNorm.DEFAULT_EPS), "Eps",
		"a number > 0 (PyTorch's default 1e-5)");

	/** The keys of Group Norm */
	static final List<Key> GROUP_KEYS = Collections.unmodifiableList(Arrays.asList(WEIGHTS, TENSOR, GROUPS, EPS));
	/** The keys of Instance Norm */
	static final List<Key> INSTANCE_KEYS = Collections.unmodifiableList(Arrays.asList(WEIGHTS, TENSOR, EPS));

	/** How a command's groups, eps and affine parameters make its layer. */
	@FunctionalInterface
	private interface Factory {

		GroupNorm make(MacroOptions o, double eps, float[] weight, float[] bias);
	}

	private final Tensor[] affine;
	private final GroupNorm layer;

	private GroupNormSpec(final LayerCommand command, final MacroOptions o, final Factory factory) {
		super(command, o);
		final String name = command.commandName();
		final String file = WEIGHTS.text(o).trim();
		final String tensor = TENSOR.text(o).trim();
		if (file.isEmpty() && !tensor.isEmpty())
			throw new IllegalArgumentException(name + ": \"tensor\" goes with \"weights\" (a weight file); give weights=[file], or " +
				"neither for no affine step");
		affine = file.isEmpty() ? new Tensor[2] : WeightCache.layer("norm", file, tensor, null, name, (path, none) -> read(path, tensor, name));
		final double eps = EPS.number(o);
		if (!(eps > 0))
			throw new IllegalArgumentException(name + ": eps=" + NumberText.of(eps) + " is not allowed; allowed: " + EPS.allowed());
		try {
			layer = factory.make(o, eps, affine[0] == null ? null : affine[0].data(), affine[1] == null ? null : affine[1].data());
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
		}
	}

	/** @return {weight, bias} of the layer {@code tensor}: PyTorch's .weight and .bias or Keras's gamma and beta */
	private static Tensor[] read(final Path file, final String tensor, final String command) {
		final LayerTensors t = new LayerTensors(file, tensor);
		if (t.isNpy())
			throw new IllegalArgumentException(command + " reads its weight and bias from one file of several tensors: a .npz or " +
				".safetensors file (NAME.weight, NAME.bias) or a Keras 2 .h5 file (NAME/gamma, NAME/beta); not a .npy file");
		final Tensor[] p = { t.required("affine weight", ".weight", "/gamma"), t.optional(".bias", "/beta") };
		for (final Tensor v : p)
			if (v != null && v.rank() != 1)
				throw new IllegalArgumentException(command + ": " + v.name() + " has shape " + v.shapeText() +
					"; allowed: a 1-D tensor, one value per channel");
		return p;
	}

	/** @return the norm, for its 3D form over volumes */
	GroupNorm norm() {
		return layer;
	}

	/** @return Group Norm's spec */
	static GroupNormSpec group(final LayerCommand command, final MacroOptions o) {
		return new GroupNormSpec(command, o, (options, eps, w, b) -> GroupNorm.groupNorm(GROUPS.integer(options), eps, w, b));
	}

	/** @return Instance Norm's spec */
	static GroupNormSpec instance(final LayerCommand command, final MacroOptions o) {
		return new GroupNormSpec(command, o, (options, eps, w, b) -> GroupNorm.instanceNorm(eps, w, b));
	}

	@Override
	public Layer layer() {
		return layer;
	}

	/** @return the parameters in effect, e.g. {@code "groups 4, eps 1e-05, affine m.safetensors: norm.weight, norm.bias"} */
	@Override
	public String describe() {
		return (layer.groups() > 0 ? "groups " + layer.groups() + ", " : "") + "eps " + layer.eps() + ", " + (affine[0] == null ? "no affine"
			: "affine " + WEIGHTS.text(options) + ": " + affine[0].name() + (affine[1] == null ? "" : ", " + affine[1].name()));
	}

	/** @return a caption for pictures, e.g. {@code "Group Norm 4 groups"} */
	@Override
	public String caption() {
		return command.commandName() + (layer.groups() > 0 ? " " + layer.groups() + (layer.groups() == 1 ? " group" : " groups") : "") +
			(TENSOR.text(options).isEmpty() ? "" : " " + TENSOR.text(options));
	}
}
