package io.github.cnnlayers.onnx;

import java.util.Arrays;

import io.github.cnnlayers.core.Conv3D;
import io.github.cnnlayers.core.ConvTranspose3D;
import io.github.cnnlayers.core.ConvWeights3D;
import io.github.cnnlayers.core.GroupNorm;
import io.github.cnnlayers.core.GroupNorm3D;
import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.core.Pool3D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.Upsample3D;

/**
 * The ONNX operators on volume tensors [N, C, D, H, W] (a 3D network): Conv, ConvTranspose, MaxPool, AveragePool,
 * Resize and InstanceNormalization as the core's 3D layers. Per-axis attributes are in ONNX's (z, y, x) order, the
 * order of {@link PerAxis3D}. Per-voxel operators (BatchNormalization, Relu, Sigmoid, ...) and merges (Add, Mul,
 * Concat) need nothing here: the network runs them over volumes as they are.
 */
final class OnnxVolumes {

	private OnnxVolumes() {}

	/** @return a three-value attribute (z, y, x) of values from {@code min}, or {@code otherwise} when absent */
	private static PerAxis3D triple(final OnnxNetworks.Build b, final OnnxNode n, final String attribute, final long otherwise, final long min) {
		final long[] v = b.intsAttribute(n, attribute, new long[] { otherwise, otherwise, otherwise });
		if (v.length != 3)
			throw b.refuse(n, attribute + " " + Arrays.toString(v) + " has " + v.length + " values; supported: 3 (3D: depth, height, width)");
		for (final long a : v)
			if (a < min || a > Integer.MAX_VALUE / 4)
				throw b.refuse(n, attribute + " " + Arrays.toString(v) + " is out of range; allowed: " + min + " to " + Integer.MAX_VALUE / 4);
		return PerAxis3D.of((int) v[0], (int) v[1], (int) v[2]);
	}

	/** @return the padding (z, y, x) of pads [z0, y0, x0, z1, y1, x1], which must be symmetric; auto_pad NOTSET or VALID */
	private static PerAxis3D pads(final OnnxNetworks.Build b, final OnnxNode n) {
		final String autoPad = b.stringAttribute(n, "auto_pad", "NOTSET");
		if (autoPad.equals("VALID"))
			return PerAxis3D.of(0);
		if (!autoPad.equals("NOTSET"))
			throw b.refuse(n, "auto_pad " + autoPad + " is not supported on volumes; supported: NOTSET (explicit pads, what PyTorch " +
				"exports), VALID");
		final long[] p = b.intsAttribute(n, "pads", new long[6]);
		if (p.length != 6)
			throw b.refuse(n, "pads " + Arrays.toString(p) + " has " + p.length + " values; supported: 6 for 3D (front, top, left, back, " +
				"bottom, right)");
		for (final long v : p)
			if (v < 0 || v > Integer.MAX_VALUE / 4)
				throw b.refuse(n, "pads " + Arrays.toString(p) + " has " + v + "; allowed: 0 <= pad <= " + Integer.MAX_VALUE / 4);
		if (p[0] != p[3] || p[1] != p[4] || p[2] != p[5])
			throw b.refuse(n, "pads " + Arrays.toString(p) + " are asymmetric; supported: front = back, top = bottom, left = right");
		return PerAxis3D.of((int) p[0], (int) p[1], (int) p[2]);
	}

	private static String name(final OnnxNode n) {
		return n.name().isEmpty() ? n.outputs().get(0) : n.name();
	}

