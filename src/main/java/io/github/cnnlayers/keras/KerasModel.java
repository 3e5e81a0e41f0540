package io.github.cnnlayers.keras;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.NetworkModel;
import io.github.cnnlayers.network.Shape;
import io.github.cnnlayers.weights.KerasModelFile;
import io.github.cnnlayers.weights.Tensor;

/**
 * A Keras model read from a Keras 2 {@code model.save} {@code .h5} file or a Keras 3 {@code .keras} archive: its
 * layers (Sequential or Functional, from {@code model_config} or {@code config.json}) with their weights, and for
 * a concrete input shape the same computation as a {@link Network} of core layers. The file is read once, by
 * {@link #read}; the model is immutable and may build networks from any thread.
 * <p>
 * A model file is untrusted: every problem (an unsupported layer class, a config naming a missing layer, weights
 * missing or of the wrong shape, a cycle) stops with an {@link IllegalArgumentException} naming it.
 */
public final class KerasModel implements NetworkModel {

	/** The model classes read. */
	private static final String MODEL_CLASSES = "Sequential, Functional (Model)";

	private final String fileName;
	private final String name;
	private final String className;
	private final DataFormat format;
	/** The layers by name, in the config's order, with the input layer. */
	private final Map<String, KerasLayer> layers;
	/** The name of the input layer. */
	private final String input;
	/** The input's declared {C, H, W, D}, 0 where unknown (D 1 for images). */
	private final long[] declaredInput;
	private final List<KerasLayer.Ref> outputs;
	/** Whether the model takes volumes (an input of rank 5, or 3D layers): a 3D network. */
	private final boolean volumes;
	/** What each output is, known from the config alone. */
	private final List<Outline> outlines = new ArrayList<>();

	/** What a tensor is without sizes: its Keras rank and the network tensor that carries it. */
	private static final class Outline {
		final int rank;
		final String node;

		Outline(int rank, String node) {
			this.rank = rank;
			this.node = node;
		}
	}

	/** How a layer's output is made from its inputs' values. */
	private interface Evaluation<T> {
		T apply(KerasLayer layer, List<T> inputs);
	}

	private KerasModel(String fileName, String name, String className, DataFormat format, Map<String, KerasLayer> layers,
		String input, long[] declaredInput, boolean volumes, List<KerasLayer.Ref> outputs)
	{
		this.volumes = volumes;
		this.fileName = fileName;
		this.name = name;
		this.className = className;
		this.format = format;
		this.layers = layers;
		this.input = input;
		this.declaredInput = declaredInput;
		this.outputs = outputs;
	}

	/**
	 * Reads a Keras model file: its config and every layer's weights.
	 *
	 * @param file a {@code .h5}/{@code .hdf5} of Keras 2 {@code model.save} or a Keras 3 {@code .keras}
	 * @return the model, its weights read
	 * @throws IllegalArgumentException when the file cannot be read, is not a supported model, or its config and
	 *                                  weights do not agree, naming the problem
	 */
	public static KerasModel read(Path file) {
		try (KerasModelFile f = KerasModelFile.open(file)) {
			return parse(f);
		}
		catch (IllegalArgumentException e) {
			String where = String.valueOf(file.getFileName());
			throw e.getMessage() != null && e.getMessage().contains(where) ? e :
				new IllegalArgumentException(where + ": " + e.getMessage(), e);
		}
	}

	/** @return the model's name in its config */
	public String name() {
		return name;
	}

	/** The file's name. */
	@Override
	public String source() {
		return fileName;
	}

	/** @return the number of layers, the input layer included */
	public int layerCount() {
		return layers.size();
	}

	/** Whether the model is a 3D network: its input is of rank 5 [N, D, H, W, C] (or [N, C, D, H, W]). */
	@Override
	public boolean takesVolumes() {
		return volumes;
	}

