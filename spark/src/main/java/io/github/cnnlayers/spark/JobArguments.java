package io.github.cnnlayers.spark;

import io.github.cnnlayers.pipeline.CommandLine;
import io.github.cnnlayers.pipeline.RunArguments;
import io.github.cnnlayers.pipeline.StreamedNetworkRun;
import io.github.cnnlayers.network.Tiling;

/** The command line of {@link SparkPipeline}: the command line's options, plus what a cluster job needs. */
final class JobArguments extends RunArguments {

	String manifest;
	boolean overwrite;
	int progressEvery = 100;
	int imagesPerTask = 1;
	long memoryLimit;
	/** The {@code --tile} value (stream each TIFF input tile by tile), or {@code null}. */
	String tile;

	private JobArguments() {
		super(false, null);
	}

	static JobArguments parse(final String[] args) {
		final JobArguments a = new JobArguments();
		a.read(args);
		return a;
	}

	/** @return the {@code --input} value */
	String input() {
		return inputs.get(0);
	}

	@Override
	protected void options(final CommandLine.Options table) {
		table.flag(() -> overwrite = true, "--overwrite").value(v -> manifest = CommandLine.once(manifest, "--manifest", v), "--manifest")
			.value(v -> progressEvery = positive(v, "--progress"), "--progress")
			.value(v -> imagesPerTask = positive(v, "--images-per-task"), "--images-per-task")
			.value(v -> memoryLimit = (long) positive(v, "--image-memory") << 20, "--image-memory")
			.value(v -> tile = CommandLine.once(tile, "--tile", v), "--tile");
	}

	@Override
	protected void check() {
		if (inputs.isEmpty())
			throw new IllegalArgumentException("--input is missing: give a folder, a glob (e.g. \"/data/plate*/*.tif\") " +
				"or a text file listing images, on any filesystem Hadoop reads");
		if (!hasSteps())
			throw new IllegalArgumentException("no steps: give --step \"STEP\"... or --steps FILE");
		if (tile != null && Tiling.parse(tile).whole())
			throw new IllegalArgumentException("--tile: " + StreamedNetworkRun.WHOLE_REFUSED);
	}

	private static int positive(final String value, final String option) {
		try {
			final int n = Integer.parseInt(value.trim());
			if (n > 0)
				return n;
		}
		catch (final NumberFormatException e) {
			// below
		}
		throw new IllegalArgumentException(option + " needs a whole number above 0, not \"" + value + "\"");
	}
}
