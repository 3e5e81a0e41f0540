package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Shape;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Runs a {@link Network} over an ImageJ image: the image's channels (RGB: R, G, B) are the network
 * input's C, and every (z, t) is one sample. The result is a new 32-bit hyperstack with the output's
 * channels and the same Z and T; the source is never changed.
 */
public final class NetworkImages {

	private NetworkImages() {}

	/** Receives progress: {@code done} of {@code total} samples, and the layer within the sample. */
	public interface Progress {

		/**
		 * @param sample the sample being run, from 1
		 * @param samples samples in all
		 * @param node nodes run in this sample
		 * @param nodes nodes in all
		 */
		void step(int sample, int samples, int node, int nodes);

		/**
		 * Called after each tile of a tiled run, instead of {@link #step} per node.
		 *
		 * @param sample the sample being run, from 1
		 * @param samples samples in all
		 * @param tile tiles written in this sample
		 * @param tiles tiles in all
		 */
		default void tile(final int sample, final int samples, final int tile, final int tiles) {
			step(sample, samples, tile, tiles);
		}
	}

	/**
	 * @param imp an image
	 * @return the shape of one sample: its channels (RGB: 3 per channel), width and height
	 */
	public static Shape sampleShape(final ImagePlus imp) {
		return new Shape(PlaneRunner.channels(imp), imp.getWidth(), imp.getHeight());
	}

	/**
	 * @param imp the source, never changed
	 * @param z its slice, from 1
	 * @param t its frame, from 1
	 * @return that sample's channels as 32-bit planes (a 32-bit image's own arrays, not copied; the network
	 *         never writes its inputs); signed 16-bit images calibrated (raw - 32768)
	 */
	public static FeatureMaps sample(final ImagePlus imp, final int z, final int t) {
		final Shape shape = sampleShape(imp);
		final boolean signed16 = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		final ImageStack stack = imp.getStack();
		final float[][] planes = new float[shape.channels()][];
		int p = 0;
		for (int c = 1; c <= imp.getNChannels(); c++) {
			final ImageProcessor ip = stack.getProcessor(imp.getStackIndex(c, z, t));
			if (ip instanceof FloatProcessor) {
				planes[p++] = (float[]) ip.getPixels();
				continue;
			}
			for (final float[] values : floats(ip, shape.planeSize(), signed16 ? 32768f : 0f))
				planes[p++] = values;
		}
		return new FeatureMaps(shape, planes);
	}

	/** @return the channels of a plane (RGB: three) as new float arrays, {@code offset} subtracted */
	private static <T extends RealType<T>> List<float[]> floats(final ImageProcessor ip, final int size, final float offset) {
		final List<float[]> all = new ArrayList<>();
		for (final RandomAccessibleInterval<T> plane : PixelViews.<T> channels(ip)) {
			final float[] values = new float[size];
			final Cursor<T> in = Views.flatIterable(plane).cursor();
			for (int i = 0; i < size; i++)
				values[i] = in.next().getRealFloat() - offset;
			all.add(values);
		}
		return all;
	}

	/**
	 * Runs the network on every (z, t) of the image, one sample after the other.
	 *
	 * @param imp the source, never changed
	 * @param network a network of one input
	 * @param output the output tensor to keep
	 * @param progress told after each node; may be {@code null}
	 * @param cancelled asked before each node; may be {@code null}
	 * @return per sample (t outer, z inner, as ImageJ orders planes), the output tensor
	 * @throws IllegalArgumentException when the image does not fit the network, naming the node and both
	 *         shapes, or the memory it needs is not free
	 * @throws CancellationException when {@code cancelled} said so; nothing is returned
	 */
	public static List<FeatureMaps> run(final ImagePlus imp, final Network network, final String output,
		final Progress progress, final BooleanSupplier cancelled)
	{
		return run(Collections.singletonList(imp), network, output, progress, cancelled);
	}

	/**
	 * Runs a network of several inputs on every (z, t) of its images: sample (z, t) of the first image meets
	 * sample (z, t) of the second, and so on.
	 *
	 * @param images one image per network input, in order, each with the same Z and T; never changed
	 * @param network the network
	 * @param output the output tensor to keep
	 * @param progress told after each node; may be {@code null}
	 * @param cancelled asked before each node; may be {@code null}
	 * @return per sample (t outer, z inner), the output tensor
	 * @throws IllegalArgumentException when the images do not fit the network or each other, naming both
	 *         shapes or counts, or the memory it needs is not free
	 * @throws CancellationException when {@code cancelled} said so; nothing is returned
	 */
	public static List<FeatureMaps> run(final List<ImagePlus> images, final Network network, final String output,
		final Progress progress, final BooleanSupplier cancelled)
	{
		final ImagePlus first = images.get(0);
		final List<Shape> in = new ArrayList<>();
		for (final ImagePlus imp : images) {
			if (imp.getNSlices() != first.getNSlices() || imp.getNFrames() != first.getNFrames())
				throw new IllegalArgumentException("\"" + imp.getTitle() + "\" has " + imp.getNSlices() + " slices and " + imp.getNFrames() +
					" frames, but \"" + first.getTitle() + "\" has " + first.getNSlices() + " and " + first.getNFrames() +
					"; allowed: images with the same Z and T (each (z, t) is one sample)");
			in.add(sampleShape(imp));
		}
		final Network.Plan plan = network.plan(in);
		final Shape out = plan.shapes().get(output);
		if (out == null)
			throw new IllegalArgumentException("The network has no tensor \"" + output + "\"; its outputs: " +
				String.join(", ", network.outputs()));
		final int samples = first.getNSlices() * first.getNFrames();
		HeapBudget.require((double) plan.peakBytes() + (double) out.bytes() * samples,
			"The network's tensors (" + HeapBudget.megabytes(plan.peakBytes()) + " at most per sample) and its result (" + samples +
				" x " + out + ", 32-bit)");
		final List<FeatureMaps> results = new ArrayList<>(samples);
		int sample = 0;
		for (int t = 1; t <= first.getNFrames(); t++)
			for (int z = 1; z <= first.getNSlices(); z++) {
				final int s = ++sample;
				final List<FeatureMaps> inputs = new ArrayList<>();
				for (final ImagePlus imp : images)
					inputs.add(sample(imp, z, t));
				final Map<String, FeatureMaps> r = network.run(inputs, new Network.Progress() {

					@Override
					public void nodeDone(final int done, final int total, final Network.Node node) {
						if (progress != null)
							progress.step(s, samples, done, total);
					}

					@Override
					public boolean cancelled() {
						return cancelled != null && cancelled.getAsBoolean();
					}
				});
				results.add(r.get(output));
			}
		return results;
	}