	/** The channels the model's input declares, or -1 when it does not say. */
	@Override
	public int inputChannels() {
		return declaredInput[0] > 0 ? (int) declaredInput[0] : -1;
	}

	/**
	 * The network's output tensors, in the order of the model's outputs: each named after the layer that makes it
	 * (a layer that computes nothing, such as a last Dropout, passes on its input's name).
	 */
	@Override
	public List<String> outputs() {
		List<String> out = new ArrayList<>();
		for (Outline o : outlines)
			if (!out.contains(o.node)) out.add(o.node);
		return out;
	}

	/** Whether an output is a vector per sample (Keras rank 2), held as K x 1 x 1 (x 1). */
	@Override
	public boolean isVector(String output) {
		for (Outline o : outlines)
			if (o.node.equals(output)) return o.rank == 2;
		throw new IllegalArgumentException("'" + output + "' is no output of " + fileName + "; its outputs: " +
			String.join(", ", outputs()));
	}

	/** The model: file, class, name, input, layers by class, parameters, outputs. */
	@Override
	public String describe() {
		Map<String, Integer> classes = new LinkedHashMap<>();
		long parameters = 0;
		for (KerasLayer l : layers.values()) {
			Integer n = classes.get(l.type.className());
			classes.put(l.type.className(), n == null ? 1 : n + 1);
			for (Tensor t : l.weights)
				parameters += t.size();
		}
		StringBuilder sb = new StringBuilder();
		sb.append("Keras ").append(className).append(" '").append(name).append("' (").append(fileName).append("), ")
			.append(format).append('\n');
		sb.append("input '").append(input).append("': ").append(declaredInput[0] > 0 ? declaredInput[0] + " channels" :
			"any channels");
		if (declaredInput[1] > 0 && declaredInput[2] > 0)
			sb.append(", declared ").append(declaredInput[2]).append(" x ").append(declaredInput[1])
				.append(volumes && declaredInput[3] > 0 ? " x " + declaredInput[3] : "");
		if (volumes) sb.append(", volumes (a 3D network: Z is its depth)");
		sb.append('\n').append(layers.size()).append(" layers:");
		for (Map.Entry<String, Integer> e : classes.entrySet())
			sb.append(' ').append(e.getKey()).append(" x").append(e.getValue()).append(',');
		sb.setLength(sb.length() - 1);
		sb.append("\n").append(parameters).append(" parameters\noutputs:");
		for (String o : outputs())
			sb.append(' ').append(o).append(isVector(o) ? " (vector)" : volumes ? " (volume)" : " (image)");
		return sb.toString();
	}

	/** @return the layers' data format: {@code channels_last} or {@code channels_first} */
	public String dataFormat() {
		return format.label();
	}

	/**
	 * The model as a network for one input shape. The network's input is named after the model's InputLayer, each
	 * Keras layer's last node after the layer (earlier ones {@code layer/step}), and its outputs are the model's; a
	 * vector output [N, K] is a tensor of K x 1 x 1.
	 *
	 * @param inputShape the channels, width and height of one sample
	 * @throws IllegalArgumentException when the channels differ from the model's, or a layer cannot run on the shapes
	 *                                  this input gives, naming the layer and the rule
	 */
	public Network network(Shape inputShape) {
		try {
			return assemble(inputShape);
		}
		catch (IllegalArgumentException e) {
			throw e.getMessage() != null && e.getMessage().contains(fileName) ? e :
				new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
		}
	}

