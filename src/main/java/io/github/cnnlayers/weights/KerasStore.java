package io.github.cnnlayers.weights;

import io.github.cnnlayers.core.JavaHeap;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Keras weights in HDF5, read with jhdf. Three layouts:
 * <ul>
 * <li>Keras 2 {@code save_weights}: root attribute {@code layer_names}; per layer a group with attribute
 * {@code weight_names} listing datasets such as {@code conv2d_1/kernel:0} inside it;</li>
 * <li>Keras 2 {@code model.save}: the same under {@code /model_weights};</li>
 * <li>Keras 3 ({@code model.weights.h5}, also inside a {@code .keras} zip): {@code layers/<name>/vars/0, 1, ...}
 * (nested models: {@code layers/<outer>/layers/<inner>/vars}).</li>
 * </ul>
 * Tensors are listed as {@code <layer>/<weight>}: {@code conv2d_1/kernel} (Keras 2) or {@code conv2d_1/vars/0}
 * (Keras 3); {@code tensor=} names a layer. Kernels are channels-last {@code [kh, kw, C_in/groups, C_out]}, or
 * {@code [kh, kw, C_in, M]} for a DepthwiseConv2D: Keras 2 names that one {@code depthwise_kernel}; for Keras 3,
 * whose weights are known only by position, a {@code .keras} file's {@code config.json} gives each layer's class,
 * and without it a layer named like a depthwise or separable one is refused rather than guessed.
 */
final class KerasStore extends TensorStore {

	/** The entry of a .keras archive that holds the weights. */
	static final String KERAS_WEIGHTS_ENTRY = "model.weights.h5";
	/** The entry of a .keras archive that holds the model's serialized config. */
	static final String KERAS_CONFIG_ENTRY = "config.json";
	private static final long MAX_DEFLATE_RATIO = 1100;

	/** One weight of a layer: its role ({@code kernel}, {@code bias}, ... or {@code vars/0}) and dataset. */
	private static final class Weight {
		final String role;
		final Dataset dataset;
		final TensorInfo info;

		Weight(String layer, String role, Dataset dataset) {
			this.role = role;
			this.dataset = dataset;
			this.info = new TensorInfo(layer + "/" + role, dataset.getDimensions(), dtypeName(dataset.getDataType()));
		}
	}

	static {
		// jhdf logs through SLF4J; a plain ImageJ has no SLF4J provider, and SLF4J would print a three-line
		// warning about that on the console. Only SLF4J's own notices are silenced, and only if nobody chose.
		if (System.getProperty("slf4j.internal.verbosity") == null)
			System.setProperty("slf4j.internal.verbosity", "ERROR");
	}

	private final HdfFile hdf;
	private final long fileBytes;
	/** True for the Keras 3 layout, whose weights are known only by position. */
	private final boolean keras3;
	private final Map<String, List<Weight>> layers = new LinkedHashMap<>();
	/** What a .keras file's config.json says of each Keras 3 layer, by its path in model.weights.h5. */
	private final Map<String, LayerConfig> configs = new LinkedHashMap<>();
	/** The serialized model (config.json, or a Keras 2 file's {@code model_config} attribute), parsed; or null. */
	private Object modelConfig;

	/** A layer as a .keras file's config.json describes it. */
	private static final class LayerConfig {
		final String className;
		final String name;
		/** The config's {@code groups}, or 0 when it has none. */
		final int groups;

		LayerConfig(String className, String name, int groups) {
			this.className = className;
			this.name = name;
			this.groups = groups;
		}
	}

