package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.JavaHeap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .safetensors} file: an 8-byte little-endian header length, a JSON header mapping each tensor name to
 * its {@code dtype}, {@code shape} and {@code data_offsets} (plus an optional {@code __metadata__}), then the
 * little-endian data. The whole header is checked against the file length when the file is opened; a tensor's
 * data is read only when asked for.
 */
final class SafetensorsStore extends TensorStore {

	/** The safetensors library's own limit on the header. */
	private static final long MAX_HEADER = 100_000_000;

	/** One header entry. */
	private static final class Entry {
		final TensorInfo info;
		final ElementType type;
		final long begin;
		final long end;

		Entry(TensorInfo info, ElementType type, long begin, long end) {
			this.info = info;
			this.type = type;
			this.begin = begin;
			this.end = end;
		}
	}

	private final FileChannel channel;
	private final long dataStart;
	private final Map<String, Entry> entries = new LinkedHashMap<>();

	SafetensorsStore(Path file) throws IOException {
		super(file);
		channel = RegularFile.channel(file);
		try {
			long size = channel.size();
			ByteBuffer len = readAt(0, 8).order(ByteOrder.LITTLE_ENDIAN);
			long headerLength = len.getLong();
			if (headerLength < 2 || headerLength > size - 8)
				throw corrupt("its header length " + headerLength + " does not fit the file's " + size + " bytes");
			if (headerLength > MAX_HEADER)
				throw new IllegalArgumentException(fileName() + ": its JSON header is " + headerLength + " bytes long, " +
					"more than the " + MAX_HEADER + " bytes this reader (like the safetensors library) accepts; a header " +
					"lists names and shapes and is rarely more than a few MB: re-save the file without the bulky " +
					"__metadata__, or split it");
			dataStart = 8 + headerLength;
			JavaHeap.require(3.0 * headerLength, "Reading the JSON header of " + fileName() + " (" + headerLength +
				" bytes, then as text) would", "");
			String json = StandardCharsets.UTF_8.decode(readAt(8, (int) headerLength)).toString();
			parseHeader(json, size - dataStart);
		}
		catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	private void parseHeader(String json, long dataSize) {
		Object root;
		try {
			root = Json.parse(json);
		}
		catch (IllegalArgumentException e) {
			throw corrupt("its header is not valid JSON (" + e.getMessage() + ")");
		}
		if (!(root instanceof Map)) throw corrupt("its header is not a JSON object");
		for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
			String name = (String) e.getKey();
			if (name.equals("__metadata__")) continue;
			if (!(e.getValue() instanceof Map)) throw corrupt("header entry '" + name + "' is not an object");
			Map<?, ?> m = (Map<?, ?>) e.getValue();
			Object dtype = m.get("dtype");
			if (!(dtype instanceof String)) throw corrupt("tensor '" + name + "' has no dtype");
			int[] shape = intList(m.get("shape"), name, "shape", Integer.MAX_VALUE);
			long[] range = longPair(m.get("data_offsets"), name);
			long begin = range[0], end = range[1];
			if (begin < 0 || end < begin || end > dataSize)
				throw new IllegalArgumentException(fileName() + " is " + (end > dataSize ? "truncated" : "corrupt") +
					": tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] but the data section has " +
					dataSize + " bytes");
			ElementType type = ElementType.ofSafetensors((String) dtype);
			if (type != null) {
				long needed = Tensor.elementCount(shape) * type.bytes;
				if (needed != end - begin)
					throw corrupt("tensor '" + name + "' of shape " + Tensor.shapeText(shape) + " " + dtype +
						" needs " + needed + " bytes, but its data_offsets [" + begin + ", " + end + "] give " +
						(end - begin));
			}
			entries.put(name, new Entry(new TensorInfo(name, shape, (String) dtype), type, begin, end));
		}
		requirePacked(dataSize);
	}

