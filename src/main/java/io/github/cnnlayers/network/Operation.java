package io.github.cnnlayers.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.MergeLayer;
import io.github.cnnlayers.core.ReceptiveField;

/**
 * What a node of a {@link Network} computes: a {@link Layer} (one input), a {@link Layer3D} (one input, volumes)
 * or a {@link MergeLayer} (several), seen the same way: its output shape from its inputs' shapes, the working memory it needs,
 * and its output from its inputs.
 */
public interface Operation {

	/** @return the inputs it takes: a number (0 for a constant), or -1 for any number of at least two */
	int arity();

	/**
	 * @param inputs the shapes of its inputs
	 * @return the shape of its output
	 * @throws IllegalArgumentException when the inputs do not fit the operation, naming the rule
	 */
	Shape outputShape(List<Shape> inputs);

	/**
	 * @param inputs the shapes of its inputs
	 * @return bytes it allocates while it runs, beyond its inputs and output
	 */
	double workingBytes(List<Shape> inputs);

	/**
	 * @param inputs its inputs
	 * @param output its output, of the shape {@link #outputShape} gives, zero-filled
	 */
	void compute(List<FeatureMaps> inputs, FeatureMaps output);

	/**
	 * The output tensor of these inputs: a new tensor of {@code shape} filled by {@link #compute}, or, for an
	 * operation whose output is its inputs' planes unchanged (a concatenation), a tensor of those planes themselves,
	 * not copied, which nobody may change.
	 *
	 * @param shape the output's shape, as {@link #outputShape} gives it
	 */
	default FeatureMaps apply(final List<FeatureMaps> inputs, final Shape shape) {
		return computeNew(inputs, shape);
	}

	/**
	 * @param shape the output's shape, as {@link #outputShape} gives it
	 * @return a new tensor of {@code shape}, filled by {@link #compute}: arrays of its own, shared with no input
	 */
	default FeatureMaps computeNew(final List<FeatureMaps> inputs, final Shape shape) {
		final FeatureMaps out = FeatureMaps.zeros(shape);
		compute(inputs, out);
		return out;
	}

	/** @return a short name for messages, e.g. "Conv2D" or "Concat" */
	String name();

	/**
	 * @return where an output pixel looks in each input, per axis x, y, z (for tiling); a merge and a constant are point-wise
	 */
	default ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	/** @return the output coordinates whose multiples start the blocks of pixels it computes together ({@link Layer#outputBlock()}) */
	default int outputBlock() {
		return 1;
	}

	/**
	 * @param next an operation reading this one's output
	 * @return one operation computing this one and then {@code next} as it writes each output row, with the same floats
	 *         as the two ({@link Layer#thenApplying}); empty when this operation cannot take {@code next}
	 */
	default Optional<Operation> followedBy(final Operation next) {
		return Optional.empty();
	}

	/**
	 * @param producer the layer whose output this operation reads
	 * @return the producer and this operation as one layer ({@link Layer#appliedAfter}); empty unless this operation is a
	 *         function of each value alone that the producer can apply as it writes
	 */
	default Optional<Layer> appliedAfter(final Layer producer) {
		return Optional.empty();
	}

	/**
	 * @param layer a layer of one input
	 * @param name its name in messages
	 * @return the layer as an operation
	 */
	static Operation of(final Layer layer, final String name) {
		return new Operation() {

			@Override
			public int arity() {
				return 1;
			}

			@Override
			public Shape outputShape(final List<Shape> inputs) {
				final Shape in = inputs.get(0);
				final long[] size = layer.outputSize(in.width(), in.height());
				if (!in.isVolume())
					return new Shape(layer.outputChannels(in.channels()), size[0], size[1]);
				if (layer.receptiveField() != ReceptiveField.POINT || size[0] != in.width() || size[1] != in.height())
					throw new IllegalArgumentException(name + " (" + layer + ") is a 2D layer that looks beyond one pixel or resizes planes, " +
						"so it cannot run on a volume of " + in + " (C x D x H x W); allowed on volumes: 3D layers and per-voxel 2D layers");
				return Shape.volume(layer.outputChannels(in.channels()), size[0], size[1], in.depth());
			}

			@Override
			public double workingBytes(final List<Shape> inputs) {
				return layer.workingBytes(inputs.get(0).width(), inputs.get(0).height());
			}

			@Override
			public void compute(final List<FeatureMaps> inputs, final FeatureMaps output) {
				layer.compute(inputs.get(0).views(), output.views());
			}

			@Override
			public ReceptiveField receptiveField() {
				return layer.receptiveField();
			}

			@Override
			public int outputBlock() {
				return layer.outputBlock();
			}

			@Override
			public Optional<Operation> followedBy(final Operation next) {
				return next.appliedAfter(layer).map(fused -> of(fused, name + " + " + next.name()));
			}

			@Override
			public Optional<Layer> appliedAfter(final Layer producer) {
				return layer.appliedAfter(producer);
			}

			@Override
			public String name() {
				return name;
			}
		};
	}

