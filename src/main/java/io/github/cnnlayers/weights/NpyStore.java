package io.github.cnnlayers.weights;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/** A {@code .npy} file: exactly one tensor, named after the file; names asked for are ignored. */
final class NpyStore extends TensorStore {

	NpyStore(Path file) {
		super(file);
	}

	@Override
	List<TensorInfo> list() throws IOException {
		try (InputStream in = new BufferedInputStream(RegularFile.inputStream(file))) {
			NpyReader.Header h = NpyReader.readHeader(in, fileName(), Files.size(file));
			return Collections.singletonList(new TensorInfo(fileName(), h.shape, h.descr));
		}
	}

	@Override
	Tensor read(String name) throws IOException {
		try (InputStream in = new BufferedInputStream(RegularFile.inputStream(file))) {
			return NpyReader.read(in, fileName(), fileName(), Files.size(file), -1);
		}
	}

	@Override
	ConvTensors convolution(String name) throws IOException {
		return new ConvTensors(read(null), null);
	}

	@Override
	Tensor[] batchNorm(String name) {
		throw new IllegalArgumentException(fileName() + " holds one array, but batch norm needs four (weight, " +
			"bias, running_mean, running_var): use a .safetensors, .npz or Keras file");
	}
}