	private Network assemble(Shape inputShape) {
		if (inputShape.isVolume() != volumes)
			throw new IllegalArgumentException("The model " + fileName + " takes " + (volumes ? "volumes (rank 5)" : "images (rank 4)") +
				", but the input is " + (inputShape.isVolume() ? "a volume of " : "planes of ") + inputShape);
		if (declaredInput[0] > 0 && declaredInput[0] != inputShape.channels())
			throw new IllegalArgumentException("The model " + fileName + " takes " + declaredInput[0] + " input channel" +
				(declaredInput[0] == 1 ? "" : "s") + " (InputLayer '" + input + "'), but the input has " +
				inputShape.channels());
		final NetworkAssembly net = new NetworkAssembly();
		Map<String, KerasTensor> done = new HashMap<>();
		done.put(key(input, 0), net.input(input, inputShape));
		Evaluation<KerasTensor> build = new Evaluation<KerasTensor>() {
			@Override
			public KerasTensor apply(KerasLayer layer, List<KerasTensor> in) {
				return layer.type.build(layer, in, net, format);
			}
		};
		for (KerasLayer.Ref out : outputs) {
			KerasTensor t = resolve(out, done, build);
			if (t.flattened)
				throw new IllegalArgumentException("The output of layer '" + out.layer + "' is a Flatten of an image " +
					t.text(format) + "; supported: a Flatten read by a Dense layer, or of a 1 x 1 image");
			net.output(t);
		}
		return net.build();
	}

	/** Builds the layers an output needs, in an order where each reads only what is built, without recursion. */
	private <T> T resolve(KerasLayer.Ref root, Map<String, T> done, Evaluation<T> evaluation) {
		Deque<KerasLayer.Ref> stack = new ArrayDeque<>();
		Set<String> open = new HashSet<>();
		stack.push(root);
		while (!stack.isEmpty()) {
			KerasLayer.Ref r = stack.peek();
			String key = key(r.layer, r.call);
			if (done.containsKey(key)) {
				stack.pop();
				continue;
			}
			KerasLayer layer = layers.get(r.layer);
			List<KerasLayer.Ref> reads = layer.calls.get(r.call);
			if (open.add(key)) {
				for (KerasLayer.Ref q : reads) {
					check(q, layer.name);
					String k = key(q.layer, q.call);
					if (open.contains(k) && !done.containsKey(k))
						throw new IllegalArgumentException("The layers of " + fileName + " form a cycle: layer '" + layer.name +
							"' reads " + q + ", which itself needs '" + layer.name + "'");
					if (!done.containsKey(k)) stack.push(q);
				}
				continue;
			}
			List<T> in = new ArrayList<>();
			for (KerasLayer.Ref q : reads)
				in.add(done.get(key(q.layer, q.call)));
			done.put(key, evaluation.apply(layer.call(r.call), in));
			stack.pop();
		}
		return done.get(key(root.layer, root.call));
	}

	/** Finds what each output is from the config alone, checking the graph (references, cycles) on the way. */
	private void outline() {
		Map<String, Outline> done = new HashMap<>();
		done.put(key(input, 0), new Outline(volumes ? 5 : 4, input));
		Evaluation<Outline> evaluation = new Evaluation<Outline>() {
			@Override
			public Outline apply(KerasLayer layer, List<Outline> in) {
				List<Integer> ranks = new ArrayList<>();
				for (Outline o : in)
					ranks.add(o.rank);
				return new Outline(layer.type.outputRank(layer.config, ranks),
					layer.type.passesThrough(layer.config) ? in.get(0).node : layer.node);
			}
		};
		for (KerasLayer.Ref out : outputs)
			outlines.add(resolve(out, done, evaluation));
	}

	/** Checks that a reference names a layer's call and its only output. */
	private void check(KerasLayer.Ref r, String reader) {
		String who = reader == null ? "The model's outputs name " : "Layer '" + reader + "' reads ";
		KerasLayer layer = layers.get(r.layer);
		if (layer == null)
			throw new IllegalArgumentException(who + "'" + r.layer + "', which is no layer of " + fileName + "; its layers: " +
				String.join(", ", layers.keySet()));
		int calls = layer.type == KerasLayerType.INPUT_LAYER ? 1 : layer.calls.size();
		if (r.call < 0 || r.call >= calls)
			throw new IllegalArgumentException(who + r + ", but layer '" + r.layer + "' is called " + calls + " time" +
				(calls == 1 ? "" : "s"));
		if (r.index != 0)
			throw new IllegalArgumentException(who + r + ": output " + r.index + " of a layer; supported: layers of one output");
	}