	/**
	 * @param source the image the samples came from (for Z, T, title and calibration)
	 * @param results per sample, the output tensor, as {@link #run} returns them
	 * @param suffix the title suffix, e.g. "network"
	 * @return a new 32-bit hyperstack {@code <title>-<suffix>} with the output's channels and the source's
	 *         Z and T; the pixel size is scaled by the ratio of input to output size
	 */
	public static ImagePlus image(final ImagePlus source, final List<FeatureMaps> results, final String suffix) {
		final Shape shape = results.get(0).shape();
		final ImageStack stack = new ImageStack((int) shape.width(), (int) shape.height());
		final List<float[]> ranges = new ArrayList<>();
		for (final FeatureMaps f : results)
			for (int c = 0; c < shape.channels(); c++) {
				final FloatProcessor fp = new FloatProcessor((int) shape.width(), (int) shape.height(), f.plane(c));
				ranges.add(ResultImages.findRange(fp));
				stack.addSlice(null, fp);
			}
		final Calibration cal = source.getCalibration().copy();
		cal.pixelWidth = source.getCalibration().pixelWidth * source.getWidth() / shape.width();
		cal.pixelHeight = source.getCalibration().pixelHeight * source.getHeight() / shape.height();
		cal.disableDensityCalibration();
		return ResultImages.assemble(ResultImages.title(source.getTitle(), suffix), stack, null, shape.channels(),
			source.getNSlices(), source.getNFrames(), false, cal, ranges);
	}

	/**
	 * @param imp an image
	 * @return the shape of one sample of a 3D network: its channels (RGB: 3 per channel), width, height and its Z as
	 *         depth
	 */
	public static Shape volumeShape(final ImagePlus imp) {
		return Shape.volume(PlaneRunner.channels(imp), imp.getWidth(), imp.getHeight(), imp.getNSlices());
	}

	/**
	 * @param imp the source, never changed
	 * @param t its frame, from 1
	 * @return that frame's channels as 32-bit volumes (every z, plane after plane, copied); signed 16-bit images
	 *         calibrated (raw - 32768)
	 */
	public static FeatureMaps volumeSample(final ImagePlus imp, final int t) {
		final Shape shape = volumeShape(imp);
		final int depth = imp.getNSlices();
		final int plane = shape.planeSize();
		final float[][] volumes = new float[shape.channels()][shape.channelSize()];
		for (int z = 1; z <= depth; z++) {
			final FeatureMaps planes = sample(imp, z, t);
			for (int c = 0; c < volumes.length; c++)
				System.arraycopy(planes.plane(c), 0, volumes[c], (z - 1) * plane, plane);
		}
		return new FeatureMaps(shape, volumes);
	}

	/**
	 * @param source the image the samples came from (for title and calibration)
	 * @param results per frame, the output volumes of a 3D network
	 * @param suffix the title suffix, e.g. "network"
	 * @return a new 32-bit hyperstack {@code <title>-<suffix>}: C = the output's channels, Z = its depth, T = the
	 *         samples; the voxel size (depth too) scaled by the ratio of input to output size
	 */
	public static ImagePlus volumeImage(final ImagePlus source, final List<FeatureMaps> results, final String suffix) {
		final Shape shape = results.get(0).shape();
		final int w = (int) shape.width(), h = (int) shape.height(), plane = shape.planeSize();
		final ImageStack stack = new ImageStack(w, h);
		final List<float[]> ranges = new ArrayList<>();
		for (final FeatureMaps f : results)
			for (int z = 0; z < shape.depth(); z++)
				for (int c = 0; c < shape.channels(); c++) {
					final FloatProcessor fp = new FloatProcessor(w, h, java.util.Arrays.copyOfRange(f.plane(c), z * plane, (z + 1) * plane));
					ranges.add(ResultImages.findRange(fp));
					stack.addSlice(null, fp);
				}
		final Calibration cal = source.getCalibration().copy();
		cal.pixelWidth = source.getCalibration().pixelWidth * source.getWidth() / shape.width();
		cal.pixelHeight = source.getCalibration().pixelHeight * source.getHeight() / shape.height();
		cal.pixelDepth = source.getCalibration().pixelDepth * source.getNSlices() / shape.depth();
		cal.disableDensityCalibration();
		return ResultImages.assemble(ResultImages.title(source.getTitle(), suffix), stack, null, shape.channels(), (int) shape.depth(),
			results.size(), false, cal, ranges);
	}
}
