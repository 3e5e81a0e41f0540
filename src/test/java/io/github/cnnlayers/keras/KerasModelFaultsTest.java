package io.github.cnnlayers.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.cnnlayers.network.Shape;

/**
 * Untrusted Keras models: crafted .keras archives (unet.keras with its config.json edited, its weights kept) stop
 * with messages naming the problem.
 */
class KerasModelFaultsTest {

	@TempDir
	Path dir;

	/** unet.keras with its config.json changed by {@code edit}; null drops the config. */
	private Path craft(final UnaryOperator<String> edit) throws IOException {
		final Path out = dir.resolve("crafted.keras");
		try (ZipFile zip = new ZipFile(KerasModelTest.fixture("unet.keras").toFile());
			OutputStream file = Files.newOutputStream(out);
			ZipOutputStream z = new ZipOutputStream(file))
		{
			for (final Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
				final ZipEntry e = en.nextElement();
				byte[] bytes = read(zip.getInputStream(e));
				if (e.getName().equals("config.json")) {
					if (edit == null) continue;
					final String before = new String(bytes, StandardCharsets.UTF_8);
					final String after = edit.apply(before);
					assertTrue(!after.equals(before), "the edit changed nothing");
					bytes = after.getBytes(StandardCharsets.UTF_8);
				}
				z.putNextEntry(new ZipEntry(e.getName()));
				z.write(bytes);
				z.closeEntry();
			}
		}
		return out;
	}

	private static byte[] read(final InputStream in) throws IOException {
		try (InputStream i = in) {
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			final byte[] buffer = new byte[8192];
			for (int n; (n = i.read(buffer)) > 0;)
				out.write(buffer, 0, n);
			return out.toByteArray();
		}
	}

	/** Replaces the first {@code from} after {@code anchor}. */
	private static String after(final String text, final String anchor, final String from, final String to) {
		final int a = text.indexOf(anchor);
		assertTrue(a >= 0, anchor);
		final int i = text.indexOf(from, a);
		assertTrue(i >= 0, from);
		return text.substring(0, i) + to + text.substring(i + from.length());
	}

	private String message(final Path file) {
		return assertThrows(IllegalArgumentException.class, () -> KerasModel.read(file).network(new Shape(1, 16, 16)))
			.getMessage();
	}

	@Test
	void theUncraftedCopyRuns() throws IOException {
		final Path same = craft(s -> s.replace("\"name\": \"unet\"", "\"name\": \"unet2\""));
		assertEquals("unet2", KerasModel.read(same).name());
		KerasModel.read(same).network(new Shape(1, 16, 16));
	}

	@Test
	void anUnsupportedLayerIsNamedWithTheSupportedList() throws IOException {
		final String m = message(craft(s -> s.replace("\"class_name\": \"Add\"", "\"class_name\": \"Subtract\"")));
		assertTrue(m.contains("'add'") && m.contains("Keras Subtract") && m.contains("supported: InputLayer, Conv2D"), m);
	}

	@Test
	void aReferenceToAMissingLayerIsNamed() throws IOException {
		final String m = message(craft(s -> s.replace("\"keras_history\": [\"enc1b\", 0, 0]",
			"\"keras_history\": [\"nowhere\", 0, 0]")));
		assertTrue(m.contains("'nowhere', which is no layer") && m.contains("enc1b"), m);
	}

	@Test
	void aMissingOutputLayerIsNamed() throws IOException {
		final String m = message(craft(s -> s.replace("\"output_layers\": [[\"out\", 0, 0]]",
			"\"output_layers\": [[\"gone\", 0, 0]]")));
		assertTrue(m.contains("outputs name 'gone', which is no layer"), m);
	}

	@Test
	void aCycleIsRefused() throws IOException {
		// enc1 reads dec1, which (through the decoder) reads enc1
		final String m = message(craft(s -> s.replace("\"keras_history\": [\"input_layer\", 0, 0]",
			"\"keras_history\": [\"dec1\", 0, 0]")));
		assertTrue(m.contains("form a cycle"), m);
	}

	@Test
	void aKernelOfAnotherShapeThanTheConfigSaysIsRefused() throws IOException {
		final String m = message(craft(s -> after(s, "\"name\": \"enc2\"", "\"filters\": 8", "\"filters\": 6")));
		assertTrue(m.contains("Conv2D 'enc2'") && m.contains("[3, 3, 4, 8]") && m.contains("[3, 3, 4, 6]"), m);
	}

	@Test
	void weightsOtherThanTheConfigSaysAreRefused() throws IOException {
		final String m = message(craft(s -> after(s, "\"name\": \"enc1\"", "\"use_bias\": true", "\"use_bias\": false")));
		assertTrue(m.contains("Conv2D 'enc1'") && m.contains("2 variables") && m.contains("config says 1 (kernel)"), m);
	}

	@Test
	void anotherChannelCountThanTheInputDeclaresIsRefused() {
		final KerasModel model = KerasModel.read(KerasModelTest.fixture("unet.keras"));
		final String m = assertThrows(IllegalArgumentException.class, () -> model.network(new Shape(3, 16, 16))).getMessage();
		assertTrue(m.contains("takes 1 input channel") && m.contains("input has 3"), m);
	}

	@Test
	void aWeightsOnlyArchiveIsNoModel() throws IOException {
		final String m = message(craft(null));
		assertTrue(m.contains("holds weights only") && m.contains("config.json"), m);
	}

	@Test
	void aFileOfAnotherFormatIsNoModel() {
		final String m = message(KerasModelTest.fixture("unet_input.npy"));
		assertTrue(m.contains("not a Keras model"), m);
	}

	@Test
	void anActivationNotSupportedIsNamed() throws IOException {
		final String m = message(craft(s -> after(s, "\"name\": \"out\"", "\"activation\": \"sigmoid\"",
			"\"activation\": \"selu\"")));
		assertTrue(m.contains("Conv2D 'out'") && m.contains("'selu'") && m.contains("supported: linear, relu"), m);
	}

	@Test
	void concatenationOverAnotherAxisThanChannelsIsRefused() throws IOException {
		final String m = message(craft(s -> after(s, "\"name\": \"cat1\"", "\"axis\": -1", "\"axis\": 1")));
		assertTrue(m.contains("Concatenate 'cat1'") && m.contains("axis 1") && m.contains("not the channel axis"), m);
	}

	@Test
	void aKeras2WeightTheConfigNamesIsMissing() {
		final String m = assertThrows(IllegalArgumentException.class,
			() -> KerasModel.read(KerasModelTest.fixture("bad_no_bias.h5"))).getMessage();
		assertTrue(m.contains("bad_no_bias.h5") && m.contains("Dense 'dense' has no weight 'bias'") &&
			m.contains("dense/kernel"), m);
	}

	@Test
	void aKeras2LayerWithoutItsWeightsIsNamed() {
		final String m = assertThrows(IllegalArgumentException.class,
			() -> KerasModel.read(KerasModelTest.fixture("bad_no_group.h5"))).getMessage();
		assertTrue(m.contains("holds no weights of Conv2D 'conv2d' (it needs kernel, bias)"), m);
	}
}
