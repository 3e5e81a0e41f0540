package io.github.cnnlayers.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.ReceptiveField;

/**
 * How to cut one sample's input into tiles whose results, put together, equal the whole image's bit for bit,
 * derived from the network's graph alone. For an output tile (its core) the input range each tensor needs is
 * propagated backwards through every node (union over a tensor's readers; merges point-wise; constants need
 * nothing; each layer's {@link ReceptiveField#inputRange}), clamped to the image. The tile's input region
 * starts and ends at multiples of the alignment A (or at the image's end): A is the smallest step that puts
 * every tensor's tile origin on a whole pixel of that tensor and on a multiple of its layer's
 * {@link Operation#outputBlock()} — for a U-Net of depth d, 2^d, or 2^(d+1) when its deepest convolutions compute
 * Winograd's 2 x 2 blocks — so every layer sees the same grid as in the
 * whole image. The axes are x, y and z: a volume's tiles are boxes of planes, a plane's have depth 1. Each plan is
 * then checked forwards: every value a tile keeps is computed from values of the
 * tile that are themselves exact, or the plan is refused.
 */
public final class TilePlan {

	/** One tile: the input region it reads and the output region (its core) it writes. */
	public static final class Tile {

		private final Region input;
		private final Region core;
		private final long coreX;
		private final long coreY;
		private final long coreZ;

		Tile(final Region input, final Region core, final long coreX, final long coreY, final long coreZ) {
			this.input = input;
			this.core = core;
			this.coreX = coreX;
			this.coreY = coreY;
			this.coreZ = coreZ;
		}

		/** @return the region of the (fitted) input it reads */
		public Region input() {
			return input;
		}

		/** @return the region of the output it writes: its core, disjoint from every other tile's */
		public Region core() {
			return core;
		}

		/** @return the column of the core within the output of this tile's run */
		public long coreX() {
			return coreX;
		}

		/** @return the row of the core within the output of this tile's run */
		public long coreY() {
			return coreY;
		}

		/** @return the plane of the core within the output of this tile's run (0 for planes) */
		public long coreZ() {
			return coreZ;
		}

		@Override
		public String toString() {
			return "input " + input + " -> core " + core;
		}
	}

	private final Shape input;
	private final Shape output;
	private final String outputName;
	private final long[] alignment;
	private final long[] tileSize;
	private final List<Tile> tiles;
	private final Map<Shape, Network> networks;
	private final long tilePeakBytes;

	private TilePlan(final Shape input, final Shape output, final String outputName, final long[] alignment, final long[] tileSize,
		final List<Tile> tiles, final Map<Shape, Network> networks, final long tilePeakBytes)
	{
		this.input = input;
		this.output = output;
		this.outputName = outputName;
		this.alignment = alignment;
		this.tileSize = tileSize;
		this.tiles = Collections.unmodifiableList(tiles);
		this.networks = networks;
		this.tilePeakBytes = tilePeakBytes;
	}

	/**
	 * @param network the network built for {@code input}
	 * @param input the (fitted) shape of one sample
	 * @return the alignment {x, y, z} (z: 1 for planes): tile origins on the input are multiples of it
	 * @throws NotTileableException when the network cannot be tiled exactly, naming the node and why
	 */
	public static long[] alignment(final Network network, final Shape input) {
		return new Grid(network, network.plan(Collections.singletonList(input))).alignment.clone();
	}

	/**
	 * @param model builds the network for each tile's input shape
	 * @param network the network built for {@code input}
	 * @param input the (fitted) shape of one sample
	 * @param output the output to tile
	 * @param tile the side of a tile's core on the input grid, in pixels, &gt;= 1 (rounded up to the alignment); a
	 *        volume is cut along x and y only, every tile its whole depth
	 * @return the plan
	 * @throws NotTileableException when the network cannot be tiled exactly, naming the node and why
	 * @throws IllegalArgumentException for an unknown output or a tile below 1
	 */
	public static TilePlan of(final NetworkModel model, final Network network, final Shape input, final String output, final long tile) {
		return of(model, network, input, output, tile, input.depth());
	}

