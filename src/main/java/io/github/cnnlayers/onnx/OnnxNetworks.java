package io.github.cnnlayers.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BatchNorm;
import io.github.cnnlayers.core.ChannelReduction;
import io.github.cnnlayers.core.Clip;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.core.ConvTranspose2D;
import io.github.cnnlayers.core.DepthToSpace;
import io.github.cnnlayers.core.CoordinateTransform;
import io.github.cnnlayers.core.CropAndResize;
import io.github.cnnlayers.core.ElementwiseMerge;
import io.github.cnnlayers.core.GlobalPooling;
import io.github.cnnlayers.core.GlobalPooling3D;
import io.github.cnnlayers.core.GlobalPoolingMode;
import io.github.cnnlayers.core.GroupNorm;
import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.NearestRounding;
import io.github.cnnlayers.core.Pad;
import io.github.cnnlayers.core.PadMode;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.Reshape;
import io.github.cnnlayers.core.Softmax;
import io.github.cnnlayers.core.Tile;
import io.github.cnnlayers.core.Upsample;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.weights.BatchNormWeights;

/**
 * Imports an ONNX model as a {@link Network} of the core layers the menu commands run, for a given input size:
 * each sample (N = 1) of an input [N, C, H, W] is C planes of W x H. Values computed from constants alone (shapes,
 * sizes, reshape targets) are evaluated at import; every other operator becomes a core layer, or the import stops
 * with a message naming the node, the attribute and what is supported. Never computes something else silently.
 */
public final class OnnxNetworks {

	/** Maps one operator's node into the network being built. */
	private interface Importer {

		void add(Build b, OnnxNode node);
	}

	private static final Map<String, Importer> OPERATORS = new TreeMap<>();

	static {
		OPERATORS.put("Identity", (b, n) -> b.alias(n, b.value(n, 0)));
		OPERATORS.put("Dropout", OnnxNetworks::dropout);
		OPERATORS.put("Constant", OnnxNetworks::constant);
		OPERATORS.put("Shape", OnnxNetworks::shape);
		OPERATORS.put("Gather", OnnxNetworks::gather);
		OPERATORS.put("Unsqueeze", (b, n) -> b.reshapeTo(n, unsqueezed(b, n)));
		OPERATORS.put("Squeeze", (b, n) -> b.reshapeTo(n, squeezed(b, n)));
		OPERATORS.put("Reshape", (b, n) -> b.reshapeTo(n, reshapeTarget(b, n)));
		OPERATORS.put("Flatten", (b, n) -> b.reshapeTo(n, flattened(b, n)));
		OPERATORS.put("Transpose", OnnxNetworks::transpose);
		OPERATORS.put("Cast", OnnxNetworks::cast);
		OPERATORS.put("ConstantOfShape", OnnxNetworks::constantOfShape);
		OPERATORS.put("Slice", OnnxNetworks::slice);
		OPERATORS.put("Concat", OnnxNetworks::concat);
		OPERATORS.put("Floor", (b, n) -> b.define(n, 0, Folding.unary(b.constant(n, 0, "the input"), Math::floor)));
		OPERATORS.put("Ceil", (b, n) -> b.define(n, 0, Folding.unary(b.constant(n, 0, "the input"), Math::ceil)));
		OPERATORS.put("Add", (b, n) -> b.elementwise(n, ElementwiseMerge.Operation.ADD));
		OPERATORS.put("Sub", (b, n) -> b.elementwise(n, ElementwiseMerge.Operation.SUBTRACT));
		OPERATORS.put("Mul", (b, n) -> b.elementwise(n, ElementwiseMerge.Operation.MULTIPLY));
		OPERATORS.put("Div", (b, n) -> b.elementwise(n, ElementwiseMerge.Operation.DIVIDE));
		OPERATORS.put("PRelu", (b, n) -> b.elementwise(n, ElementwiseMerge.Operation.PRELU));
		OPERATORS.put("Relu", (b, n) -> b.layer(n, Activation.relu(), "ReLU"));
		OPERATORS.put("LeakyRelu", (b, n) -> b.layer(n, Activation.leakyRelu(b.floatAttribute(n, "alpha", 0.01f)), "Leaky ReLU"));
		OPERATORS.put("Sigmoid", (b, n) -> b.layer(n, Activation.sigmoid(), "Sigmoid"));
		OPERATORS.put("Tanh", (b, n) -> b.layer(n, Activation.tanh(), "Tanh"));
		OPERATORS.put("Clip", OnnxNetworks::clip);
		OPERATORS.put("Elu", (b, n) -> b.layer(n, activation(b, n, () -> Activation.elu(b.floatAttribute(n, "alpha", 1f))), "ELU"));
		OPERATORS.put("Gelu", OnnxNetworks::gelu);
		OPERATORS.put("Selu", (b, n) -> b.layer(n, activation(b, n, () -> Activation.selu(b.floatAttribute(n, "alpha", 1.67326319217681884765625f),
			b.floatAttribute(n, "gamma", 1.05070102214813232421875f))), "SELU"));
		OPERATORS.put("HardSigmoid", (b, n) -> b.layer(n, activation(b, n, () -> Activation.hardSigmoid(b.floatAttribute(n, "alpha", 0.2f),
			b.floatAttribute(n, "beta", 0.5f))), "Hard sigmoid"));
		OPERATORS.put("Erf", (b, n) -> b.layer(n, Activation.erf(), "Erf"));
		OPERATORS.put("Softplus", (b, n) -> b.layer(n, Activation.softplus(), "Softplus"));
		OPERATORS.put("Softmax", (b, n) -> softmax(b, n, new Softmax()));
		OPERATORS.put("LogSoftmax", (b, n) -> softmax(b, n, Softmax.logSoftmax()));
		OPERATORS.put("InstanceNormalization", OnnxNetworks::instanceNorm);
		OPERATORS.put("Pad", OnnxNetworks::pad);
		OPERATORS.put("ConvTranspose", OnnxNetworks::convTranspose);
		OPERATORS.put("Resize", OnnxNetworks::resize);
		OPERATORS.put("Upsample", OnnxNetworks::resize);
		OPERATORS.put("DepthToSpace", OnnxNetworks::depthToSpace);
		OPERATORS.put("SpaceToDepth", OnnxNetworks::depthToSpace);
		OPERATORS.put("Conv", OnnxNetworks::conv);
		OPERATORS.put("MaxPool", (b, n) -> pool(b, n, PoolingMode.MAX));
		OPERATORS.put("AveragePool", (b, n) -> pool(b, n, PoolingMode.AVERAGE));
		OPERATORS.put("GlobalAveragePool", (b, n) -> globalPool(b, n, GlobalPoolingMode.AVERAGE));
		OPERATORS.put("GlobalMaxPool", (b, n) -> globalPool(b, n, GlobalPoolingMode.MAX));
		OPERATORS.put("ReduceMean", (b, n) -> reduce(b, n, GlobalPoolingMode.AVERAGE));
		OPERATORS.put("ReduceSum", (b, n) -> reduce(b, n, GlobalPoolingMode.SUM));
		OPERATORS.put("ReduceMax", (b, n) -> reduce(b, n, GlobalPoolingMode.MAX));
		OPERATORS.put("Tile", OnnxNetworks::tile);
		OPERATORS.put("Expand", OnnxNetworks::expand);
		OPERATORS.put("BatchNormalization", OnnxNetworks::batchNorm);
		OPERATORS.put("Gemm", OnnxNetworks::gemm);
		OPERATORS.put("MatMul", OnnxNetworks::matMul);
	}

	private OnnxNetworks() {}

	/** @return the operators this importer takes, sorted */
	public static List<String> supportedOperators() {
		return Collections.unmodifiableList(new ArrayList<>(OPERATORS.keySet()));
	}

	/**
	 * Imports a model of one image input (every other graph input an initializer).
	 *
	 * @param model the model
	 * @param input C, W, H of one sample of its input
	 * @return the network and its outputs
	 * @throws IllegalArgumentException naming the node and what is not supported, or the input that does not fit
	 */
	public static OnnxNetwork load(final OnnxModel model, final Shape input) {
		final List<OnnxValueInfo> fed = model.graph().runtimeInputs();
		if (fed.size() != 1)
			throw new IllegalArgumentException("The model takes " + fed.size() + " inputs (" + names(fed) + "); allowed: one " +
				"image input [N, C, H, W], every other input an initializer");
		final Map<String, Shape> images = new LinkedHashMap<>();
		images.put(fed.get(0).name(), input);
		return load(model, images, Collections.<String, OnnxTensor> emptyMap());
	}

	/**
	 * Imports a model whose inputs are images or values fixed at import.
	 *
	 * @param model the model
	 * @param images per image input (graph input [N, C, H, W]), C, W and H of one sample, in the network's input order
	 * @param fixed values of the other graph inputs, as if they were initializers
	 * @return the network (inputs: the image inputs, in the given order) and the model's outputs
	 * @throws IllegalArgumentException naming the node and what is not supported, or the input that does not fit
	 */
	public static OnnxNetwork load(final OnnxModel model, final Map<String, Shape> images, final Map<String, OnnxTensor> fixed) {
		return new Build(model, images, fixed).result();
	}

	private static String names(final List<OnnxValueInfo> values) {
		final List<String> n = new ArrayList<>();
		for (final OnnxValueInfo v : values)
			n.add(v.name());
		return String.join(", ", n);
	}

	// ---------------------------------------------------------------- operators