	KerasStore(Path file, boolean kerasArchive) throws IOException {
		super(file);
		byte[] archived = null;
		if (kerasArchive) {
			try (ZipFile zip = RegularFile.zip(file)) {
				archived = weightsOfArchive(zip);
				readConfig(zip);
			}
			catch (ZipException e) {
				throw new IllegalArgumentException(fileName() + " is not a valid Keras .keras file: corrupt zip " +
					"archive (" + e.getMessage() + ")", e);
			}
		}
		else RegularFile.require(file);
		try {
			fileBytes = archived != null ? archived.length : Files.size(file);
			hdf = archived != null ? HdfFile.fromBytes(archived) : new HdfFile(file);
		}
		catch (RuntimeException e) { // jhdf's HdfException, or worse, on a damaged file
			throw corrupt(e);
		}
		try {
			Group root = hdf;
			if (hdf.getAttribute("layer_names") == null && hdf.getChild("model_weights") instanceof Group)
				root = (Group) hdf.getChild("model_weights");
			Attribute layerNames = root.getAttribute("layer_names");
			if (!kerasArchive && hdf.getAttribute("model_config") != null)
				modelConfig = parseConfig(strings(hdf.getAttribute("model_config")), "model_config attribute");
			if (layerNames != null) {
				keras3 = false;
				readKeras2(root, strings(layerNames));
			}
			else if (hdf.getChild("layers") instanceof Group ||
				hdf.getChild("_layer_checkpoint_dependencies") instanceof Group) {
				keras3 = true;
				Node layersGroup = hdf.getChild("layers");
				readKeras3(layersGroup instanceof Group ? (Group) layersGroup :
					(Group) hdf.getChild("_layer_checkpoint_dependencies"), "");
			}
			else throw new IllegalArgumentException(fileName() + " is not a Keras weight file: it has neither a " +
				"'layer_names' attribute (Keras 2, at the root or in /model_weights) nor a 'layers' group (Keras 3)");
		}
		catch (IllegalArgumentException e) {
			hdf.close();
			throw e;
		}
		catch (RuntimeException e) { // jhdf's HdfException, or worse, on a damaged file
			hdf.close();
			throw corrupt(e);
		}
	}

	private byte[] weightsOfArchive(ZipFile zip) throws IOException {
		ZipEntry entry = zip.getEntry(KERAS_WEIGHTS_ENTRY);
		if (entry == null) {
			List<String> names = new ArrayList<>();
			for (java.util.Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();)
				names.add(en.nextElement().getName());
			throw new IllegalArgumentException(fileName() + " has no " + KERAS_WEIGHTS_ENTRY + "; it holds: " +
				(names.isEmpty() ? "nothing" : String.join(", ", names)));
		}
		byte[] bytes = entryBytes(zip, entry);
		if (!WeightFormat.startsWith(bytes, bytes.length, WeightFormat.HDF5_MAGIC))
			throw new IllegalArgumentException(fileName() + ": its " + KERAS_WEIGHTS_ENTRY +
				" is not an HDF5 file (no \\x89HDF signature)");
		return bytes;
	}

	/** All bytes of an archive entry, after checking its declared size against what its compressed size allows. */
	private byte[] entryBytes(ZipFile zip, ZipEntry entry) throws IOException {
		long size = entry.getSize();
		long limit = Math.min(NpyReader.MAX_ARRAY, Math.max(entry.getCompressedSize(), 0) * MAX_DEFLATE_RATIO + 4096);
		if (size < 0 || size > limit)
			throw new IllegalArgumentException(fileName() + " is corrupt: its " + entry.getName() + " claims " + size +
				" bytes");
		JavaHeap.require(size, "Reading " + fileName() + ": " + entry.getName() + " (" + size + " bytes) would", "");
		byte[] bytes = new byte[(int) size];
		try (InputStream in = zip.getInputStream(entry)) {
			if (WeightFormat.readUpTo(in, bytes) < bytes.length)
				throw new IllegalArgumentException(fileName() + " is truncated: its " + entry.getName() + " ends early");
		}
		return bytes;
	}

