package io.github.cnnlayers.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What became of one input image: a line of the manifest. */
final class ImageRecord implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The image's files were written by this run. */
	static final String DONE = "done";

	/** The image could not be read, processed or written; none of its files were written. */
	static final String FAILED = "failed";

	/** The image's complete outputs existed already; nothing was done. */
	static final String SKIPPED = "skipped";

	/** The job stopped (cancelled or aborted) before this image finished. */
	static final String NOT_RUN = "not run";

	final String input;
	final String name;
	final String status;
	/** The output file names, in the command line's order. */
	final List<String> files;
	/** Their total size in bytes. */
	final long bytes;
	/** Time spent on the image by its task (reading, steps, writing), in milliseconds. */
	final long millis;
	/** The failure's message, or a warning, or empty. */
	final String message;
	/** What made (or makes) the files: the job's {@link io.github.cnnlayers.pipeline.Recipe} text; empty when unknown. */
	final String recipe;

	ImageRecord(final String input, final String name, final String status, final List<String> files, final long bytes,
		final long millis, final String message, final String recipe)
	{
		this.recipe = recipe == null ? "" : recipe;
		this.input = input;
		this.name = name;
		this.status = status;
		this.files = new ArrayList<>(files);
		this.bytes = bytes;
		this.millis = millis;
		this.message = message == null ? "" : message;
	}
}
