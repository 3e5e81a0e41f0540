package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.OutputGeometry;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Runs a {@link Layer3D} on a (hyper)stack into a new image, never touching the source: Z is the depth, C the
 * channels (RGB = R, G, B), every T one sample. Each channel of a sample is a zero-copy (x, y, z) view over its
 * planes (a virtual stack's planes are read one by one, those of one sample at a time). The result, titled
 * {@code <title>-<suffix>}, has the layer's C' channels, the output depth as Z and the same T; it is 32-bit, or of
 * the source's type when the layer {@link Layer3D#keepsType() keeps it} (8-, 16- and 32-bit sources); its voxel
 * size is the source's scaled by the layer's {@link VoxelGrid}.
 */
public final class VolumeRunner {

	private VolumeRunner() {}

	/**
	 * @param imp the source
	 * @param op the layer
	 * @param grid where its output voxels lie in its input, for the calibration
	 * @param suffix the result's title suffix, e.g. {@code "conv3d"}
	 * @param progress told after each sample (T); may be {@code null}
	 * @param cancelled asked before each sample; when it says true the result is discarded; may be {@code null}
	 * @return the new image (not shown), or {@code null} when cancelled
	 * @throws IllegalArgumentException from the layer when its parameters do not fit the image
	 */
	public static ImagePlus run(final ImagePlus imp, final Layer3D op, final VoxelGrid grid, final String suffix,
		final PlaneRunner.Progress progress, final BooleanSupplier cancelled)
	{
		final int cin = PlaneRunner.channels(imp);
		final int cout = op.outputChannels(cin);
		final long[] in = { imp.getWidth(), imp.getHeight(), imp.getNSlices() };
		final long[] out = op.outputSize(in[0], in[1], in[2]);
		OutputGeometry.checkPlaneSize(out[0], out[1]);
		final boolean signed16 = imp.getBitDepth() == 16 && imp.getCalibration().isSigned16Bit();
		final boolean keep = op.keepsType() && imp.getBitDepth() != 24 && !signed16;
		final int ow = (int) out[0];
		final int oh = (int) out[1];
		final int nt = imp.getNFrames();
		final double outPlanes = (double) cout * out[2] * nt;
		final int bytes = keep ? imp.getBitDepth() / 8 : 4;
		if (outPlanes > Integer.MAX_VALUE - 1)
			throw new IllegalArgumentException("The result would have " + (long) outPlanes + " planes; allowed: fewer than " +
				Integer.MAX_VALUE);
		HeapBudget.require(outPlanes * ow * oh * bytes, "The result (" + cout + " channel" + (cout == 1 ? "" : "s") + " x " + out[2] +
			" slices x " + nt + " frames of " + ow + " x " + oh + ", " + (keep ? imp.getBitDepth() + "-bit" : "32-bit") + ")");
		final int od = (int) out[2];
		final ImageStack source = imp.getStack();
		final ImageStack result = new ImageStack(ow, oh);
		final List<float[]> ranges = new ArrayList<>();
		final ImageProcessor template = imp.getProcessor(); // the type of a kept-type result, without reading a plane again
		for (int t = 1; t <= nt; t++) {
			if (cancelled != null && cancelled.getAsBoolean())
				return null;
			final List<RandomAccessibleInterval<FloatType>> inputs = inputs(imp, source, t, cin, signed16);
			final ImageProcessor[][] planes = new ImageProcessor[cout][od];
			final List<RandomAccessibleInterval<FloatType>> outputs = new ArrayList<>(cout);
			for (int o = 0; o < cout; o++) {
				final List<RandomAccessibleInterval<FloatType>> views = new ArrayList<>(od);
				for (int z = 0; z < od; z++) {
					planes[o][z] = keep ? template.createProcessor(ow, oh) : new FloatProcessor(ow, oh);
					views.add(PixelViews.<FloatType> gray(planes[o][z]));
				}
				outputs.add(Views.stack(views));
			}
			op.compute(inputs, outputs);
			for (int z = 0; z < od; z++)
				for (int o = 0; o < cout; o++) {
					result.addSlice(null, planes[o][z]);
					ranges.add(keep ? null : ResultImages.findRange(planes[o][z]));
				}
			if (progress != null)
				progress.planeDone(t, nt);
		}
		return ResultImages.assemble(ResultImages.title(imp.getTitle(), suffix), result, null, cout, od, nt, false,
			grid.calibration(imp.getCalibration(), in, out, keep), ranges);
	}

	/**
	 * @return the C volumes of sample {@code t}, each a view (x, y, z) over its planes (an RGB plane's R, G, B are
	 *         three channels)
	 */
	private static List<RandomAccessibleInterval<FloatType>> inputs(final ImagePlus imp, final ImageStack source, final int t,
		final int cin, final boolean signed16)
	{
		final int nz = imp.getNSlices();
		final List<List<RandomAccessibleInterval<FloatType>>> perChannel = new ArrayList<>(cin);
		for (int i = 0; i < cin; i++)
			perChannel.add(new ArrayList<>(nz));
		for (int c = 1; c <= imp.getNChannels(); c++)
			for (int z = 1; z <= nz; z++) {
				final List<RandomAccessibleInterval<FloatType>> parts = PlaneRunner.inputsOf(source.getProcessor(imp.getStackIndex(c, z, t)),
					signed16);
				for (int k = 0; k < parts.size(); k++)
					perChannel.get((c - 1) * parts.size() + k).add(parts.get(k));
			}
		final List<RandomAccessibleInterval<FloatType>> volumes = new ArrayList<>(cin);
		for (final List<RandomAccessibleInterval<FloatType>> planes : perChannel)
			volumes.add(Views.stack(planes));
		return volumes;
	}
}