	/**
	 * Reads the layers' classes from the archive's config.json, when it has one: Keras 3 stores a layer's weights at
	 * {@code layers/<snake_case of its class>[_n]} (the n-th further layer of that class in its container gets
	 * {@code _n}; nested models add {@code /layers/...}), so the config's layer list, walked the same way, says the
	 * class of every weight group.
	 */
	private void readConfig(ZipFile zip) throws IOException {
		ZipEntry entry = zip.getEntry(KERAS_CONFIG_ENTRY);
		if (entry == null) return;
		Object root = parseConfig(Collections.singletonList(new String(entryBytes(zip, entry), StandardCharsets.UTF_8)),
			KERAS_CONFIG_ENTRY);
		modelConfig = root;
		List<?> top = layerList(root);
		if (top != null) readLayerConfigs(top, "");
	}

	/** The JSON of a serialized model, parsed; {@code where} names its place in the file for messages. */
	private Object parseConfig(List<String> text, String where) {
		if (text.size() != 1)
			throw new IllegalArgumentException(fileName() + ": its " + where + " holds " + text.size() +
				" strings; a Keras model's config is one JSON text");
		try {
			return Json.parse(text.get(0));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(fileName() + ": its " + where + " is not valid JSON (" +
				e.getMessage() + ")", e);
		}
	}

	/**
	 * The serialized model, parsed as {@link Json} does: a .keras file's config.json, or the {@code model_config}
	 * attribute of a Keras 2 {@code model.save} file; null for a weights-only file.
	 */
	Object modelConfig() {
		return modelConfig;
	}

	/** Whether the file has the Keras 3 layout, whose weights are known by position only. */
	boolean keras3() {
		return keras3;
	}

	/**
	 * The weights of a top-level layer of the model, by the layer's name in the model's config: in Keras 2 files the
	 * weights named by {@code roles} ({@code kernel}, {@code bias}, ...), in Keras 3 files the layer's variables
	 * {@code vars/0, 1, ...}, which must be as many as the roles, taken in their order.
	 *
	 * @param layerName the layer's {@code name} in the config
	 * @param className its class, for messages
	 * @param roles the weights the layer's config says it has, in Keras's order
	 * @throws IllegalArgumentException if the file has no such layer or not exactly these weights
	 */
	Tensor[] layerWeights(String layerName, String className, List<String> roles) {
		String group = layerName;
		if (keras3) {
			group = null;
			for (Map.Entry<String, LayerConfig> e : configs.entrySet())
				if (e.getValue().name.equals(layerName) && e.getKey().indexOf('/') < 0) group = e.getKey();
		}
		List<Weight> weights = group == null ? null : layers.get(group);
		String what = className + " '" + layerName + "'";
		if (weights == null) {
			if (roles.isEmpty()) return new Tensor[0];
			throw new IllegalArgumentException(fileName() + " holds no weights of " + what + " (it needs " +
				String.join(", ", roles) + "); layers with weights: " + layerListing(new ArrayList<>(layers.keySet())));
		}
		Tensor[] out = new Tensor[roles.size()];
		if (keras3) {
			if (weights.size() != roles.size())
				throw new IllegalArgumentException(fileName() + ": " + what + " (group layers/" + group + ") has " +
					weights.size() + " variables (" + listing(infos(weights)) + "), but its config says " + roles.size() +
					(roles.isEmpty() ? "" : " (" + String.join(", ", roles) + ")"));
			for (int i = 0; i < out.length; i++)
				out[i] = read(weights.get(i));
			return out;
		}
		for (int i = 0; i < out.length; i++) {
			Weight w = role(weights, roles.get(i));
			if (w == null)
				throw new IllegalArgumentException(fileName() + ": " + what + " has no weight '" + roles.get(i) +
					"' (its config says " + String.join(", ", roles) + "); it holds: " + listing(infos(weights)));
			out[i] = read(w);
		}
		if (weights.size() != roles.size())
			throw new IllegalArgumentException(fileName() + ": " + what + " holds " + weights.size() + " weights (" +
				listing(infos(weights)) + "), but its config says " + roles.size() + " (" + String.join(", ", roles) + ")");
		return out;
	}

