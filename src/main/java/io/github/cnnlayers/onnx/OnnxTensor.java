package io.github.cnnlayers.onnx;

import io.github.cnnlayers.core.JavaHeap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX tensor ({@code TensorProto}): a name, dimensions, an element type and values stored in {@code raw_data}
 * (little-endian), in the typed field of its type ({@code float_data}, {@code int32_data}, {@code int64_data},
 * {@code double_data}) or in an external file beside the model. Immutable. The values stay in the file (a view of
 * the model's bytes, or the external file) until {@link #floats()} or {@link #longs()} converts them; when the
 * tensor was read, its declared size was already checked against the bytes present, so a lying header never
 * makes these methods allocate what it claims.
 */
public final class OnnxTensor {

	/** The largest array Java allocates safely. */
	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

	private final String name;
	private final OnnxDataType type;
	private final long[] dims;
	private final long elementCount;
	/** raw_data, little-endian, or null. */
	private final ByteBuffer raw;
	/** The encoded elements of the typed field, or null. */
	private final List<ByteBuffer> typed;
	private final OnnxDataType.TypedField typedField;
	/** The external data, or null. */
	private final ExternalData external;

	private OnnxTensor(String name, OnnxDataType type, long[] dims, long elementCount, ByteBuffer raw,
		List<ByteBuffer> typed, OnnxDataType.TypedField typedField, ExternalData external)
	{
		this.name = name;
		this.type = type;
		this.dims = dims;
		this.elementCount = elementCount;
		this.raw = raw;
		this.typed = typed;
		this.typedField = typedField;
		this.external = external;
	}

	/**
	 * Reads a file holding one serialized {@code TensorProto}, such as the {@code input_0.pb} of ONNX's backend
	 * test cases. External data is looked for beside the file.
	 *
	 * @param file the {@code .pb} file
	 * @return the tensor, its size checked against its data
	 * @throws OnnxFormatException naming the file and what is wrong with it
	 * @throws IOException when the file cannot be read
	 */
	public static OnnxTensor read(final Path file) throws IOException {
		ByteBuffer bytes = FileBytes.read(file);
		try {
			return decode(new ProtoReader(bytes, "TensorProto"), folderOf(file));
		}
		catch (OnnxFormatException e) {
			throw OtherFormat.notA(file.getFileName().toString(), "ONNX TensorProto", bytes, e);
		}
	}

	/** @return the folder holding the file, made absolute */
	static Path folderOf(Path file) {
		return file.toAbsolutePath().getParent();
	}

	/**
	 * Decodes a {@code TensorProto} and checks its size against the data present.
	 *
	 * @param folder the model's folder, against which external data is resolved; null if there is none
	 */
	static OnnxTensor decode(ProtoReader r, Path folder) {
		List<ByteBuffer> dimChunks = new ArrayList<>();
		long dataType = 0;
		String name = "";
		ByteBuffer raw = null;
		Map<OnnxDataType.TypedField, List<ByteBuffer>> typed = new EnumMap<>(OnnxDataType.TypedField.class);
		Map<String, String> externalEntries = new LinkedHashMap<>();
		long location = 0;
		int start = r.fieldOffset();
		while (r.next()) {
			switch (r.field()) {
				case 1:
					r.scalars("dims", ProtoReader.Scalar.VARINT_VALUES, dimChunks);
					break;
				case 2:
					dataType = r.int64("data_type");
					break;
				case 3:
					throw new OnnxFormatException("at byte " + r.fieldOffset() + ": a tensor stored in segments " +
						"(TensorProto.segment) is not supported");
				case 8:
					name = r.string("name");
					break;
				case 9:
					raw = r.bytes("raw_data");
					break;
				case 13:
					readEntry(r.message("external_data", "StringStringEntryProto"), externalEntries);
					break;
				case 14:
					location = r.int64("data_location");
					break;
				default:
					OnnxDataType.TypedField field = OnnxDataType.TypedField.ofNumber(r.field());
					if (field == null) r.skip();
					else {
						List<ByteBuffer> chunks = typed.get(field);
						if (chunks == null) typed.put(field, chunks = new ArrayList<>());
						if (field.scalar == null) chunks.add(r.bytes(field.label));
						else r.scalars(field.label, field.scalar, chunks);
					}
			}
		}
		String label = name.isEmpty() ? "a tensor at byte " + start : "tensor '" + name + "'";
		OnnxDataType type;
		try {
			type = OnnxDataType.ofCode(dataType);
		}
		catch (OnnxFormatException e) {
			throw new OnnxFormatException(label + ": " + e.getMessage());
		}
		long[] dims = decodeDims(dimChunks, label);
		long count = elementCount(dims, label);
		String declared = label + " declares dims " + Arrays.toString(dims) + " = " + count + " " + type +
			" elements";

		int sources = (raw != null ? 1 : 0) + typed.size() + (location == 1 ? 1 : 0);
		if (sources > 1)
			throw new OnnxFormatException(label + " holds its values in more than one place (" +
				placesOf(raw, typed, location) + "); ONNX allows one");
		if (location == 1) {
			ExternalData ext = ExternalData.of(externalEntries, folder, label);
			long expected = rawBytes(type, count, label);
			if (expected >= 0 && ext.length != expected)
				throw new OnnxFormatException(declared + " (" + expected + " bytes), but its external data '" +
					ext.location + "' holds " + ext.length + " bytes");
			return new OnnxTensor(name, type, dims, count, null, null, null, ext);
		}
		if (location != 0)
			throw new OnnxFormatException(label + " has data_location " + location + "; ONNX defines 0 (DEFAULT) " +
				"and 1 (EXTERNAL)");
		if (raw != null) {
			long expected = rawBytes(type, count, label);
			if (expected < 0)
				throw new OnnxFormatException(label + " is of type " + type + ", which cannot be stored in raw_data");
			if (raw.remaining() != expected)
				throw new OnnxFormatException(declared + " (" + expected + " bytes), but its raw_data holds " +
					raw.remaining() + " bytes");
			return new OnnxTensor(name, type, dims, count, raw, null, null, null);
		}
		if (!typed.isEmpty()) {
			Map.Entry<OnnxDataType.TypedField, List<ByteBuffer>> entry = typed.entrySet().iterator().next();
			OnnxDataType.TypedField field = entry.getKey();
			if (type.readsAsFloats()) {
				if (field != type.typedField())
					throw new OnnxFormatException(label + " is of type " + type + ", whose values belong in " +
						type.typedField().label + ", but it has " + field.label);
				long present = field.scalar.count(entry.getValue());
				if (present != count)
					throw new OnnxFormatException(declared + ", but its " + field.label + " holds " + present +
						" values");
			}
			return new OnnxTensor(name, type, dims, count, null, entry.getValue(), field, null);
		}
		if (count > 0 && type.readsAsFloats())
			throw new OnnxFormatException(declared + ", but holds no data (no raw_data, " +
				type.typedField().label + " or external data)");
		return new OnnxTensor(name, type, dims, count, null, null, null, null);
	}

	private static String placesOf(ByteBuffer raw, Map<OnnxDataType.TypedField, List<ByteBuffer>> typed,
		long location)
	{
		List<String> places = new ArrayList<>();
		if (raw != null) places.add("raw_data");
		for (OnnxDataType.TypedField f : typed.keySet())
			places.add(f.label);
		if (location == 1) places.add("external data");
		return String.join(", ", places);
	}

	private static long rawBytes(OnnxDataType type, long count, String label) {
		try {
			return type.rawByteCount(count);
		}
		catch (ArithmeticException e) {
			throw new OnnxFormatException(label + " declares " + count + " " + type + " elements, more bytes " +
				"than a 64-bit size can count");
		}
	}

	/** Reads one {@code StringStringEntryProto} into the map. */
	static void readEntry(ProtoReader r, Map<String, String> into) {
		String key = "";
		String value = "";
		while (r.next()) {
			if (r.field() == 1) key = r.string("key");
			else if (r.field() == 2) value = r.string("value");
			else r.skip();
		}
		into.put(key, value);
	}

	private static long[] decodeDims(List<ByteBuffer> chunks, String label) {
		long[] dims = new long[(int) ProtoReader.Scalar.VARINT_VALUES.count(chunks)];
		ProtoReader.Scalar.VARINT_VALUES.forEach(chunks, (i, v) -> dims[i] = v);
		for (long d : dims)
			if (d < 0)
				throw new OnnxFormatException(label + " has a negative dimension in " + Arrays.toString(dims));
		return dims;
	}

	private static long elementCount(long[] dims, String label) {
		long n = 1;
		try {
			for (long d : dims)
				n = Math.multiplyExact(n, d);
		}
		catch (ArithmeticException e) {
			throw new OnnxFormatException(label + " declares dims " + Arrays.toString(dims) + ", whose product " +
				"overflows 64 bits");
		}
		return n;
	}

	/** @return the tensor's name; empty if it has none */
	public String name() {
		return name;
	}

	/** @return the element type */
	public OnnxDataType dataType() {
		return type;
	}

	/** @return the dimensions, outermost first (a copy); empty for a scalar */
	public long[] dims() {
		return dims.clone();
	}

	/** @return the number of elements: the product of the dimensions (1 for a scalar) */
	public long elementCount() {
		return elementCount;
	}

	/** @return true if the values are in a file beside the model ({@code data_location = EXTERNAL}) */
	public boolean isExternal() {
		return external != null;
	}

	/**
	 * @return the values converted to float, in row-major order (the last dimension fastest); integers and
	 *         booleans become their float values
	 * @throws OnnxFormatException when the type's values cannot be read, naming the readable types
	 * @throws IllegalArgumentException when the Java heap has not room for them, saying how much is needed and free
	 *         ({@link JavaHeap#require})
	 * @throws IllegalStateException when they are more than a Java array holds
	 * @throws java.io.UncheckedIOException when external data cannot be read
	 */
	public float[] floats() {
		if (!type.readsAsFloats()) throw unreadable("floats()");
		final float[] out = new float[arrayLength(4, "float")];
		if (raw != null || external != null) {
			ByteBuffer le = rawView();
			if (type == OnnxDataType.FLOAT) le.asFloatBuffer().get(out);
			else for (int i = 0; i < out.length; i++)
				out[i] = type.toFloat(type.stored(le, i));
		}
		else if (typed != null) typedField.scalar.forEach(typed, (i, v) -> out[i] = type.toFloat(v));
		return out;
	}

	/**
	 * @return the values of an integer or boolean tensor (INT64, INT32, INT8, UINT8, BOOL as 0 or 1), in row-major
	 *         order
	 * @throws OnnxFormatException for other types, naming the types this reads
	 * @throws IllegalArgumentException when the Java heap has not room for them, saying how much is needed and free
	 *         ({@link JavaHeap#require})
	 * @throws IllegalStateException when they are more than a Java array holds
	 * @throws java.io.UncheckedIOException when external data cannot be read
	 */
	public long[] longs() {
		if (!type.readsAsLongs())
			throw new OnnxFormatException(describe() + " holds " + type + " values; longs() reads the integer " +
				"types INT64, INT32, INT8, UINT8 and BOOL (floats() reads every readable type)");
		final long[] out = new long[arrayLength(8, "long")];
		if (raw != null || external != null) {
			ByteBuffer le = rawView();
			for (int i = 0; i < out.length; i++)
				out[i] = type.toLong(type.stored(le, i));
		}
		else if (typed != null) typedField.scalar.forEach(typed, (i, v) -> out[i] = type.toLong(v));
		return out;
	}

	private OnnxFormatException unreadable(String method) {
		return new OnnxFormatException(describe() + " holds " + type + " values, which this reader cannot " +
			"convert (" + method + " reads " + OnnxDataType.readableList() + ")");
	}

	private String describe() {
		return name.isEmpty() ? "an unnamed tensor" : "tensor '" + name + "'";
	}

	/** Checks the array fits in Java and in the free heap, and returns its length. */
	private int arrayLength(int bytesPerElement, String kind) {
		if (elementCount > MAX_ARRAY)
			throw new IllegalStateException(describe() + " has " + elementCount + " elements, more than a Java " +
				"array holds (" + MAX_ARRAY + ")");
		JavaHeap.require(elementCount * (double) bytesPerElement, "the " + elementCount + " values of " + describe() +
			" as " + kind + "s", "");
		return (int) elementCount;
	}

	/** @return the little-endian bytes of raw_data or of the external data, from position 0 */
	private ByteBuffer rawView() {
		ByteBuffer b = raw != null ? raw.slice() : external.map(describe());
		return b.order(java.nio.ByteOrder.LITTLE_ENDIAN);
	}

	@Override
	public String toString() {
		return describe() + " " + type + " " + Arrays.toString(dims) + (external != null ? " (external '" +
			external.location + "')" : "");
	}
}
