package io.github.cnnlayers.keras;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.github.cnnlayers.core.Activation;
import io.github.cnnlayers.core.BatchNorm;
import io.github.cnnlayers.core.Concat;
import io.github.cnnlayers.core.Conv2D;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.core.ConvTranspose2D;
import io.github.cnnlayers.core.Conv3D;
import io.github.cnnlayers.core.ConvTranspose3D;
import io.github.cnnlayers.core.ConvWeights3D;
import io.github.cnnlayers.core.PerAxis3D;
import io.github.cnnlayers.core.Pool3D;
import io.github.cnnlayers.core.Upsample3D;
import io.github.cnnlayers.core.GlobalPooling;
import io.github.cnnlayers.core.GlobalPoolingMode;
import io.github.cnnlayers.core.Interpolation;
import io.github.cnnlayers.core.Pad;
import io.github.cnnlayers.core.PadMode;
import io.github.cnnlayers.core.Upsample;
import io.github.cnnlayers.core.ElementwiseMerge;
import io.github.cnnlayers.core.Pool2D;
import io.github.cnnlayers.core.PoolingMode;
import io.github.cnnlayers.core.Softmax;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.weights.BatchNormWeights;
import io.github.cnnlayers.weights.KerasModelFile;
import io.github.cnnlayers.weights.Tensor;

/**
 * The Keras layer classes this importer runs, each with the weights its config says it has and the core layers
 * it becomes. A class not listed here is refused by name.
 */
enum KerasLayerType {

