package io.github.cnnlayers.weights;

import static io.github.cnnlayers.weights.Fixtures.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, lying, mislabelled and unsuitable files: each gives an IllegalArgumentException that says why. */
class BadFilesTest {

	@TempDir
	Path dir;

	/** Asserts an IllegalArgumentException whose message contains every fragment; returns the message. */
	private static String refused(Executable call, String... fragments) {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
		for (String f : fragments)
			assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
		return e.getMessage();
	}

	private Path write(String name, byte[] bytes) throws IOException {
		return Files.write(dir.resolve(name), bytes);
	}

	private Path truncatedCopy(String fixture, String name, int keep) throws IOException {
		byte[] all = Files.readAllBytes(path(fixture));
		return write(name, Arrays.copyOf(all, keep < 0 ? all.length + keep : keep));
	}

	/** A safetensors file with the given JSON header and data bytes. */
	private Path safetensors(String name, String json, int dataBytes) throws IOException {
		byte[] header = json.getBytes(StandardCharsets.UTF_8);
		ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(header.length).put(header);
		return write(name, b.array());
	}

	@Test
	void missingFoldersAndUnknownExtensions() throws IOException {
		refused(() -> WeightFile.list(dir.resolve("nothing.npy")), "Weight file not found: ", "nothing.npy");
		Files.createDirectory(dir.resolve("folder.npy"));
		refused(() -> WeightFile.list(dir.resolve("folder.npy")), "is a folder");
		Path bin = write("w.bin", new byte[10]);
		assertEquals("Unsupported weight file 'w.bin': allowed are .npy, .npz, .safetensors, .h5, .hdf5, .keras",
			refused(() -> WeightFile.read(bin, null)));
	}

	@Test
	void contentThatIsNotOfTheFormatTheExtensionSays() throws IOException {
		byte[] text = "just some text, not weights".getBytes(StandardCharsets.US_ASCII);
		refused(() -> WeightFile.list(write("a.npy", text)), "a.npy is not a valid NumPy .npy file", "\\x93NUMPY");
		refused(() -> WeightFile.list(write("a.npz", text)), "a.npz is not a valid NumPy .npz file", "zip");
		refused(() -> WeightFile.list(write("a.keras", text)), "not a valid Keras .keras file", "zip");
		refused(() -> WeightFile.list(write("a.h5", text)), "a.h5 is not a valid Keras HDF5 file", "\\x89HDF");
		refused(() -> WeightFile.list(write("a.safetensors", text)), "a.safetensors is not a valid safetensors file");
		refused(() -> WeightFile.list(write("empty.npy", new byte[0])), "not a valid NumPy .npy file");
		// a zip that is not an .npz inside, and an .npy named .npz
		refused(() -> WeightFile.list(write("b.npz", "PK garbage after the signature".getBytes(StandardCharsets.US_ASCII))),
			"corrupt zip archive");
		Path npyAsNpz = write("c.npz", Files.readAllBytes(path("readers/npy_f4_le.npy")));
		refused(() -> WeightFile.list(npyAsNpz), "c.npz is not a valid NumPy .npz file");
	}

	@Test
	void truncatedFiles() throws IOException {
		refused(() -> WeightFile.read(truncatedCopy("readers/npy_f4_le.npy", "t.npy", -10), null),
			"t.npy is truncated", "[2, 3, 3, 3]", "216 bytes of data, but 206");
		refused(() -> WeightFile.read(truncatedCopy("readers/npy_f4_le.npy", "h.npy", 40), null), "truncated");
		refused(() -> WeightFile.list(truncatedCopy("readers/state_dict.safetensors", "t.safetensors", -20)),
			"t.safetensors is truncated", "data_offsets");
		refused(() -> WeightFile.list(truncatedCopy("readers/state_dict.safetensors", "u.safetensors", 100)),
			"not a valid safetensors file");
		refused(() -> WeightFile.list(truncatedCopy("readers/stored.npz", "t.npz", -40)), "t.npz");
		Path h5 = truncatedCopy("readers/keras2_weights.h5", "t.h5", 3000);
		refused(() -> WeightFile.convolution(h5, "conv2d_1", null), "t.h5");
		Path keras = truncatedCopy("readers/model.keras", "t.keras", -100);
		refused(() -> WeightFile.list(keras), "t.keras");
	}