	private static void dropout(final Build b, final OnnxNode n) {
		if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty())
			throw b.refuse(n, "its mask output '" + n.outputs().get(1) + "' is used; supported: Dropout at inference, output 0 only");
		if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty() && b.constant(n, 2, "training_mode").longAt(0) != 0)
			throw b.refuse(n, "training_mode is true; supported: inference (false)");
		b.alias(n, b.value(n, 0));
	}

	private static void constant(final Build b, final OnnxNode n) {
		if (n.attributes().size() != 1)
			throw b.refuse(n, "it has " + n.attributes().size() + " attributes; supported: exactly one of value, value_float, " +
				"value_floats, value_int, value_ints");
		final OnnxAttribute a = n.attributes().get(0);
		final FoldedTensor t;
		switch (a.name()) {
			case "value":
				t = FoldedTensor.of(a.t());
				break;
			case "value_float":
				t = FoldedTensor.ofFloats(new long[0], new float[] { a.f() });
				break;
			case "value_floats":
				t = FoldedTensor.ofFloats(new long[] { a.floats().length }, a.floats());
				break;
			case "value_int":
				t = FoldedTensor.ofLongs(new long[0], new long[] { a.i() });
				break;
			case "value_ints":
				t = FoldedTensor.ofLongs(new long[] { a.ints().length }, a.ints());
				break;
			default:
				throw b.refuse(n, "attribute " + a.name() + " is not supported; supported: value, value_float, value_floats, " +
					"value_int, value_ints");
		}
		b.define(n, 0, t);
	}

	private static void shape(final Build b, final OnnxNode n) {
		final long[] dims = b.value(n, 0).dims;
		final int rank = dims.length;
		int start = (int) clampAxis(b.longAttribute(n, "start", 0), rank);
		int end = (int) clampAxis(b.longAttribute(n, "end", rank), rank);
		end = Math.max(end, start);
		b.define(n, 0, FoldedTensor.ofLongs(new long[] { end - start }, Arrays.copyOfRange(dims, start, end)));
	}

	private static long clampAxis(final long axis, final int rank) {
		final long a = axis < 0 ? axis + rank : axis;
		return Math.max(0, Math.min(rank, a));
	}

	private static void gather(final Build b, final OnnxNode n) {
		final FoldedTensor data = b.constant(n, 0, "data");
		final FoldedTensor indices = b.constant(n, 1, "indices");
		final int axis = b.axis(n, b.longAttribute(n, "axis", 0), data.rank());
		final long[] d = data.dims();
		final long[] id = indices.dims();
		final long[] out = new long[d.length - 1 + id.length];
		System.arraycopy(d, 0, out, 0, axis);
		System.arraycopy(id, 0, out, axis, id.length);
		System.arraycopy(d, axis + 1, out, axis + id.length, d.length - axis - 1);
		long outer = 1, inner = 1;
		for (int i = 0; i < axis; i++)
			outer *= d[i];
		for (int i = axis + 1; i < d.length; i++)
			inner *= d[i];
		final int[] pick = new int[FoldedTensor.count(out, b.describe(n) + "'s output")];
		int k = 0;
		for (long o = 0; o < outer; o++)
			for (int j = 0; j < indices.size(); j++) {
				long index = indices.longAt(j);
				if (index < -d[axis] || index >= d[axis])
					throw b.refuse(n, "index " + index + " is out of range for axis " + axis + " of size " + d[axis]);
				if (index < 0)
					index += d[axis];
				for (long i = 0; i < inner; i++)
					pick[k++] = (int) ((o * d[axis] + index) * inner + i);
			}
		b.define(n, 0, data.pick(out, pick));
	}

	/** @return the axes of Unsqueeze or Squeeze: an attribute before opset 13, else input 1 */
	private static long[] axes(final Build b, final OnnxNode n, final boolean required) {
		if (n.attribute("axes") != null)
			return n.attribute("axes").ints();
		if (n.inputs().size() > 1 && !n.inputs().get(1).isEmpty())
			return b.constant(n, 1, "axes").longs();
		if (required)
			throw b.refuse(n, "it has no axes");
		return null;
	}

	private static long[] unsqueezed(final Build b, final OnnxNode n) {
		final long[] dims = b.value(n, 0).dims;
		final long[] axes = axes(b, n, true);
		final int rank = dims.length + axes.length;
		final boolean[] inserted = new boolean[rank];
		for (final long a : axes) {
			final int axis = b.axis(n, a, rank);
			if (inserted[axis])
				throw b.refuse(n, "axis " + a + " is given twice");
			inserted[axis] = true;
		}
		if (inserted[0])
			b.keepsBatchAxis(n, "inserts an axis before axis 0");
		final long[] out = new long[rank];
		for (int i = 0, j = 0; i < rank; i++)
			out[i] = inserted[i] ? 1 : dims[j++];
		return out;
	}

	private static long[] squeezed(final Build b, final OnnxNode n) {
		final long[] dims = b.value(n, 0).dims;
		final long[] axes = axes(b, n, false);
		final boolean[] removed = new boolean[dims.length];
		if (axes == null)
			for (int i = 0; i < dims.length; i++)
				removed[i] = dims[i] == 1;
		else
			for (final long a : axes) {
				final int axis = b.axis(n, a, dims.length);
				if (dims[axis] != 1)
					throw b.refuse(n, "axis " + a + " has size " + dims[axis] + "; Squeeze removes axes of size 1");
				removed[axis] = true;
			}
		if (removed.length > 0 && removed[0])
			b.keepsBatchAxis(n, "removes axis 0");
		final List<Long> out = new ArrayList<>();
		for (int i = 0; i < dims.length; i++)
			if (!removed[i])
				out.add(dims[i]);
		final long[] o = new long[out.size()];
		for (int i = 0; i < o.length; i++)
			o[i] = out.get(i);
		return o;
	}

	private static long[] reshapeTarget(final Build b, final OnnxNode n) {
		final long[] dims = b.value(n, 0).dims;
		final long[] target = b.constant(n, 1, "shape").longs();
		final boolean allowZero = b.longAttribute(n, "allowzero", 0) != 0;
		long known = 1;
		int inferred = -1;
		final long[] out = target.clone();
		for (int i = 0; i < out.length; i++) {
			if (out[i] == 0 && !allowZero) {
				if (i >= dims.length)
					throw b.refuse(n, "shape " + Arrays.toString(target) + " copies dim " + i + " of an input of " + dims.length + " dims");
				out[i] = dims[i];
			}
			if (out[i] == -1) {
				if (inferred >= 0)
					throw b.refuse(n, "shape " + Arrays.toString(target) + " has more than one -1");
				inferred = i;
			}
			else if (out[i] < 0)
				throw b.refuse(n, "shape " + Arrays.toString(target) + " has " + out[i] + "; allowed: sizes >= 0, 0 (copy) and one -1");
			else
				known *= out[i];
		}
		final long count = product(dims);
		if (inferred >= 0) {
			if (known == 0 || count % known != 0)
				throw b.refuse(n, "shape " + Arrays.toString(target) + " cannot hold the " + count + " values of " + Arrays.toString(dims));
			out[inferred] = count / known;
		}
		if (product(out) != count)
			throw b.refuse(n, "shape " + Arrays.toString(out) + " holds " + product(out) + " values, the input " +
				Arrays.toString(dims) + " " + count);
		return out;
	}

	private static long product(final long[] dims) {
		long p = 1;
		for (final long d : dims)
			p *= d;
		return p;
	}

	private static long[] flattened(final Build b, final OnnxNode n) {
		final long[] dims = b.value(n, 0).dims;
		final long given = b.longAttribute(n, "axis", 1);
		final int axis = b.axis(n, given < 0 ? given + dims.length : given, dims.length + 1);
		if (axis == 0)
			b.keepsBatchAxis(n, "flattens along axis 0");
		long outer = 1, inner = 1;
		for (int i = 0; i < dims.length; i++)
			if (i < axis)
				outer *= dims[i];
			else
				inner *= dims[i];
		return new long[] { outer, inner };
	}

	private static void transpose(final Build b, final OnnxNode n) {
		final Value v = b.value(n, 0);
		final int rank = v.dims.length;
		final long[] perm = n.attribute("perm") != null ? n.attribute("perm").ints() : null;
		final int[] p = new int[rank];
		final boolean[] seen = new boolean[rank];
		for (int i = 0; i < rank; i++) {
			p[i] = perm == null ? rank - 1 - i : b.axis(n, perm[i], rank);
			if (perm != null && perm.length != rank || seen[p[i]])
				throw b.refuse(n, "perm " + Arrays.toString(perm) + " is no permutation of the " + rank + " axes");
			seen[p[i]] = true;
		}
		final long[] out = new long[rank];
		for (int i = 0; i < rank; i++)
			out[i] = v.dims[p[i]];
		if (v.constant != null) {
			final long[] stride = new long[rank];
			for (int i = rank - 1, s = 1; i >= 0; s *= v.dims[i], i--)
				stride[i] = s;
			final int[] pick = new int[v.constant.size()];
			final long[] index = new long[rank];
			for (int k = 0; k < pick.length; k++) {
				long src = 0;
				for (int i = 0; i < rank; i++)
					src += index[i] * stride[p[i]];
				pick[k] = (int) src;
				for (int i = rank - 1; i >= 0 && ++index[i] == out[i]; i--)
					index[i] = 0;
			}
			b.define(n, 0, v.constant.pick(out, pick));
			return;
		}
		if (p[0] != 0)
			b.keepsBatchAxis(n, "moves axis 0");
		int last = -1;
		for (int i = 0; i < rank; i++)
			if (v.dims[p[i]] != 1) {
				if (p[i] < last)
					throw b.refuse(n, "perm " + Arrays.toString(perm) + " reorders the values of " + Arrays.toString(v.dims) +
						"; supported: a Transpose that only moves axes of size 1 (the values keep their order)");
				last = p[i];
			}
		b.reshapeTo(n, out);
	}

	private static void cast(final Build b, final OnnxNode n) {
		final OnnxDataType to = OnnxDataType.ofCode(b.longAttribute(n, "to", 0));
		final Value v = b.value(n, 0);
		if (v.constant == null) {
			if (to != OnnxDataType.FLOAT)
				throw b.refuse(n, "it casts an image tensor to " + to + "; supported on image tensors: FLOAT");
			b.alias(n, v);
			return;
		}
		final FoldedTensor c = v.constant;
		if (to.readsAsLongs()) {
			final long[] l = c.longs();
			if (to == OnnxDataType.BOOL)
				for (int i = 0; i < l.length; i++)
					l[i] = c.get(i) != 0 ? 1 : 0;
			b.define(n, 0, FoldedTensor.ofLongs(c.dims(), l));
		}
		else if (to == OnnxDataType.FLOAT || to == OnnxDataType.DOUBLE)
			b.define(n, 0, FoldedTensor.ofFloats(c.dims(), c.floats()));
		else
			throw b.refuse(n, "it casts to " + to + "; supported: FLOAT, DOUBLE (held as FLOAT), and the integer types " +
				"INT64, INT32, INT8, UINT8, BOOL");
	}

	private static void constantOfShape(final Build b, final OnnxNode n) {
		final long[] dims = b.constant(n, 0, "the shape").longs();
		final int count = FoldedTensor.count(dims, b.describe(n) + "'s output");
		final OnnxAttribute value = n.attribute("value");
		final FoldedTensor fill = value == null ? FoldedTensor.ofFloats(new long[] { 1 }, new float[1]) : FoldedTensor.of(value.t());
		if (fill.size() != 1)
			throw b.refuse(n, "its value holds " + fill.size() + " values; allowed: one");
		final int[] pick = new int[count];
		b.define(n, 0, fill.pick(dims, pick));
	}

	private static void slice(final Build b, final OnnxNode n) {
		final FoldedTensor data = b.constant(n, 0, "data");
		final long[] d = data.dims();
		final long[] starts, ends, axes, steps;
		if (n.attribute("starts") != null) { // opset < 10
			starts = n.attribute("starts").ints();
			ends = n.attribute("ends").ints();
			axes = n.attribute("axes") != null ? n.attribute("axes").ints() : null;
			steps = null;
		}
		else {
			starts = b.constant(n, 1, "starts").longs();
			ends = b.constant(n, 2, "ends").longs();
			axes = b.optional(n, 3) ? b.constant(n, 3, "axes").longs() : null;
			steps = b.optional(n, 4) ? b.constant(n, 4, "steps").longs() : null;
		}
		final long[] begin = new long[d.length];
		final long[] step = new long[d.length];
		final long[] out = d.clone();
		Arrays.fill(step, 1);
		for (int k = 0; k < starts.length; k++) {
			final int axis = b.axis(n, axes == null ? k : axes[k], d.length);
			final long s = steps == null ? 1 : steps[k];
			if (s == 0)
				throw b.refuse(n, "step 0 on axis " + axis + "; allowed: a step other than 0");
			long start = starts[k] < 0 ? starts[k] + d[axis] : starts[k];
			long end = ends[k] < 0 ? ends[k] + d[axis] : ends[k];
			if (s > 0) {
				start = Math.max(0, Math.min(d[axis], start));
				end = Math.max(0, Math.min(d[axis], end));
				out[axis] = Math.max(0, (end - start + s - 1) / s);
			}
			else {
				start = Math.max(-1, Math.min(d[axis] - 1, start));
				end = Math.max(-1, Math.min(d[axis] - 1, end));
				out[axis] = Math.max(0, (start - end - s - 1) / -s);
			}
			begin[axis] = start;
			step[axis] = s;
		}
		final int[] pick = new int[FoldedTensor.count(out, b.describe(n) + "'s output")];
		final long[] index = new long[d.length];
		for (int k = 0; k < pick.length; k++) {
			long src = 0;
			for (int i = 0; i < d.length; i++)
				src = src * d[i] + begin[i] + index[i] * step[i];
			pick[k] = (int) src;
			for (int i = d.length - 1; i >= 0 && ++index[i] == out[i]; i--)
				index[i] = 0;
		}
		b.define(n, 0, data.pick(out, pick));
	}

	private static void concat(final Build b, final OnnxNode n) {
		boolean constant = true;
		for (int i = 0; i < n.inputs().size(); i++)
			constant &= b.value(n, i).constant != null;
		final int rank = b.value(n, 0).dims.length;
		final int axis = b.axis(n, b.longAttribute(n, "axis", Long.MIN_VALUE), rank);
		if (constant) {
			final List<FoldedTensor> parts = new ArrayList<>();
			for (int i = 0; i < n.inputs().size(); i++)
				parts.add(b.value(n, i).constant);
			b.define(n, 0, Folding.concat(b, n, parts, axis));
			return;
		}
		if (axis != 1)
			throw b.refuse(n, "it concatenates image tensors along axis " + axis + "; supported: axis 1 (channels)");
		if (n.inputs().size() == 1) {
			b.alias(n, b.value(n, 0));
			return;
		}
		final String[] reads = new String[n.inputs().size()];
		long channels = 0;
		for (int i = 0; i < reads.length; i++) {
			final Value v = b.value(n, i);
			if (v.dims.length != rank)
				throw b.refuse(n, "its inputs have " + rank + " and " + v.dims.length + " dims; allowed: equal");
			reads[i] = b.tensor(n, v, v.dims);
			channels += v.dims[1];
		}
		final long[] out = b.value(n, 0).dims.clone();
		out[1] = channels;
		b.node(n, 0, Operation.of(new Concat()), out, reads);
	}

	private static void clip(final Build b, final OnnxNode n) {
		float min = Float.NEGATIVE_INFINITY, max = Float.POSITIVE_INFINITY;
		if (n.attribute("min") != null || n.attribute("max") != null) {
			min = b.floatAttribute(n, "min", min);
			max = b.floatAttribute(n, "max", max);
		}
		if (b.optional(n, 1))
			min = scalar(b, n, 1, "min");
		if (b.optional(n, 2))
			max = scalar(b, n, 2, "max");
		final Clip clip;
		try {
			clip = new Clip(min, max);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, clip, "Clip");
	}

	/** @return the activation, or a refusal naming the node when a parameter is out of range */
	private static Activation activation(final Build b, final OnnxNode n, final Supplier<Activation> make) {
		try {
			return make.get();
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
	}

	private static void gelu(final Build b, final OnnxNode n) {
		final String approximate = b.stringAttribute(n, "approximate", "none");
		if (!approximate.equals("none"))
			throw b.refuse(n, "approximate " + approximate + " is not supported; supported: none (the exact erf form)");
		b.layer(n, Activation.gelu(), "GELU");
	}

	private static void softmax(final Build b, final OnnxNode n, final Softmax layer) {
		final Value x = b.value(n, 0);
		final int rank = x.dims.length;
		final boolean flattening = b.model.opsetVersion("") < 13; // before opset 13: over all axes from axis on
		final int axis = b.axis(n, b.longAttribute(n, "axis", flattening ? 1 : -1), rank);
		long after = 1;
		for (int i = 2; i < rank; i++)
			after *= x.dims[i];
		if (axis != 1 || flattening && after != 1)
			throw b.refuse(n, "axis " + axis + (flattening ? " (opset " + b.model.opsetVersion("") + ": over axes " + axis + " to " +
				(rank - 1) + " together)" : "") + " of " + Arrays.toString(x.dims) + " is not supported; supported: over the " +
				"channels, axis 1" + (flattening ? " of a tensor whose other axes are 1" : ""));
		b.layer(n, layer, layer.toString());
	}

	private static void instanceNorm(final Build b, final OnnxNode n) {
		if (b.isVolume(n, 0)) {
			OnnxVolumes.instanceNorm(b, n);
			return;
		}
		final GroupNorm layer;
		try {
			layer = GroupNorm.instanceNorm(b.floatAttribute(n, "epsilon", 1e-5f), b.constant(n, 1, "scale").floats(),
				b.constant(n, 2, "B").floats());
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "Instance norm");
	}

	private static void pad(final Build b, final OnnxNode n) {
		final Value x = b.image(n, 0);
		final String modeName = b.stringAttribute(n, "mode", "constant");
		final long[] pads;
		float value = 0;
		if (n.attribute("pads") != null) { // opset < 11
			pads = n.attribute("pads").ints();
			value = b.floatAttribute(n, "value", 0);
		}
		else {
			pads = b.constant(n, 1, "pads").longs();
			if (b.optional(n, 2))
				value = scalar(b, n, 2, "constant_value");
			if (b.optional(n, 3))
				throw b.refuse(n, "it pads only some axes (input 'axes'); supported: pads for all 4 axes");
		}
		if (pads.length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0)
			throw b.refuse(n, "pads " + Arrays.toString(pads) + " is not supported; supported: 8 values [0, 0, top, left, 0, 0, " +
				"bottom, right] (height and width only)");
		for (final long p : pads)
			if (Math.abs(p) > Integer.MAX_VALUE / 4)
				throw b.refuse(n, "pads " + Arrays.toString(pads) + " is out of range; allowed: -" + Integer.MAX_VALUE / 4 + " to " +
					Integer.MAX_VALUE / 4);
		final PadMode mode;
		switch (modeName) {
			case "constant":
				mode = PadMode.CONSTANT;
				break;
			case "reflect":
				mode = PadMode.REFLECT;
				break;
			case "edge":
				mode = PadMode.REPLICATE;
				break;
			case "wrap":
				mode = PadMode.CIRCULAR;
				break;
			default:
				throw b.refuse(n, "mode " + modeName + " is not known; supported: constant, reflect, edge, wrap");
		}
		final Pad layer;
		try {
			layer = Pad.of(mode, (int) pads[2], (int) pads[6], (int) pads[3], (int) pads[7], mode == PadMode.CONSTANT ? value : 0);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "Pad");
	}

	private static void convTranspose(final Build b, final OnnxNode n) {
		if (b.isVolume(n, 0)) {
			OnnxVolumes.convTranspose(b, n);
			return;
		}
		final Value x = b.image(n, 0);
		final FoldedTensor w = b.constant(n, 1, "the weights W");
		final long[] wd = w.dims();
		if (wd.length != 4)
			throw b.refuse(n, "its weights have dims " + Arrays.toString(wd) + "; supported: 2D, [C, M/group, kh, kw]");
		final long[] kernel = b.intsAttribute(n, "kernel_shape", new long[] { wd[2], wd[3] });
		if (kernel.length != 2 || kernel[0] != wd[2] || kernel[1] != wd[3])
			throw b.refuse(n, "kernel_shape " + Arrays.toString(kernel) + " differs from the weights' " + Arrays.toString(wd));
		if (n.attribute("output_shape") != null)
			throw b.refuse(n, "it has output_shape " + Arrays.toString(n.attribute("output_shape").ints()) + "; supported: pads " +
				"and output_padding (what PyTorch exports)");
		if (!b.stringAttribute(n, "auto_pad", "NOTSET").equals("NOTSET"))
			throw b.refuse(n, "auto_pad " + b.stringAttribute(n, "auto_pad", "") + " is not supported; supported: NOTSET (explicit pads)");
		final long[] strides = pair(b, n, "strides", 1);
		final long[] dilations = pair(b, n, "dilations", 1);
		final long[] outPad = b.intsAttribute(n, "output_padding", new long[2]);
		final long[] pads = b.intsAttribute(n, "pads", new long[4]);
		if (outPad.length != 2)
			throw b.refuse(n, "output_padding " + Arrays.toString(outPad) + " has " + outPad.length + " values; supported: 2 (2D)");
		if (pads.length != 4 || pads[0] != pads[2] || pads[1] != pads[3])
			throw b.refuse(n, "pads " + Arrays.toString(pads) + " is not supported; supported: 4 values, top = bottom and left = right");
		for (final long v : new long[] { pads[0], pads[1], outPad[0], outPad[1] })
			if (v < 0 || v > Integer.MAX_VALUE / 4)
				throw b.refuse(n, "pads " + Arrays.toString(pads) + " / output_padding " + Arrays.toString(outPad) + " out of range; " +
					"allowed: 0 to " + Integer.MAX_VALUE / 4);
		final long group = b.longAttribute(n, "group", 1);
		if (group < 1 || group > x.dims[1])
			throw b.refuse(n, "group " + group + " is out of range; allowed: 1 to C = " + x.dims[1]);
		final ConvTranspose2D layer;
		try {
			final ConvTranspose2D.Builder builder = ConvTranspose2D.builder(w.floats(), (int) wd[0], (int) wd[1], (int) wd[2], (int) wd[3])
				.groups((int) group).stride((int) strides[0], (int) strides[1]).padding((int) pads[0], (int) pads[1])
				.outputPadding((int) outPad[0], (int) outPad[1]).dilation((int) dilations[0], (int) dilations[1])
				.name(n.name().isEmpty() ? n.outputs().get(0) : n.name());
			if (b.optional(n, 2))
				builder.bias(b.constant(n, 2, "the bias B").floats());
			layer = builder.build();
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "ConvTranspose2D");
	}

	/** @return a two-value attribute (y, x) of values from 1 */
	private static long[] pair(final Build b, final OnnxNode n, final String attribute, final long otherwise) {
		final long[] v = b.intsAttribute(n, attribute, new long[] { otherwise, otherwise });
		if (v.length != 2)
			throw b.refuse(n, attribute + " " + Arrays.toString(v) + " has " + v.length + " values; supported: 2 (2D)");
		for (final long a : v)
			if (a < 1 || a > Integer.MAX_VALUE / 4)
				throw b.refuse(n, attribute + " " + Arrays.toString(v) + " is out of range; allowed: 1 to " + Integer.MAX_VALUE / 4);
		return v;
	}

	/** Resize (opsets 10 to 19) and Upsample (opset 7 to 9). */
	private static void resize(final Build b, final OnnxNode n) {
		if (b.isVolume(n, 0)) {
			OnnxVolumes.resize(b, n);
			return;
		}
		final Value x = b.image(n, 0);
		final boolean old = n.opType().equals("Upsample") || b.model.opsetVersion("") < 11;
		FoldedTensor scales = null, sizes = null;
		if (n.opType().equals("Upsample") && n.attribute("scales") != null) { // opset 7
			final float[] f = n.attribute("scales").floats();
			scales = FoldedTensor.ofFloats(new long[] { f.length }, f);
		}
		else if (old)
			scales = b.constant(n, 1, "scales");
		else {
			if (b.optional(n, 2) && b.constant(n, 2, "scales").size() > 0)
				scales = b.constant(n, 2, "scales");
			if (b.optional(n, 3))
				sizes = b.constant(n, 3, "sizes");
			if (scales == null && sizes == null)
				throw b.refuse(n, "it has neither scales nor sizes");
		}
		final double[] scale = new double[2];
		final long[] out = x.dims.clone();
		final long[] dims = x.dims;
		if (sizes != null) {
			if (sizes.size() != 4 || sizes.longAt(0) != 1 && sizes.longAt(0) != dims[0] || sizes.longAt(1) != dims[1])
				throw b.refuse(n, "sizes " + Arrays.toString(sizes.longs()) + " change N or C of " + Arrays.toString(dims) +
					"; supported: [N, C, height, width] resizing height and width only");
			for (int a = 0; a < 2; a++) {
				out[a + 2] = sizes.longAt(a + 2);
				if (out[a + 2] < 1)
					throw b.refuse(n, "sizes " + Arrays.toString(sizes.longs()) + " are out of range; allowed: sizes >= 1");
				scale[a] = (double) (float) out[a + 2] / (float) dims[a + 2];
			}
		}
		else {
			if (scales.size() != 4 || scales.floatAt(0) != 1 || scales.floatAt(1) != 1)
				throw b.refuse(n, "scales " + Arrays.toString(scales.floats()) + " are not supported; supported: [1, 1, height scale, " +
					"width scale]");
			for (int a = 0; a < 2; a++) {
				scale[a] = scales.floatAt(a + 2);
				if (!(scale[a] > 0) || Double.isInfinite(scale[a]))
					throw b.refuse(n, "scales " + Arrays.toString(scales.floats()) + " are out of range; allowed: finite numbers > 0");
				out[a + 2] = (long) Math.floor(dims[a + 2] * scale[a]);
			}
		}
		final String modeName = b.stringAttribute(n, "mode", "nearest");
		final Interpolation mode;
		switch (modeName) {
			case "nearest":
				mode = Interpolation.NEAREST;
				break;
			case "linear":
			case "bilinear":
				mode = Interpolation.BILINEAR;
				break;
			default:
				throw b.refuse(n, "mode " + modeName + " is not supported; supported: nearest, linear");
		}
		final CoordinateTransform transform;
		NearestRounding rounding;
		if (old) { // Upsample, and Resize before opset 11: asymmetric; nearest rounds down, or up when shrinking
			transform = CoordinateTransform.ASYMMETRIC;
			if (scale[0] >= 1 != scale[1] >= 1 && mode == Interpolation.NEAREST)
				throw b.refuse(n, "scales " + Arrays.toString(scale) + " enlarge one axis and shrink the other; supported in nearest " +
					"mode before opset 11: both enlarged or both shrunk");
			rounding = scale[0] >= 1 ? NearestRounding.FLOOR : NearestRounding.CEIL;
		}
		else {
			final String t = b.stringAttribute(n, "coordinate_transformation_mode", "half_pixel");
			if (t.equals("tf_crop_and_resize")) { // a region of interest resampled to the output's size
				final FoldedTensor roi = b.optional(n, 1) ? b.constant(n, 1, "roi") : null;
				if (roi == null || roi.size() != 8 || roi.floatAt(0) != 0 || roi.floatAt(1) != 0 || roi.floatAt(4) != 1 || roi.floatAt(5) != 1)
					throw b.refuse(n, "tf_crop_and_resize needs a constant roi [0, 0, y0, x0, 1, 1, y1, x1] (cropping height and width " +
						"only), got " + (roi == null ? "none" : Arrays.toString(roi.floats())));
				final NearestRounding r = find(b, n, NearestRounding.values(), b.stringAttribute(n, "nearest_mode", "round_prefer_floor"),
					"nearest_mode");
				try {
					b.layer(n, new CropAndResize(out[3], out[2], new double[] { roi.floatAt(2), roi.floatAt(3), roi.floatAt(6), roi.floatAt(7) },
						mode, r, b.floatAttribute(n, "extrapolation_value", 0f)), "Resize (tf_crop_and_resize)");
				}
				catch (final IllegalArgumentException e) {
					throw b.refuse(n, e.getMessage());
				}
				return;
			}
			transform = find(b, n, CoordinateTransform.values(), t, "coordinate_transformation_mode");
			rounding = find(b, n, NearestRounding.values(), b.stringAttribute(n, "nearest_mode", "round_prefer_floor"), "nearest_mode");
			if (transform == CoordinateTransform.ALIGN_CORNERS && sizes == null)
				for (int a = 0; a < 2; a++)
					if (dims[a + 2] * scale[a] != out[a + 2])
						throw b.refuse(n, "align_corners with scale " + scale[a] + " on " + dims[a + 2] + " pixels (" + dims[a + 2] * scale[a] +
							", not a whole number) is not supported: ONNX's reference divides by that length less 1, runtimes by the " +
							"output's; supported: align_corners with sizes, or scales giving whole lengths");
			if (b.longAttribute(n, "exclude_outside", 0) != 0)
				throw b.refuse(n, "exclude_outside is 1; supported: 0 (cubic mode only uses it)");
		}
		final Upsample layer;
		try {
			layer = Upsample.of(scale[0], scale[1], mode, transform, rounding);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		final long[] made;
		try {
			made = layer.outputSize(dims[3], dims[2]);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		if (made[0] != out[3] || made[1] != out[2])
			throw b.refuse(n, "its output would be " + made[1] + " x " + made[0] + " for sizes " + out[2] + " x " + out[3] +
				"; supported: sizes that a scale gives exactly");
		b.layer(n, layer, mode == Interpolation.NEAREST ? "Upsample (nearest)" : "Upsample (bilinear)");
	}

	private static void depthToSpace(final Build b, final OnnxNode n) {
		b.image(n, 0);
		final long block = b.longAttribute(n, "blocksize", 0);
		if (block < 1 || block > 1 << 15)
			throw b.refuse(n, "blocksize " + block + " is out of range; allowed: 1 to " + (1 << 15));
		final String mode = b.stringAttribute(n, "mode", "DCR");
		if (!mode.equals("DCR") && !mode.equals("CRD"))
			throw b.refuse(n, "mode " + mode + " is not known; allowed: DCR, CRD");
		b.layer(n, n.opType().equals("SpaceToDepth") ? DepthToSpace.spaceToDepth((int) block)
			: DepthToSpace.depthToSpace((int) block, DepthToSpace.Order.valueOf(mode)), n.opType());
	}

	/** The core's own modes, which are no ONNX attribute values. */
	private static final Set<String> NOT_ONNX = new HashSet<>(Arrays.asList("pytorch_nearest", "pytorch_linear"));

	/** @return the constant whose ONNX attribute value (its label) is the given one */
	private static <E extends Enum<E>> E find(final Build b, final OnnxNode n, final E[] values, final String label, final String attribute) {
		final List<String> labels = new ArrayList<>();
		for (final E e : values)
			if (!NOT_ONNX.contains(e.toString())) {
				if (e.toString().equals(label))
					return e;
				labels.add(e.toString());
			}
		throw b.refuse(n, attribute + " " + label + " is not supported; supported: " + String.join(", ", labels));
	}

	private static float scalar(final Build b, final OnnxNode n, final int input, final String what) {
		final FoldedTensor t = b.constant(n, input, what);
		if (t.size() != 1)
			throw b.refuse(n, what + " holds " + t.size() + " values; allowed: one");
		return t.floatAt(0);
	}

	/** Pads {top, left, bottom, right} of a 2D Conv or pool, from pads or auto_pad. */
	private static int[] pads(final Build b, final OnnxNode n, final Shape in, final int kh, final int kw, final int stride,
		final int dilation)
	{
		final String autoPad = b.stringAttribute(n, "auto_pad", "NOTSET");
		final int[] p = new int[4];
		switch (autoPad) {
			case "NOTSET":
				final long[] pads = b.intsAttribute(n, "pads", new long[4]);
				if (pads.length != 4)
					throw b.refuse(n, "pads " + Arrays.toString(pads) + " has " + pads.length + " values; allowed: 4 for 2D (top, left, bottom, right)");
				for (int i = 0; i < 4; i++) {
					if (pads[i] < 0 || pads[i] > Integer.MAX_VALUE / 4)
						throw b.refuse(n, "pads " + Arrays.toString(pads) + " has " + pads[i] + "; allowed: 0 <= pad <= " + Integer.MAX_VALUE / 4);
					p[i] = (int) pads[i];
				}
				break;
			case "VALID":
				break;
			case "SAME_UPPER":
			case "SAME_LOWER":
				final long[] sizes = { in.height(), in.width() };
				final int[] k = { kh, kw };
				for (int a = 0; a < 2; a++) {
					final long out = (sizes[a] + stride - 1) / stride;
					final long total = Math.max(0, (out - 1) * stride + (long) (k[a] - 1) * dilation + 1 - sizes[a]);
					final long small = total / 2;
					p[a] = (int) (autoPad.equals("SAME_UPPER") ? small : total - small);
					p[a + 2] = (int) (total - p[a]);
				}
				break;
			default:
				throw b.refuse(n, "auto_pad " + autoPad + " is not known; allowed: NOTSET, VALID, SAME_UPPER, SAME_LOWER");
		}
		if (p[0] != p[2] || p[1] != p[3])
			throw b.refuse(n, "its padding (top " + p[0] + ", left " + p[1] + ", bottom " + p[2] + ", right " + p[3] + (autoPad.equals("NOTSET")
				? "" : ", from auto_pad " + autoPad + " for " + in.width() + " x " + in.height()) + ") is asymmetric; supported: " +
				"top = bottom and left = right");
		return p;
	}

	/** @return the one value of a per-axis attribute of two values (strides, dilations) */
	private static int sameOnBothAxes(final Build b, final OnnxNode n, final String attribute, final String what) {
		final long[] v = b.intsAttribute(n, attribute, new long[] { 1, 1 });
		if (v.length != 2)
			throw b.refuse(n, attribute + " " + Arrays.toString(v) + " has " + v.length + " values; supported: 2 (2D)");
		if (v[0] != v[1])
			throw b.refuse(n, attribute + " " + Arrays.toString(v) + " differ between the axes; supported: one " + what +
				" for both axes");
		if (v[0] < 1 || v[0] > Integer.MAX_VALUE / 4)
			throw b.refuse(n, attribute + " " + Arrays.toString(v) + " is out of range; allowed: 1 to " + Integer.MAX_VALUE / 4);
		return (int) v[0];
	}

	private static void conv(final Build b, final OnnxNode n) {
		if (b.isVolume(n, 0)) {
			OnnxVolumes.conv(b, n);
			return;
		}
		final Value x = b.image(n, 0);
		final FoldedTensor w = b.constant(n, 1, "the weights W");
		final long[] wd = w.dims();
		if (wd.length != 4)
			throw b.refuse(n, "its weights have dims " + Arrays.toString(wd) + "; supported: 2D convolution, [M, C/group, kh, kw]");
		final long[] kernel = b.intsAttribute(n, "kernel_shape", new long[] { wd[2], wd[3] });
		if (kernel.length != 2 || kernel[0] != wd[2] || kernel[1] != wd[3])
			throw b.refuse(n, "kernel_shape " + Arrays.toString(kernel) + " differs from the weights' " + Arrays.toString(wd));
		final long group = b.longAttribute(n, "group", 1);
		if (group < 1 || group > x.dims[1])
			throw b.refuse(n, "group " + group + " is out of range; allowed: 1 to C = " + x.dims[1]);
		final int stride = sameOnBothAxes(b, n, "strides", "stride");
		final int dilation = sameOnBothAxes(b, n, "dilations", "dilation");
		final Shape in = b.shape(x);
		final int[] p = pads(b, n, in, (int) wd[2], (int) wd[3], stride, dilation);
		final float[] bias = b.optional(n, 2) ? b.constant(n, 2, "the bias B").floats() : null;
		final String name = n.name().isEmpty() ? n.outputs().get(0) : n.name();
		final Conv2D layer;
		try {
			layer = Conv2D.learned(new ConvWeights(w.floats(), (int) wd[0], (int) wd[1], (int) wd[2], (int) wd[3], bias, name), name)
				.groups((int) group).stride(stride).padding(p[0], p[1]).dilation(dilation).build();
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "Conv2D");
	}

	private static void pool(final Build b, final OnnxNode n, final PoolingMode mode) {
		if (b.isVolume(n, 0)) {
			OnnxVolumes.pool(b, n, mode);
			return;
		}
		final Value x = b.image(n, 0);
		if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty())
			throw b.refuse(n, "its Indices output is used; supported: the pooled values only");
		final long[] k = b.intsAttribute(n, "kernel_shape", null);
		if (k == null || k.length != 2)
			throw b.refuse(n, "kernel_shape " + (k == null ? "is missing" : Arrays.toString(k)) + "; supported: 2D pooling, [kh, kw]");
		if (k[0] != k[1])
			throw b.refuse(n, "kernel_shape " + Arrays.toString(k) + " is not square; supported: square windows (kh = kw)");
		if (k[0] < 1 || k[0] > Integer.MAX_VALUE / 4)
			throw b.refuse(n, "kernel_shape " + Arrays.toString(k) + " is out of range; allowed: 1 to " + Integer.MAX_VALUE / 4);
		final int stride = sameOnBothAxes(b, n, "strides", "stride");
		if (sameOnBothAxes(b, n, "dilations", "dilation") != 1)
			throw b.refuse(n, "dilations " + Arrays.toString(n.attribute("dilations").ints()) + "; supported: 1 (no dilation)");
		final int[] p = pads(b, n, b.shape(x), (int) k[0], (int) k[1], stride, 1);
		if (p[0] != p[1])
			throw b.refuse(n, "its padding differs between the axes (" + p[0] + " rows, " + p[1] + " columns); supported: " +
				"one padding for both axes");
		final boolean ceil = b.longAttribute(n, "ceil_mode", 0) != 0;
		final boolean countPad = b.longAttribute(n, "count_include_pad", 0) != 0;
		final Pool2D layer;
		try {
			layer = new Pool2D(mode, (int) k[0], stride, p[0], ceil, countPad);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, mode.label() + " pooling");
	}

	private static void globalPool(final Build b, final OnnxNode n, final GlobalPoolingMode mode) {
		if (b.isVolume(n, 0)) {
			b.layer3D(n, new GlobalPooling3D(mode), "Global " + mode + " pooling 3D");
			return;
		}
		b.image(n, 0);
		b.layer(n, new GlobalPooling(mode), "Global " + mode + " pooling");
	}

	/**
	 * ReduceMean, ReduceSum, ReduceMax over the channels (axis 1: {@link ChannelReduction}) or over every spatial axis
	 * (axes 2 and 3 of [N, C, H, W], axis 2 of [N, C, L]: {@link GlobalPooling}); axes as an attribute (ReduceSum before
	 * opset 13, the others before 18) or as input 1; keepdims 0 or 1; no axes reduce all axes (the batch axis too, refused)
	 * unless noop_with_empty_axes is 1, which leaves the input as it is.
	 */
	private static void reduce(final Build b, final OnnxNode n, final GlobalPoolingMode mode) {
		final Value x = b.value(n, 0);
		if (x.constant != null)
			throw b.refuse(n, "its input is a constant; supported: a tensor computed from the image");
		final int rank = x.dims.length;
		long[] axes = b.intsAttribute(n, "axes", null);
		if (axes == null && b.optional(n, 1))
			axes = b.constant(n, 1, "axes").longs();
		if (axes == null || axes.length == 0) {
			if (b.longAttribute(n, "noop_with_empty_axes", 0) != 0) {
				b.alias(n, x);
				return;
			}
			axes = new long[rank];
			for (int i = 0; i < rank; i++)
				axes[i] = i;
		}
		final boolean[] reduced = new boolean[rank];
		for (final long a : axes)
			reduced[b.axis(n, a, rank)] = true;
		if (reduced[0])
			b.keepsBatchAxis(n, "reduces axis 0");
		final boolean channels = reduced[1];
		boolean space = rank > 2 && reduced[2];
		for (int i = 3; i < rank; i++)
			if (reduced[i] != space)
				space = false;
		final boolean someSpace = rank > 2 && (reduced[2] || reduced[rank - 1]);
		if (channels == someSpace || someSpace && !space)
			throw b.refuse(n, "axes " + Arrays.toString(axes) + " of " + Arrays.toString(x.dims) + " are not supported; supported: " +
				"[1] (over the channels) or every spatial axis, [2, 3] of [N, C, H, W], [2] of [N, C, L]");
		final boolean keep = b.longAttribute(n, "keepdims", 1) != 0;
		final long[] kept = x.dims.clone();
		final List<Long> dropped = new ArrayList<>();
		for (int i = 0; i < rank; i++) {
			if (reduced[i])
				kept[i] = 1;
			else
				dropped.add(x.dims[i]);
		}
		final long[] out = new long[keep ? rank : dropped.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = keep ? kept[i] : dropped.get(i);
		final String label = "Reduce " + mode.label() + (channels ? " over channels" : " over space");
		if (channels)
			b.node(n, 0, Operation.of(new ChannelReduction(mode), label), kept, b.materialize(n, x, x.dims));
		else
			b.layer(n, new GlobalPooling(mode), label);
		b.relabel(n, out);
	}

	/**
	 * Expand of a tensor computed from the image to a shape that leaves it as it is (what PyTorch's {@code x.repeat}
	 * exports before its Tile: an Expand to ones); a constant is broadcast at import.
	 */
	private static void expand(final Build b, final OnnxNode n) {
		final Value x = b.value(n, 0);
		final long[] shape = b.constant(n, 1, "shape").longs();
		final int rank = Math.max(x.dims.length, shape.length);
		final long[] px = new long[rank], ps = new long[rank];
		Arrays.fill(px, 1);
		Arrays.fill(ps, 1);
		System.arraycopy(x.dims, 0, px, rank - x.dims.length, x.dims.length);
		System.arraycopy(shape, 0, ps, rank - shape.length, shape.length);
		final long[] out = Folding.broadcast(b, n, px, ps);
		if (x.constant != null) {
			final int[] pick = new int[FoldedTensor.count(out, b.describe(n) + "'s output")];
			final long[] index = new long[rank];
			for (int k = 0; k < pick.length; k++) {
				long src = 0;
				for (int i = 0; i < rank; i++)
					src = src * px[i] + (px[i] == 1 ? 0 : index[i]);
				pick[k] = (int) src;
				for (int i = rank - 1; i >= 0 && ++index[i] == out[i]; i--)
					index[i] = 0;
			}
			b.define(n, 0, x.constant.pick(out, pick));
			return;
		}
		if (!Arrays.equals(out, x.dims))
			throw b.refuse(n, "it expands " + Arrays.toString(x.dims) + " computed from the image to " + Arrays.toString(out) +
				"; supported: an Expand that leaves such a tensor as it is (use Tile to repeat it)");
		b.alias(n, x);
	}

	/** Tile of a tensor computed from the image: repeats [1, channels, height, width] (or [1, C, L], [1, C]). */
	private static void tile(final Build b, final OnnxNode n) {
		final Value x = b.value(n, 0);
		if (x.constant != null)
			throw b.refuse(n, "its input is a constant; supported: a tensor computed from the image");
		final long[] repeats = b.constant(n, 1, "repeats").longs();
		final int rank = x.dims.length;
		if (repeats.length != rank)
			throw b.refuse(n, "repeats " + Arrays.toString(repeats) + " has " + repeats.length + " values for an input of " + rank +
				" dims " + Arrays.toString(x.dims) + "; allowed: one per axis");
		for (final long r : repeats)
			if (r < 1)
				throw b.refuse(n, "repeats " + Arrays.toString(repeats) + " has " + r + "; allowed: 1 and above (0 would empty the tensor)");
		if (repeats[0] != 1)
			throw b.refuse(n, "repeats " + Arrays.toString(repeats) + " repeats axis 0 of a tensor computed from the image, the batch " +
				"axis (each sample runs on its own); supported: repeats [1, channels, height, width]");
		final Tile layer;
		try {
			layer = new Tile(repeats[1], rank == 4 ? repeats[2] : 1, rank > 2 ? repeats[rank - 1] : 1);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "Tile");
	}

	private static void batchNorm(final Build b, final OnnxNode n) {
		for (int i = 1; i < n.outputs().size(); i++)
			if (!n.outputs().get(i).isEmpty())
				throw b.refuse(n, "its output " + i + " '" + n.outputs().get(i) + "' (running statistics) is used; supported: " +
					"inference, output 0 only");
		if (b.longAttribute(n, "training_mode", 0) != 0)
			throw b.refuse(n, "training_mode is 1; supported: inference (0)");
		final Value x = b.value(n, 0);
		final BatchNormWeights w;
		try {
			w = new BatchNormWeights(b.constant(n, 1, "scale").floats(), b.constant(n, 2, "B").floats(),
				b.constant(n, 3, "mean").floats(), b.constant(n, 4, "var").floats(), b.describe(n));
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		if (x.dims.length < 2 || w.channels() != x.dims[1])
			throw b.refuse(n, "it has " + w.channels() + " channels, its input " + Arrays.toString(x.dims));
		final double eps = b.floatAttribute(n, "epsilon", 1e-5f);
		final BatchNorm layer;
		try {
			layer = new BatchNorm(w.scale(eps), w.shift(eps));
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "Batch norm");
	}

	private static void gemm(final Build b, final OnnxNode n) {
		if (b.longAttribute(n, "transA", 0) != 0)
			throw b.refuse(n, "transA is 1; supported: 0 (A is the image's vector [1, K])");
		if (b.floatAttribute(n, "alpha", 1) != 1)
			throw b.refuse(n, "alpha is " + b.floatAttribute(n, "alpha", 1) + "; supported: 1 (as PyTorch's Linear exports)");
		final float beta = b.floatAttribute(n, "beta", 1);
		linear(b, n, b.longAttribute(n, "transB", 0) != 0, b.optional(n, 2) ? b.constant(n, 2, "C") : null, beta);
	}

	private static void matMul(final Build b, final OnnxNode n) {
		linear(b, n, false, null, 1);
	}

	/** A · B (+ beta C) of a vector [1, K] and a constant matrix: a 1 x 1 convolution of K channels to M. */
	private static void linear(final Build b, final OnnxNode n, final boolean transB, final FoldedTensor c, final float beta) {
		final Value a = b.value(n, 0);
		if (a.constant != null)
			throw b.refuse(n, "its input A is a constant; supported: A computed from the image");
		if (a.dims.length != 2)
			throw b.refuse(n, "its input A has dims " + Arrays.toString(a.dims) + "; supported: a vector per sample, [1, K] " +
				"(after Flatten or global pooling)");
		final FoldedTensor m = b.constant(n, 1, "the matrix B");
		final long[] md = m.dims();
		if (md.length != 2)
			throw b.refuse(n, "B has dims " + Arrays.toString(md) + "; supported: a matrix");
		final long k = a.dims[1];
		final long kb = transB ? md[1] : md[0];
		final int outs = (int) (transB ? md[0] : md[1]);
		if (kb != k)
			throw b.refuse(n, "B " + Arrays.toString(md) + (transB ? " (transposed)" : "") + " takes " + kb + " values, A has " + k);
		final float[] bv = m.floats();
		final float[] w = new float[bv.length];
		for (int o = 0; o < outs; o++)
			for (int i = 0; i < k; i++)
				w[(int) (o * k + i)] = transB ? bv[(int) (o * k + i)] : bv[(int) (i * outs + o)];
		float[] bias = null;
		if (c != null) {
			if (c.size() != 1 && c.size() != outs || c.rank() == 2 && c.dims()[0] != 1)
				throw b.refuse(n, "C has dims " + Arrays.toString(c.dims()) + "; supported: one value, or one per output (" + outs + ")");
			bias = new float[outs];
			for (int o = 0; o < outs; o++)
				bias[o] = beta * c.floatAt(c.size() == 1 ? 0 : o);
		}
		final String name = n.name().isEmpty() ? n.outputs().get(0) : n.name();
		final Conv2D layer;
		try {
			layer = Conv2D.learned(new ConvWeights(w, outs, (int) k, 1, 1, bias, name), name).build();
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer(n, layer, "Linear");
	}

	// ---------------------------------------------------------------- values and the build

	/** What a value of the graph is at import: a constant, or a tensor of the network with its ONNX dims (N = 1). */
	static final class Value {

		final FoldedTensor constant;
		final String tensor;
		final long[] dims;

		Value(final FoldedTensor constant) {
			this.constant = constant;
			this.tensor = null;
			this.dims = constant.dims();
		}

		Value(final String tensor, final long[] dims) {
			this.constant = null;
			this.tensor = tensor;
			this.dims = dims.clone();
		}
	}

	/** The state of one import. */
	static final class Build {

		private final OnnxModel model;
		private final Network.Builder builder = Network.builder();
		private final Map<String, Value> values = new HashMap<>();
		private final Map<String, Shape> shapes = new HashMap<>();
		/** The initializers and fixed inputs, converted when a node first reads them. */
		private final Map<String, OnnxTensor> initializers = new HashMap<>();
		/** The names of the model's values: a tensor the importer makes takes none of them but its own. */
		private final Set<String> reserved = new HashSet<>();
		/** The names of the network's tensors. */
		private final Set<String> names = new HashSet<>();
		private final List<String> inputs = new ArrayList<>();

		Build(final OnnxModel model, final Map<String, Shape> images, final Map<String, OnnxTensor> fixed) {
			this.model = model;
			final OnnxGraph graph = model.graph();
			final List<OnnxNode> order = graph.validate();
			for (final OnnxValueInfo v : graph.inputs())
				reserved.add(v.name());
			reserved.addAll(graph.initializers().keySet());
			for (final OnnxNode node : graph.nodes())
				reserved.addAll(node.outputs());
			initializers.putAll(graph.initializers());
			for (final OnnxValueInfo v : graph.runtimeInputs()) {
				if (images.containsKey(v.name()))
					input(v, images.get(v.name()));
				else if (fixed.containsKey(v.name()))
					initializers.put(v.name(), fixed.get(v.name()));
				else
					throw new IllegalArgumentException("The model's input '" + v.name() + "' " + v + " is given no value; given: images " +
						images.keySet() + ", fixed " + fixed.keySet());
			}
			for (final String name : images.keySet())
				if (!inputs.contains(name))
					throw new IllegalArgumentException("The model has no input '" + name + "'; its inputs: " + names(graph.runtimeInputs()));
			for (final OnnxNode node : order) {
				if (!node.domain().isEmpty() && !node.domain().equals(OnnxModel.DEFAULT_DOMAIN))
					throw refuse(node, "its domain " + node.domain() + " is not supported; supported: the default ONNX domain");
				final Importer importer = OPERATORS.get(node.opType());
				if (importer == null)
					throw new IllegalArgumentException(describe(node) + ": operator " + node.opType() + " is not supported; supported: " +
						String.join(", ", OPERATORS.keySet()));
				importer.add(this, node);
			}
		}

		private void input(final OnnxValueInfo v, final Shape shape) {
			if (v.elementType() != OnnxDataType.FLOAT)
				throw new IllegalArgumentException("The model's input '" + v.name() + "' holds " + v.elementType() + " values; supported: FLOAT");
			final int rank = v.hasShape() ? v.dims().size() : shape.isVolume() ? 5 : 4;
			if (rank < 2 || rank > 5)
				throw new IllegalArgumentException("The model's input '" + v.name() + "' has " + rank + " dimensions " + v.dims() +
					"; supported: images [N, C, H, W], volumes [N, C, D, H, W], and [N, C, L] or [N, K] (one row of L or one value per channel)");
			if (rank == 5 != shape.isVolume())
				throw new IllegalArgumentException("The model's input '" + v.name() + "' " + v.dims() + (rank == 5
					? " takes volumes [N, C, D, H, W] (a 3D network), but was given planes of " + shape
					: " takes " + (rank == 4 ? "images [N, C, H, W]" : "rows or values") + " (a 2D network), but was given volumes of " + shape));
			final long[] dims = rank == 5 ? new long[] { 1, shape.channels(), shape.depth(), shape.height(), shape.width() }
				: rank == 4 ? new long[] { 1, shape.channels(), shape.height(), shape.width() }
				: rank == 3 ? new long[] { 1, shape.channels(), shape.width() } : new long[] { 1, shape.channels() };
			if (!canonical(null, dims).equals(shape))
				throw new IllegalArgumentException("The model's input '" + v.name() + "' " + v.dims() + " takes " + (rank == 3
					? "rows (height 1)" : "one value per channel (1 x 1)") + ", but was given " + shape.width() + " x " + shape.height());
			final String[] axis = { "channels (C)", "height (H)", "width (W)", "depth (D)" };
			for (int i = 1; i < rank && v.hasShape(); i++) {
				final OnnxDim d = v.dims().get(i);
				if (d.isFixed() && d.value() != dims[i]) {
					final String name = i == 1 ? axis[0] : i == rank - 1 ? axis[2] : rank == 5 && i == 2 ? axis[3] : axis[1];
					throw new IllegalArgumentException("The model's input '" + v.name() + "' " + v.dims() + " takes " + d.value() + " " +
						name + ", but the image has " + dims[i] + (i == 1
							? " (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any other image 1)" : ""));
				}
			}
			builder.input(v.name());
			inputs.add(v.name());
			shapes.put(v.name(), shape);
			values.put(v.name(), new Value(v.name(), dims));
		}

		/** @return the network, whose output tensors are named as the model's outputs */
		OnnxNetwork result() {
			final List<OnnxNetwork.Output> outputs = new ArrayList<>();
			final List<String> tensors = new ArrayList<>();
			for (final OnnxValueInfo o : model.graph().outputs()) {
				final Value v = values.containsKey(o.name()) ? values.get(o.name())
					: new Value(FoldedTensor.of(initializers.get(o.name()))); // an initializer as output
				if (v.constant != null)
					throw new IllegalArgumentException("The model's output '" + o.name() + "' is a constant (" + v.constant +
						"), computed from no input; supported: outputs computed from the image");
				final Shape want = canonical(null, v.dims);
				String t = v.tensor;
				if (!t.equals(o.name()) || !want.equals(shapes.get(t))) { // an alias (Identity, Reshape) or an input: a copy
					t = names.contains(o.name()) ? unique(o.name()) : o.name();
					names.add(t);
					add(null, t, Operation.of(new Reshape(want.channels(), want.width(), want.height()), "Reshape"), v.tensor);
				}
				outputs.add(new OnnxNetwork.Output(o.name(), t, v.dims));
				tensors.add(t);
			}
			builder.output(tensors.toArray(new String[0]));
			return new OnnxNetwork(builder.build(), outputs);
		}

		// ------------------------------------------------ lookups

		String describe(final OnnxNode n) {
			return n.describe();
		}

		IllegalArgumentException refuse(final OnnxNode n, final String why) {
			return new IllegalArgumentException(n.describe() + ": " + why);
		}

		/**
		 * Refuses an operation on axis 0 of a tensor computed from the image: the network runs one sample at a time,
		 * so axis 0 is the batch axis and must stay where it is.
		 */
		void keepsBatchAxis(final OnnxNode n, final String what) {
			if (value(n, 0).constant == null)
				throw refuse(n, "it " + what + " of a tensor computed from the image, the batch axis (each sample runs on its own); " +
					"supported: operations on axes 1 and above");
		}

		boolean optional(final OnnxNode n, final int input) {
			return n.inputs().size() > input && !n.inputs().get(input).isEmpty();
		}

		Value value(final OnnxNode n, final int input) {
			if (!optional(n, input))
				throw refuse(n, "its input " + input + " is missing");
			final String name = n.inputs().get(input);
			if (!values.containsKey(name) && initializers.containsKey(name))
				values.put(name, new Value(FoldedTensor.of(initializers.get(name))));
			final Value v = values.get(name);
			if (v == null)
				throw refuse(n, "its input '" + n.inputs().get(input) + "' has no value");
			return v;
		}

		FoldedTensor constant(final OnnxNode n, final int input, final String what) {
			final Value v = value(n, input);
			if (v.constant == null)
				throw refuse(n, what + " ('" + n.inputs().get(input) + "') is computed from the image; supported: a constant " +
					"(an initializer, or computed from constants)");
			return v.constant;
		}

		/** @return an image input [1, C, H, W], laid out as C planes of W x H */
		Value image(final OnnxNode n, final int input) {
			final Value v = value(n, input);
			if (v.constant != null)
				throw refuse(n, "its input '" + n.inputs().get(input) + "' is a constant; supported: a tensor computed from the image");
			if (v.dims.length != 4)
				throw refuse(n, "its input '" + n.inputs().get(input) + "' has dims " + Arrays.toString(v.dims) + "; supported: " +
					"[N, C, H, W] (2D)");
			return v;
		}

		Shape shape(final Value v) {
			return canonical(null, v.dims);
		}

		int axis(final OnnxNode n, final long axis, final int rank) {
			if (axis < -rank || axis >= rank)
				throw refuse(n, "axis " + (axis == Long.MIN_VALUE ? "is missing" : axis + " is out of range") + "; allowed: " + -rank +
					" to " + (rank - 1));
			return (int) (axis < 0 ? axis + rank : axis);
		}

		long longAttribute(final OnnxNode n, final String name, final long otherwise) {
			final OnnxAttribute a = n.attribute(name);
			if (a == null)
				return otherwise;
			if (a.type() != OnnxAttributeType.INT)
				throw refuse(n, "attribute " + name + " is " + a.type() + "; expected INT");
			return a.i();
		}

		float floatAttribute(final OnnxNode n, final String name, final float otherwise) {
			final OnnxAttribute a = n.attribute(name);
			if (a == null)
				return otherwise;
			if (a.type() != OnnxAttributeType.FLOAT)
				throw refuse(n, "attribute " + name + " is " + a.type() + "; expected FLOAT");
			return a.f();
		}

		/** @return the model's default-domain opset */
		long opset() {
			return model.opsetVersion("");
		}

		long[] intsAttribute(final OnnxNode n, final String name, final long[] otherwise) {
			final OnnxAttribute a = n.attribute(name);
			if (a == null)
				return otherwise;
			if (a.type() != OnnxAttributeType.INTS)
				throw refuse(n, "attribute " + name + " is " + a.type() + "; expected INTS");
			return a.ints();
		}

		String stringAttribute(final OnnxNode n, final String name, final String otherwise) {
			final OnnxAttribute a = n.attribute(name);
			if (a == null)
				return otherwise;
			if (a.type() != OnnxAttributeType.STRING)
				throw refuse(n, "attribute " + name + " is " + a.type() + "; expected STRING");
			return a.s();
		}

		// ------------------------------------------------ making values

		void define(final OnnxNode n, final int output, final FoldedTensor t) {
			values.put(n.outputs().get(output), new Value(t));
		}

		void alias(final OnnxNode n, final Value v) {
			values.put(n.outputs().get(0), v);
		}

		/** Gives output 0 of n, a tensor already made, other dims of the same values (a relabelling, no copy yet). */
		void relabel(final OnnxNode n, final long[] dims) {
			final Value v = values.get(n.outputs().get(0));
			canonical(n, dims);
			values.put(n.outputs().get(0), new Value(v.tensor, dims));
		}

		/** The same values with other dims: folded for a constant, a relabelling (no copy yet) for a tensor. */
		void reshapeTo(final OnnxNode n, final long[] dims) {
			final Value v = value(n, 0);
			if (v.constant != null) {
				define(n, 0, v.constant.reshaped(dims));
				return;
			}
			if ((dims.length == 5) != (v.dims.length == 5))
				throw refuse(n, "it reshapes " + Arrays.toString(v.dims) + " into " + Arrays.toString(dims) + ", between planes and " +
					"volumes; supported: reshapes within planes ([1, C], [1, C, L], [1, C, H, W]) or within volumes ([1, C, D, H, W])");
			canonical(n, dims);
			values.put(n.outputs().get(0), new Value(v.tensor, dims));
		}

		/**
		 * @return C planes of W x H for ONNX dims [1, C] (C x 1 x 1), [1, C, L] (C x L x 1) or [1, C, H, W]
		 * @throws IllegalArgumentException for other dims
		 */
		Shape canonical(final OnnxNode n, final long[] dims) {
			if (dims.length < 2 || dims.length > 5 || dims[0] != 1) {
				final String why = "a tensor of dims " + Arrays.toString(dims) + " computed from the image; supported: [1, C], " +
					"[1, C, L], [1, C, H, W], [1, C, D, H, W] per sample (N = 1)";
				throw n == null ? new IllegalArgumentException(why) : refuse(n, "it makes " + why);
			}
			for (final long d : dims)
				if (d < 1 || d > Integer.MAX_VALUE)
					throw new IllegalArgumentException((n == null ? "" : n.describe() + ": ") + "dims " + Arrays.toString(dims) +
						" are out of range; allowed: 1 to " + Integer.MAX_VALUE);
			try {
				if (dims.length == 5)
					return Shape.volume((int) dims[1], dims[4], dims[3], dims[2]);
				return new Shape((int) dims[1], dims.length > 2 ? dims[dims.length - 1] : 1, dims.length > 3 ? dims[2] : 1);
			}
			catch (final IllegalArgumentException e) {
				throw n == null ? e : refuse(n, e.getMessage());
			}
		}

		/** @return the network tensor holding a value with the given dims: made from a constant, or re-split if needed */
		String tensor(final OnnxNode n, final Value v, final long[] dims) {
			if (v.constant != null) {
				final Shape s = canonical(n, dims);
				final float[] all = v.constant.floats();
				final float[][] planes = new float[s.channels()][s.channelSize()];
				for (int c = 0; c < planes.length; c++)
					System.arraycopy(all, c * s.channelSize(), planes[c], 0, s.channelSize());
				final String name = unique(n.outputs().get(0) + "#constant");
				add(n, name, Operation.constant(new FeatureMaps(s, planes), "Constant"));
				return name;
			}
			return materialize(n, v, dims);
		}

		/** @return the tensor of v re-split, if needed, as dims (of the same count) say */
		String materialize(final OnnxNode n, final Value v, final long[] dims) {
			final Shape want = canonical(n, dims);
			if (want.equals(shapes.get(v.tensor)))
				return v.tensor;
			final String name = unique(v.tensor + "#reshaped");
			add(n, name, Operation.of(new Reshape(want.channels(), want.width(), want.height()), "Reshape"), v.tensor);
			return name;
		}

		/** @return a new tensor name, claimed: base when the model names no other value so, else base#2, base#3... */
		String unique(final String base) {
			String name = base;
			for (int i = 2; names.contains(name) || reserved.contains(name) && !name.equals(base); i++)
				name = base + "#" + i;
			names.add(name);
			return name;
		}

		private Shape add(final OnnxNode n, final String name, final Operation op, final String... reads) {
			final List<Shape> in = new ArrayList<>();
			for (final String r : reads)
				in.add(shapes.get(r));
			final Shape out;
			try {
				if (op.arity() == 1 && op.name().equals("Reshape")) {
					final Shape s = in.get(0);
					final Shape o = op.outputShape(in);
					if (s.bytes() != o.bytes())
						throw new IllegalArgumentException("a reshape of " + s + " to " + o + " changes the number of values");
				}
				out = op.outputShape(in);
			}
			catch (final IllegalArgumentException e) {
				throw n == null ? e : refuse(n, e.getMessage());
			}
			builder.add(name, op, reads);
			shapes.put(name, out);
			return out;
		}

		/** Adds a node making output {@code output} of n, with these ONNX dims, checked against the layer's shape. */
		void node(final OnnxNode n, final int output, final Operation op, final long[] dims, final String... reads) {
			final String name = unique(n.outputs().get(output));
			final Shape s = add(n, name, op, reads);
			final Shape expected = canonical(n, dims);
			if (!s.equals(expected))
				throw refuse(n, "its layer makes " + s + ", but ONNX's dims " + Arrays.toString(dims) + " say " + expected);
			values.put(n.outputs().get(output), new Value(name, dims));
		}

		/** A layer of one input, on the image tensor of input 0, keeping its rank. */
		void layer(final OnnxNode n, final Layer layer, final String label) {
			final Value v = value(n, 0);
			if (v.constant != null)
				throw refuse(n, "its input is a constant; supported: a tensor computed from the image");
			final String in = materialize(n, v, v.dims);
			final String name = unique(n.outputs().get(0));
			final Shape s = add(n, name, Operation.of(layer, label), in);
			final long[] dims = v.dims.clone();
			dims[1] = s.channels();
			if (dims.length == 5) {
				dims[2] = s.depth();
				dims[3] = s.height();
				dims[4] = s.width();
			}
			else if (dims.length == 4) {
				dims[2] = s.height();
				dims[3] = s.width();
			}
			else if (dims.length == 3)
				dims[2] = s.width();
			if (!s.equals(canonical(n, dims)))
				throw refuse(n, "its layer makes " + s + " from " + Arrays.toString(v.dims) + "; supported: 2D images");
			values.put(n.outputs().get(0), new Value(name, dims));
		}

		/** A 3D layer on the volume tensor [N, C, D, H, W] of input 0. */
		void layer3D(final OnnxNode n, final Layer3D layer, final String label) {
			final Value v = volume(n, 0);
			final String in = materialize(n, v, v.dims);
			final String name = unique(n.outputs().get(0));
			final Shape s = add(n, name, Operation.of(layer, label), in);
			values.put(n.outputs().get(0), new Value(name, new long[] { v.dims[0], s.channels(), s.depth(), s.height(), s.width() }));
		}

		/** @return whether input {@code input} of n is a tensor of 5 dims, [N, C, D, H, W] */
		boolean isVolume(final OnnxNode n, final int input) {
			return value(n, input).dims.length == 5;
		}

		/** @return input {@code input} of n, a volume tensor [N, C, D, H, W] computed from the image */
		Value volume(final OnnxNode n, final int input) {
			final Value v = value(n, input);
			if (v.constant != null)
				throw refuse(n, "its input '" + n.inputs().get(input) + "' is a constant; supported: a tensor computed from the image");
			if (v.dims.length != 5)
				throw refuse(n, "its input '" + n.inputs().get(input) + "' has dims " + Arrays.toString(v.dims) + "; supported: " +
					"[N, C, D, H, W] (3D)");
			return v;
		}

		/** An element-wise operation of two inputs with ONNX's (numpy's) broadcasting. */
		void elementwise(final OnnxNode n, final ElementwiseMerge.Operation op) {
			final Value a = value(n, 0);
			final Value c = value(n, 1);
			if (a.constant != null && c.constant != null) {
				define(n, 0, Folding.elementwise(this, n, a.constant, c.constant, op));
				return;
			}
			final int rank = Math.max(a.dims.length, c.dims.length);
			final long[] pa = padded(a.dims, rank), pc = padded(c.dims, rank);
			final long[] out = Folding.broadcast(this, n, pa, pc);
			final String ta = tensor(n, a, pa), tc = tensor(n, c, pc);
			node(n, 0, Operation.of(new ElementwiseMerge(op)), out, ta, tc);
		}

		private static long[] padded(final long[] dims, final int rank) {
			final long[] p = new long[rank];
			Arrays.fill(p, 1);
			System.arraycopy(dims, 0, p, rank - dims.length, dims.length);
			return p;
		}
	}
}
