package io.github.cnnlayers.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a run's outputs: its steps, every file they name replaced by the file's name, size and
 * SHA-256, e.g. {@code "@0 Conv2D... weights=[w.npy 1152 bytes sha256:9f86...] padding=same stack | @1 ReLU stack"}.
 * Two runs with the same recipe write the same files from the same image; a job that resumes into an
 * existing output compares recipes before it skips anything.
 * <p>
 * Weight files are fingerprinted by their whole content: a weight file changed in place with its size
 * and first megabyte kept (a fine-tuned last layer) still changes the recipe, and a copy with a new
 * date does not. The step's check has just read each file in full, so hashing costs one more read.
 */
public final class Recipe {

	/** What separates the steps in {@link #text()}. */
	public static final String STEP_SEPARATOR = " | ";

	private final String text;

	private Recipe(final String text) {
		this.text = text;
	}

	/**
	 * @param pipeline the steps, as parsed (file paths absolute)
	 * @return their recipe; each file is read once
	 * @throws IOException when a file the steps name cannot be read, naming it
	 */
	public static Recipe of(final Pipeline pipeline) throws IOException {
		final Map<File, String> prints = new HashMap<>();
		for (final Step s : pipeline.steps())
			for (final File f : s.files())
				if (!prints.containsKey(f))
					prints.put(f, fingerprint(f));
		final List<String> steps = new ArrayList<>();
		for (final Step s : pipeline.steps())
			steps.add(s.textWithFiles(prints::get));
		return new Recipe(String.join(STEP_SEPARATOR, steps).replace('\n', ' ').replace('\r', ' '));
	}

	/** @return e.g. {@code "w.npy 1152 bytes sha256:9f86d081..."} */
	static String fingerprint(final File file) throws IOException {
		final MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("no SHA-256 in this Java", e);
		}
		long size = 0;
		try (InputStream in = Files.newInputStream(file.toPath())) {
			final byte[] buffer = new byte[1 << 16];
			for (int n; (n = in.read(buffer)) > 0;) {
				sha.update(buffer, 0, n);
				size += n;
			}
		}
		catch (final IOException e) {
			throw new IOException("cannot read " + file + " to fingerprint it: " + e.getMessage(), e);
		}
		final StringBuilder hex = new StringBuilder(64);
		for (final byte b : sha.digest())
			hex.append(String.format("%02x", b & 0xff));
		return file.getName() + " " + size + " bytes sha256:" + hex;
	}

	/** @return the recipe as one line: the steps with their files' fingerprints, separated by {@link #STEP_SEPARATOR} */
	public String text() {
		return text;
	}

	@Override
	public boolean equals(final Object o) {
		return o instanceof Recipe && ((Recipe) o).text.equals(text);
	}

	@Override
	public int hashCode() {
		return text.hashCode();
	}

	@Override
	public String toString() {
		return text;
	}
}
