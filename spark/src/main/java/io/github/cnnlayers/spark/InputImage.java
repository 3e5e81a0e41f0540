package io.github.cnnlayers.spark;

import java.io.Serializable;

import io.github.cnnlayers.pipeline.OutputNames;

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

	/** The names of its outputs, planned for the whole job on the driver; {@code null} until then. */
	final OutputNames outputs;

	InputImage(final String path, final String fileName, final String name, final long length) {
		this(path, fileName, name, length, null);
	}

	private InputImage(final String path, final String fileName, final String name, final long length, final OutputNames outputs) {
		this.path = path;
		this.fileName = fileName;
		this.name = name;
		this.length = length;
		this.outputs = outputs;
	}

	/** @return this image with its planned output names */
	InputImage withOutputs(final OutputNames names) {
		return new InputImage(path, fileName, name, length, names);
	}
}
