package io.github.cnnlayers.weights;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** A {@code .npz} file: a zip (stored or deflated) of {@code .npy} arrays, named by their entry without {@code .npy}. */
final class NpzStore extends TensorStore {

	/** Deflate cannot shrink data more than about 1032 times. */
	private static final long MAX_DEFLATE_RATIO = 1100;

	private final ZipFile zip;
	private final List<ZipEntry> entries = new ArrayList<>();

	NpzStore(Path file) throws IOException {
		super(file);
		try {
			zip = RegularFile.zip(file);
		}
		catch (ZipException e) {
			throw new IllegalArgumentException(fileName() + " is not a valid NumPy .npz file: corrupt zip archive (" +
				e.getMessage() + ")", e);
		}
		for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
			ZipEntry e = en.nextElement();
			if (!e.isDirectory() && e.getName().endsWith(".npy")) entries.add(e);
		}
	}

	private static String tensorName(ZipEntry e) {
		return e.getName().substring(0, e.getName().length() - ".npy".length());
	}

	@Override
	List<TensorInfo> list() throws IOException {
		List<TensorInfo> list = new ArrayList<>();
		for (ZipEntry e : entries)
			try (InputStream in = open(e)) {
				NpyReader.Header h = NpyReader.readHeader(in, where(e), e.getSize());
				list.add(new TensorInfo(tensorName(e), h.shape, h.descr));
			}
		return Collections.unmodifiableList(list);
	}

	@Override
	Tensor read(String name) throws IOException {
		for (ZipEntry e : entries)
			if (tensorName(e).equals(name)) {
				long maxData = e.getCompressedSize() >= 0 ? e.getCompressedSize() * MAX_DEFLATE_RATIO :
					Files.size(file) * MAX_DEFLATE_RATIO;
				try (InputStream in = open(e)) {
					return NpyReader.read(in, name, where(e), e.getSize(), maxData);
				}
				catch (ZipException ex) {
					throw new IllegalArgumentException(where(e) + " is corrupt: " + ex.getMessage(), ex);
				}
			}
		throw noSuchTensor(name, list());
	}

	private InputStream open(ZipEntry e) throws IOException {
		return new BufferedInputStream(zip.getInputStream(e));
	}

	private String where(ZipEntry e) {
		return fileName() + ": " + e.getName();
	}

	@Override
	public void close() throws IOException {
		zip.close();
	}
}
