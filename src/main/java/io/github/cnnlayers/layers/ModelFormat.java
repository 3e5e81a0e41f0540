package io.github.cnnlayers.layers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.github.cnnlayers.keras.KerasModel;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.onnx.OnnxNetworkModel;

/** The model files Run Network... reads, by file name ending; each format carries its reader. */
public enum ModelFormat {

	/** ONNX ({@code torch.onnx.export}), read by the project's own decoder */
	ONNX(".onnx") {

		@Override
		NetworkModel open(final Path file) {
			try {
				return OnnxNetworkModel.read(file);
			}
			catch (final java.io.IOException e) {
				throw new IllegalArgumentException("Run Network: cannot read " + file + " (" + e.getMessage() + ")", e);
			}
		}
	},
	/** Keras full models: {@code model.save} {@code .h5} (Keras 2) and {@code .keras} (Keras 3) */
	KERAS(".h5", ".keras") {

		@Override
		NetworkModel open(final Path file) {
			return KerasModel.read(file);
		}
	};

	private final List<String> endings;

	ModelFormat(final String... endings) {
		this.endings = Arrays.asList(endings);
	}

	/** @return the model in {@code file} */
	abstract NetworkModel open(Path file);

	/**
	 * @param file a model file
	 * @return the model it holds
	 * @throws IllegalArgumentException for a file of another kind (naming the allowed endings) or a bad model
	 */
	static NetworkModel read(final Path file) {
		final String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
		for (final ModelFormat f : values())
			for (final String e : f.endings)
				if (name.endsWith(e))
					return f.open(file);
		throw new IllegalArgumentException("Run Network: " + file + " is not a model file this command reads; allowed: " + allEndings());
	}

	/** @return every ending, e.g. ".onnx, .h5, .keras" */
	static String allEndings() {
		final List<String> all = new ArrayList<>();
		for (final ModelFormat f : values())
			all.addAll(f.endings);
		return String.join(", ", all);
	}
}
