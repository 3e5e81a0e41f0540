package io.github.cnnlayers.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * The one way this package (and {@code tiff}) opens a weight or image file: only after checking that it is a regular file. Opening a FIFO
 * waits until another program writes to it — forever, if none does — and a device may never end, so a path that
 * is not a regular file (a FIFO, socket, device or folder) is refused before anything opens it.
 */
public final class RegularFile {

	private RegularFile() {
	}

	/**
	 * Checks that a path names an existing, readable regular file (links followed).
	 *
	 * @throws IllegalArgumentException naming the path and what it is instead
	 */
	static void require(Path file) {
		require(file, "weight file");
	}

	/**
	 * Checks that a path names an existing, readable regular file (links followed).
	 *
	 * @param kind what the file should be, for messages, e.g. {@code TIFF file}
	 * @throws IllegalArgumentException naming the path and what it is instead
	 */
	public static void require(Path file, String kind) {
		String title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
		if (Files.isRegularFile(file)) {
			if (!Files.isReadable(file)) throw new IllegalArgumentException("Cannot read " + kind + " " + file);
			return;
		}
		if (!Files.exists(file)) throw new IllegalArgumentException(title + " not found: " + file);
		throw new IllegalArgumentException(title + " " + file + " is not a regular file (" +
			(Files.isDirectory(file) ? "it is a folder" : "it is a FIFO, socket or device") +
			"); only regular files are read, since a pipe or device may never answer: give the path of a " + kind);
	}

	/** A weight file's bytes from the start, after {@link #require}. */
	static InputStream inputStream(Path file) throws IOException {
		require(file);
		return Files.newInputStream(file);
	}

	/** A weight file's channel for reading, after {@link #require}. */
	static FileChannel channel(Path file) throws IOException {
		require(file);
		return FileChannel.open(file);
	}

	/** A weight file opened as a zip archive, after {@link #require}. */
	static ZipFile zip(Path file) throws IOException {
		require(file);
		return new ZipFile(file.toFile());
	}
}