	/** The {@code config.layers} list of a serialized model, or null. */
	private static List<?> layerList(Object serialized) {
		if (!(serialized instanceof Map)) return null;
		Object config = ((Map<?, ?>) serialized).get("config");
		if (!(config instanceof Map)) return null;
		Object list = ((Map<?, ?>) config).get("layers");
		return list instanceof List ? (List<?>) list : null;
	}

	private void readLayerConfigs(List<?> container, String prefix) {
		Map<String, Integer> used = new HashMap<>();
		for (Object item : container) {
			if (!(item instanceof Map) || !(((Map<?, ?>) item).get("class_name") instanceof String)) continue;
			String className = (String) ((Map<?, ?>) item).get("class_name");
			String base = snakeCase(className);
			Integer n = used.get(base);
			used.put(base, n == null ? 0 : n + 1);
			String path = prefix + (n == null ? base : base + "_" + (n + 1));
			Object config = ((Map<?, ?>) item).get("config");
			Map<?, ?> c = config instanceof Map ? (Map<?, ?>) config : Collections.emptyMap();
			String name = c.get("name") instanceof String ? (String) c.get("name") : path;
			Object groups = c.get("groups");
			configs.put(path, new LayerConfig(className, name,
				groups instanceof Long && (Long) groups >= 1 && (Long) groups <= Integer.MAX_VALUE ? (int) (long) (Long) groups : 0));
			List<?> nested = layerList(item);
			if (nested != null) readLayerConfigs(nested, path + "/");
		}
	}

	/** Keras's {@code naming.to_snake_case} of a class name: {@code DepthwiseConv2D} becomes {@code depthwise_conv2d}. */
	static String snakeCase(String className) {
		String s = className.replaceAll("\\W+", "");
		s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
		s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
		return s.toLowerCase(Locale.ROOT);
	}

	private void readKeras2(Group root, List<String> layerNames) {
		for (String layer : layerNames) {
			Node node = root.getChild(layer);
			if (!(node instanceof Group))
				throw new IllegalArgumentException(fileName() + " is corrupt: layer_names lists '" + layer +
					"' but there is no such group");
			Group g = (Group) node;
			List<Weight> weights = new ArrayList<>();
			Attribute names = g.getAttribute("weight_names");
			if (names != null) {
				for (String w : strings(names)) {
					Node d = g.getByPath(w);
					if (!(d instanceof Dataset))
						throw new IllegalArgumentException(fileName() + " is corrupt: layer '" + layer +
							"' lists weight '" + w + "' but there is no such dataset");
					weights.add(new Weight(layer, role(w), (Dataset) d));
				}
			}
			else collectDatasets(g, layer, weights);
			layers.put(layer, weights);
		}
	}

	private void collectDatasets(Group g, String layer, List<Weight> into) {
		for (Node child : g.getChildren().values()) {
			if (child instanceof Dataset) into.add(new Weight(layer, role(child.getName()), (Dataset) child));
			else if (child instanceof Group) collectDatasets((Group) child, layer, into);
		}
	}

	/** {@code conv2d_1/kernel:0} becomes {@code kernel}. */
	private static String role(String weightName) {
		String r = weightName.substring(weightName.lastIndexOf('/') + 1);
		return r.replaceFirst(":\\d+$", "");
	}

	private void readKeras3(Group layersGroup, String prefix) {
		for (Node child : layersGroup.getChildren().values()) {
			if (!(child instanceof Group)) continue;
			Group layer = (Group) child;
			String name = prefix + layer.getName();
			Node vars = layer.getChild("vars");
			if (vars instanceof Group) {
				TreeMap<Integer, Dataset> byIndex = new TreeMap<>();
				for (Node v : ((Group) vars).getChildren().values())
					if (v instanceof Dataset && v.getName().matches("\\d{1,9}"))
						byIndex.put(Integer.valueOf(v.getName()), (Dataset) v);
				List<Weight> weights = new ArrayList<>();
				for (Map.Entry<Integer, Dataset> e : byIndex.entrySet())
					weights.add(new Weight(name, "vars/" + e.getKey(), e.getValue()));
				layers.put(name, weights);
			}
			Node nested = layer.getChild("layers");
			if (nested instanceof Group) readKeras3((Group) nested, name + "/");
		}
	}

