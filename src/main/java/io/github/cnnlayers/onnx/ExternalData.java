package io.github.cnnlayers.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where a tensor's values lie outside the model ({@code data_location = EXTERNAL}): a file named by
 * {@code location} relative to the model's folder, from {@code offset} for {@code length} bytes. Only files inside
 * the model's folder are read: an absolute location, a {@code ..} step, a link leading out of the folder, a
 * non-regular file or a range beyond the file's end is refused when the model is read.
 */
final class ExternalData {

	/** The location as the model gives it. */
	final String location;
	/** The file, checked to lie inside the model's folder. */
	final Path file;
	/** Where the values start in the file. */
	final long offset;
	/** How many bytes they fill. */
	final long length;

	private ExternalData(String location, Path file, long offset, long length) {
		this.location = location;
		this.file = file;
		this.offset = offset;
		this.length = length;
	}

	/**
	 * @param entries the tensor's {@code external_data} keys and values
	 * @param folder the model's folder; null when the tensor was not read from a file
	 * @param label the tensor, for messages
	 * @throws OnnxFormatException when the entries are incomplete or point outside the folder or the file
	 */
	static ExternalData of(Map<String, String> entries, Path folder, String label) {
		String location = entries.get("location");
		if (location == null || location.isEmpty())
			throw new OnnxFormatException(label + " has external data without a 'location'");
		String where = label + ": its external data '" + location + "'";
		if (folder == null)
			throw new OnnxFormatException(where + " cannot be found: the tensor was not read from a file");
		long offset = number(entries, "offset", 0, where);
		if (location.startsWith("/") || location.startsWith("\\") || location.matches("^[A-Za-z]:.*"))
			throw new OnnxFormatException(where + " is an absolute path; external data must lie in the model's " +
				"folder (" + folder + "), named relative to it");
		for (String step : location.split("[/\\\\]"))
			if (step.equals(".."))
				throw new OnnxFormatException(where + " leads out of the model's folder with '..'; external data " +
					"must lie in the model's folder (" + folder + ")");
		Path file;
		try {
			file = folder.resolve(Paths.get(location)).normalize();
		}
		catch (InvalidPathException e) {
			throw new OnnxFormatException(where + " is not a valid file name: " + e.getReason());
		}
		if (!file.startsWith(folder.normalize()))
			throw new OnnxFormatException(where + " leads out of the model's folder (" + folder + ")");
		if (!Files.exists(file))
			throw new OnnxFormatException(where + " does not exist: expected " + file);
		if (!Files.isRegularFile(file))
			throw new OnnxFormatException(where + " is not a regular file: " + file);
		long size;
		try {
			if (!file.toRealPath().startsWith(folder.toRealPath()))
				throw new OnnxFormatException(where + " is a link leading out of the model's folder (" + folder +
					") to " + file.toRealPath());
			size = Files.size(file);
		}
		catch (IOException e) {
			throw new OnnxFormatException(where + " cannot be read: " + e);
		}
		if (offset > size)
			throw new OnnxFormatException(where + " starts at offset " + offset + ", beyond the file's " + size +
				" bytes");
		long length = number(entries, "length", size - offset, where);
		if (length > size - offset)
			throw new OnnxFormatException(where + " declares " + length + " bytes from offset " + offset +
				", beyond the file's " + size + " bytes");
		return new ExternalData(location, file, offset, length);
	}

	private static long number(Map<String, String> entries, String key, long absent, String where) {
		String text = entries.get(key);
		if (text == null) return absent;
		try {
			long v = Long.parseLong(text.trim());
			if (v >= 0) return v;
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new OnnxFormatException(where + " has " + key + " '" + text + "'; it must be a whole number >= 0");
	}

	/**
	 * @param what the tensor, for messages
	 * @return the bytes, mapped from the file (not copied onto the heap)
	 * @throws UncheckedIOException when the file cannot be read
	 * @throws OnnxFormatException when the file has shrunk since the model was read, or the range exceeds 2 GiB
	 */
	ByteBuffer map(String what) {
		if (length > Integer.MAX_VALUE)
			throw new OnnxFormatException(what + ": its external data holds " + length + " bytes, more than the " +
				Integer.MAX_VALUE + " one tensor may have here");
		try (FileChannel channel = FileChannel.open(file)) {
			if (channel.size() < offset + length)
				throw new OnnxFormatException(what + ": its external data file " + file + " now holds " +
					channel.size() + " bytes; it held " + (offset + length) + " or more when the model was read");
			return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the external data of " + what + ", " + file + ": " + e, e);
		}
	}
}