	/**
	 * @param model builds the network for each tile's input shape
	 * @param network the network built for {@code input}
	 * @param input the (fitted) shape of one sample
	 * @param output the output to tile
	 * @param tile the width and height of a tile's core on the input grid, in pixels, &gt;= 1 (rounded up to the
	 *        alignment)
	 * @param tileDepth the depth of a tile's core on the input grid, in planes, &gt;= 1 (rounded up to the alignment;
	 *        the volume's depth or more: one tile deep; planes have depth 1)
	 * @return the plan
	 * @throws NotTileableException when the network cannot be tiled exactly, naming the node and why
	 * @throws IllegalArgumentException for an unknown output or a tile below 1
	 */
	public static TilePlan of(final NetworkModel model, final Network network, final Shape input, final String output, final long tile,
		final long tileDepth)
	{
		if (tileDepth < 1)
			throw new IllegalArgumentException("A tile of " + tileDepth + " planes is not allowed; allowed: >= 1");
		if (!network.outputs().contains(output))
			throw new IllegalArgumentException("The network has no output \"" + output + "\"; allowed: " + String.join(", ", network.outputs()));
		if (tile < 1)
			throw new IllegalArgumentException("A tile of " + tile + " pixels is not allowed; allowed: >= 1");
		final Network.Plan whole = network.plan(Collections.singletonList(input));
		final Grid grid = new Grid(network, whole);
		final Shape out = whole.shapes().get(output);
		final long[][] spacing = grid.spacing.get(output);
		if (spacing == null)
			throw new NotTileableException("Output \"" + output + "\" depends on no input, only on constants: nothing to tile");
		final long[] size = new long[AXES];
		final long[] coreStep = new long[AXES];
		final long[] counts = new long[AXES];
		final long[] asked = { tile, tile, Math.min(tileDepth, input.depth()) };
		for (int a = 0; a < AXES; a++) {
			size[a] = ceilDiv(asked[a], grid.alignment[a]) * grid.alignment[a];
			coreStep[a] = size[a] * spacing[a][1] / spacing[a][0]; // whole: the alignment puts the output on whole pixels
			counts[a] = ceilDiv(extent(out, a), coreStep[a]);
		}
		final Map<Shape, Network> networks = new HashMap<>();
		networks.put(input, network);
		final List<Tile> tiles = new ArrayList<>();
		long peak = 0;
		for (long tz = 0; tz < counts[2]; tz++)
			for (long ty = 0; ty < counts[1]; ty++)
				for (long tx = 0; tx < counts[0]; tx++) {
					final long[] coreMin = { tx * coreStep[0], ty * coreStep[1], tz * coreStep[2] };
					final long[] coreMax = new long[AXES];
					final long[] coreSize = new long[AXES];
					for (int a = 0; a < AXES; a++) {
						coreMax[a] = Math.min(extent(out, a), coreMin[a] + coreStep[a]) - 1;
						coreSize[a] = coreMax[a] - coreMin[a] + 1;
					}
					final long[][] need = grid.inputNeed(output, coreMin, coreMax);
					final long[] start = new long[AXES], inSize = new long[AXES];
					for (int a = 0; a < AXES; a++) {
						start[a] = need[a][0] / grid.alignment[a] * grid.alignment[a];
						inSize[a] = Math.min(extent(input, a), ceilDiv(need[a][1] + 1, grid.alignment[a]) * grid.alignment[a]) - start[a];
					}
					final Region in = Region.of(start, inSize);
					final Shape tileShape = shapeOf(input, in);
					Network tileNetwork = networks.get(tileShape);
					if (tileNetwork == null) {
						try {
							tileNetwork = model.network(tileShape);
						}
						catch (final IllegalArgumentException e) {
							throw new NotTileableException(model.source() + " cannot take a tile of " + tileShape + ": " + e.getMessage());
						}
						networks.put(tileShape, tileNetwork);
					}
					final Network.Plan tilePlan = tileNetwork.plan(Collections.singletonList(tileShape));
					peak = Math.max(peak, tilePlan.peakBytes());
					final long[] offset = grid.check(output, in, tilePlan, coreMin, coreMax);
					tiles.add(new Tile(in, Region.of(coreMin, coreSize), coreMin[0] - offset[0], coreMin[1] - offset[1], coreMin[2] - offset[2]));
				}
		return new TilePlan(input, out, output, grid.alignment, size, tiles, networks, peak);
	}

	/** @return the (fitted) input shape of one sample */
	public Shape input() {
		return input;
	}

	/** @return the whole output's shape */
	public Shape output() {
		return output;
	}

