package io.github.cnnlayers.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small weight files written by the tests: a float32 {@code .npy}, and an {@code .npz} of batch norm parameters. */
final class WeightFiles {

	private WeightFiles() {}

	/** @return a temporary little-endian float32 C-order {@code .npy} file of {@code data} with {@code shape} */
	static Path npy(final float[] data, final int... shape) {
		final StringBuilder dims = new StringBuilder();
		for (final int d : shape)
			dims.append(d).append(", ");
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
		while ((10 + header.length() + 1) % 64 != 0)
			header += " ";
		header += "\n";
		final ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
		b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
		for (final float v : data)
			b.putFloat(v);
		try {
			final Path f = Files.createTempFile("weights", ".npy");
			f.toFile().deleteOnExit();
			Files.write(f, b.array());
			return f;
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** @return a temporary {@code .npz} holding {@code <name>.weight, .bias, .running_mean, .running_var} from the given {@code .npy} files */
	static Path npz(final String name, final Path weight, final Path bias, final Path mean, final Path var) {
		try {
			final Path f = Files.createTempFile("bn", ".npz");
			f.toFile().deleteOnExit();
			try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
				final String[] keys = { "weight", "bias", "running_mean", "running_var" };
				final Path[] files = { weight, bias, mean, var };
				for (int i = 0; i < keys.length; i++) {
					zip.putNextEntry(new ZipEntry(name + "." + keys[i] + ".npy"));
					zip.write(Files.readAllBytes(files[i]));
					zip.closeEntry();
				}
			}
			return f;
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