	private static List<String> strings(Attribute attribute) {
		if (attribute.isEmpty()) return Collections.emptyList();
		Object data = attribute.getData();
		List<String> out = new ArrayList<>();
		if (data instanceof String) out.add((String) data);
		else if (data instanceof String[]) Collections.addAll(out, (String[]) data);
		else throw new IllegalArgumentException("attribute " + attribute.getName() + " is not a list of strings");
		return out;
	}

	@Override
	List<TensorInfo> list() {
		List<TensorInfo> list = new ArrayList<>();
		for (List<Weight> weights : layers.values())
			for (Weight w : weights)
				list.add(w.info);
		return Collections.unmodifiableList(list);
	}

	/** Reads a tensor listed as {@code layer/role}; a layer name alone reads the layer's first weight. */
	@Override
	Tensor read(String name) {
		for (List<Weight> weights : layers.values())
			for (Weight w : weights)
				if (w.info.name().equals(name)) return read(w);
		List<Weight> weights = layers.get(name);
		if (weights != null && !weights.isEmpty()) return read(weights.get(0));
		throw noSuchTensor(name, list());
	}

	private Tensor read(Weight w) {
		String name = w.info.name();
		String dtype = w.info.dtype();
		if (!(w.dataset.getDataType() instanceof FloatingPoint || w.dataset.getDataType() instanceof FixedPoint))
			throw new IllegalArgumentException("Tensor '" + name + "' in " + fileName() + " has unsupported type " +
				dtype + "; allowed are float16, float32, float64 and integers");
		try {
			long n = w.dataset.getSize();
			boolean filtered = !w.dataset.getFilters().isEmpty();
			long bytes = n * w.dataset.getDataType().getSize();
			if (n > NpyReader.MAX_ARRAY || bytes > NpyReader.MAX_ARRAY ||
				(!filtered && bytes > fileBytes) ||
				(filtered && bytes > w.dataset.getStorageInBytes() * MAX_DEFLATE_RATIO + 4096))
				throw new IllegalArgumentException(fileName() + " is corrupt: tensor '" + name + "' claims shape " +
					w.info.shapeText() + " (" + bytes + " bytes), more than the file holds");
			requireMemoryFor(fileName() + ": " + name, w.info.shape(), dtype, bytes);
			float[] data = toFloats(w.dataset.getDataFlat(), (int) n, name);
			return new Tensor(name, w.info.shape(), data, dtype, true);
		}
		catch (IllegalArgumentException e) {
			throw e;
		}
		catch (RuntimeException e) { // jhdf's HdfException, or worse, on a damaged file
			throw corrupt(e);
		}
		catch (LinkageError e) { // a compression filter whose library is not installed (LZ4)
			throw new IllegalArgumentException("Tensor '" + name + "' in " + fileName() + " uses an HDF5 " +
				"compression that is not supported (" + e + "); supported are none, gzip and LZF", e);
		}
	}

	private float[] toFloats(Object flat, int n, String name) {
		float[] out;
		if (flat instanceof float[]) out = (float[]) flat;
		else if (flat instanceof Number) out = new float[] { ((Number) flat).floatValue() };
		else {
			out = new float[n];
			if (flat instanceof double[]) for (int i = 0; i < n; i++) out[i] = (float) ((double[]) flat)[i];
			else if (flat instanceof long[]) for (int i = 0; i < n; i++) out[i] = ((long[]) flat)[i];
			else if (flat instanceof int[]) for (int i = 0; i < n; i++) out[i] = ((int[]) flat)[i];
			else if (flat instanceof short[]) for (int i = 0; i < n; i++) out[i] = ((short[]) flat)[i];
			else if (flat instanceof byte[]) for (int i = 0; i < n; i++) out[i] = ((byte[]) flat)[i];
			else if (flat instanceof BigInteger[]) for (int i = 0; i < n; i++) out[i] = ((BigInteger[]) flat)[i].floatValue();
			else throw new IllegalArgumentException("Tensor '" + name + "' in " + fileName() +
				" could not be read as numbers");
		}
		if (out.length != n)
			throw new IllegalArgumentException(fileName() + " is corrupt: tensor '" + name + "' has " + out.length +
				" values, its shape needs " + n);
		return out;
	}

