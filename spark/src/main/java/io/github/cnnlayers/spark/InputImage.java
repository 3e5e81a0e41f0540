package io.github.cnnlayers.spark;

import java.io.Serializable;

/** One input image of a job: where it is and the name its outputs start with. */
final class InputImage implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The file, fully qualified (e.g. {@code hdfs://nn/screen/plate1/A01.tif}, {@code file:/data/a.png}). */
	final String path;

	/** The file name, e.g. {@code A01.tif}: the source's title, as when the command line opens it. */
	final String fileName;

	/** The output name, e.g. {@code A01}: as the command line's folder batch names it. */
	final String name;

	/** Its size in bytes. */
	final long length;

	InputImage(final String path, final String fileName, final String name, final long length) {
		this.path = path;
		this.fileName = fileName;
		this.name = name;
		this.length = length;
	}
}