	private static String key(String layer, int call) {
		return call + "#" + layer;
	}

	// ---- reading the config ----

	private static KerasModel parse(KerasModelFile file) {
		String fileName = file.fileName();
		Object root = file.config();
		Map<?, ?> model = map(root, "the model config of " + fileName);
		Object cls = model.get("class_name");
		if (!"Sequential".equals(cls) && !"Functional".equals(cls) && !"Model".equals(cls))
			throw new IllegalArgumentException(fileName + " holds a Keras " + LayerConfig.text(cls) + ", not a model of the " +
				"classes read: " + MODEL_CLASSES);
		Object config = model.get("config");
		Object list = config instanceof List ? config : config instanceof Map ? ((Map<?, ?>) config).get("layers") : null;
		if (!(list instanceof List))
			throw new IllegalArgumentException(fileName + ": its model config has no list of layers (config.layers)");
		Map<?, ?> modelConfig = config instanceof Map ? (Map<?, ?>) config : Collections.emptyMap();
		String name = modelConfig.get("name") instanceof String ? (String) modelConfig.get("name") : String.valueOf(cls);
		boolean sequential = "Sequential".equals(cls);

		Map<String, KerasLayer> layers = new LinkedHashMap<>();
		List<String> formats = new ArrayList<>();
		String previous = null;
		String input = null;
		List<?> batchShape = null;
		for (Object item : (List<?>) list) {
			Map<?, ?> entry = map(item, "a layer entry of " + fileName);
			if (!(entry.get("class_name") instanceof String))
				throw new IllegalArgumentException(fileName + ": a layer entry has no class_name: " + shortText(entry));
			String className = (String) entry.get("class_name");
			Map<?, ?> cfg = map(entry.get("config"), "the config of a " + className + " layer in " + fileName);
			Object n = cfg.get("name") instanceof String ? cfg.get("name") : entry.get("name");
			if (!(n instanceof String) || ((String) n).isEmpty())
				throw new IllegalArgumentException(fileName + ": a " + className + " layer has no name");
			String layerName = (String) n;
			if (layers.containsKey(layerName))
				throw new IllegalArgumentException(fileName + ": two layers are named '" + layerName + "'; layer names must " +
					"be unique");
			KerasLayerType type = KerasLayerType.of(className, layerName);
			LayerConfig lc = new LayerConfig(cfg, className + " '" + layerName + "'");
			if (cfg.get("data_format") != null) {
				DataFormat f = DataFormat.of(lc.string("data_format", null), lc.where());
				if (!formats.contains(f.label())) formats.add(f.label());
				if (formats.size() > 1)
					throw new IllegalArgumentException(fileName + " mixes data formats " + String.join(" and ", formats) +
						" (" + lc.where() + " is " + f + "); supported: one data format in a model");
			}
			Tensor[] weights = file.layerWeights(layerName, className, type.roles(lc));
			List<List<KerasLayer.Ref>> calls;
			if (type == KerasLayerType.INPUT_LAYER) {
				if (input != null)
					throw new IllegalArgumentException(fileName + " has two inputs ('" + input + "' and '" + layerName +
						"'); supported: models of one input");
				input = layerName;
				batchShape = batchShape(cfg);
				calls = Collections.emptyList();
			}
			else if (sequential) {
				if (previous == null) { // no InputLayer: the first layer may declare the shape
					input = uniqueName("input", (List<?>) list);
					batchShape = batchShape(cfg);
					layers.put(input, new KerasLayer(input, input, KerasLayerType.INPUT_LAYER,
						new LayerConfig(Collections.emptyMap(), "InputLayer '" + input + "'"), new Tensor[0],
						Collections.<List<KerasLayer.Ref>>emptyList()));
					previous = input;
				}
				calls = Collections.singletonList(Collections.singletonList(new KerasLayer.Ref(previous, 0, 0)));
			}
			else calls = calls(entry.get("inbound_nodes"), lc.where());
			for (List<KerasLayer.Ref> call : calls)
				if (type.arity() == 1 ? call.size() != 1 : call.size() < 2)
					throw new IllegalArgumentException(lc.where() + " is called with " + call.size() + " input" +
						(call.size() == 1 ? "" : "s") + " " + call + "; it takes " + (type.arity() == 1 ? "one" : "two or more"));
			layers.put(layerName, new KerasLayer(layerName, layerName, type, lc, weights, calls));
			previous = layerName;
		}
		if (input == null)
			throw new IllegalArgumentException(fileName + ": its model has no layers");
		DataFormat format = formats.isEmpty() ? DataFormat.CHANNELS_LAST : DataFormat.of(formats.get(0), fileName);
		long[] declared = { 0, 0, 0, 1 };
		if (batchShape != null) {
			if (batchShape.size() != 4 && batchShape.size() != 5)
				throw new IllegalArgumentException(fileName + ": its input '" + input + "' has shape " + batchShape +
					"; supported: images, [batch, height, width, channels] (or [batch, channels, height, width]), and volumes, " +
					"[batch, depth, height, width, channels] (or [batch, channels, depth, height, width])");
			declared = format.channelsHeightWidthDepth(batchShape);
		}
		boolean volumes = batchShape != null ? batchShape.size() == 5 : false;
		for (KerasLayer l : layers.values())
			volumes |= batchShape == null && l.type.takesVolumes();
		List<KerasLayer.Ref> outputs;
		if (sequential) {
			if (previous.equals(input))
				throw new IllegalArgumentException(fileName + ": its model has no layer after its input");
			outputs = Collections.singletonList(new KerasLayer.Ref(previous, 0, 0));
		}
		else {
			List<KerasLayer.Ref> inputs = refs(modelConfig.get("input_layers"), fileName + ": input_layers");
			if (inputs.size() != 1)
				throw new IllegalArgumentException(fileName + " has " + inputs.size() + " inputs " + inputs +
					"; supported: models of one input");
			if (!inputs.get(0).layer.equals(input))
				throw new IllegalArgumentException(fileName + ": its input_layers name " + inputs.get(0) + ", which is not its " +
					"InputLayer '" + input + "'");
			outputs = refs(modelConfig.get("output_layers"), fileName + ": output_layers");
			if (outputs.isEmpty())
				throw new IllegalArgumentException(fileName + ": its model names no output_layers");
		}
		KerasModel m = new KerasModel(fileName, name, String.valueOf(cls), format, layers, input, declared, volumes, outputs);
		for (KerasLayer.Ref r : outputs)
			m.check(r, null);
		m.outline();
		return m;
	}

