package io.github.cnnlayers.onnx;

import java.nio.file.Paths;

/**
 * Run in a forked Java with a small heap by {@link LargeOnnxFilesTest}: reads each model given and converts
 * every initializer to floats, printing one line per model: "OK", or the exception's class and message.
 */
public final class SmallHeapProbe {

	private SmallHeapProbe() {}

	/** @param args model files */
	public static void main(String[] args) {
		for (String file : args) {
			try {
				OnnxModel model = OnnxModel.read(Paths.get(file));
				for (OnnxTensor t : model.graph().initializers().values())
					t.floats();
				System.out.println("OK");
			}
			catch (Throwable e) {
				System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
			}
		}
	}
}
