package io.github.cnnlayers.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tiny tmpfs mounted on a folder: a real full disk. Needs root and {@code mount}; the test is skipped
 * with the reason otherwise. {@link #close} always unmounts.
 */
final class TinyDisk implements AutoCloseable {

	final Path dir;

	private TinyDisk(final Path dir) {
		this.dir = dir;
	}

	/**
	 * @param dir an empty folder, the mount point
	 * @param size the tmpfs size, e.g. {@code 100k}
	 */
	static TinyDisk mount(final Path dir, final String size) throws IOException, InterruptedException {
		assumeTrue("root".equals(System.getProperty("user.name")), "skipped: mounting a tiny tmpfs (a real full disk) " +
			"needs root; running as " + System.getProperty("user.name"));
		Files.createDirectories(dir);
		final String[] result = exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
		assumeTrue(result[0].equals("0"), () -> "skipped: mount -t tmpfs is not available here (" + result[1].trim() + ")");
		return new TinyDisk(dir);
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (!exec("umount", dir.toString())[0].equals("0"))
			exec("umount", "-l", dir.toString());
	}

	/** @return the exit code and the output of a command, bounded to 30 s */
	private static String[] exec(final String... cmd) throws IOException, InterruptedException {
		final Process p;
		try {
			p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		}
		catch (final IOException e) {
			return new String[] { "-1", e.getMessage() };
		}
		if (!p.waitFor(30, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			return new String[] { "-1", String.join(" ", cmd) + " timed out" };
		}
		final byte[] out = new byte[8192];
		final int n = Math.max(0, p.getInputStream().read(out));
		return new String[] { Integer.toString(p.exitValue()), new String(out, 0, n, StandardCharsets.UTF_8) };
	}
}