	private static List<?> batchShape(Map<?, ?> cfg) {
		Object s = cfg.get("batch_shape") != null ? cfg.get("batch_shape") : cfg.get("batch_input_shape");
		return s instanceof List ? (List<?>) s : null;
	}

	/** {@code base}, or {@code base_1}, {@code base_2}, ... if a layer entry is named so. */
	private static String uniqueName(String base, List<?> entries) {
		Set<Object> taken = new HashSet<>();
		for (Object e : entries)
			if (e instanceof Map && ((Map<?, ?>) e).get("config") instanceof Map)
				taken.add(((Map<?, ?>) ((Map<?, ?>) e).get("config")).get("name"));
		String n = base;
		for (int i = 1; taken.contains(n); i++)
			n = base + "_" + i;
		return n;
	}

	/** The calls of a Functional layer: Keras 2's lists of [layer, call, output, kwargs], or Keras 3's args. */
	private static List<List<KerasLayer.Ref>> calls(Object inbound, String where) {
		if (inbound == null) return Collections.emptyList();
		if (!(inbound instanceof List))
			throw new IllegalArgumentException(where + ": its inbound_nodes are not a list: " + shortText(inbound));
		List<List<KerasLayer.Ref>> calls = new ArrayList<>();
		for (Object node : (List<?>) inbound) {
			List<KerasLayer.Ref> refs = new ArrayList<>();
			if (node instanceof Map) { // Keras 3: {"args": [...], "kwargs": {...}} holding __keras_tensor__ objects
				collectTensors(((Map<?, ?>) node).get("args"), refs, where, 0);
				collectTensors(((Map<?, ?>) node).get("kwargs"), refs, where, 0);
			}
			else if (node instanceof List) { // Keras 2: [[layer, call, output, kwargs], ...]
				for (Object e : (List<?>) node)
					refs.add(ref(e, where + ": inbound node"));
			}
			else throw new IllegalArgumentException(where + ": an inbound node is neither a list nor an object: " +
				shortText(node));
			calls.add(refs);
		}
		return calls;
	}