	@Override
	ConvTensors convolution(String name) {
		String layer = pickLayer(name, "convolution", true);
		List<Weight> weights = layers.get(layer);
		KernelLayout layout = KernelLayout.KERAS;
		int declaredGroups = 0;
		Weight kernel, bias;
		if (keras3) {
			LayerConfig config = configs.get(layer);
			if (config != null) {
				layout = KernelLayout.ofKerasClass(config.className);
				if (layout == null)
					throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " is a Keras " +
						config.className + " ('" + config.name + "' in its config.json)" + notRun(config.className));
				declaredGroups = config.groups;
			}
			else if (KernelLayout.kerasNameSuggestsDepthwise(layer.substring(layer.lastIndexOf('/') + 1)))
				throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " has the name Keras gives " +
					"a DepthwiseConv2D or SeparableConv2D, but a Keras 3 weights file stores weights by position only, " +
					"without the layer's class, so its kernel " + (weights.isEmpty() ? "" : weights.get(0).info.shapeText() +
					" ") + "cannot be told from a Conv2D's; give the model's .keras file instead (its config.json says " +
					"the class), or a Keras 2 .h5 (it names depthwise kernels)");
			kernel = weights.isEmpty() ? null : weights.get(0);
			bias = weights.size() > 1 ? weights.get(1) : null;
		}
		else {
			kernel = role(weights, "kernel");
			if (kernel == null && role(weights, "depthwise_kernel") != null) {
				if (role(weights, "pointwise_kernel") != null)
					throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " is a Keras " +
						"SeparableConv2D (depthwise_kernel and pointwise_kernel)" + notRun("SeparableConv2D"));
				kernel = role(weights, "depthwise_kernel");
				layout = KernelLayout.KERAS_DEPTHWISE;
			}
			bias = role(weights, "bias");
		}
		if (kernel == null)
			throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " has no kernel; it holds: " +
				listing(infos(weights)));
		if (kernel.info.rank() != 4)
			throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " has a " +
				kernel.info.rank() + "-D kernel " + kernel.info.shapeText() + "; a Keras Conv2D kernel is 4-D " +
				"[kh, kw, C_in/groups, C_out]");
		return new ConvTensors(read(kernel), bias == null ? null : read(bias), layout, declaredGroups);
	}

	/** Why the Conv2D command does not run a Keras layer of a class, and what it runs. */
	private static String notRun(String className) {
		return (className.equals("SeparableConv2D") ? ", a depthwise then a pointwise convolution, which the Conv2D " +
			"command does not run as one layer" : ", not a layer the Conv2D command runs") + "; it runs Keras " +
			KernelLayout.kerasClasses() + " layers";
	}

	@Override
	Tensor[] batchNorm(String name) {
		String layer = pickLayer(name, "batch-norm", false);
		List<Weight> w = layers.get(layer);
		if (keras3) {
			if (w.size() == 4) return new Tensor[] { read(w.get(0)), read(w.get(1)), read(w.get(2)), read(w.get(3)) };
			if (w.size() == 2) return new Tensor[] { null, null, read(w.get(0)), read(w.get(1)) };
			throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " has " + w.size() +
				" variables (" + listing(infos(w)) + "); a Keras 3 batch norm is read when it has 4 (gamma, beta, " +
				"moving_mean, moving_variance: center and scale on) or 2 (moving_mean, moving_variance: both off)");
		}
		Weight mean = role(w, "moving_mean"), var = role(w, "moving_variance");
		if (mean == null || var == null)
			throw new IllegalArgumentException("Layer '" + layer + "' in " + fileName() + " is not a batch norm: it " +
				"has no moving_mean and moving_variance; it holds: " + listing(infos(w)));
		Weight gamma = role(w, "gamma"), beta = role(w, "beta");
		return new Tensor[] { gamma == null ? null : read(gamma), beta == null ? null : read(beta), read(mean),
			read(var) };
	}

	/** The layer a name selects ({@code layer} or {@code layer/weight}), or the only suitable one for null. */
	private String pickLayer(String name, String what, boolean convolution) {
		if (name != null && !name.isEmpty()) {
			if (layers.containsKey(name) && !layers.get(name).isEmpty()) return name;
			for (Map.Entry<String, List<Weight>> e : layers.entrySet())
				for (Weight w : e.getValue())
					if (w.info.name().equals(name)) return e.getKey();
			throw new IllegalArgumentException("No layer '" + name + "' in " + fileName() + "; layers with weights: " +
				layerListing(new ArrayList<>(layers.keySet())));
		}
		List<String> candidates = new ArrayList<>();
		for (Map.Entry<String, List<Weight>> e : layers.entrySet())
			if (convolution ? isConvolution(e.getKey(), e.getValue()) : isBatchNorm(e.getValue())) candidates.add(e.getKey());
		if (candidates.size() == 1) return candidates.get(0);
		throw new IllegalArgumentException(fileName() + " holds " + (candidates.isEmpty() ? "no " + what + " layer" :
			candidates.size() + " " + what + " layers; choose one with tensor=LAYER") + ": " +
			layerListing(candidates.isEmpty() ? new ArrayList<>(layers.keySet()) : candidates));
	}

	private boolean isConvolution(String layer, List<Weight> w) {
		LayerConfig config = configs.get(layer);
		if (config != null && KernelLayout.ofKerasClass(config.className) == null) return false;
		Weight kernel = keras3 ? (w.isEmpty() ? null : w.get(0)) : role(w, "kernel");
		if (kernel == null) kernel = role(w, "depthwise_kernel");
		return kernel != null && kernel.info.rank() == 4;
	}

	private boolean isBatchNorm(List<Weight> w) {
		if (!keras3) return role(w, "moving_mean") != null;
		if (w.size() != 4 && w.size() != 2) return false;
		for (Weight x : w)
			if (x.info.rank() != 1) return false;
		return true;
	}

	private String layerListing(List<String> names) {
		StringBuilder sb = new StringBuilder();
		for (String layer : names) {
			List<Weight> weights = layers.get(layer);
			if (weights.isEmpty()) continue;
			sb.append(sb.length() == 0 ? "" : "; ").append(layer).append(" (");
			LayerConfig config = configs.get(layer);
			if (config != null) sb.append(config.className).append(": ");
			for (int i = 0; i < weights.size(); i++)
				sb.append(i == 0 ? "" : ", ").append(weights.get(i).role).append(' ')
					.append(weights.get(i).info.shapeText());
			sb.append(')');
		}
		return sb.length() == 0 ? "none" : sb.toString();
	}

	private static Weight role(List<Weight> weights, String role) {
		for (Weight w : weights)
			if (w.role.equals(role)) return w;
		return null;
	}

	private static List<TensorInfo> infos(List<Weight> weights) {
		List<TensorInfo> out = new ArrayList<>();
		for (Weight w : weights)
			out.add(w.info);
		return out;
	}

	/** The element type as text: {@code float32}, {@code int64}, {@code uint8}, ... */
	private static String dtypeName(DataType type) {
		int bits = type.getSize() * 8;
		if (type instanceof FloatingPoint) return "float" + bits;
		if (type instanceof FixedPoint) return (((FixedPoint) type).isSigned() ? "int" : "uint") + bits;
		return type.getClass().getSimpleName();
	}

	private IllegalArgumentException corrupt(Exception e) {
		return new IllegalArgumentException(fileName() + " is not a readable HDF5 file (corrupt or unsupported): " +
			e.getMessage(), e);
	}

	@Override
	public void close() {
		hdf.close();
	}
}