	@Test
	void npyHeadersThatLieAboutTheSize() throws IOException {
		byte[] data = NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4);
		Path huge = write("huge.npy", NpyReaderTest.npy(
			"{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", data));
		refused(() -> WeightFile.read(huge, null), "huge.npy: shape [100000, 100000, 100000] of <f4 is too large");
		Path big = write("big.npy", NpyReaderTest.npy(
			"{'descr': '<f4', 'fortran_order': False, 'shape': (20000, 20000), }", data));
		refused(() -> WeightFile.read(big, null), "big.npy is truncated", "1600000000 bytes of data, but 16");
		Path small = write("small.npy", NpyReaderTest.npy(
			"{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", data));
		refused(() -> WeightFile.read(small, null), "small.npy is corrupt", "12 bytes of data, but 16");
		byte[] lyingLength = NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", data);
		lyingLength[8] = (byte) 0xff;
		lyingLength[9] = (byte) 0xff;
		refused(() -> WeightFile.read(write("len.npy", lyingLength), null), "len.npy is truncated or corrupt", "header length 65535");
		Path unknown = write("u.npy", NpyReaderTest.npy("{'descr': '<U4', 'fortran_order': False, 'shape': (1,), }",
			new byte[16]));
		refused(() -> WeightFile.read(unknown, null), "unsupported dtype '<U4'", "allowed are f2, f4, f8");
	}

	@Test
	void npzEntriesThatLie() throws IOException {
		byte[] data = NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2);
		byte[] lying = NpyReaderTest.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (5000, 5000), }", data);
		for (int method : new int[] { ZipEntry.DEFLATED, ZipEntry.STORED }) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
				ZipEntry e = new ZipEntry("w.npy");
				e.setMethod(method);
				if (method == ZipEntry.STORED) {
					java.util.zip.CRC32 crc = new java.util.zip.CRC32();
					crc.update(lying);
					e.setSize(lying.length);
					e.setCrc(crc.getValue());
				}
				zip.putNextEntry(e);
				zip.write(lying);
				zip.closeEntry();
			}
			Path npz = write("lie" + method + ".npz", bytes.toByteArray());
			assertEquals("[w [5000, 5000]]", WeightFile.list(npz).toString());
			refused(() -> WeightFile.read(npz, "w"), "lie" + method + ".npz: w.npy is truncated");
		}
	}

	@Test
	void safetensorsHeadersThatLie() throws IOException {
		byte[] lyingLength = new byte[64];
		ByteBuffer.wrap(lyingLength).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 60);
		lyingLength[8] = '{';
		refused(() -> WeightFile.list(write("len.safetensors", lyingLength)), "len.safetensors is not a valid " +
			"safetensors file", "header length (here 1152921504606846976, file 64 bytes)");
		Path past = safetensors("past.safetensors",
			"{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}", 8);
		refused(() -> WeightFile.list(past), "past.safetensors is truncated", "data_offsets [0, 16]", "has 8 bytes");
		Path huge = safetensors("huge.safetensors",
			"{\"w\":{\"dtype\":\"F32\",\"shape\":[100000,100000,100000],\"data_offsets\":[0,16]}}", 16);
		refused(() -> WeightFile.list(huge), "huge.safetensors is not a valid safetensors file",
			"shape [100000, 100000, 100000] F32");
		Path mismatch = safetensors("mismatch.safetensors",
			"{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16);
		refused(() -> WeightFile.list(mismatch), "needs 12 bytes, but its data_offsets [0, 16] give 16");
		Path json = safetensors("json.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],,}}", 4);
		refused(() -> WeightFile.list(json), "header is not valid JSON");
		Path negative = safetensors("neg.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4);
		refused(() -> WeightFile.list(negative), "bad shape");
		Path unknown = safetensors("q.safetensors", "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4);
		assertEquals("F8_E4M3", WeightFile.list(unknown).get(0).dtype());
		refused(() -> WeightFile.read(unknown, "w"), "unsupported dtype F8_E4M3", "allowed are F16, BF16, F32");
	}

	/**
	 * The format packs tensors without overlap or gap and covers the data section exactly: a bias whose bytes lie
	 * inside the kernel's would otherwise be read from the kernel's bytes.
	 */
	@Test
	void safetensorsTensorsThatOverlapOrLeaveGapsAreRefusedNamingThem() throws IOException {
		Path overlap = safetensors("overlap.safetensors", "{\"k.weight\":{\"dtype\":\"F32\",\"shape\":[1,1,2,2]," +
			"\"data_offsets\":[0,16]},\"k.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 16);
		refused(() -> WeightFile.convolution(overlap, "k", null), "overlap.safetensors is not a valid safetensors file",
			"tensors 'k.weight' [0, 16] and 'k.bias' [8, 12] overlap");
		refused(() -> WeightFile.list(overlap), "'k.weight' [0, 16] and 'k.bias' [8, 12] overlap");
		// the same bytes claimed twice, in the other header order
		Path twice = safetensors("twice.safetensors", "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
			"\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8);
		refused(() -> WeightFile.read(twice, "a"), "overlap");
		Path gap = safetensors("gap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
			"\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20);
		refused(() -> WeightFile.read(gap, "a"), "bytes [8, 12] of its data section belong to no tensor",
			"between 'a' and 'b'");
		Path late = safetensors("late.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12);
		refused(() -> WeightFile.read(late, "a"), "bytes [0, 4]", "before the first tensor 'a'");
		Path trailing = safetensors("trailing.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12);
		refused(() -> WeightFile.read(trailing, "a"), "data section has 12 bytes, but its tensors cover only 8");
		// packed, with an empty tensor between two others: accepted
		Path packed = safetensors("packed.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}," +
			"\"e\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1]," +
			"\"data_offsets\":[4,8]}}", 8);
		assertEquals(3, WeightFile.list(packed).size());
	}

	/** A valid file whose header fits it but is over the 100 MB cap is refused for that reason: a sparse 200 MB file. */
	@Test
	void aSafetensorsHeaderOverTheCapSaysItIsTheCap() throws IOException {
		Path big = dir.resolve("bigheader.safetensors");
		long headerLength = 200_000_000L;
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
			byte[] start = new byte[9];
			ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength);
			start[8] = '{';
			f.write(start);
			f.setLength(8 + headerLength); // sparse: no disk used
		}
		String message = refused(() -> WeightFile.list(big), "bigheader.safetensors: its JSON header is 200000000 bytes long",
			"more than the 100000000 bytes this reader");
		assertTrue(!message.contains("does not fit"), message);
	}

	@Test
	void hdf5FilesThatAreNotKeras() throws IOException {
		refused(() -> WeightFile.list(path("readers/not_keras.h5")), "not_keras.h5 is not a Keras weight file",
			"layer_names", "layers");
		byte[] garbage = new byte[4096];
		System.arraycopy(WeightFormat.HDF5_MAGIC, 0, garbage, 0, 8);
		for (int i = 8; i < garbage.length; i++) garbage[i] = (byte) (i * 31 + 7);
		refused(() -> WeightFile.list(write("garbage.h5", garbage)), "garbage.h5 is not a readable HDF5 file");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("config.json"));
			zip.write("{}".getBytes(StandardCharsets.US_ASCII));
			zip.closeEntry();
		}
		Path noWeights = write("empty.keras", bytes.toByteArray());
		refused(() -> WeightFile.list(noWeights), "empty.keras has no model.weights.h5; it holds: config.json");
	}

	@Test
	void unsuitableWeightsAndBiases() throws IOException {
		Path cube = write("cube.npy", NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), }",
			NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)));
		refused(() -> WeightFile.convolution(cube, null, null), "must be 2-D [kh, kw] or 4-D", "3-D [1, 2, 2]");
		Path inf = write("inf.npy", NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
			NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2, Float.NEGATIVE_INFINITY, 4)));
		refused(() -> WeightFile.convolution(inf, null, null), "Infinite value at index [1, 0] of the tensor inf.npy");
		Path empty = write("empty.npy", NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, " +
			"'shape': (2, 0, 3, 3), }", new byte[0]));
		refused(() -> WeightFile.convolution(empty, null, null), "must be at least 1", "[2, 0, 3, 3]");
		Path kernel = path("readers/npy_f4_le.npy"); // C_out = 2
		Path bias3 = write("bias3.npy", NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
			NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3)));
		refused(() -> WeightFile.convolution(kernel, null, bias3), "bias3.npy has shape [3]",
			"need a 1-D bias of length C_out = 2");
		Path bias2d = write("bias2d.npy", NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }",
			NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
		refused(() -> WeightFile.convolution(kernel, null, bias2d), "bias2d.npy has shape [2, 1]");
		Path nanBias = write("nanbias.npy", NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
			NpyReaderTest.floats(ByteOrder.LITTLE_ENDIAN, 1, Float.NaN)));
		refused(() -> WeightFile.convolution(kernel, null, nanBias), "NaN at index [1] of the bias");
		refused(() -> new BatchNormWeights(null, null, new float[] { 0, 0 }, new float[] { 1, -1 }, "bn"),
			"variance [1] is negative");
		refused(() -> new BatchNormWeights(new float[3], null, new float[2], new float[2], "bn"),
			"gamma (weight) has 3 values but the mean has 2");
	}

	@Test
	void lyingKerasArchiveEntry() throws IOException {
		// a .keras whose model.weights.h5 entry claims more bytes than it has
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("model.weights.h5"));
			zip.write(Arrays.copyOf(WeightFormat.HDF5_MAGIC, 100));
			zip.closeEntry();
		}
		Path keras = write("short.keras", bytes.toByteArray());
		refused(() -> WeightFile.list(keras), "short.keras is not a readable HDF5 file");
		try (OutputStream out = Files.newOutputStream(dir.resolve("x.txt"))) {
			out.write(1);
		}
	}
}