	private static void collectTensors(Object value, List<KerasLayer.Ref> into, String where, int depth) {
		if (depth > 32) throw new IllegalArgumentException(where + ": its inbound node is nested too deeply");
		if (value instanceof List)
			for (Object v : (List<?>) value)
				collectTensors(v, into, where, depth + 1);
		else if (value instanceof Map) {
			Map<?, ?> m = (Map<?, ?>) value;
			if ("__keras_tensor__".equals(m.get("class_name"))) {
				Object c = m.get("config");
				into.add(ref(c instanceof Map ? ((Map<?, ?>) c).get("keras_history") : null, where + ": keras_history"));
			}
			else
				for (Object v : m.values())
					collectTensors(v, into, where, depth + 1);
		}
	}

	/** A list of references: [[layer, call, output], ...] or a single [layer, call, output]. */
	private static List<KerasLayer.Ref> refs(Object value, String where) {
		if (!(value instanceof List))
			throw new IllegalArgumentException(where + " is not a list: " + shortText(value));
		List<?> l = (List<?>) value;
		List<KerasLayer.Ref> out = new ArrayList<>();
		if (!l.isEmpty() && l.get(0) instanceof String) out.add(ref(l, where));
		else
			for (Object e : l)
				out.add(ref(e, where));
		return out;
	}

	/** One reference [layer, call, output(, kwargs)]. */
	private static KerasLayer.Ref ref(Object value, String where) {
		if (value instanceof List) {
			List<?> l = (List<?>) value;
			if (l.size() >= 3 && l.get(0) instanceof String && l.get(1) instanceof Long && l.get(2) instanceof Long &&
				(Long) l.get(1) >= 0 && (Long) l.get(1) < Integer.MAX_VALUE && (Long) l.get(2) >= 0 &&
				(Long) l.get(2) < Integer.MAX_VALUE)
				return new KerasLayer.Ref((String) l.get(0), (int) (long) (Long) l.get(1), (int) (long) (Long) l.get(2));
		}
		throw new IllegalArgumentException(where + " " + shortText(value) + " is not a tensor reference [layer name, " +
			"call index, output index]");
	}

	private static Map<?, ?> map(Object value, String what) {
		if (!(value instanceof Map))
			throw new IllegalArgumentException(what + " is not a JSON object: " + shortText(value));
		return (Map<?, ?>) value;
	}

	/** A JSON value as text, cut to 120 characters. */
	private static String shortText(Object value) {
		String s = String.valueOf(value);
		return s.length() > 120 ? s.substring(0, 117) + "..." : s;
	}

	/** A summary: the file, the model's class and name, its layers and outputs. */
	@Override
	public String toString() {
		return fileName + ": Keras " + className + " '" + name + "', " + layers.size() + " layers, " + format +
			", outputs " + outputs();
	}
}
