package io.github.cnnlayers.pipeline;

/** The pipeline runner's command line, parsed: see {@link PipelineRunner#USAGE}. */
final class Arguments extends RunArguments {

	/** The {@code --sample} value, or {@code null}. */
	String sample;
	/** The {@code --tile} value (stream TIFF inputs tile by tile), or {@code null}. */
	String tile;
	/** Whether the inputs are a batch (a folder, or several), set by {@link Input#list}. */
	boolean batch;

	private Arguments() {
		super(true, PipelineRunner.DEFAULT_OUTPUT);
	}

	static Arguments parse(final String[] args) {
		final Arguments a = new Arguments();
		a.read(args);
		return a;
	}

	@Override
	protected void options(final CommandLine.Options table) {
		table.value(v -> sample = CommandLine.once(sample, "--sample", v), "--sample")
			.value(v -> tile = CommandLine.once(tile, "--tile", v), "--tile");
	}

	@Override
	protected void check() {
		if (!inputs.isEmpty() && sample != null)
			throw new IllegalArgumentException("give either --input or --sample, not both");
		if (tile != null && inputs.isEmpty())
			throw new IllegalArgumentException("--tile streams TIFF files given with --input; give --input");
	}
}
