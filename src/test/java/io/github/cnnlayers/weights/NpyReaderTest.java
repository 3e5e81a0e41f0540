package io.github.cnnlayers.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The .npy reader against bytes written here by hand, following the published format description. */
class NpyReaderTest {

	/** An .npy version 1.0 stream: magic, version, header length, header padded to 64 bytes, data. */
	static byte[] npy(String header, byte[] data) throws IOException {
		StringBuilder h = new StringBuilder(header);
		while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
		h.append('\n');
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 });
		out.write(h.length() & 0xff);
		out.write(h.length() >> 8);
		out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(data);
		return out.toByteArray();
	}

	static byte[] floats(ByteOrder order, float... values) {
		ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
		for (float v : values) b.putFloat(v);
		return b.array();
	}

	private static Tensor read(byte[] bytes) throws IOException {
		return NpyReader.read(new ByteArrayInputStream(bytes), "t", "t.npy", bytes.length, -1);
	}

	@Test
	void readsLittleAndBigEndianFloat32InCOrder() throws IOException {
		float[] v = { 1.5f, -2f, 0.25f, 3f, 4f, 5f };
		Tensor le = read(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
			floats(ByteOrder.LITTLE_ENDIAN, v)));
		Tensor be = read(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }",
			floats(ByteOrder.BIG_ENDIAN, v)));
		assertArrayEquals(new int[] { 2, 3 }, le.shape());
		assertArrayEquals(v, le.data());
		assertArrayEquals(v, be.data());
		assertEquals("<f4", le.dtype());
		assertEquals(">f4", be.dtype());
		assertEquals("[2, 3]", le.shapeText());
	}

	@Test
	void readsScalarsAndOneDimensionalShapes() throws IOException {
		assertArrayEquals(new int[0], read(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
			floats(ByteOrder.LITTLE_ENDIAN, 7f))).shape());
		assertArrayEquals(new float[] { 1, 2 }, read(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
			floats(ByteOrder.LITTLE_ENDIAN, 1, 2))).data());
	}

	@Test
	void halfPrecisionBitsBecomeTheirValues() {
		assertEquals(1f, ElementType.halfToFloat((short) 0x3c00));
		assertEquals(-2f, ElementType.halfToFloat((short) 0xc000));
		assertEquals(65504f, ElementType.halfToFloat((short) 0x7bff));
		assertEquals(0x1p-24f, ElementType.halfToFloat((short) 0x0001));
		assertEquals(0x1p-14f, ElementType.halfToFloat((short) 0x0400));
		assertEquals(Float.NEGATIVE_INFINITY, ElementType.halfToFloat((short) 0xfc00));
		assertTrue(Float.isNaN(ElementType.halfToFloat((short) 0x7e00)));
		assertEquals(0x80000000, Float.floatToRawIntBits(ElementType.halfToFloat((short) 0x8000)));
	}

	@Test
	void refusesHeadersThatDoNotMatchTheData() throws IOException {
		byte[] shortData = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
			floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> read(shortData)).getMessage()
			.contains("truncated"));
		byte[] huge = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }",
			floats(ByteOrder.LITTLE_ENDIAN, 1));
		assertThrows(IllegalArgumentException.class, () -> read(huge));
		// with the length unknown (a zip entry), the stream ends early
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpyReader.read(
			new ByteArrayInputStream(shortData), "t", "t.npy", -1, 1000));
		assertTrue(e.getMessage().contains("truncated"), e.getMessage());
		byte[] noShape = npy("{'descr': '<f4', 'fortran_order': False}", new byte[0]);
		assertThrows(IllegalArgumentException.class, () -> read(noShape));
		byte[] structured = npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> read(structured)).getMessage()
			.contains("allowed are f2, f4, f8"));
	}
}
