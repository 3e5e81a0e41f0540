package io.github.cnnlayers.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the reader must refuse, each with a message naming the problem (fixtures made by the Python script). */
class BadOnnxFilesTest {

	private static final Path BAD = OnnxFixturesTest.READER.resolve("bad");

	@TempDir
	Path temp;

	private static String refusal(Path file) {
		return assertThrows(OnnxFormatException.class, () -> OnnxModel.read(file)).getMessage();
	}

	@Test
	void aTruncatedModelNamesTheOffset() {
		assertEquals("truncated.onnx is truncated or not an ONNX model: at byte 19: graph (field 7 of ModelProto) " +
			"declares 1006 bytes, but only 494 remain in the file", refusal(BAD.resolve("truncated.onnx")));
	}

	@Test
	void aTensorDeclaringTwoGigabytesInATinyFileIsRefusedAtLoad() {
		assertEquals("lying_dims.onnx is not a readable ONNX model: tensor 'huge' declares dims [536870912] = " +
			"536870912 FLOAT elements (2147483648 bytes), but its raw_data holds 16 bytes",
			refusal(BAD.resolve("lying_dims.onnx")));
		assertEquals("lying_typed.onnx is not a readable ONNX model: tensor 'short' declares dims [1000] = 1000 " +
			"FLOAT elements, but its float_data holds 3 values", refusal(BAD.resolve("lying_typed.onnx")));
	}

	@Test
	void graphFaultsNameTheNodes() {
		assertEquals("cycle.onnx: the graph has a cycle, each node reading an output of the one before: " +
			"node 'second' (Relu) -> node 'first' (Add) -> node 'second' (Relu)", refusal(BAD.resolve("cycle.onnx")));
		assertEquals("missing_initializer.onnx: node 'conv1' (Conv) reads 'conv.weight', which no node, input or " +
			"initializer makes (a missing initializer?)", refusal(BAD.resolve("missing_initializer.onnx")));
		assertEquals("duplicate_output.onnx: node 'a' (Relu) and node 'b' (Neg) both make 'y'; every value must be " +
			"made once", refusal(BAD.resolve("duplicate_output.onnx")));
	}

	@Test
	void filesOfOtherFormatsAreNamed() {
		assertTrue(refusal(BAD.resolve("text.onnx")).startsWith("text.onnx is not an ONNX model: it is a text " +
			"file, starting \"This is not a model.\\nJust some notes abo...\" (at byte 0: "));
		assertTrue(refusal(BAD.resolve("image.onnx")).startsWith("image.onnx is not an ONNX model: it is a PNG " +
			"image (at byte "));
		assertTrue(refusal(BAD.resolve("checkpoint.onnx")).startsWith("checkpoint.onnx is not an ONNX model: it " +
			"is a zip archive (a PyTorch .pt/.pth checkpoint or a Keras 3 .keras file? Export the network with " +
			"torch.onnx.export) (at byte "));
	}

	@Test
	void externalDataOutsideTheModelsFolderIsRefused() {
		Path ext = BAD.resolve("external");
		String folder = ext.toAbsolutePath().toString();
		assertEquals("escape.onnx is not a readable ONNX model: tensor 'w': its external data '../secret.bin' leads " +
			"out of the model's folder with '..'; external data must lie in the model's folder (" + folder + ")",
			refusal(ext.resolve("escape.onnx")));
		assertEquals("absolute.onnx is not a readable ONNX model: tensor 'w': its external data '/etc/hostname' is " +
			"an absolute path; external data must lie in the model's folder (" + folder + "), named relative to it",
			refusal(ext.resolve("absolute.onnx")));
		assertEquals("beyond.onnx is not a readable ONNX model: tensor 'w': its external data 'short.bin' declares " +
			"16 bytes from offset 4, beyond the file's 8 bytes", refusal(ext.resolve("beyond.onnx")));
		assertTrue(refusal(ext.resolve("missing.onnx")).contains("tensor 'w': its external data 'nowhere.bin' does " +
			"not exist: expected "));
		assertTrue(refusal(ext.resolve("folder.onnx")).contains("tensor 'w': its external data 'subfolder' is not a " +
			"regular file"));
	}

	@Test
	void aLinkLeadingOutOfTheFolderIsRefused() throws IOException {
		Path models = Files.createDirectories(temp.resolve("models"));
		Path outside = Files.write(temp.resolve("outside.bin"), new byte[4]);
		Files.copy(BAD.resolve("external/missing.onnx"), models.resolve("m.onnx"));
		Files.createSymbolicLink(models.resolve("nowhere.bin"), outside);
		assertTrue(refusal(models.resolve("m.onnx")).contains("tensor 'w': its external data 'nowhere.bin' is a " +
			"link leading out of the model's folder"));
	}

	@Test
	void externalDataThatShrankAfterLoadingIsReportedWhenRead() throws IOException {
		Path ext = OnnxFixturesTest.READER.resolve("external");
		Files.copy(ext.resolve("model.onnx"), temp.resolve("model.onnx"));
		Path weights = Files.copy(ext.resolve("weights.bin"), temp.resolve("weights.bin"));
		OnnxModel model = OnnxModel.read(temp.resolve("model.onnx"));
		try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
			f.setLength(10);
		}
		OnnxTensor w = model.graph().initializers().get("w");
		String message = assertThrows(OnnxFormatException.class, w::floats).getMessage();
		assertTrue(message.startsWith("tensor 'w': its external data file "), message);
		assertTrue(message.endsWith(" now holds 10 bytes; it held 216 or more when the model was read"), message);
	}

	@Test
	void emptyFilesFoldersAndFilesOverTwoGigabytesAreRefused() throws IOException {
		assertEquals("empty.onnx is not an ONNX model: the file is empty",
			refusal(Files.write(temp.resolve("empty.onnx"), new byte[0])));
		assertEquals("folder.onnx is a folder, not an ONNX file",
			refusal(Files.createDirectory(temp.resolve("folder.onnx"))));
		Path huge = temp.resolve("huge.onnx");
		try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
			f.setLength(Integer.MAX_VALUE + 1L); // sparse: no disk used
		}
		assertEquals("huge.onnx holds 2147483648 bytes, more than the 2 GiB (2147483647 bytes) a protobuf file may " +
			"hold; a larger model must keep its weights as external data " +
			"(onnx.save_model(..., save_as_external_data=True))", refusal(huge));
	}

	@Test
	void aModelWithoutAGraphIsNotAModel() throws IOException {
		Path file = Files.write(temp.resolve("nograph.onnx"), new ProtoBytes().int64(1, 8).toByteArray());
		assertEquals("nograph.onnx is not a readable ONNX model: it has no graph (ModelProto field 7)", refusal(file));
	}

	@Test
	void nestedSubgraphsAreBounded() throws IOException {
		ProtoBytes graph = new ProtoBytes().string(2, "leaf");
		for (int k = 0; k < 30; k++) // graph -> node -> attribute -> graph: 3 levels each
			graph = new ProtoBytes().message(1, new ProtoBytes().string(4, "If").message(5,
				new ProtoBytes().string(1, "then_branch").int64(20, 5).message(6, graph)));
		Path file = Files.write(temp.resolve("deep.onnx"), ProtoBytes.model(graph).toByteArray());
		assertTrue(refusal(file).contains("messages are nested more than 64 deep"));
	}
}