	static void conv(final OnnxNetworks.Build b, final OnnxNode n) {
		final OnnxNetworks.Value x = b.volume(n, 0);
		final FoldedTensor w = b.constant(n, 1, "the weights W");
		final long[] wd = w.dims();
		if (wd.length != 5)
			throw b.refuse(n, "its weights have dims " + Arrays.toString(wd) + "; supported on volumes: [M, C/group, kd, kh, kw]");
		final PerAxis3D kernel = triple(b, n, "kernel_shape", 0, 0);
		if (n.attribute("kernel_shape") != null && (kernel.z != wd[2] || kernel.y != wd[3] || kernel.x != wd[4]))
			throw b.refuse(n, "kernel_shape " + kernel + " differs from the weights' " + Arrays.toString(wd));
		final long group = b.longAttribute(n, "group", 1);
		if (group < 1 || group > x.dims[1])
			throw b.refuse(n, "group " + group + " is out of range; allowed: 1 to C = " + x.dims[1]);
		final float[] bias = b.optional(n, 2) ? b.constant(n, 2, "the bias B").floats() : null;
		final Conv3D layer;
		try {
			layer = Conv3D.learned(new ConvWeights3D(w.floats(), (int) wd[0], (int) wd[1], PerAxis3D.of((int) wd[2], (int) wd[3], (int) wd[4]),
				bias, name(n))).groups((int) group).stride(triple(b, n, "strides", 1, 1)).padding(pads(b, n))
					.dilation(triple(b, n, "dilations", 1, 1)).build();
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer3D(n, layer, "Conv3D");
	}

	static void convTranspose(final OnnxNetworks.Build b, final OnnxNode n) {
		final OnnxNetworks.Value x = b.volume(n, 0);
		final FoldedTensor w = b.constant(n, 1, "the weights W");
		final long[] wd = w.dims();
		if (wd.length != 5)
			throw b.refuse(n, "its weights have dims " + Arrays.toString(wd) + "; supported on volumes: [C, M/group, kd, kh, kw]");
		if (n.attribute("output_shape") != null)
			throw b.refuse(n, "it has output_shape " + Arrays.toString(n.attribute("output_shape").ints()) + "; supported: pads " +
				"and output_padding (what PyTorch exports)");
		final long group = b.longAttribute(n, "group", 1);
		if (group < 1 || group > x.dims[1])
			throw b.refuse(n, "group " + group + " is out of range; allowed: 1 to C = " + x.dims[1]);
		final ConvTranspose3D layer;
		try {
			final ConvTranspose3D.Builder builder = ConvTranspose3D.builder(w.floats(), (int) wd[0], (int) wd[1],
				PerAxis3D.of((int) wd[2], (int) wd[3], (int) wd[4])).groups((int) group).stride(triple(b, n, "strides", 1, 1))
				.padding(pads(b, n)).outputPadding(triple(b, n, "output_padding", 0, 0)).dilation(triple(b, n, "dilations", 1, 1));
			if (b.optional(n, 2))
				builder.bias(b.constant(n, 2, "the bias B").floats());
			layer = builder.build();
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer3D(n, layer, "ConvTranspose3D");
	}

	static void pool(final OnnxNetworks.Build b, final OnnxNode n, final PoolingMode mode) {
		b.volume(n, 0);
		if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty())
			throw b.refuse(n, "its Indices output is used; supported: the pooled values only");
		if (n.attribute("kernel_shape") == null)
			throw b.refuse(n, "kernel_shape is missing; supported: 3D pooling, [kd, kh, kw]");
		final PerAxis3D dilation = triple(b, n, "dilations", 1, 1);
		if (dilation.z != 1 || dilation.y != 1 || dilation.x != 1)
			throw b.refuse(n, "dilations " + dilation + "; supported: 1 (no dilation)");
		final Pool3D layer;
		try {
			layer = new Pool3D(mode, triple(b, n, "kernel_shape", 1, 1), triple(b, n, "strides", 1, 1), pads(b, n),
				b.longAttribute(n, "ceil_mode", 0) != 0, b.longAttribute(n, "count_include_pad", 0) != 0);
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer3D(n, layer, mode.label() + " pooling 3D");
	}

	static void instanceNorm(final OnnxNetworks.Build b, final OnnxNode n) {
		final GroupNorm3D layer;
		try {
			layer = new GroupNorm3D(GroupNorm.instanceNorm(b.floatAttribute(n, "epsilon", 1e-5f), b.constant(n, 1, "scale").floats(),
				b.constant(n, 2, "B").floats()));
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		b.layer3D(n, layer, "Instance norm 3D");
	}

	/**
	 * Resize (opset 11 and later) on volumes, as PyTorch exports {@code interpolate}: nearest with asymmetric
	 * coordinates rounding down ({@code mode='nearest'}), linear with half_pixel or pytorch_half_pixel
	 * ({@code trilinear}) or align_corners ({@code align_corners=True}); scales [1, 1, sz, sy, sx] or sizes.
	 */
	static void resize(final OnnxNetworks.Build b, final OnnxNode n) {
		final OnnxNetworks.Value x = b.volume(n, 0);
		if (n.opType().equals("Upsample") || b.opset() < 11)
			throw b.refuse(n, n.opType() + " before opset 11 is not supported on volumes; supported: Resize of opset 11 and later");
		final long[] dims = x.dims;
		final double[] scale = new double[3];
		final long[] out = new long[3];
		final FoldedTensor scales = b.optional(n, 2) && b.constant(n, 2, "scales").size() > 0 ? b.constant(n, 2, "scales") : null;
		final FoldedTensor sizes = scales == null && b.optional(n, 3) ? b.constant(n, 3, "sizes") : null;
		if (scales != null) {
			if (scales.size() != 5 || scales.floatAt(0) != 1 || scales.floatAt(1) != 1)
				throw b.refuse(n, "scales " + Arrays.toString(scales.floats()) + " are not supported; supported: [1, 1, depth scale, " +
					"height scale, width scale]");
			for (int a = 0; a < 3; a++) {
				scale[a] = scales.floatAt(a + 2);
				if (!(scale[a] > 0) || Double.isInfinite(scale[a]))
					throw b.refuse(n, "scales " + Arrays.toString(scales.floats()) + " are out of range; allowed: finite numbers > 0");
				out[a] = (long) Math.floor(dims[a + 2] * scale[a]);
			}
		}
		else if (sizes != null) {
			if (sizes.size() != 5 || sizes.longAt(0) != dims[0] || sizes.longAt(1) != dims[1])
				throw b.refuse(n, "sizes " + Arrays.toString(sizes.longs()) + " change N or C of " + Arrays.toString(dims) +
					"; supported: [N, C, depth, height, width]");
			for (int a = 0; a < 3; a++) {
				out[a] = sizes.longAt(a + 2);
				if (out[a] < 1)
					throw b.refuse(n, "sizes " + Arrays.toString(sizes.longs()) + " are out of range; allowed: sizes >= 1");
				scale[a] = (double) (float) out[a] / (float) dims[a + 2];
			}
		}
		else
			throw b.refuse(n, "it has neither scales nor sizes");
		final String mode = b.stringAttribute(n, "mode", "nearest");
		final String transform = b.stringAttribute(n, "coordinate_transformation_mode", "half_pixel");
		final Upsample3D layer;
		try {
			if (mode.equals("nearest") && transform.equals("asymmetric") && b.stringAttribute(n, "nearest_mode", "round_prefer_floor").equals("floor"))
				layer = Upsample3D.pytorch(scale[0], scale[1], scale[2], Interpolation.NEAREST, false);
			else if (mode.equals("linear") && (transform.equals("half_pixel") || transform.equals("pytorch_half_pixel")))
				layer = Upsample3D.pytorch(scale[0], scale[1], scale[2], Interpolation.BILINEAR, false);
			else if (mode.equals("linear") && transform.equals("align_corners"))
				layer = Upsample3D.pytorch(scale[0], scale[1], scale[2], Interpolation.BILINEAR, true);
			else
				throw b.refuse(n, "mode " + mode + " with coordinate_transformation_mode " + transform + " is not supported on volumes; " +
					"supported: nearest with asymmetric and nearest_mode floor, linear with half_pixel, pytorch_half_pixel or " +
					"align_corners (what PyTorch exports for interpolate)");
		}
		catch (final IllegalArgumentException e) {
			throw b.refuse(n, e.getMessage());
		}
		final long[] made = layer.outputSize(dims[4], dims[3], dims[2]);
		if (made[0] != out[2] || made[1] != out[1] || made[2] != out[0])
			throw b.refuse(n, "its output would be " + made[2] + " x " + made[1] + " x " + made[0] + " for " + Arrays.toString(out) +
				"; supported: sizes that a scale gives exactly");
		b.layer3D(n, layer, mode.equals("nearest") ? "Upsample 3D (nearest)" : "Upsample 3D (trilinear)");
	}
}
