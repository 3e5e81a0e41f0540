package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The wire format reader on crafted bytes: varints, fixed values, packed and unpacked, unknown and bad fields. */
class ProtoReaderTest {

	private static ProtoReader reader(int... bytes) {
		return new ProtoReader(new ProtoBytes().raw(bytes).buffer(), "Test");
	}

	@Test
	void varintsAsProtobufsDocumentationEncodesThem() {
		// protobuf's encoding guide: 150 is 96 01; -1 as int64 takes ten bytes
		ProtoReader r = reader(0x08, 0x96, 0x01, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
		assertTrue(r.next());
		assertEquals(1, r.field());
		assertEquals(150, r.int64("a"));
		assertTrue(r.next());
		assertEquals(2, r.field());
		assertEquals(-1, r.int64("b"));
		assertFalse(r.next());
	}

	@Test
	void aVarintOfElevenBytesIsRefusedWithItsOffset() {
		ProtoReader r = reader(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
		r.next();
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> r.int64("count"));
		assertEquals("at byte 1: count in Test is a varint longer than 10 bytes", e.getMessage());
	}

	@Test
	void unknownFieldsOfEveryWireTypeAreSkipped() {
		ProtoBytes b = new ProtoBytes().int64(99, 123456789).fixed64(98, -5).string(97, "skip me").float32(96, 1.5f)
			.int64(1, 42);
		ProtoReader r = new ProtoReader(b.buffer(), "Test");
		long found = -1;
		int fields = 0;
		while (r.next()) {
			fields++;
			if (r.field() == 1) found = r.int64("x");
			else r.skip();
		}
		assertEquals(5, fields);
		assertEquals(42, found);
	}

	@Test
	void packedAndUnpackedRepeatedFieldsGiveTheSameValues() {
		ProtoBytes packed = new ProtoBytes().packedFloats(7, 1.5f, -2f).packedVarints(8, 3, -4);
		ProtoBytes unpacked = new ProtoBytes().float32(7, 1.5f).int64(8, 3).float32(7, -2f).int64(8, -4);
		for (ProtoBytes b : new ProtoBytes[] {packed, unpacked}) {
			List<ByteBuffer> floats = new ArrayList<>();
			List<ByteBuffer> ints = new ArrayList<>();
			ProtoReader r = new ProtoReader(b.buffer(), "Test");
			while (r.next())
				if (r.field() == 7) r.scalars("floats", ProtoReader.Scalar.FIXED32_VALUES, floats);
				else r.scalars("ints", ProtoReader.Scalar.VARINT_VALUES, ints);
			float[] f = new float[(int) ProtoReader.Scalar.FIXED32_VALUES.count(floats)];
			ProtoReader.Scalar.FIXED32_VALUES.forEach(floats, (i, v) -> f[i] = Float.intBitsToFloat((int) v));
			long[] l = new long[(int) ProtoReader.Scalar.VARINT_VALUES.count(ints)];
			ProtoReader.Scalar.VARINT_VALUES.forEach(ints, (i, v) -> l[i] = v);
			assertArrayEquals(new float[] {1.5f, -2f}, f);
			assertArrayEquals(new long[] {3, -4}, l);
		}
	}

	@Test
	void aPackedRunOfPartialFloatsIsRefused() {
		ProtoReader r = reader(0x3a, 6, 0, 0, 0x80, 0x3f, 0, 0);
		r.next();
		OnnxFormatException e = assertThrows(OnnxFormatException.class,
			() -> r.scalars("floats", ProtoReader.Scalar.FIXED32_VALUES, new ArrayList<ByteBuffer>()));
		assertEquals("at byte 0: packed floats (field 7 of Test) holds 6 bytes, not a whole number of 32-bit values",
			e.getMessage());
	}

	@Test
	void aLengthBeyondTheEndIsRefusedAsTruncation() {
		ProtoReader r = reader(0x08, 0x01, 0x12, 0x05, 'a', 'b');
		r.next();
		r.skip();
		r.next();
		OnnxFormatException e = assertThrows(ProtoReader.Truncated.class, () -> r.string("name"));
		assertEquals("at byte 2: name (field 2 of Test) declares 5 bytes, but only 2 remain in the file",
			e.getMessage());
	}

	@Test
	void aFixedValueCutShortIsTruncation() {
		ProtoReader r = reader(0x15, 0x00, 0x00);
		r.next();
		OnnxFormatException e = assertThrows(ProtoReader.Truncated.class, () -> r.float32("f"));
		assertEquals("at byte 1: f needs 4 bytes, but only 2 remain in the file", e.getMessage());
	}

	@Test
	void badTagsAreRefused() {
		assertEquals("at byte 0: field number 0 in Test is not a valid protobuf field number (1 to 536870911)",
			assertThrows(OnnxFormatException.class, () -> reader(0x00, 0x01).next()).getMessage());
		assertEquals("at byte 0: field 1 of Test is a protobuf group, which ONNX never uses",
			assertThrows(OnnxFormatException.class, () -> reader(0x0b).next()).getMessage());
		assertEquals("at byte 0: field 1 of Test has wire type 6, which protobuf does not define (0, 1, 2, 5)",
			assertThrows(OnnxFormatException.class, () -> reader(0x0e).next()).getMessage());
	}

	@Test
	void aKnownFieldOfTheWrongWireTypeIsNamed() {
		ProtoReader r = new ProtoReader(new ProtoBytes().string(1, "8").buffer(), "ModelProto");
		r.next();
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> r.int64("ir_version"));
		assertEquals("at byte 0: ir_version (field 1 of ModelProto) has wire type 2 (length-delimited), but must be " +
			"a varint", e.getMessage());
	}

	@Test
	void invalidUtf8IsRefused() {
		ProtoReader r = reader(0x0a, 0x02, 0xc3, 0x28);
		r.next();
		assertEquals("at byte 0: name (field 1 of Test) is not valid UTF-8 text",
			assertThrows(OnnxFormatException.class, () -> r.string("name")).getMessage());
	}

	@Test
	void nestingIsBounded() {
		ProtoBytes inner = new ProtoBytes().int64(1, 1);
		for (int k = 0; k < ProtoReader.MAX_DEPTH + 1; k++)
			inner = new ProtoBytes().message(1, inner);
		ProtoReader r = new ProtoReader(inner.buffer(), "Test");
		OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> descend(r));
		assertTrue(e.getMessage().endsWith("messages are nested more than 64 deep (Test)"), e.getMessage());
	}

	private static void descend(ProtoReader r) {
		while (r.next())
			if (r.field() == 1) descend(r.message("child", "Test"));
	}
}
