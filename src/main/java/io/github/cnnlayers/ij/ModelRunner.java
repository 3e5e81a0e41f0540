package io.github.cnnlayers.ij;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import ij.ImagePlus;
import io.github.cnnlayers.core.Pad;
import io.github.cnnlayers.core.PadMode;
import io.github.cnnlayers.network.FeatureMaps;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.network.SizeFit;

/**
 * Runs a trained network ({@link NetworkModel}) over an ImageJ image, as the command Run Network... does:
 * the image's channels (RGB: R, G, B) are the model input's C, every (z, t) is one sample; an image size the
 * network cannot take (a U-Net needs multiples of 2^depth) is padded by reflection at the right and bottom to
 * the next size it takes, and the output cropped back. An output that is a vector per sample (a
 * classifier's scores) is returned as rows; any other becomes a new 32-bit image {@code <title>-network}.
 */
public final class ModelRunner {

	/** The title suffix of results */
	public static final String SUFFIX = "network";

	/** What a run made. */
	public static final class Result {

		private final ImagePlus image;
		private final float[][] rows;
		private final String note;
		private final long peakBytes;

		Result(final ImagePlus image, final float[][] rows, final String note, final long peakBytes) {
			this.image = image;
			this.rows = rows;
			this.note = note;
			this.peakBytes = peakBytes;
		}

		/** @return the most bytes of tensors one sample held at once (the network's plan: inputs, intermediates, working memory) */
		public long peakBytes() {
			return peakBytes;
		}

		/** @return the new image, or {@code null} for a vector output */
		public ImagePlus image() {
			return image;
		}

		/** @return for a vector output, one row of K scores per sample; else {@code null} */
		public float[][] rows() {
			return rows;
		}

		/** @return what the run did beyond the plain case (the padding), or {@code null} */
		public String note() {
			return note;
		}
	}

	private ModelRunner() {}

	/**
	 * @param imp the source, never changed
	 * @param model the model
	 * @param output one of its outputs
	 * @param allPlanes every (z, t); else the current one only
	 * @param progress told after each layer; may be {@code null}
	 * @param cancelled asked before each layer; may be {@code null}
	 * @return the result
	 * @throws IllegalArgumentException when the image does not fit the model (channels named both ways), the
	 *         model holds something unsupported, or the memory it needs is not free
	 * @throws CancellationException when {@code cancelled} said so; nothing is made
	 */
	public static Result run(final ImagePlus imp, final NetworkModel model, final String output, final boolean allPlanes,
		final NetworkImages.Progress progress, final BooleanSupplier cancelled)
	{
		if (!model.outputs().contains(output))
			throw new IllegalArgumentException("The model has no output \"" + output + "\"; allowed: " + String.join(", ", model.outputs()));
		final Shape in = NetworkImages.sampleShape(imp);
		if (model.inputChannels() >= 0 && model.inputChannels() != in.channels())
			throw new IllegalArgumentException("The model takes " + model.inputChannels() + " channel" + (model.inputChannels() == 1 ? "" : "s") +
				", but the image has " + in.channels() + " (its channels are a hyperstack's C dimension; an RGB image has 3, R, G, B; any " +
				"other image 1)");
		final SizeFit fitted = SizeFit.of(model, in);
		final Shape run = fitted.input();
		final long[] fit = { run.width(), run.height() };
		final int padRight = (int) (fit[0] - in.width()), padBottom = (int) (fit[1] - in.height());
		final boolean padded = padRight > 0 || padBottom > 0;
		final Network network = fitted.network();
		final Network.Plan plan = fitted.plan();
		final Shape out = plan.shapes().get(output);
		final long outWidth = padded ? Math.round((double) out.width() * in.width() / fit[0]) : out.width();
		final long outHeight = padded ? Math.round((double) out.height() * in.height() / fit[1]) : out.height();
		final int[] zs = allPlanes ? range(imp.getNSlices()) : new int[] { imp.getZ() };
		final int[] ts = allPlanes ? range(imp.getNFrames()) : new int[] { imp.getT() };
		final int samples = zs.length * ts.length;
		HeapBudget.require((double) plan.peakBytes() + (padded ? run.bytes() + out.bytes() : 0) + (double) out.bytes() * samples,
			"The network's tensors (" + HeapBudget.megabytes(plan.peakBytes()) + " at most per sample) and its result (" + samples +
				" x " + out + ", 32-bit)");
		final Operation pad = Operation.of(Pad.of(PadMode.REFLECT, 0, padBottom, 0, padRight, 0), "Pad");
		final Operation crop = Operation.of(Pad.of(PadMode.ZERO, 0, (int) (outHeight - out.height()), 0, (int) (outWidth - out.width()), 0),
			"Crop");
		final List<FeatureMaps> results = new ArrayList<>(samples);
		int s = 0;
		for (final int t : ts)
			for (final int z : zs) {
				final int sample = ++s;
				FeatureMaps x = NetworkImages.sample(imp, z, t);
				if (padded)
					x = apply(pad, x);
				final Map<String, FeatureMaps> r = network.run(Collections.singletonList(x), new Network.Progress() {

					@Override
					public void nodeDone(final int done, final int total, final Network.Node node) {
						if (progress != null)
							progress.step(sample, samples, done, total);
					}

					@Override
					public boolean cancelled() {
						return cancelled != null && cancelled.getAsBoolean();
					}
				});
				results.add(padded ? apply(crop, r.get(output)) : r.get(output));
			}
		final String note = padded ? model.source() + " takes " + fit[0] + " x " + fit[1] + " here, not " + in.width() + " x " + in.height() +
			": the image was padded by reflection at the right and bottom and the output cropped back" : null;
		if (model.isVector(output)) {
			final float[][] rows = new float[samples][];
			for (int i = 0; i < samples; i++) {
				final FeatureMaps f = results.get(i);
				rows[i] = new float[f.shape().channels()];
				for (int c = 0; c < rows[i].length; c++)
					rows[i][c] = f.plane(c)[0];
			}
			return new Result(null, rows, note, plan.peakBytes());
		}
		final ImagePlus source = allPlanes ? imp : new ImagePlus(imp.getTitle(), imp.getProcessor());
		source.setCalibration(imp.getCalibration());
		return new Result(NetworkImages.image(source, results, SUFFIX), null, note, plan.peakBytes());
	}

	/**
	 * @param source the image the rows came from, for the title and calibration's unit
	 * @param rows a vector output's rows, one per sample ({@link Result#rows()})
	 * @return a 32-bit image {@code <title>-network} of K x N pixels: row n holds sample n's K scores, as the
	 *         pipeline saves a classifier's output (the menu command fills the Results table instead)
	 */
	public static ImagePlus rowsImage(final ImagePlus source, final float[][] rows) {
		final int k = rows[0].length;
		final float[] px = new float[k * rows.length];
		for (int n = 0; n < rows.length; n++)
			System.arraycopy(rows[n], 0, px, n * k, k);
		final ImagePlus imp = new ImagePlus(ResultImages.title(source.getTitle(), SUFFIX), new ij.process.FloatProcessor(k, rows.length, px));
		ResultImages.resetDisplay(imp);
		return imp;
	}

	private static FeatureMaps apply(final Operation op, final FeatureMaps x) {
		final FeatureMaps y = FeatureMaps.zeros(op.outputShape(Collections.singletonList(x.shape())));
		op.compute(Collections.singletonList(x), y);
		return y;
	}

	private static int[] range(final int n) {
		final int[] r = new int[n];
		for (int i = 0; i < n; i++)
			r[i] = i + 1;
		return r;
	}
}