	/** The model's input; it computes nothing. */
	INPUT_LAYER("InputLayer", 0) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			throw new AssertionError("an InputLayer is the network's input");
		}
	},
	/** A convolution: kernel [kh, kw, C_in/groups, filters], bias. */
	CONV2D("Conv2D", 1) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			int groups = c.integer("groups", 1);
			Tensor kernel = layer.weights[0];
			int[] k = kernelSize(c, kernel);
			int channels = x.shape.channels();
			if (groups < 1 || channels % groups != 0)
				throw new IllegalArgumentException(c.where() + ": groups " + groups + " does not divide its " + channels +
					" input channels");
			requireShape(c, "kernel", kernel, k[0], k[1], channels / groups, c.integer("filters", kernel.dim(3)));
			ConvWeights w = KerasModelFile.convolution("Conv2D", kernel, bias(c, layer.weights, 1), groups, c.where());
			NetworkAssembly.Chain chain = net.chain(layer.node, x);
			convolution(chain, c, w, w.groups() == 0 ? groups : w.groups(), layer.node, "conv");
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(false);
		}
	},
	/** A per-channel convolution: depthwise_kernel [kh, kw, C_in, depth_multiplier], bias. */
	DEPTHWISE_CONV2D("DepthwiseConv2D", 1) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "depthwise_kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			Tensor kernel = layer.weights[0];
			int[] k = kernelSize(c, kernel);
			requireShape(c, "depthwise_kernel", kernel, k[0], k[1], x.shape.channels(), c.integer("depth_multiplier", 1));
			ConvWeights w = KerasModelFile.convolution("DepthwiseConv2D", kernel, bias(c, layer.weights, 1), 0, c.where());
			NetworkAssembly.Chain chain = net.chain(layer.node, x);
			convolution(chain, c, w, w.groups(), layer.node, "depthwise");
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(false);
		}
	},
	/** A depthwise then a pointwise convolution: depthwise_kernel, pointwise_kernel [1, 1, C_in * M, filters], bias. */
	SEPARABLE_CONV2D("SeparableConv2D", 1) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "depthwise_kernel", "pointwise_kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			Tensor depthwise = layer.weights[0], pointwise = layer.weights[1];
			int[] k = kernelSize(c, depthwise);
			int m = c.integer("depth_multiplier", 1);
			requireShape(c, "depthwise_kernel", depthwise, k[0], k[1], x.shape.channels(), m);
			requireShape(c, "pointwise_kernel", pointwise, 1, 1, x.shape.channels() * m,
				c.integer("filters", pointwise.rank() == 4 ? pointwise.dim(3) : 0));
			ConvWeights dw = KerasModelFile.convolution("DepthwiseConv2D", depthwise, null, 0, c.where() + " depthwise");
			ConvWeights pw = KerasModelFile.convolution("Conv2D", pointwise, bias(c, layer.weights, 2), 1, c.where());
			NetworkAssembly.Chain chain = net.chain(layer.node, x);
			convolution(chain, c, dw, dw.groups(), layer.node, "depthwise");
			chain.then("pointwise", Conv2D.learned(pw, layer.node).build());
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(false);
		}
	},
	/** A transposed convolution: kernel [kh, kw, filters, C_in], bias; Keras's padding and output_padding. */
	CONV2D_TRANSPOSE("Conv2DTranspose", 1) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			Tensor kernel = layer.weights[0];
			int[] k = kernelSize(c, kernel);
			int channels = x.shape.channels();
			int filters = c.integer("filters", kernel.rank() == 4 ? kernel.dim(2) : 0);
			requireShape(c, "kernel", kernel, k[0], k[1], filters, channels);
			Tensor bias = bias(c, layer.weights, 1);
			if (bias != null && (bias.rank() != 1 || bias.dim(0) != filters))
				throw new IllegalArgumentException(c.where() + ": its bias " + bias.name() + " has shape " + bias.shapeText() +
					", but " + filters + " filters need [" + filters + "]");
			int[] s = c.pair("strides", new int[] { 1, 1 });
			int[] d = c.pair("dilation_rate", new int[] { 1, 1 });
			int[] op = c.pair("output_padding", null);
			for (int i = 0; i < 2; i++)
				if (s[i] < 1 || d[i] < 1)
					throw c.bad(s[i] < 1 ? "strides" : "dilation_rate", c.raw(s[i] < 1 ? "strides" : "dilation_rate"),
						"whole numbers >= 1");
			KerasPadding padding = KerasPadding.of(c);
			// Keras's output is PyTorch's full transposed convolution (padding 0) cut to [crop before, crop after)
			int[] crop = new int[4];
			for (int i = 0; i < 2; i++) {
				int[] lr = padding.transposedBeforeAfter(k[i], s[i], d[i], op == null ? null : op[i]);
				int effective = (k[i] - 1) * d[i] + 1;
				crop[2 * i] = effective - 1 - lr[0];
				crop[2 * i + 1] = effective - 1 - lr[1];
			}
			// PyTorch's padding p crops p on both sides, its output_padding extends the end with computed values
			int[] p = new int[2], extra = new int[2];
			for (int i = 0; i < 2; i++) {
				p[i] = Math.max(0, Math.min(crop[2 * i], crop[2 * i + 1]));
				extra[i] = Math.max(0, p[i] - crop[2 * i + 1]);
				if (extra[i] >= Math.max(s[i], d[i]))
					throw c.bad("output_padding", c.raw("output_padding"), "values that extend the output by less " +
						"than the stride or the dilation (" + (i == 0 ? "height" : "width") + ": " + extra[i] + ")");
			}
			float[] src = kernel.data(), w = new float[src.length];
			for (int y = 0; y < k[0]; y++)
				for (int xx = 0; xx < k[1]; xx++)
					for (int o = 0; o < filters; o++)
						for (int i = 0; i < channels; i++)
							w[((i * filters + o) * k[0] + y) * k[1] + xx] = src[((y * k[1] + xx) * filters + o) * channels + i];
			ConvTranspose2D.Builder b = ConvTranspose2D.builder(w, channels, filters, k[0], k[1]).stride(s[0], s[1])
				.dilation(d[0], d[1]).padding(p[0], p[1]).outputPadding(extra[0], extra[1]).name(layer.node);
			if (bias != null) b.bias(bias.data());
			NetworkAssembly.Chain chain = net.chain(layer.node, x).then("convtranspose", b.build());
			int top = crop[0] - p[0], bottom = crop[1] - p[0] + extra[0], left = crop[2] - p[1], right = crop[3] - p[1] + extra[1];
			if (top != 0 || bottom != 0 || left != 0 || right != 0)
				chain.then("crop", Pad.of(PadMode.ZERO, -top, -bottom, -left, -right, 0));
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(false);
		}
	},
	/** A 3D convolution: kernel [kd, kh, kw, C_in/groups, filters], bias. */
	CONV3D("Conv3D", 1, true) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = volume(in.get(0), c, format);
			int groups = c.integer("groups", 1);
			Tensor kernel = layer.weights[0];
			int[] k = c.triple("kernel_size", kernel.rank() == 5 ? new int[] { kernel.dim(0), kernel.dim(1), kernel.dim(2) } : null);
			if (k == null) throw c.bad("kernel_size", null, "three whole numbers");
			int channels = x.shape.channels();
			if (groups < 1 || channels % groups != 0)
				throw new IllegalArgumentException(c.where() + ": groups " + groups + " does not divide its " + channels +
					" input channels");
			int perGroup = channels / groups;
			int filters = c.integer("filters", kernel.rank() == 5 ? kernel.dim(4) : 0);
			requireShape(c, "kernel", kernel, k[0], k[1], k[2], perGroup, filters);
			Tensor bias = bias(c, layer.weights, 1);
			requireBias(c, bias, filters);
			float[] src = kernel.data(), w = new float[src.length];
			for (int z = 0; z < k[0]; z++)
				for (int y = 0; y < k[1]; y++)
					for (int xx = 0; xx < k[2]; xx++)
						for (int i = 0; i < perGroup; i++)
							for (int o = 0; o < filters; o++)
								w[(((o * perGroup + i) * k[0] + z) * k[1] + y) * k[2] + xx] =
									src[((((z * k[1] + y) * k[2] + xx) * perGroup + i) * filters) + o];
			int[] s = positive(c, "strides", c.triple("strides", new int[] { 1, 1, 1 }));
			int[] d = positive(c, "dilation_rate", c.triple("dilation_rate", new int[] { 1, 1, 1 }));
			KerasPadding padding = KerasPadding.of(c);
			long[] n = { x.shape.depth(), x.shape.height(), x.shape.width() };
			int[][] p = new int[3][];
			boolean even = true;
			for (int a = 0; a < 3; a++) {
				p[a] = padding.beforeAfter(n[a], k[a], s[a], d[a]);
				even &= p[a][0] == p[a][1];
			}
			NetworkAssembly.Chain chain = net.chain(layer.node, x);
			if (!even) { // TensorFlow's odd voxel after: zeros added first, then no padding
				chain.then("pad", new VolumePadding(p[0][0], p[0][1], p[1][0], p[1][1], p[2][0], p[2][1]));
				p = new int[][] { { 0, 0 }, { 0, 0 }, { 0, 0 } };
			}
			chain.then("conv", Conv3D.learned(new ConvWeights3D(w, filters, perGroup, PerAxis3D.of(k[0], k[1], k[2]),
				bias == null ? null : bias.data(), layer.node)).groups(groups).stride(PerAxis3D.of(s[0], s[1], s[2]))
				.padding(PerAxis3D.of(p[0][0], p[1][0], p[2][0])).dilation(PerAxis3D.of(d[0], d[1], d[2])).build());
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(false);
		}
	},
	/** A 3D transposed convolution: kernel [kd, kh, kw, filters, C_in], bias; Keras's padding and output_padding. */
	CONV3D_TRANSPOSE("Conv3DTranspose", 1, true) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = volume(in.get(0), c, format);
			Tensor kernel = layer.weights[0];
			int[] k = c.triple("kernel_size", kernel.rank() == 5 ? new int[] { kernel.dim(0), kernel.dim(1), kernel.dim(2) } : null);
			if (k == null) throw c.bad("kernel_size", null, "three whole numbers");
			int channels = x.shape.channels();
			int filters = c.integer("filters", kernel.rank() == 5 ? kernel.dim(3) : 0);
			requireShape(c, "kernel", kernel, k[0], k[1], k[2], filters, channels);
			Tensor bias = bias(c, layer.weights, 1);
			requireBias(c, bias, filters);
			int[] s = positive(c, "strides", c.triple("strides", new int[] { 1, 1, 1 }));
			int[] d = positive(c, "dilation_rate", c.triple("dilation_rate", new int[] { 1, 1, 1 }));
			int[] op = c.triple("output_padding", null);
			KerasPadding padding = KerasPadding.of(c);
			// as Conv2DTranspose: PyTorch's full transposed convolution, cut to Keras's [crop before, crop after)
			int[] crop = new int[6], p = new int[3], extra = new int[3];
			String[] axes = { "depth", "height", "width" };
			for (int a = 0; a < 3; a++) {
				int[] lr = padding.transposedBeforeAfter(k[a], s[a], d[a], op == null ? null : op[a]);
				int effective = (k[a] - 1) * d[a] + 1;
				crop[2 * a] = effective - 1 - lr[0];
				crop[2 * a + 1] = effective - 1 - lr[1];
				p[a] = Math.max(0, Math.min(crop[2 * a], crop[2 * a + 1]));
				extra[a] = Math.max(0, p[a] - crop[2 * a + 1]);
				if (extra[a] >= Math.max(s[a], d[a]))
					throw c.bad("output_padding", c.raw("output_padding"), "values that extend the output by less " +
						"than the stride or the dilation (" + axes[a] + ": " + extra[a] + ")");
			}
			float[] src = kernel.data(), w = new float[src.length];
			for (int z = 0; z < k[0]; z++)
				for (int y = 0; y < k[1]; y++)
					for (int xx = 0; xx < k[2]; xx++)
						for (int o = 0; o < filters; o++)
							for (int i = 0; i < channels; i++)
								w[(((i * filters + o) * k[0] + z) * k[1] + y) * k[2] + xx] =
									src[((((z * k[1] + y) * k[2] + xx) * filters + o) * channels) + i];
			ConvTranspose3D.Builder b = ConvTranspose3D.builder(w, channels, filters, PerAxis3D.of(k[0], k[1], k[2]))
				.stride(PerAxis3D.of(s[0], s[1], s[2])).dilation(PerAxis3D.of(d[0], d[1], d[2]))
				.padding(PerAxis3D.of(p[0], p[1], p[2])).outputPadding(PerAxis3D.of(extra[0], extra[1], extra[2]));
			if (bias != null) b.bias(bias.data());
			NetworkAssembly.Chain chain = net.chain(layer.node, x).then("convtranspose", b.build());
			int[] cut = new int[6];
			boolean any = false;
			for (int a = 0; a < 3; a++) {
				cut[2 * a] = crop[2 * a] - p[a];
				cut[2 * a + 1] = crop[2 * a + 1] - p[a] + extra[a];
				any |= cut[2 * a] != 0 || cut[2 * a + 1] != 0;
			}
			if (any) chain.then("crop", new VolumePadding(-cut[0], -cut[1], -cut[2], -cut[3], -cut[4], -cut[5]));
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(false);
		}
	},
	/** 3D max pooling. */
	MAX_POOLING3D("MaxPooling3D", 1, true) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return pooling3D(PoolingMode.MAX, layer, in.get(0), net, format);
		}
	},
	/** 3D average pooling; TensorFlow's 'same' leaves the padding out of the average. */
	AVERAGE_POOLING3D("AveragePooling3D", 1, true) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return pooling3D(PoolingMode.AVERAGE, layer, in.get(0), net, format);
		}
	},
	/** 3D upsampling by whole factors (depth, height, width): each voxel repeated (nearest). */
	UP_SAMPLING3D("UpSampling3D", 1, true) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = volume(in.get(0), c, format);
			int[] size = positive(c, "size", c.triple("size", new int[] { 2, 2, 2 }));
			return net.chain(layer.node, x).then("upsample", Upsample3D.pytorch(size[0], size[1], size[2], Interpolation.NEAREST,
				false)).end(false);
		}
	},
	/** Max pooling. */
	MAX_POOLING2D("MaxPooling2D", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return pooling(PoolingMode.MAX, layer, in.get(0), net, format);
		}
	},
	/** Average pooling; TensorFlow's 'same' leaves the padding out of the average. */
	AVERAGE_POOLING2D("AveragePooling2D", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return pooling(PoolingMode.AVERAGE, layer, in.get(0), net, format);
		}
	},
	/** The mean of each channel; keepdims keeps a 1 x 1 image, else a vector. */
	GLOBAL_AVERAGE_POOLING2D("GlobalAveragePooling2D", 1) {
		@Override
		int outputRank(LayerConfig config, List<Integer> inputRanks) {
			return config.bool("keepdims", false) ? 4 : 2;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return globalPooling(GlobalPoolingMode.AVERAGE, layer, in.get(0), net, format);
		}
	},
	/** The maximum of each channel; keepdims keeps a 1 x 1 image, else a vector. */
	GLOBAL_MAX_POOLING2D("GlobalMaxPooling2D", 1) {
		@Override
		int outputRank(LayerConfig config, List<Integer> inputRanks) {
			return config.bool("keepdims", false) ? 4 : 2;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return globalPooling(GlobalPoolingMode.MAX, layer, in.get(0), net, format);
		}
	},
	/** Upsampling by whole factors: nearest (repeats) or bilinear (TensorFlow's half-pixel resize). */
	UP_SAMPLING2D("UpSampling2D", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			int[] size = c.pair("size", new int[] { 2, 2 });
			if (size[0] < 1 || size[1] < 1) throw c.bad("size", c.raw("size"), "whole numbers >= 1");
			String mode = c.choice("interpolation", "nearest", "nearest", "bilinear");
			Interpolation interpolation = mode.equals("nearest") ? Interpolation.NEAREST : Interpolation.BILINEAR;
			return net.chain(layer.node, x).then("upsample", Upsample.pytorch(size[0], size[1], interpolation, false))
				.end(false);
		}
	},
	/** Zeros around the image: padding as one number, (height, width) or ((top, bottom), (left, right)). */
	ZERO_PADDING2D("ZeroPadding2D", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			int[] p = c.sides("padding", 1);
			return net.chain(layer.node, x).then("pad", Pad.of(PadMode.ZERO, p[0], p[1], p[2], p[3], 0)).end(false);
		}
	},
	/** Rows and columns cut off: cropping as one number, (height, width) or ((top, bottom), (left, right)). */
	CROPPING2D("Cropping2D", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = image(in.get(0), c, format);
			int[] p = c.sides("cropping", 0);
			return net.chain(layer.node, x).then("crop", Pad.of(PadMode.ZERO, -p[0], -p[1], -p[2], -p[3], 0)).end(false);
		}
	},
	/** Joins its inputs' channels. */
	CONCATENATE("Concatenate", -1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			int rank = materialized(in.get(0), c, format).rank();
			for (KerasTensor t : in)
				if (materialized(t, c, format).rank() != rank)
					throw new IllegalArgumentException(c.where() + " joins tensors of different ranks: " + texts(in, format));
			int axis = c.integer("axis", -1);
			if (!format.isChannelAxis(axis, rank))
				throw new IllegalArgumentException(c.where() + ": axis " + axis + " of " + texts(in, format) + " is not the " +
					"channel axis; supported: concatenation of channels (axis -1 or " + format.channelAxis(rank) +
					" in " + format + ")");
			return net.merge(layer.node, new Concat(), in, rank == 2);
		}
	},
	/** Element-wise sum. */
	ADD("Add", -1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return elementwise(ElementwiseMerge.Operation.ADD, layer, in, net, format);
		}
	},
	/** Element-wise product. */
	MULTIPLY("Multiply", -1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return elementwise(ElementwiseMerge.Operation.MULTIPLY, layer, in, net, format);
		}
	},
	/** Batch normalization at inference: gamma, beta (each if on), moving_mean, moving_variance; epsilon. */
	BATCH_NORMALIZATION("BatchNormalization", 1) {
		@Override
		List<String> roles(LayerConfig c) {
			List<String> r = new ArrayList<>();
			if (c.bool("scale", true)) r.add("gamma");
			if (c.bool("center", true)) r.add("beta");
			r.add("moving_mean");
			r.add("moving_variance");
			return r;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = materialized(in.get(0), c, format);
			requireChannelAxis(c, x, format);
			Tensor[] w = layer.weights;
			int i = 0;
			Tensor gamma = c.bool("scale", true) ? w[i++] : null;
			Tensor beta = c.bool("center", true) ? w[i++] : null;
			Tensor mean = w[i++], variance = w[i];
			for (Tensor t : w)
				if (t.rank() != 1)
					throw new IllegalArgumentException(c.where() + ": weight " + t.name() + " has shape " + t.shapeText() +
						"; batch norm weights are 1-D, one value per channel");
			BatchNormWeights bn = new BatchNormWeights(gamma == null ? null : gamma.data(), beta == null ? null : beta.data(),
				mean.data(), variance.data(), c.where());
			double eps = c.number("epsilon", 1e-3);
			if (!(eps > 0)) throw c.bad("epsilon", eps, "a number > 0");
			return net.chain(layer.node, x).then("batchnorm", new BatchNorm(bn.scale(eps), bn.shift(eps))).end(x.vector);
		}
	},
	/** An activation function by name. */
	ACTIVATION("Activation", 1) {
		@Override
		boolean passesThrough(LayerConfig config) {
			return KerasActivation.of(config.raw("activation"), config.where()) == KerasActivation.LINEAR;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = materialized(in.get(0), c, format);
			NetworkAssembly.Chain chain = net.chain(layer.node, x);
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, x, format, c.where());
			return chain.end(x.vector);
		}
	},
	/** ReLU, or leaky ReLU by negative_slope; max_value and threshold are refused. */
	RELU("ReLU", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = materialized(in.get(0), c, format);
			if (c.has("max_value"))
				throw c.bad("max_value", c.raw("max_value"), "none (a ReLU capped at a maximum is not supported)");
			if (c.number("threshold", 0) != 0)
				throw c.bad("threshold", c.raw("threshold"), "0 (a ReLU with another threshold is not supported)");
			double slope = c.number("negative_slope", 0);
			return net.chain(layer.node, x).then("relu", slope == 0 ? Activation.relu() : Activation.leakyRelu(slope))
				.end(x.vector);
		}
	},
	/** Leaky ReLU: negative_slope (Keras 3) or alpha (Keras 2), 0.3 by default. */
	LEAKY_RELU("LeakyReLU", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = materialized(in.get(0), c, format);
			double slope = c.number("negative_slope", c.number("alpha", 0.3));
			return net.chain(layer.node, x).then("leakyrelu", Activation.leakyRelu(slope)).end(x.vector);
		}
	},
	/** ELU: alpha (1 by default). */
	ELU("ELU", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = materialized(in.get(0), c, format);
			return net.chain(layer.node, x).then("elu", Activation.elu(c.number("alpha", 1))).end(x.vector);
		}
	},
	/** Softmax over an axis, which must be the channels. */
	SOFTMAX("Softmax", 1) {
		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = materialized(in.get(0), c, format);
			requireChannelAxis(c, x, format);
			return net.chain(layer.node, x).then("softmax", new Softmax()).end(x.vector);
		}
	},
	/** Dropout: nothing at inference. */
	DROPOUT("Dropout", 1) {
		@Override
		boolean passesThrough(LayerConfig config) {
			return true;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			return in.get(0);
		}
	},
	/** Flatten: a vector of an image's values, in the data format's order; built by the Dense that reads it. */
	FLATTEN("Flatten", 1) {
		@Override
		int outputRank(LayerConfig config, List<Integer> inputRanks) {
			return 2;
		}

		@Override
		boolean passesThrough(LayerConfig config) {
			return true;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			KerasTensor x = in.get(0);
			if (x.rank() == 2) return x;
			if (x.shape.width() == 1 && x.shape.height() == 1 && x.shape.depth() == 1) return x.asVector();
			if (x.rank() == 5)
				throw new IllegalArgumentException(layer.config.where() + " flattens a volume " + x.text(format) + "; supported: " +
					"Flatten of images, or of a 1 x 1 x 1 volume");
			return new KerasTensor(x.node, x.shape, false, true);
		}
	},
	/** A fully connected layer on a vector (or on every pixel's channels): kernel [C_in, units], bias. */
	DENSE("Dense", 1) {
		@Override
		List<String> roles(LayerConfig c) {
			return withBias(c, "kernel");
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = in.get(0);
			if (x.rank() >= 4 && format == DataFormat.CHANNELS_FIRST)
				throw new IllegalArgumentException(c.where() + " reads an image " + x.text(format) + " in channels_first, " +
					"where Keras applies it to the width axis; supported: Dense on a vector or on channels_last channels");
			int channels = x.shape.channels();
			int h = x.flattened ? (int) x.shape.height() : 1, w = x.flattened ? (int) x.shape.width() : 1;
			long inputs = (long) channels * h * w;
			Tensor kernel = layer.weights[0];
			int units = c.integer("units", kernel.rank() == 2 ? kernel.dim(1) : 0);
			if (kernel.rank() != 2 || kernel.dim(0) != inputs || kernel.dim(1) != units)
				throw new IllegalArgumentException(c.where() + ": its kernel " + kernel.name() + " has shape " +
					kernel.shapeText() + ", but its input " + x.text(format) + " and units " + units + " need [" + inputs +
					", " + units + "]");
			Tensor bias = bias(c, layer.weights, 1);
			if (bias != null && (bias.rank() != 1 || bias.dim(0) != units))
				throw new IllegalArgumentException(c.where() + ": its bias " + bias.name() + " has shape " + bias.shapeText() +
					", but " + units + " units need [" + units + "]");
			float[] k = kernel.data();
			float[] weights = new float[k.length];
			for (int u = 0; u < units; u++)
				for (int ch = 0; ch < channels; ch++)
					for (int y = 0; y < h; y++)
						for (int xx = 0; xx < w; xx++)
							weights[((u * channels + ch) * h + y) * w + xx] =
								k[format.flatIndex(ch, y, xx, channels, h, w) * units + u];
			NetworkAssembly.Chain chain = net.chain(layer.node, x);
			chain.then("dense", Conv2D.learned(new ConvWeights(weights, units, channels, h, w, bias == null ? null : bias.data(),
				c.where()), layer.node).build());
			boolean vector = x.rank() == 2;
			KerasActivation.of(c.raw("activation"), c.where()).append(chain, vector ? x.asVector() : x, format, c.where());
			return chain.end(vector);
		}
	},
	/** Reshape, where it changes nothing of how the values are held: to (C,), (1, 1, C), or the same shape. */
	RESHAPE("Reshape", 1) {
		@Override
		int outputRank(LayerConfig config, List<Integer> inputRanks) {
			Object target = config.raw("target_shape");
			return target instanceof List && ((List<?>) target).size() == 1 ? 2 : 4;
		}

		@Override
		boolean passesThrough(LayerConfig config) {
			return true;
		}

		@Override
		KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format) {
			LayerConfig c = layer.config;
			KerasTensor x = in.get(0);
			Object raw = c.raw("target_shape");
			if (!(raw instanceof List) || ((List<?>) raw).isEmpty())
				throw c.bad("target_shape", raw, "a list of sizes");
			List<?> list = (List<?>) raw;
			long count = (long) x.shape.channels() * x.shape.width() * x.shape.height();
			long[] target = new long[list.size()];
			int unknown = -1;
			long known = 1;
			for (int i = 0; i < target.length; i++) {
				Object v = list.get(i);
				if (!(v instanceof Long) || (Long) v < -1 || (Long) v == 0) throw c.bad("target_shape", raw, "sizes >= 1 and one -1");
				target[i] = (Long) v;
				if (target[i] == -1) {
					if (unknown >= 0) throw c.bad("target_shape", raw, "sizes >= 1 and one -1");
					unknown = i;
				}
				else known *= target[i];
			}
			if (unknown >= 0 && known > 0 && count % known == 0) target[unknown] = count / known;
			long product = 1;
			for (long t : target)
				product *= t;
			String what = c.where() + " from " + x.text(format) + " to " + Arrays.toString(target).replace('[', '(')
				.replace(']', ')');
			if (product != count)
				throw new IllegalArgumentException(what + ": the sizes hold " + product + " values, the input " + count);
			boolean onePixel = x.shape.width() == 1 && x.shape.height() == 1 && x.shape.depth() == 1;
			if (target.length == 1) {
				if (x.rank() == 2 || onePixel) return x.flattened ? x : x.asVector();
			}
			else if (target.length == 3) {
				long[] image = format == DataFormat.CHANNELS_LAST ?
					new long[] { x.shape.height(), x.shape.width(), x.shape.channels() } :
					new long[] { x.shape.channels(), x.shape.height(), x.shape.width() };
				if (Arrays.equals(target, image) && (x.rank() == 4 || x.flattened || onePixel)) return x.asImage();
			}
			throw new IllegalArgumentException(what + " changes how the values are laid out per channel; supported: " +
				"reshapes that keep it (to (C,) or a 1 x 1 image of C channels from a vector, back to the image a Flatten " +
				"made, or to the same shape)");
		}
	};

	/** The class name Keras writes. */
	private final String className;
	/** Inputs per call: 1, 0 for the input, -1 for two or more. */
	private final int arity;
	/** Whether the layer works on volumes only ({@link #takesVolumes}). */
	private final boolean volumes;

	KerasLayerType(String className, int arity) {
		this(className, arity, false);
	}

	/** @param volumes whether the layer works on volumes only (its constant says {@code true}) */
	KerasLayerType(String className, int arity, boolean volumes) {
		this.className = className;
		this.arity = arity;
		this.volumes = volumes;
	}

	/**
	 * The type of a Keras class.
	 *
	 * @param name the layer's name, for the message
	 * @throws IllegalArgumentException for a class that is not supported, naming it, the layer and the supported ones
	 */
	static KerasLayerType of(String className, String name) {
		for (KerasLayerType t : values())
			if (t.className.equals(className)) return t;
		boolean model = className.equals("Functional") || className.equals("Sequential") || className.equals("Model");
		throw new IllegalArgumentException("Layer '" + name + "' is a Keras " + className + ", which is not supported" +
			(model ? " (a model nested in the model)" : "") + "; supported: " + supported());
	}

	/** The supported classes, as text. */
	static String supported() {
		StringBuilder sb = new StringBuilder();
		for (KerasLayerType t : values())
			sb.append(sb.length() == 0 ? "" : ", ").append(t.className);
		return sb.toString();
	}

	/** The class name. */
	String className() {
		return className;
	}

	/** Inputs per call: 1, 0 for the input, -1 for two or more. */
	int arity() {
		return arity;
	}

	/**
	 * The Keras rank of the layer's output (4: image, 2: vector), known from the config without sizes.
	 *
	 * @param inputRanks the ranks of its inputs
	 */
	int outputRank(LayerConfig config, List<Integer> inputRanks) {
		return inputRanks.isEmpty() ? 4 : inputRanks.get(0);
	}

	/** Whether the layer works on volumes only, so that a model of it is a 3D network. */
	boolean takesVolumes() {
		return volumes;
	}

	/** Whether the layer adds no node and its output is its input's tensor (Dropout, Flatten, Reshape, linear). */
	boolean passesThrough(LayerConfig config) {
		return false;
	}

	/** The weights a layer of this config holds, in Keras's order (none by default). */
	List<String> roles(LayerConfig config) {
		return Collections.emptyList();
	}

	/**
	 * Adds the layer's computation to the network.
	 *
	 * @param layer the layer (config and weights)
	 * @param in its inputs in this call
	 * @return its output
	 * @throws IllegalArgumentException when the layer cannot run here, naming it, what it found and what is supported
	 */
	abstract KerasTensor build(KerasLayer layer, List<KerasTensor> in, NetworkAssembly net, DataFormat format);

	// ---- shared rules of the layers above ----

	private static List<String> withBias(LayerConfig c, String... kernels) {
		List<String> r = new ArrayList<>(Arrays.asList(kernels));
		if (c.bool("use_bias", true)) r.add("bias");
		return r;
	}

	private static Tensor bias(LayerConfig c, Tensor[] weights, int index) {
		return c.bool("use_bias", true) ? weights[index] : null;
	}

	/** The input as an image; a vector or a flattened image is refused. */
	private static KerasTensor image(KerasTensor x, LayerConfig c, DataFormat format) {
		if (x.rank() != 4)
			throw new IllegalArgumentException(c.where() + " needs an image (rank 4), but its input is " + x.text(format));
		return x;
	}

	/** The input as it is held; a flattened image not yet read by a Dense layer is refused. */
	private static KerasTensor materialized(KerasTensor x, LayerConfig c, DataFormat format) {
		if (x.flattened)
			throw new IllegalArgumentException(c.where() + " reads a Flatten of " + x.shape.channels() + " x " + x.shape.height() +
				" x " + x.shape.width() + " values " + x.text(format) + "; supported: a Flatten read by Dense (after Dropout " +
				"too), or of a 1 x 1 image");
		return x;
	}

	private static String texts(List<KerasTensor> in, DataFormat format) {
		List<String> t = new ArrayList<>();
		for (KerasTensor x : in)
			t.add(x.text(format));
		return String.join(" and ", t);
	}

	/** Checks that the config's {@code axis} (an int or a list of one; -1 by default) is the channel axis. */
	private static void requireChannelAxis(LayerConfig c, KerasTensor x, DataFormat format) {
		Object axis = c.raw("axis");
		if (axis instanceof List && ((List<?>) axis).size() == 1) axis = ((List<?>) axis).get(0);
		if (axis == null) axis = -1L;
		if (!(axis instanceof Long) || !format.isChannelAxis((int) (long) (Long) axis, x.rank()))
			throw c.bad("axis", c.raw("axis"), "the channel axis (-1 or " + format.channelAxis(x.rank()) +
				" in " + format + ")");
	}

	/** The kernel size of the config (or of the kernel when absent). */
	private static int[] kernelSize(LayerConfig c, Tensor kernel) {
		int[] k = c.pair("kernel_size", kernel.rank() == 4 ? new int[] { kernel.dim(0), kernel.dim(1) } : null);
		if (k == null) throw c.bad("kernel_size", null, "two whole numbers");
		return k;
	}

	/** Checks a 4-D kernel's shape against what the config and the input need. */
	private static void requireShape(LayerConfig c, String role, Tensor t, int... shape) {
		boolean ok = t.rank() == shape.length;
		for (int i = 0; ok && i < shape.length; i++)
			ok = t.dim(i) == shape[i];
		if (!ok)
			throw new IllegalArgumentException(c.where() + ": its " + role + " " + t.name() + " has shape " + t.shapeText() +
				", but its config and input need " + Arrays.toString(shape));
	}

	/** One stride or dilation for both axes, as the core convolution takes them. */
	private static int same(LayerConfig c, String key, int[] pair) {
		if (pair[0] != pair[1])
			throw c.bad(key, c.raw(key), "equal values for height and width");
		if (pair[0] < 1) throw c.bad(key, c.raw(key), "whole numbers >= 1");
		return pair[0];
	}

	/** Appends a Keras convolution (strides, dilation_rate, padding of the config) with the given weights. */
	private static void convolution(NetworkAssembly.Chain chain, LayerConfig c, ConvWeights w, int groups, String node,
		String step)
	{
		int s = same(c, "strides", c.pair("strides", new int[] { 1, 1 }));
		int d = same(c, "dilation_rate", c.pair("dilation_rate", new int[] { 1, 1 }));
		Shape in = chain.shape();
		KerasPadding padding = KerasPadding.of(c);
		int[] py = padding.beforeAfter(in.height(), w.kernelHeight(), s, d);
		int[] px = padding.beforeAfter(in.width(), w.kernelWidth(), s, d);
		if (py[0] != py[1] || px[0] != px[1]) { // TensorFlow's odd pixel after: zeros added first, then no padding
			chain.then("pad", Pad.of(PadMode.ZERO, py[0], py[1], px[0], px[1], 0));
			py = new int[] { 0, 0 };
			px = new int[] { 0, 0 };
		}
		chain.then(step, Conv2D.learned(w, node).groups(groups).stride(s).padding(py[0], px[0]).dilation(d).build());
	}

	private static KerasTensor pooling(PoolingMode mode, KerasLayer layer, KerasTensor input, NetworkAssembly net,
		DataFormat format)
	{
		LayerConfig c = layer.config;
		KerasTensor x = image(input, c, format);
		int[] size = c.pair("pool_size", new int[] { 2, 2 });
		int k = same(c, "pool_size", size);
		int s = same(c, "strides", c.pair("strides", size));
		KerasPadding padding = KerasPadding.of(c);
		int[] py = padding.beforeAfter(x.shape.height(), k, s, 1);
		int[] px = padding.beforeAfter(x.shape.width(), k, s, 1);
		Pool2D pool;
		if (py[0] == py[1] && px[0] == px[1] && py[0] == px[0]) pool = new Pool2D(mode, k, s, py[0], false, false);
		else if (py[0] == 0 && px[0] == 0) {
			// the padding only after: PyTorch's ceil mode keeps the last partial window, which 'same' pads
			pool = new Pool2D(mode, k, s, 0, true, false);
			long[] out = pool.outputSize(x.shape.width(), x.shape.height());
			if (out[0] != (x.shape.width() + s - 1) / s || out[1] != (x.shape.height() + s - 1) / s) pool = null;
		}
		else pool = null;
		if (pool == null)
			throw new IllegalArgumentException(c.where() + ": padding 'same' on a " + x.shape.height() + " x " +
				x.shape.width() + " input pads top " + py[0] + ", bottom " + py[1] + ", left " + px[0] + ", right " + px[1] +
				" (TensorFlow's rule), which pooling cannot do here; supported: equal padding on all sides, or padding " +
				"only at the bottom and right");
		return net.chain(layer.node, x).then(mode.label().toLowerCase(java.util.Locale.ROOT) + "pool", pool).end(false);
	}

	/** The input as a volume (rank 5, a 3D network's tensor). */
	private static KerasTensor volume(KerasTensor x, LayerConfig c, DataFormat format) {
		if (x.rank() != 5)
			throw new IllegalArgumentException(c.where() + " needs a volume (rank 5), but its input is " + x.text(format));
		return x;
	}

	/** Checks per-axis values (strides, dilation, sizes) are whole numbers >= 1. */
	private static int[] positive(LayerConfig c, String key, int[] values) {
		for (int v : values)
			if (v < 1) throw c.bad(key, c.raw(key), "whole numbers >= 1");
		return values;
	}

	private static void requireBias(LayerConfig c, Tensor bias, int filters) {
		if (bias != null && (bias.rank() != 1 || bias.dim(0) != filters))
			throw new IllegalArgumentException(c.where() + ": its bias " + bias.name() + " has shape " + bias.shapeText() +
				", but " + filters + " filters need [" + filters + "]");
	}

	/** Keras's 3D pooling (pool_size, strides, padding per axis z y x) as a core 3D pooling. */
	private static KerasTensor pooling3D(PoolingMode mode, KerasLayer layer, KerasTensor input, NetworkAssembly net,
		DataFormat format)
	{
		LayerConfig c = layer.config;
		KerasTensor x = volume(input, c, format);
		int[] k = positive(c, "pool_size", c.triple("pool_size", new int[] { 2, 2, 2 }));
		int[] s = positive(c, "strides", c.triple("strides", k));
		KerasPadding padding = KerasPadding.of(c);
		long[] n = { x.shape.depth(), x.shape.height(), x.shape.width() };
		int[][] p = new int[3][];
		boolean even = true, afterOnly = true;
		for (int a = 0; a < 3; a++) {
			p[a] = padding.beforeAfter(n[a], k[a], s[a], 1);
			even &= p[a][0] == p[a][1];
			afterOnly &= p[a][0] == 0;
		}
		PerAxis3D size = PerAxis3D.of(k[0], k[1], k[2]), stride = PerAxis3D.of(s[0], s[1], s[2]);
		Pool3D pool = null;
		if (even) pool = new Pool3D(mode, size, stride, PerAxis3D.of(p[0][0], p[1][0], p[2][0]), false, false);
		else if (afterOnly) {
			// the padding only after: PyTorch's ceil mode keeps the last partial window, which 'same' pads
			pool = new Pool3D(mode, size, stride, PerAxis3D.of(0), true, false);
			long[] out = pool.outputSize(x.shape.width(), x.shape.height(), x.shape.depth());
			for (int a = 0; a < 3; a++)
				if (out[2 - a] != (n[a] + s[a] - 1) / s[a]) pool = null;
		}
		if (pool == null)
			throw new IllegalArgumentException(c.where() + ": padding 'same' on a " + n[0] + " x " + n[1] + " x " + n[2] +
				" input pads front " + p[0][0] + ", back " + p[0][1] + ", top " + p[1][0] + ", bottom " + p[1][1] + ", left " +
				p[2][0] + ", right " + p[2][1] + " (TensorFlow's rule), which pooling cannot do here; supported: equal padding " +
				"before and after each axis, or padding only after");
		return net.chain(layer.node, x).then(mode.label().toLowerCase(java.util.Locale.ROOT) + "pool", pool).end(false);
	}

	private static KerasTensor globalPooling(GlobalPoolingMode mode, KerasLayer layer, KerasTensor input,
		NetworkAssembly net, DataFormat format)
	{
		LayerConfig c = layer.config;
		KerasTensor x = image(input, c, format);
		boolean keep = c.bool("keepdims", false);
		return net.chain(layer.node, x).then(mode.label() + "pool", new GlobalPooling(mode)).end(!keep);
	}

	private static KerasTensor elementwise(ElementwiseMerge.Operation op, KerasLayer layer, List<KerasTensor> in,
		NetworkAssembly net, DataFormat format)
	{
		boolean vector = true;
		for (KerasTensor t : in)
			vector &= materialized(t, layer.config, format).rank() == 2;
		// Keras adds (multiplies) its inputs one after the other: ((a + b) + c)
		KerasTensor out = in.get(0);
		for (int i = 1; i < in.size(); i++)
			out = net.merge(i == in.size() - 1 ? layer.node : layer.node + "/" + i, new ElementwiseMerge(op),
				Arrays.asList(out, in.get(i)), vector);
		return out;
	}
}