	/**
	 * Checks what the format requires of the data section: the tensors' byte ranges, in offset order, follow one
	 * another without overlap or gap from byte 0, and the last one ends where the file ends.
	 *
	 * @throws IllegalArgumentException naming the two overlapping tensors, or where the gap is
	 */
	private void requirePacked(long dataSize) {
		List<Entry> byOffset = new ArrayList<>(entries.values());
		Collections.sort(byOffset, new Comparator<Entry>() {
			@Override
			public int compare(Entry a, Entry b) {
				int c = Long.compare(a.begin, b.begin);
				return c != 0 ? c : Long.compare(a.end, b.end);
			}
		});
		Entry previous = null;
		long covered = 0;
		for (Entry e : byOffset) {
			if (e.begin < covered)
				throw corrupt("tensors '" + previous.info.name() + "' " + range(previous) + " and '" + e.info.name() +
					"' " + range(e) + " overlap; the format requires every tensor's bytes to be its own, packed " +
					"without overlap or gap");
			if (e.begin > covered)
				throw corrupt("bytes [" + covered + ", " + e.begin + "] of its data section belong to no tensor (a gap " +
					(previous == null ? "before the first tensor '" : "between '" + previous.info.name() + "' and '") +
					e.info.name() + "'); the format requires tensors packed without overlap or gap");
			covered = e.end;
			previous = e;
		}
		if (covered != dataSize)
			throw corrupt("its data section has " + dataSize + " bytes, but its tensors cover only " + covered +
				(previous == null ? "" : " (the last, '" + previous.info.name() + "', ends there)") +
				"; the format requires the tensors to cover the data section exactly");
	}

	private static String range(Entry e) {
		return "[" + e.begin + ", " + e.end + "]";
	}

	private int[] intList(Object value, String name, String key, long max) {
		if (!(value instanceof List)) throw corrupt("tensor '" + name + "' has no " + key + " list");
		List<?> list = (List<?>) value;
		int[] out = new int[list.size()];
		for (int i = 0; i < out.length; i++) {
			Object v = list.get(i);
			if (!(v instanceof Long) || (Long) v < 0 || (Long) v > max)
				throw corrupt("tensor '" + name + "' has a bad " + key + " " + list);
			out[i] = (int) (long) (Long) v;
		}
		return out;
	}

	private long[] longPair(Object value, String name) {
		if (!(value instanceof List) || ((List<?>) value).size() != 2 ||
			!(((List<?>) value).get(0) instanceof Long) || !(((List<?>) value).get(1) instanceof Long))
			throw corrupt("tensor '" + name + "' has no data_offsets [begin, end]");
		List<?> list = (List<?>) value;
		return new long[] { (Long) list.get(0), (Long) list.get(1) };
	}

	@Override
	List<TensorInfo> list() {
		List<TensorInfo> list = new ArrayList<>();
		for (Entry e : entries.values())
			list.add(e.info);
		return Collections.unmodifiableList(list);
	}

	@Override
	Tensor read(String name) throws IOException {
		Entry e = entries.get(name);
		if (e == null) throw noSuchTensor(name, list());
		if (e.type == null)
			throw new IllegalArgumentException("Tensor '" + name + "' in " + fileName() + " has unsupported dtype " +
				e.info.dtype() + "; allowed are " + ElementType.SAFETENSORS_ALLOWED);
		long n = Tensor.elementCount(e.info.shape());
		if (e.end - e.begin > NpyReader.MAX_ARRAY)
			throw new IllegalArgumentException("Tensor '" + name + "' in " + fileName() + " is too large (" +
				(e.end - e.begin) + " bytes)");
		requireMemoryFor(fileName() + ": " + name, e.info.shape(), e.info.dtype(), e.end - e.begin);
		float[] data = new float[(int) n];
		e.type.decode(readAt(dataStart + e.begin, (int) (e.end - e.begin)), ByteOrder.LITTLE_ENDIAN, data);
		return new Tensor(name, e.info.shape(), data, e.info.dtype(), true);
	}

	private ByteBuffer readAt(long position, int length) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(length);
		while (b.hasRemaining()) {
			if (channel.read(b, position + b.position()) < 0)
				throw new IllegalArgumentException(fileName() + " is truncated: it ends at byte " +
					(position + b.position()) + ", " + b.remaining() + " bytes early");
		}
		b.flip();
		return b;
	}

	private IllegalArgumentException corrupt(String why) {
		return new IllegalArgumentException(fileName() + " is not a valid safetensors file: " + why);
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
