package io.github.cnnlayers.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of a protobuf file: read onto the heap when small, mapped from the file when large (a 2 GiB model is
 * not copied into the heap; its tensors stay views of the mapping until converted).
 */
final class FileBytes {

	/** Files up to this size are read onto the heap, so that no mapping keeps them open (Windows locks them). */
	static final long READ_LIMIT = 16L << 20;

	private FileBytes() {}

	/**
	 * @return the whole file, little-endian, position 0
	 * @throws OnnxFormatException when the file is empty, not a regular file, or larger than protobuf allows
	 * @throws IOException when it cannot be read
	 */
	static ByteBuffer read(Path file) throws IOException {
		if (Files.isDirectory(file))
			throw new OnnxFormatException(file.getFileName() + " is a folder, not an ONNX file");
		try (FileChannel channel = FileChannel.open(file)) {
			long size = channel.size();
			if (size == 0)
				throw new OnnxFormatException(file.getFileName() + " is not an ONNX model: the file is empty");
			if (size > Integer.MAX_VALUE)
				throw new OnnxFormatException(file.getFileName() + " holds " + size + " bytes, more than the 2 GiB " +
					"(" + Integer.MAX_VALUE + " bytes) a protobuf file may hold; a larger model must keep its " +
					"weights as external data (onnx.save_model(..., save_as_external_data=True))");
			if (size > READ_LIMIT)
				return channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
			ByteBuffer b = ByteBuffer.allocate((int) size);
			while (b.hasRemaining())
				if (channel.read(b) < 0)
					throw new IOException(file + " became shorter while it was read");
			b.flip();
			return b.order(ByteOrder.LITTLE_ENDIAN);
		}
	}
}
