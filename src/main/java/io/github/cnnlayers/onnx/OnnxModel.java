package io.github.cnnlayers.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX model file ({@code ModelProto}) read in pure Java: its IR version, producer, operator set versions by
 * domain, metadata and main graph, which was checked by {@link OnnxGraph#validate()} when read. Immutable.
 * Weights stay in the file (mapped, for files over 16 MB) until a tensor's values are asked for.
 */
public final class OnnxModel {

	/** The operator set domain of ONNX's own operators, also written as "". */
	public static final String DEFAULT_DOMAIN = "ai.onnx";

	private final long irVersion;
	private final String producerName;
	private final String producerVersion;
	private final String domain;
	private final long modelVersion;
	private final Map<String, Long> opsetImports;
	private final Map<String, String> metadata;
	private final OnnxGraph graph;

	private OnnxModel(long irVersion, String producerName, String producerVersion, String domain, long modelVersion,
		Map<String, Long> opsetImports, Map<String, String> metadata, OnnxGraph graph)
	{
		this.irVersion = irVersion;
		this.producerName = producerName;
		this.producerVersion = producerVersion;
		this.domain = domain;
		this.modelVersion = modelVersion;
		this.opsetImports = opsetImports;
		this.metadata = metadata;
		this.graph = graph;
	}

	/**
	 * Reads and checks a model. Tensors with external data are looked for in the model's folder only.
	 *
	 * @param file the {@code .onnx} file
	 * @return the model, its graph checked by {@link OnnxGraph#validate()}
	 * @throws OnnxFormatException naming the file and the problem: not an ONNX model (and what it is instead,
	 *         when recognised), truncated (with the byte offset), a tensor whose declared size does not match its
	 *         data, external data outside the model's folder, or a graph that cannot run
	 * @throws IOException when the file cannot be read
	 */
	public static OnnxModel read(final Path file) throws IOException {
		ByteBuffer bytes = FileBytes.read(file);
		OnnxModel model;
		try {
			model = decode(new ProtoReader(bytes, "ModelProto"), OnnxTensor.folderOf(file));
		}
		catch (OnnxFormatException e) {
			throw OtherFormat.notA(file.getFileName().toString(), "ONNX model", bytes, e);
		}
		try {
			model.graph.validate();
		}
		catch (OnnxFormatException e) {
			throw new OnnxFormatException(file.getFileName() + ": " + e.getMessage());
		}
		return model;
	}

	/** Decodes a {@code ModelProto}; it must have an IR version and a graph. */
	static OnnxModel decode(ProtoReader r, Path folder) {
		long irVersion = -1;
		String producerName = "";
		String producerVersion = "";
		String domain = "";
		long modelVersion = 0;
		Map<String, Long> opsets = new LinkedHashMap<>();
		Map<String, String> metadata = new LinkedHashMap<>();
		OnnxGraph graph = null;
		while (r.next()) {
			switch (r.field()) {
				case 1:
					irVersion = r.int64("ir_version");
					break;
				case 2:
					producerName = r.string("producer_name");
					break;
				case 3:
					producerVersion = r.string("producer_version");
					break;
				case 4:
					domain = r.string("domain");
					break;
				case 5:
					modelVersion = r.int64("model_version");
					break;
				case 7:
					graph = OnnxGraph.decode(r.message("graph", "GraphProto"), folder);
					break;
				case 8:
					readOpset(r.message("opset_import", "OperatorSetIdProto"), opsets);
					break;
				case 14:
					OnnxTensor.readEntry(r.message("metadata_props", "StringStringEntryProto"), metadata);
					break;
				default:
					r.skip();
			}
		}
		if (graph == null)
			throw new OnnxFormatException("it has no graph (ModelProto field 7)" + (irVersion < 0 ?
				" and no IR version (field 1)" : ""));
		if (irVersion < 1)
			throw new OnnxFormatException("it has no IR version (ModelProto field 1)");
		return new OnnxModel(irVersion, producerName, producerVersion, domain, modelVersion,
			Collections.unmodifiableMap(opsets), Collections.unmodifiableMap(metadata), graph);
	}

	private static void readOpset(ProtoReader r, Map<String, Long> into) {
		String opsetDomain = "";
		long version = 0;
		while (r.next()) {
			if (r.field() == 1) opsetDomain = r.string("domain");
			else if (r.field() == 2) version = r.int64("version");
			else r.skip();
		}
		into.put(opsetDomain, version);
	}

	/** @return the IR version (the file format's version; 8 for ONNX 1.12 and 1.13) */
	public long irVersion() {
		return irVersion;
	}

	/** @return the producer, e.g. {@code pytorch}; may be empty */
	public String producerName() {
		return producerName;
	}

	/** @return the producer's version; may be empty */
	public String producerVersion() {
		return producerVersion;
	}

	/** @return the model's domain; may be empty */
	public String domain() {
		return domain;
	}

	/** @return the model's version; 0 if not given */
	public long modelVersion() {
		return modelVersion;
	}

	/** @return the operator set version of each imported domain, as the file names them (unmodifiable) */
	public Map<String, Long> opsetImports() {
		return opsetImports;
	}

	/**
	 * @param opsetDomain a domain; "" and {@value #DEFAULT_DOMAIN} both mean ONNX's own operators
	 * @return the imported operator set version of the domain, or -1 if the model does not import it
	 */
	public long opsetVersion(String opsetDomain) {
		boolean onnx = opsetDomain.isEmpty() || opsetDomain.equals(DEFAULT_DOMAIN);
		for (Map.Entry<String, Long> e : opsetImports.entrySet()) {
			boolean entryOnnx = e.getKey().isEmpty() || e.getKey().equals(DEFAULT_DOMAIN);
			if (onnx ? entryOnnx : e.getKey().equals(opsetDomain)) return e.getValue();
		}
		return -1;
	}

	/** @return the metadata key/value pairs ({@code metadata_props}, unmodifiable) */
	public Map<String, String> metadata() {
		return metadata;
	}

	/** @return the main graph, checked */
	public OnnxGraph graph() {
		return graph;
	}

	/** @return e.g. {@code ONNX model (IR 8, pytorch 1.13, opsets {=13}): graph 'torch_jit': 5 nodes, ...} */
	@Override
	public String toString() {
		return "ONNX model (IR " + irVersion + ", " + producerName + " " + producerVersion + ", opsets " +
			opsetImports + "): " + graph;
	}
}