	/** @return the name of the output tiled */
	public String outputName() {
		return outputName;
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z (1 for planes)
	 * @return the alignment along that axis: tile origins on the input are its multiples
	 */
	public long alignment(final int axis) {
		return alignment[axis];
	}

	/**
	 * @param axis 0 for x, 1 for y, 2 for z
	 * @return a tile core's side on the input grid: the tile asked for, rounded up to the alignment
	 */
	public long tileSize(final int axis) {
		return tileSize[axis];
	}

	/** @return the tiles, row by row; their cores cover the output exactly once */
	public List<Tile> tiles() {
		return tiles;
	}

	/** @return the most bytes one tile's run holds at once (its network's plan) */
	public long tilePeakBytes() {
		return tilePeakBytes;
	}

	/**
	 * @param tile one of {@link #tiles()}
	 * @return the network built for its input's shape
	 */
	public Network network(final Tile tile) {
		return networks.get(shapeOf(input, tile.input()));
	}

	/** The axes tiled: x, y and z (planes have depth 1, one tile deep) */
	static final int AXES = 3;

	/** @return the shape of a region of a sample of shape {@code whole}: a volume's region a volume */
	static Shape shapeOf(final Shape whole, final Region r) {
		return whole.isVolume() ? Shape.volume(whole.channels(), r.width(), r.height(), r.depth())
			: new Shape(whole.channels(), r.width(), r.height());
	}

	static long extent(final Shape s, final int axis) {
		return axis == 0 ? s.width() : axis == 1 ? s.height() : s.depth();
	}

	static long ceilDiv(final long a, final long b) {
		return (a + b - 1) / b;
	}

	static long gcd(final long a, final long b) {
		return b == 0 ? a : gcd(b, a % b);
	}

	/**
	 * The grid of every tensor relative to the input: per axis, input pixels per tensor pixel as a fraction
	 * {p, q}, and from it the alignment.
	 */
	private static final class Grid {

		private final Network network;
		private final Map<String, Shape> shapes;
		/** Per tensor, per axis, {p, q}: p/q input pixels per pixel; null for tensors made from constants only */
		private final Map<String, long[][]> spacing = new LinkedHashMap<>();
		private final long[] alignment = { 1, 1, 1 };

		Grid(final Network network, final Network.Plan plan) {
			this.network = network;
			this.shapes = plan.shapes();
			if (network.inputs().size() != 1)
				throw new NotTileableException("The network takes " + network.inputs().size() + " inputs; tiling takes one");
			spacing.put(network.inputs().get(0), new long[][] { { 1, 1 }, { 1, 1 }, { 1, 1 } });
			for (final Network.Node node : network.nodes()) // first, as the reason other refusals follow from
				if (node.operation().arity() == 1 && node.operation().receptiveField().wholeImage())
					throw new NotTileableException(named(node) + ": each of its output pixels depends on the whole image (statistics " +
						"per sample, as Group and Instance Norm compute, or global pooling), so no tile can equal the whole image; use tile=0");
			for (final Network.Node node : network.nodes()) {
				final Operation op = node.operation();
				final long[][] s = op.arity() == 0 ? null : nodeSpacing(node, op);
				spacing.put(node.name(), s);
				if (s != null && op.outputBlock() == Layer.WHOLE_OUTPUT)
					throw new NotTileableException(named(node) + ": it computes its whole output as one block (its values depend on the " +
						"image's size, as align_corners upsampling's step does), so no tile can equal the whole image; use tile=0");
				if (s != null)
					for (int a = 0; a < AXES; a++) {
						final long pb = s[a][0] * op.outputBlock();
						final long step = pb / gcd(pb, s[a][1]); // origin o: o*q/p must be a multiple of the block
						alignment[a] = alignment[a] / gcd(alignment[a], step) * step;
					}
			}
		}

		private String named(final Network.Node node) {
			return "Node \"" + node.name() + "\" (" + node.operation().name() + ")";
		}

		private long[][] nodeSpacing(final Network.Node node, final Operation op) {
			final Shape out = shapes.get(node.name());
			if (node.inputs().size() == 1) {
				final long[][] in = spacing.get(node.inputs().get(0));
				if (in == null)
					return null;
				final ReceptiveField field = op.receptiveField();
				final Shape inShape = shapes.get(node.inputs().get(0));
				final long[][] s = new long[AXES][];
				for (int a = 0; a < AXES; a++) {
					final double step = field.step(a);
					final long[] r = fraction(step);
					if (r == null)
						throw new NotTileableException(named(node) + ": its output pixels are " + step + " input pixels apart, neither a " +
							"whole number nor one over a whole number, so tiles cannot share the whole image's grid");
					final double predicted = extent(inShape, a) / step;
					final double slack = (field.extent(a) + Math.abs(field.pad(a))) / step + 2;
					if (Math.abs(extent(out, a) - predicted) > slack)
						throw new NotTileableException(named(node) + ": it makes " + extent(out, a) + " pixels from " + extent(inShape, a) +
							" along " + "xyz".charAt(a) + ", which its receptive field (" + field + ") does not describe, so its tiles " +
							"cannot be placed");
					final long p = in[a][0] * r[0], q = in[a][1] * r[1], g = gcd(p, q);
					s[a] = new long[] { p / g, q / g };
				}
				return s;
			}
			long[][] s = null;
			for (final String r : node.inputs()) {
				final long[][] in = spacing.get(r);
				final Shape inShape = shapes.get(r);
				for (int a = 0; a < AXES; a++) {
					if (extent(inShape, a) == extent(out, a) && extent(out, a) == 1 || extent(inShape, a) == 1 && extent(out, a) > 1)
						continue; // broadcast, or a single pixel
					if (in == null)
						throw new NotTileableException(named(node) + ": it reads \"" + r + "\", a constant of " + inShape + " that is fixed " +
							"for the whole image, so its tiles cannot be placed");
					if (s == null)
						s = new long[AXES][];
					if (s[a] == null)
						s[a] = in[a];
					else if (s[a][0] != in[a][0] || s[a][1] != in[a][1])
						throw new NotTileableException(named(node) + ": its inputs lie on different grids (" + s[a][0] + "/" + s[a][1] + " and " +
							in[a][0] + "/" + in[a][1] + " input pixels per pixel)");
				}
			}
			if (s == null)
				return null;
			for (int a = 0; a < AXES; a++)
				if (s[a] == null)
					s[a] = firstSpacing(node, a);
			return s;
		}

		/** @return the spacing along an axis of a merge all of whose inputs are single pixels there */
		private long[] firstSpacing(final Network.Node node, final int axis) {
			for (final String r : node.inputs())
				if (spacing.get(r) != null)
					return spacing.get(r)[axis];
			return new long[] { 1, 1 };
		}

		/** @return {p, q} with p/q == step, one of them 1; null when neither step nor 1/step is a whole number */
		private static long[] fraction(final double step) {
			if (step >= 1 && Math.abs(step - Math.rint(step)) < 1e-9)
				return new long[] { (long) Math.rint(step), 1 };
			final double inverse = 1 / step;
			if (inverse >= 1 && Math.abs(inverse - Math.rint(inverse)) < 1e-9)
				return new long[] { 1, (long) Math.rint(inverse) };
			return null;
		}

		/**
		 * @return per axis, {first, last} input pixel that the output pixels coreMin to coreMax need, propagated
		 *         backwards through every node
		 */
		long[][] inputNeed(final String output, final long[] coreMin, final long[] coreMax) {
			final Map<String, long[][]> need = need(output, coreMin, coreMax);
			final long[][] in = need.get(network.inputs().get(0));
			if (in == null)
				throw new NotTileableException("Output \"" + output + "\" needs no pixel of the input: nothing to tile");
			return in;
		}

		private Map<String, long[][]> need(final String output, final long[] coreMin, final long[] coreMax) {
			final Map<String, long[][]> need = new HashMap<>();
			need.put(output, new long[][] { { coreMin[0], coreMax[0] }, { coreMin[1], coreMax[1] }, { coreMin[2], coreMax[2] } });
			final List<Network.Node> nodes = network.nodes();
			for (int n = nodes.size() - 1; n >= 0; n--) {
				final Network.Node node = nodes.get(n);
				final long[][] range = need.get(node.name());
				if (range == null || spacing.get(node.name()) == null)
					continue;
				final Shape out = shapes.get(node.name());
				for (final String r : node.inputs()) {
					if (spacing.get(r) == null)
						continue;
					final Shape inShape = shapes.get(r);
					final long[][] add = new long[AXES][];
					for (int a = 0; a < AXES; a++) {
						final long[] want;
						if (node.inputs().size() == 1)
							want = node.operation().receptiveField().inputRange(a, range[a][0], range[a][1]);
						else
							want = extent(inShape, a) == 1 && extent(out, a) > 1 ? new long[] { 0, 0 } : range[a].clone();
						want[0] = Math.max(0, want[0]);
						want[1] = Math.min(extent(inShape, a) - 1, want[1]);
						if (want[0] > want[1]) { // all in the padding: depends on the border pixel only
							final long edge = want[0] > extent(inShape, a) - 1 ? extent(inShape, a) - 1 : 0;
							want[0] = edge;
							want[1] = edge;
						}
						add[a] = want;
					}
					final long[][] had = need.get(r);
					if (had == null)
						need.put(r, add);
					else
						for (int a = 0; a < AXES; a++) {
							had[a][0] = Math.min(had[a][0], add[a][0]);
							had[a][1] = Math.max(had[a][1], add[a][1]);
						}
				}
			}
			return need;
		}

		/**
		 * Checks a tile forwards: every tensor's tile lies on the whole image's grid (its origin a whole pixel and
		 * a multiple of its layer's block), and every value the tile needs is exact.
		 *
		 * @return the origin {x, y, z} of the tile's output in the whole output
		 * @throws IllegalStateException when not (a planner error: never expected)
		 */
		long[] check(final String output, final Region in, final Network.Plan tilePlan, final long[] coreMin, final long[] coreMax) {
			final Map<String, long[][]> need = need(output, coreMin, coreMax);
			final Map<String, long[][]> valid = new HashMap<>();
			final Map<String, long[]> origin = new HashMap<>();
			final String input = network.inputs().get(0);
			origin.put(input, new long[] { in.x(), in.y(), in.z() });
			valid.put(input, new long[][] { { in.x(), in.x() + in.width() - 1 }, { in.y(), in.y() + in.height() - 1 },
				{ in.z(), in.z() + in.depth() - 1 } });
			for (final Network.Node node : network.nodes()) {
				final long[][] s = spacing.get(node.name());
				if (s == null)
					continue;
				final Shape tile = tilePlan.shapes().get(node.name());
				final Shape whole = shapes.get(node.name());
				final long[] o = new long[AXES];
				final long[][] v = new long[AXES][];
				for (int a = 0; a < AXES; a++) {
					final long x0 = in.start(a);
					if (x0 * s[a][1] % s[a][0] != 0 || x0 * s[a][1] / s[a][0] % node.operation().outputBlock() != 0)
						throw new IllegalStateException("Tile at " + x0 + " is off the grid of node \"" + node.name() + "\"");
					o[a] = x0 * s[a][1] / s[a][0];
					final long last = o[a] + extent(tile, a) - 1;
					if (last > extent(whole, a) - 1)
						throw new IllegalStateException("Tile of node \"" + node.name() + "\" reaches beyond the image");
					v[a] = new long[] { o[a], last };
					for (final String r : node.inputs()) {
						final long[][] rv = valid.get(r);
						if (rv == null)
							continue; // a constant
						final Shape inShape = shapes.get(r);
						if (node.inputs().size() > 1) {
							if (extent(inShape, a) == 1 && extent(whole, a) > 1)
								continue; // broadcast
							v[a][0] = Math.max(v[a][0], rv[a][0]);
							v[a][1] = Math.min(v[a][1], rv[a][1]);
						}
						else
							exact(node.operation().receptiveField(), a, extent(inShape, a), rv[a], v[a]);
					}
				}
				origin.put(node.name(), o);
				valid.put(node.name(), v);
			}
			for (final Map.Entry<String, long[][]> e : need.entrySet()) {
				final long[][] v = valid.get(e.getKey());
				if (v == null)
					continue;
				for (int a = 0; a < AXES; a++)
					if (e.getValue()[a][0] < v[a][0] || e.getValue()[a][1] > v[a][1])
						throw new IllegalStateException("Tile " + in + ": tensor \"" + e.getKey() + "\" needs " + e.getValue()[a][0] + ".." +
							e.getValue()[a][1] + " along axis " + a + ", but only " + v[a][0] + ".." + v[a][1] + " is exact");
			}
			return origin.get(output);
		}

		/**
		 * Narrows {@code range} (output pixels) to those whose input pixels within the image all lie in
		 * {@code exact}.
		 */
		private static void exact(final ReceptiveField field, final int axis, final long inSize, final long[] exact, final long[] range) {
			long lo = range[0], hi = range[1] + 1; // first output whose low end is exact
			while (lo < hi) {
				final long mid = lo + (hi - lo) / 2;
				if (Math.max(0, field.inputRange(axis, mid, mid)[0]) >= exact[0])
					hi = mid;
				else
					lo = mid + 1;
			}
			final long first = lo;
			lo = range[0] - 1;
			hi = range[1]; // last output whose high end is exact
			while (lo < hi) {
				final long mid = hi - (hi - lo) / 2;
				if (Math.min(inSize - 1, field.inputRange(axis, mid, mid)[1]) <= exact[1])
					lo = mid;
				else
					hi = mid - 1;
			}
			range[0] = Math.max(range[0], first);
			range[1] = Math.min(range[1], lo);
		}
	}
}
