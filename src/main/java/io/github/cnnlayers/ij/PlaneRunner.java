package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.core.OutputGeometry;
import io.github.cnnlayers.core.PlaneLayer;
import io.github.cnnlayers.core.ReceptiveField;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Runs a {@link Layer} over the planes of an ImagePlus into a new ImagePlus, never touching the source.
 * A stack is read a few planes at a time (as many as ImageJ's threads, each computed on one thread), so
 * virtual stacks are never held whole; a single plane is split into rows over the threads. RGB planes are processed per
 * colour channel. Signed 16-bit images are processed on their calibrated values unless the output
 * keeps the input type.
 */
public final class PlaneRunner {

	/** Receives progress: {@code done} of {@code total} planes. */
	public interface Progress {

		/** Called after each plane. */
		void planeDone(int done, int total);
	}

	private PlaneRunner() {}

	/**
	 * @param imp the source
	 * @param allPlanes every plane of a stack or hyperstack; else only the current plane
	 * @param op the layer
	 * @param suffix the result's title suffix, e.g. {@code "conv2d"}
	 * @param progress told after each plane; may be {@code null}
	 * @param cancelled asked before each plane, or before and after each group of planes computed together
	 *        (one per thread); when it says true the result is discarded; may be {@code null}
	 * @return the new image (not shown), or {@code null} when cancelled
	 * @throws IllegalArgumentException from the layer when the parameters do not fit the image
	 */
	public static ImagePlus run(final ImagePlus imp, final boolean allPlanes, final Layer op, final String suffix,
		final Progress progress, final BooleanSupplier cancelled)
	{
		if (!(op instanceof PlaneLayer))
			return runOverChannels(imp, allPlanes, op, suffix, progress, cancelled);
		final long[] out = op.outputSize(imp.getWidth(), imp.getHeight());
		OutputGeometry.checkPlaneSize(out[0], out[1]);
		final int ow = (int) out[0];
		final int oh = (int) out[1];
		final boolean rgb = imp.getBitDepth() == 24;
		final boolean rgbToChannels = rgb && !op.keepsType();
		final boolean signed16 = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit() && !op.keepsType();
		final ImageStack source = imp.getStack();
		final int[] planes = allPlanes ? range(1, source.getSize()) : new int[] { imp.getCurrentSlice() };
		final int outPlanes = planes.length * (rgbToChannels ? 3 : 1);
		final int bytesPerPixel = op.keepsType() ? Math.max(1, imp.getBitDepth() / 8) : 4;
		HeapBudget.require((double) outPlanes * ow * oh * bytesPerPixel +
			Parallelization.getTaskExecutor().getParallelism() * op.workingBytes(imp.getWidth(), imp.getHeight()),
			"The result (" + outPlanes + " plane" + (outPlanes == 1 ? "" : "s") + " of " + ow + " x " + oh + ", " +
				(op.keepsType() ? imp.getBitDepth() == 24 ? "RGB" : imp.getBitDepth() + "-bit" : "32-bit") + ") and row buffers");
		final ImageStack result = new ImageStack(ow, oh);
		final List<float[]> ranges = new ArrayList<>(outPlanes); // of each plane, for the display range
		ImageProcessor last = null; // the processor of a one-plane result, to make the image from
		// a stack's planes are computed a group at a time, one plane per thread (each plane on one thread);
		// a single plane is split into rows over all threads by the layer itself
		final TaskExecutor executor = Parallelization.getTaskExecutor();
		final int group = Math.max(1, Math.min(planes.length, executor.getParallelism()));
		for (int p = 0; p < planes.length; p += group) {
			if (cancelled != null && cancelled.getAsBoolean())
				return null;
			final int n = Math.min(group, planes.length - p);
			final List<ImageProcessor> in = new ArrayList<>(n); // read here, in order: a virtual stack reads files
			for (int i = 0; i < n; i++)
				in.add(source.getProcessor(planes[p + i]));
			final List<OutputPlanes> done;
			if (n == 1)
				done = Collections.singletonList(computePlane(in.get(0), op, rgb, signed16, ow, oh));
			else
				done = executor.forEachApply(in,
					ip -> Parallelization.runSingleThreaded(() -> computePlane(ip, op, rgb, signed16, ow, oh)));
			if (n > 1 && cancelled != null && cancelled.getAsBoolean()) // Esc while the group ran
				return null;
			for (int i = 0; i < n; i++) {
				final String label = source.getSliceLabel(planes[p + i]);
				final OutputPlanes d = done.get(i);
				for (int o = 0; o < d.planes.length; o++) {
					result.addSlice(label, d.planes[o]);
					ranges.add(d.ranges[o]);
					last = d.planes[o];
				}
				if (progress != null)
					progress.planeDone(p + i + 1, planes.length);
			}
		}
		final int c = allPlanes ? imp.getNChannels() : 1;
		final int z = allPlanes ? imp.getNSlices() : 1;
		final int t = allPlanes ? imp.getNFrames() : 1;
		final Calibration cal = calibration(imp, op, op.keepsType());
		final ImagePlus res = ResultImages.assemble(ResultImages.title(imp.getTitle(), suffix), result, last,
			rgbToChannels ? 3 * c : c, z, t, rgbToChannels, cal, ranges);
		if (!rgbToChannels && imp.isComposite() && res.isComposite() && allPlanes)
			((CompositeImage) res).setMode(((CompositeImage) imp).getMode());
		return res;
	}

	/** The output planes one input plane gives (one, or three for RGB read as channels), with their ranges. */
	private static final class OutputPlanes {

		final ImageProcessor[] planes;
		final float[][] ranges;

		OutputPlanes(final ImageProcessor[] planes, final float[][] ranges) {
			this.planes = planes;
			this.ranges = ranges;
		}
	}

	/** Runs a per-plane layer on one input plane; see {@link #run}. */
	private static OutputPlanes computePlane(final ImageProcessor ip, final Layer op, final boolean rgb,
		final boolean signed16, final int ow, final int oh)
	{
		// the views hold UnsignedByteType, UnsignedShortType or FloatType; PlaneOperation.apply is generic
		// in the pixel type, so one static type serves them all here
		final List<RandomAccessibleInterval<FloatType>> inputs = inputsOf(ip, signed16);
		if (op.keepsType() && rgb) {
			final ByteProcessor[] channels = new ByteProcessor[3];
			for (int c = 0; c < 3; c++) {
				channels[c] = new ByteProcessor(ow, oh);
				op.compute(one(inputs.get(c)), one(PixelViews.<UnsignedByteType> gray(channels[c])));
			}
			final ColorProcessor outIp = new ColorProcessor(ow, oh);
			PixelViews.setRgb(outIp, channels[0], channels[1], channels[2]);
			return new OutputPlanes(new ImageProcessor[] { outIp }, new float[1][]);
		}
		final PlaneLayer layer = (PlaneLayer) op;
		if (op.keepsType()) {
			final ImageProcessor outIp = ip.createProcessor(ow, oh);
			final float[] range = layer.computeWithRange(inputs.get(0), PixelViews.<FloatType> gray(outIp));
			return new OutputPlanes(new ImageProcessor[] { outIp }, new float[][] { ResultImages.keepRange(outIp, range) });
		}
		final ImageProcessor[] planes = new ImageProcessor[inputs.size()];
		final float[][] ranges = new float[planes.length][];
		for (int i = 0; i < planes.length; i++) {
			planes[i] = new FloatProcessor(ow, oh);
			final float[] range = layer.computeWithRange(inputs.get(i), PixelViews.<FloatType> gray(planes[i]));
			ranges[i] = ResultImages.keepRange(planes[i], range);
		}
		return new OutputPlanes(planes, ranges);
	}

	/**
	 * @param imp an image
	 * @return its number of channels as a layer's input: a hyperstack's C, 3 for RGB (R, G, B)
	 */
	public static int channels(final ImagePlus imp) {
		return imp.getBitDepth() == 24 ? 3 * imp.getNChannels() : imp.getNChannels();
	}

	/**
	 * Runs a layer that maps the C channels of each (z, t) to C' channels, into a new 32-bit hyperstack
	 * with C' channels and the same Z and T (or only the current (z, t)), channel labels naming the filters.
	 */
	private static ImagePlus runOverChannels(final ImagePlus imp, final boolean allPlanes, final Layer op, final String suffix,
		final Progress progress, final BooleanSupplier cancelled)
	{
		final int cin = channels(imp);
		final int cout = op.outputChannels(cin);
		final long[] out = op.outputSize(imp.getWidth(), imp.getHeight());
		OutputGeometry.checkPlaneSize(out[0], out[1]);
		final int ow = (int) out[0];
		final int oh = (int) out[1];
		final int nz = allPlanes ? imp.getNSlices() : 1;
		final int nt = allPlanes ? imp.getNFrames() : 1;
		final int outPlanes = cout * nz * nt;
		HeapBudget.require(4.0 * outPlanes * ow * oh +
			Parallelization.getTaskExecutor().getParallelism() * op.workingBytes(imp.getWidth(), imp.getHeight()),
			"The result (" + cout + " channel" + (cout == 1 ? "" : "s") + " x " + nz * nt + " of " + ow + " x " + oh +
				", 32-bit) and row buffers");
		final boolean signed16 = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		final ImageStack source = imp.getStack();
		final ImageStack result = new ImageStack(ow, oh);
		final List<float[]> ranges = new ArrayList<>(outPlanes);
		int done = 0;
		for (int t = 1; t <= nt; t++)
			for (int z = 1; z <= nz; z++) {
				if (cancelled != null && cancelled.getAsBoolean())
					return null;
				final int zz = allPlanes ? z : imp.getZ();
				final int tt = allPlanes ? t : imp.getT();
				final List<RandomAccessibleInterval<FloatType>> inputs = new ArrayList<>(cin);
				String label = null;
				for (int c = 1; c <= imp.getNChannels(); c++) {
					final int index = imp.getStackIndex(c, zz, tt);
					inputs.addAll(inputsOf(source.getProcessor(index), signed16));
					if (label == null)
						label = source.getSliceLabel(index);
				}
				final List<RandomAccessibleInterval<FloatType>> outputs = new ArrayList<>(cout);
				final FloatProcessor[] planes = new FloatProcessor[cout];
				for (int o = 0; o < cout; o++) {
					planes[o] = new FloatProcessor(ow, oh);
					outputs.add(PixelViews.<FloatType> gray(planes[o]));
				}
				op.compute(inputs, outputs);
				for (int o = 0; o < cout; o++) {
					final String name = op.channelName(cin, o);
					ranges.add(ResultImages.findRange(planes[o]));
					result.addSlice(name != null ? name : label, planes[o]);
				}
				if (progress != null)
					progress.planeDone(++done, nz * nt);
			}
		final Calibration cal = calibration(imp, op, false);
		return ResultImages.assemble(ResultImages.title(imp.getTitle(), suffix), result, null, cout, nz, nt, false, cal, ranges);
	}

	/**
	 * @return the result's calibration: pixels as far apart as the layer's steps (a global pooling's one pixel
	 *         as large as the image, centred on it)
	 */
	private static Calibration calibration(final ImagePlus imp, final Layer op, final boolean keepFunction) {
		final ReceptiveField field = op.receptiveField();
		if (field.wholeImage())
			return ResultImages.calibration(imp.getCalibration(), imp.getWidth(), imp.getHeight(), (imp.getWidth() - 1) / 2.0,
				(imp.getHeight() - 1) / 2.0, keepFunction);
		return ResultImages.calibration(imp.getCalibration(), field.stepX(), field.stepY(), field.centreX(), field.centreY(),
			keepFunction);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static List<RandomAccessibleInterval<FloatType>> inputsOf(final ImageProcessor ip, final boolean signed16) {
		if (signed16) {
			final RandomAccessibleInterval raw = PixelViews.gray((ShortProcessor) ip);
			final RandomAccessibleInterval<FloatType> calibrated = Converters.convert((RandomAccessibleInterval<RealType>) raw,
				(a, b) -> b.setReal(a.getRealFloat() - 32768f), new FloatType());
			return java.util.Collections.singletonList(calibrated);
		}
		return PixelViews.channels(ip);
	}

	private static <T> List<T> one(final T plane) {
		return java.util.Collections.singletonList(plane);
	}

	private static int[] range(final int from, final int to) {
		final int[] r = new int[to - from + 1];
		for (int i = 0; i < r.length; i++)
			r[i] = from + i;
		return r;
	}
}
