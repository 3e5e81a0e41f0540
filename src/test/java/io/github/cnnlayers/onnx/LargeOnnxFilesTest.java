package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.cnnlayers.core.JavaHeap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models too large to copy onto the heap, and tensors too large for it, as real files. */
class LargeOnnxFilesTest {

	@TempDir
	Path temp;

	@Test
	void aModelOverTheReadLimitIsMappedAndDecodedExactly() throws IOException {
		int n = 5_000_000;
		ByteBuffer raw = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < n; i++)
			raw.putFloat(i * 0.5f);
		ProtoBytes w = new ProtoBytes().int64(1, n).int64(2, 1).string(8, "w").bytes(9, raw.array());
		ProtoBytes graph = new ProtoBytes()
			.message(1, new ProtoBytes().string(1, "w").string(2, "y").string(3, "id").string(4, "Identity"))
			.string(2, "big").message(5, w).message(12, ProtoBytes.valueInfo("y", n));
		Path file = Files.write(temp.resolve("big.onnx"), ProtoBytes.model(graph).toByteArray());
		assertTrue(Files.size(file) > FileBytes.READ_LIMIT);
		OnnxTensor t = OnnxModel.read(file).graph().initializers().get("w");
		float[] values = t.floats();
		assertEquals(n, values.length);
		for (int i = 0; i < n; i++)
			if (values[i] != i * 0.5f) throw new AssertionError("value " + i + ": " + values[i]);
	}

	@Test
	void aSmallHeapRefusesBigTensorsWithAMessageNotAnOutOfMemoryError() throws Exception {
		Path folder = Files.createDirectories(temp.resolve("model"));
		Path model = Files.copy(OnnxFixturesTest.READER.resolve("big_external/model.onnx"),
			folder.resolve("model.onnx"));
		try (RandomAccessFile f = new RandomAccessFile(folder.resolve("big.bin").toFile(), "rw")) {
			f.setLength(4L * 33554432); // 128 MiB, sparse
		}
		Path lying = OnnxFixturesTest.READER.resolve("bad/lying_dims.onnx").toAbsolutePath();
		List<String> lines = runWithHeap("64m", model.toString(), lying.toString());
		assertEquals(2, lines.size(), lines.toString());
		assertTrue(lines.get(0).startsWith("IllegalArgumentException: the 33554432 values of tensor 'big' as floats " +
			"need 128 MB of memory, but only "), lines.get(0));
		assertTrue(lines.get(0).endsWith(" are free; " + JavaHeap.HOW_TO_GIVE_MORE), lines.get(0));
		assertTrue(lines.get(1).startsWith("OnnxFormatException: lying_dims.onnx is not a readable ONNX model: " +
			"tensor 'huge' declares dims [536870912]"), lines.get(1));
	}

	private static List<String> runWithHeap(String heap, String... models) throws Exception {
		List<String> command = new ArrayList<>(Arrays.asList(
			System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx" + heap,
			"-cp", System.getProperty("java.class.path"), SmallHeapProbe.class.getName()));
		command.addAll(Arrays.asList(models));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("the forked Java did not finish in 2 minutes");
		}
		String out = new String(readAll(p), StandardCharsets.UTF_8);
		assertEquals(0, p.exitValue(), out);
		List<String> lines = new ArrayList<>();
		for (String line : out.split("\n"))
			if (!line.trim().isEmpty()) lines.add(line.trim());
		return lines;
	}

	private static byte[] readAll(Process p) throws IOException {
		java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
		byte[] buf = new byte[8192];
		int n;
		while ((n = p.getInputStream().read(buf)) > 0)
			b.write(buf, 0, n);
		return b.toByteArray();
	}
}