	/**
	 * @param layer a 3D layer of one input
	 * @param name its name in messages
	 * @return the layer as an operation on volumes ({@link Shape#isVolume()}), tiled along x, y and z by its field
	 */
	static Operation of(final Layer3D layer, final String name) {
		return new Operation() {

			@Override
			public int arity() {
				return 1;
			}

			@Override
			public Shape outputShape(final List<Shape> inputs) {
				final Shape in = inputs.get(0);
				if (!in.isVolume())
					throw new IllegalArgumentException(name + " (" + layer + ") is a 3D layer but its input is planes of " + in +
						"; allowed: volumes (C x D x H x W)");
				final long[] size = layer.outputSize(in.width(), in.height(), in.depth());
				return Shape.volume(layer.outputChannels(in.channels()), size[0], size[1], size[2]);
			}

			/** @return two planes' rows of the input per thread, a bound on the 3D layers' line buffers */
			@Override
			public double workingBytes(final List<Shape> inputs) {
				return 8.0 * inputs.get(0).width() * inputs.get(0).height() * Runtime.getRuntime().availableProcessors();
			}

			@Override
			public void compute(final List<FeatureMaps> inputs, final FeatureMaps output) {
				layer.compute(inputs.get(0).volumes(), output.volumes());
			}

			@Override
			public ReceptiveField receptiveField() {
				return layer.receptiveField();
			}

			@Override
			public int outputBlock() {
				return layer.outputBlock();
			}

			@Override
			public String name() {
				return name;
			}
		};
	}

	/**
	 * @param value a tensor known before the run (a model's learned bias or mean), copied
	 * @param name its name in messages
	 * @return an operation of no input making that tensor
	 */
	static Operation constant(final FeatureMaps value, final String name) {
		final Shape shape = value.shape();
		final float[][] planes = new float[shape.channels()][];
		for (int c = 0; c < planes.length; c++)
			planes[c] = value.plane(c).clone();
		return new Operation() {

			@Override
			public int arity() {
				return 0;
			}

			@Override
			public Shape outputShape(final List<Shape> inputs) {
				return shape;
			}

			@Override
			public double workingBytes(final List<Shape> inputs) {
				return 0;
			}

			@Override
			public void compute(final List<FeatureMaps> inputs, final FeatureMaps output) {
				for (int c = 0; c < planes.length; c++)
					System.arraycopy(planes[c], 0, output.plane(c), 0, planes[c].length);
			}

			@Override
			public String name() {
				return name;
			}
		};
	}

	/**
	 * @param merge a layer of several inputs
	 * @return it as an operation
	 */
	static Operation of(final MergeLayer merge) {
		return new Operation() {

			@Override
			public int arity() {
				return merge.arity();
			}

			@Override
			public Shape outputShape(final List<Shape> inputs) {
				final int[] channels = new int[inputs.size()];
				final boolean volume = inputs.get(0).isVolume();
				long depth = 1;
				for (final Shape in : inputs) {
					if (in.isVolume() != volume)
						throw new IllegalArgumentException(merge.name() + " takes " + inputs + ": volumes and planes mixed; allowed: " +
							"all volumes (C x D x H x W) or all planes");
					depth = Math.max(depth, in.depth());
				}

				final long[][] sizes = new long[inputs.size()][];
				for (int i = 0; i < channels.length; i++) {
					channels[i] = inputs.get(i).channels();
					sizes[i] = new long[] { inputs.get(i).width(), inputs.get(i).height() };
				}
				final long[] size = merge.outputSize(sizes);
				for (final Shape in : inputs)
					if ((in.depth() != depth || in.height() != size[1]) && in.height() * in.depth() != 1)
						throw new IllegalArgumentException(merge.name() + " takes volumes of " + inputs + ": their depths or heights " +
							"differ; allowed on volumes: equal depths and heights, or a volume of height and depth 1 (broadcast)");
				return volume ? Shape.volume(merge.outputChannels(channels), size[0], size[1], depth)
					: new Shape(merge.outputChannels(channels), size[0], size[1]);
			}

			@Override
			public double workingBytes(final List<Shape> inputs) {
				return 12.0 * outputShape(inputs).width(); // three row buffers
			}

			@Override
			public void compute(final List<FeatureMaps> inputs, final FeatureMaps output) {
				final List<List<net.imglib2.RandomAccessibleInterval<net.imglib2.type.numeric.real.FloatType>>> views = new ArrayList<>();
				for (final FeatureMaps f : inputs)
					views.add(f.views());
				merge.compute(views, output.views());
			}

			/** A concatenation of inputs of the output's plane size takes their planes as they are. */
			@Override
			public FeatureMaps apply(final List<FeatureMaps> inputs, final Shape shape) {
				final List<float[]> planes = new ArrayList<>();
				for (final FeatureMaps f : inputs)
					for (int c = 0; c < f.shape().channels(); c++)
						planes.add(f.plane(c));
				boolean whole = merge.stacksChannels() && planes.size() == shape.channels();
				for (final float[] p : planes)
					whole &= p.length == shape.channelSize();
				return whole ? new FeatureMaps(shape, planes.toArray(new float[0][])) : computeNew(inputs, shape);
			}

			@Override
			public String name() {
				return merge.name();
			}
		};
	}
}
