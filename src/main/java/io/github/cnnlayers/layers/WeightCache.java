package io.github.cnnlayers.layers;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.github.cnnlayers.weights.BatchNormWeights;
import io.github.cnnlayers.core.ConvWeights;
import io.github.cnnlayers.weights.WeightFile;

/**
 * The weights last read, by file (absolute path, size, modification time) and tensor: a dialog builds a
 * spec on every change of a field, and reads a weight file only when the file or the tensor changed. A
 * changed file (new size or time) is read again. Entries are soft: the heap may drop them, and only the
 * last few are kept.
 */
public final class WeightCache {

	/** Entries kept at most: the files of one dialog session (weights and biases) */
	private static final int ENTRIES = 4;

	private static final Map<List<Object>, SoftReference<Object>> CACHE = new LinkedHashMap<>(8, 0.75f, true);
	private static final AtomicLong READS = new AtomicLong();

	private WeightCache() {}

	/**
	 * @return the number of weight files read (cache misses) since the JVM started, for tests that count
	 *         reads
	 */
	public static long reads() {
		return READS.get();
	}

	/**
	 * @param file the weight file, as the user gave it
	 * @param tensor its tensor or layer name, or {@code null}
	 * @param biases a bias file, or {@code null}
	 * @param command the command's name for messages
	 * @return the convolution weights, read once per file version
	 * @throws IllegalArgumentException as {@link WeightFile#convolution}, or for an invalid path
	 */
	static ConvWeights convolution(final String file, final String tensor, final String biases, final String command) {
		final Path path = path(file, "weights", command);
		final Path bias = biases == null ? null : path(biases, "biases", command);
		return get(Arrays.asList("conv", version(path), String.valueOf(tensor), bias == null ? "" : version(bias)),
			() -> WeightFile.convolution(path, tensor, bias));
	}

	/**
	 * @param file the weight file, as the user gave it
	 * @param tensor its layer name, or {@code null}
	 * @param command the command's name for messages
	 * @return the batch norm weights, read once per file version
	 * @throws IllegalArgumentException as {@link WeightFile#batchNorm}, or for an invalid path
	 */
	static BatchNormWeights batchNorm(final String file, final String tensor, final String command) {
		final Path path = path(file, "weights", command);
		return get(Arrays.asList("batch norm", version(path), String.valueOf(tensor)), () -> WeightFile.batchNorm(path, tensor));
	}

	/**
	 * A layer's tensors read by {@code reader}, once per version of the file (and of the bias file).
	 *
	 * @param kind what is read, e.g. {@code "transposed convolution"}: part of the cache key
	 * @param file the weight file, as the user gave it
	 * @param tensor its layer name, or {@code null}
	 * @param biases a bias file, or {@code null}
	 * @param command the command's name for messages
	 * @param reader reads the weight file (and the bias file, or {@code null})
	 * @param <T> what it reads
	 * @return what the reader gave for this version of the files
	 * @throws IllegalArgumentException as the reader, or for an invalid path
	 */
	static <T> T layer(final String kind, final String file, final String tensor, final String biases, final String command,
		final BiFunction<Path, Path, T> reader)
	{
		final Path path = path(file, "weights", command);
		final Path bias = biases == null ? null : path(biases, "biases", command);
		return get(Arrays.asList(kind, version(path), String.valueOf(tensor), bias == null ? "" : version(bias)),
			() -> reader.apply(path, bias));
	}

	/**
	 * @param file a model file, as the user gave it
	 * @param command the command's name for messages
	 * @param read how its format reads it
	 * @param <T> what it reads
	 * @return the model, read once per file version
	 * @throws IllegalArgumentException from {@code read}, or for an invalid path
	 */
	static <T> T model(final String file, final String command, final java.util.function.Function<Path, T> read) {
		final Path path = path(file, "model", command);
		return get(Arrays.asList("model", version(path)), () -> read.apply(path));
	}

	private static Path path(final String file, final String key, final String command) {
		try {
			return Paths.get(file);
		}
		catch (final InvalidPathException e) {
			throw new IllegalArgumentException(command + ": " + key + "=" + file + " is not a valid path");
		}
	}

	/** @return what identifies a version of a file: its absolute path, size and modification time (null when unreadable) */
	private static List<Object> version(final Path file) {
		final List<Object> v = new ArrayList<>(3);
		v.add(file.toAbsolutePath().normalize().toString());
		try {
			final BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
			v.add(a.size());
			v.add(a.lastModifiedTime().toMillis());
		}
		catch (final IOException e) {
			v.add(null); // the reader says what is wrong, and nothing is cached for a missing file
		}
		return v;
	}

	/** @return the value cached under {@code key}, else what {@code read} reads (cached unless a file's version is unknown) */
	@SuppressWarnings("unchecked")
	private static <T> T get(final List<Object> key, final Supplier<T> read) {
		boolean cacheable = true;
		for (final Object part : key)
			if (part instanceof List && ((List<Object>) part).contains(null))
				cacheable = false;
		synchronized (CACHE) {
			final SoftReference<Object> ref = cacheable ? CACHE.get(key) : null;
			final Object hit = ref == null ? null : ref.get();
			if (hit != null)
				return (T) hit;
		}
		READS.incrementAndGet();
		final T value = read.get();
		if (cacheable)
			synchronized (CACHE) {
				CACHE.put(key, new SoftReference<>(value));
				for (final Iterator<?> it = CACHE.keySet().iterator(); CACHE.size() > ENTRIES && it.hasNext();) {
					it.next();
					it.remove();
				}
			}
		return value;
	}
}
