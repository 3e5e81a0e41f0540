package io.github.cnnlayers.pipeline;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import io.github.cnnlayers.ij.MacroOptions;
import io.github.cnnlayers.layers.Key;
import io.github.cnnlayers.layers.LayerCommand;
import io.github.cnnlayers.layers.LayerSpec;
import io.github.cnnlayers.layers.MergeOperation;
import io.github.cnnlayers.layers.NetworkSpec;
import io.github.cnnlayers.ij.ImageJExecutor;
import io.github.cnnlayers.ij.ModelRunner;
import io.github.cnnlayers.core.Layer;
import io.github.cnnlayers.network.Network;
import io.github.cnnlayers.network.Operation;
import io.github.cnnlayers.network.Shape;

/**
 * One step of a pipeline, written as in a macro: the command's menu label, optionally followed by
 * its options, e.g. {@code "Conv2D... kernel=[-1 -1 -1\n-1 8 -1\n-1 -1 -1] stride=2"},
 * {@code "Leaky ReLU... alpha=0.1"} or {@code "ReLU"}. A recorded line
 * {@code run("Max Pooling...", "size=2 stride=2");} is accepted as well. The label matches in any
 * case and its trailing {@code ...} may be left out.
 * <p>
 * A step works on the previous step's result, or on the result it names with a leading {@code @N}
 * (step N's result; {@code @0} is the input image): {@code "@1 Leaky ReLU... alpha=0.1"}.
 * <p>
 * Options are checked when the step is parsed, by the command's own parser, so a pipeline with a bad
 * option fails before any image is touched. Every file a step names (weights, biases, a kernel file)
 * is resolved there, against the working folder, into an absolute path ({@link #resolvedText()}), so
 * the step means the same files wherever it runs next (a cluster's executor has another working folder). Every step works on all planes of a stack (the
 * {@code stack} flag is added unless the options give {@code stack} or {@code slice}).
 */
public final class Step {

	private static final Pattern INPUT = Pattern.compile("@(\\d+)\\s+(.*)", Pattern.DOTALL);

	private static final Pattern RECORDED = Pattern.compile(
		"run\\s*\\(\\s*\"([^\"]*)\"\\s*(?:,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?\\)\\s*;?", Pattern.DOTALL);

	/** The label of the step that runs a model file */
	static final String RUN_NETWORK = "Run Network...";

	/** A step that runs a model: {@code Run Network... model=[unet.onnx]} (the dots may be left out) */
	private static final Pattern NETWORK = Pattern.compile("(?is)run network(?:\\.\\.\\.)?(?:\\s+(.*))?");

	/** A step of two inputs: {@code Concat @2 @5} */
	private static final Pattern MERGE = Pattern.compile("(?i)(\\w+)\\s+@(\\d+)\\s+@(\\d+)");

	private final int number;
	private final List<Integer> inputs;
	private final String text;
	private final Work work;

	private Step(final int number, final List<Integer> inputs, final String text, final Work work) {
		this.number = number;
		this.inputs = java.util.Collections.unmodifiableList(new ArrayList<>(inputs));
		this.text = text;
		this.work = work;
	}

	/** What a step does with its inputs: a registry command on one, or a merge of two. */
	private interface Work {

		/** @return the label, e.g. "Conv2D..." or "Concat" */
		String label();

		/** @return the suffix of its results' names, e.g. "conv2d" */
		String fileSuffix();

		/** @return the parameters in effect */
		String describe();

		/** @return a caption for pictures */
		String caption();

		/** @return the options as written, files absolute ("" for a merge) */
		String options();

		/**
		 * @param fingerprint what a file path becomes
		 * @return the options with every file replaced ("" for a merge)
		 */
		String optionsWithFiles(Function<String, String> fingerprint);

		/**
		 * @param inputs the step's inputs, in order; never changed
		 * @param note receives a status note, if any
		 * @return the new result
		 */
		ImagePlus apply(List<ImagePlus> inputs, String[] note);

		/**
		 * Adds what it computes to a network, as the nodes of one tensor.
		 *
		 * @param builder the network being built; its inputs' tensors are in it
		 * @param name the tensor it makes
		 * @param reads the tensors of its inputs, in order
		 * @param shapes the shapes of those tensors
		 * @param what the step in messages, e.g. "Step 3 (Conv2D...)"
		 * @return the shape of the tensor it makes
		 * @throws IllegalArgumentException when it cannot be a part of a network (naming why) or does not fit its inputs
		 */
		Shape addTo(Network.Builder builder, String name, String[] reads, List<Shape> shapes, String what);
	}

	/** A registry command, parsed once into its spec. */
	private static final class CommandWork implements Work {

		final LayerCommand command;
		final String options;
		/** The options as written, files made absolute, without the added {@code stack} */
		final MacroOptions parsed;
		/** Made once when the step was parsed: a learned layer reads its weight file once */
		final LayerSpec spec;

		CommandWork(final LayerCommand command, final String options, final MacroOptions parsed, final LayerSpec spec) {
			this.command = command;
			this.options = options;
			this.parsed = parsed;
			this.spec = spec;
		}

		@Override
		public String label() {
			return command.label();
		}

		@Override
		public String fileSuffix() {
			return command.fileSuffix();
		}

		@Override
		public String describe() {
			return spec.describe();
		}

		@Override
		public String caption() {
			return spec.caption();
		}

		@Override
		public String options() {
			return options;
		}

		@Override
		public String optionsWithFiles(final Function<String, String> fingerprint) {
			return withFiles(command.keys(), parsed, fingerprint, null);
		}

		@Override
		public ImagePlus apply(final List<ImagePlus> inputs, final String[] note) {
			final ImagePlus input = inputs.get(0);
			if (!command.inPlace())
				return command.makeNew(input, spec);
			final ImagePlus result = input.duplicate();
			result.setCalibration(input.getCalibration().copy());
			note[0] = command.applyInPlace(result, spec);
			return result;
		}

		@Override
		public Shape addTo(final Network.Builder builder, final String name, final String[] reads, final List<Shape> shapes,
			final String what)
		{
			final Layer layer;
			try {
				layer = spec.layer();
			}
			catch (final UnsupportedOperationException e) { // a 3D command: no plane layer
				throw new IllegalArgumentException(what + " cannot be a part of a network of planes: " + e.getMessage());
			}
			final Operation operation = Operation.of(layer, what);
			final Shape out;
			try {
				out = operation.outputShape(shapes);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
			}
			builder.add(name, operation, reads);
			return out;
		}
	}

	/** A trained network from a model file (Run Network...), read once when the step is parsed. */
	private static final class NetworkWork implements Work {

		final String options;
		/** The options as written, the model file made absolute, without the added {@code stack} */
		final MacroOptions parsed;
		final NetworkSpec spec;

		NetworkWork(final String options, final MacroOptions parsed, final NetworkSpec spec) {
			this.options = options;
			this.parsed = parsed;
			this.spec = spec;
		}

		@Override
		public String label() {
			return RUN_NETWORK;
		}

		@Override
		public String fileSuffix() {
			return ModelRunner.SUFFIX;
		}

		@Override
		public String describe() {
			return spec.model().describe().replace("\n", "; ") + "; output " + spec.output();
		}

		@Override
		public String caption() {
			return "Network " + spec.model().source();
		}

		@Override
		public String options() {
			return options;
		}

		@Override
		public String optionsWithFiles(final Function<String, String> fingerprint) {
			return withFiles(NetworkSpec.KEYS, parsed, fingerprint, null);
		}

		@Override
		public ImagePlus apply(final List<ImagePlus> inputs, final String[] note) {
			final ModelRunner.Result r = ImageJExecutor.call(() -> ModelRunner.run(inputs.get(0), spec.model(), spec.output(),
				LayerCommand.processesAllPlanes(inputs.get(0), spec.options()), spec.tiling(), null, null));
			note[0] = r.note();
			return r.image() != null ? r.image() : ModelRunner.rowsImage(inputs.get(0), r.rows());
		}

		/** Adds the model's network for the input's shape node by node, its nodes named {@code <name>/<node>}. */
		@Override
		public Shape addTo(final Network.Builder builder, final String name, final String[] reads, final List<Shape> shapes,
			final String what)
		{
			if (spec.model().isVector(spec.output()))
				throw new IllegalArgumentException(what + ": output " + spec.output() + " of " + spec.model().source() +
					" is a vector per sample (a table), not an image a network of planes goes on with");
			final Network model;
			try {
				model = spec.model().network(shapes.get(0));
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
			}
			if (model.inputs().size() != 1 || model.inputs().contains(spec.output()))
				throw new IllegalArgumentException(what + ": " + spec.model().source() + " has " + model.inputs().size() + " inputs" +
					(model.inputs().contains(spec.output()) ? " and its output " + spec.output() + " is its input" : "") +
					"; a part of a network takes a model of one input and an output computed from it");
			final java.util.Map<String, String> renamed = new java.util.HashMap<>();
			renamed.put(model.inputs().get(0), reads[0]);
			for (final Network.Node node : model.nodes()) {
				final String[] in = new String[node.inputs().size()];
				for (int i = 0; i < in.length; i++)
					in[i] = renamed.get(node.inputs().get(i));
				final String chained = node.name().equals(spec.output()) ? name : name + "/" + node.name();
				renamed.put(node.name(), chained);
				builder.add(chained, node.operation(), in);
			}
			return model.plan(shapes).shapes().get(spec.output());
		}
	}

	/** A layer of two inputs. */
	private static final class MergeWork implements Work {

		final MergeOperation operation;

		MergeWork(final MergeOperation operation) {
			this.operation = operation;
		}

		@Override
		public String label() {
			return operation.label();
		}

		@Override
		public String fileSuffix() {
			return operation.suffix();
		}

		@Override
		public String describe() {
			return operation.label() + " of two results" + (operation == MergeOperation.CONCAT ? " (channels of the first, then the second)"
				: " (element-wise, broadcasting a 1-channel or 1 x 1 input)");
		}

		@Override
		public String caption() {
			return operation.label();
		}

		@Override
		public String options() {
			return "";
		}

		@Override
		public String optionsWithFiles(final Function<String, String> fingerprint) {
			return "";
		}

		@Override
		public ImagePlus apply(final List<ImagePlus> inputs, final String[] note) {
			return operation.apply(inputs.get(0), inputs.get(1));
		}

		@Override
		public Shape addTo(final Network.Builder builder, final String name, final String[] reads, final List<Shape> shapes,
			final String what)
		{
			final Operation merge = Operation.of(operation.layer());
			final Shape out;
			try {
				out = merge.outputShape(shapes);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
			}
			builder.add(name, merge, reads);
			return out;
		}
	}

	/**
	 * Parses and checks a step.
	 *
	 * @param number the step's number in its pipeline, from 1, for messages
	 * @param text the step, e.g. {@code "Max Pooling... size=2"}
	 * @return the step
	 * @throws IllegalArgumentException for an unknown command (listing the known ones) or bad options
	 *         (the command's own message, prefixed with the step number)
	 */
	public static Step parse(final int number, final String text) {
		String t = text == null ? "" : text.trim();
		final Matcher merge = MERGE.matcher(t);
		if (merge.matches() && isMerge(merge.group(1))) {
			final MergeOperation op = MergeOperation.fromLabel(merge.group(1));
			final List<Integer> refs = new ArrayList<>();
			for (final String r : new String[] { merge.group(2), merge.group(3) }) {
				final int ref = r.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(r);
				if (ref >= number)
					throw new IllegalArgumentException("Step " + number + " (" + op.label() + "): @" + r + " names a step that has not run " +
						"yet; allowed: @0 (the input image) to @" + (number - 1));
				refs.add(ref);
			}
			return new Step(number, refs, t, new MergeWork(op));
		}
		if (isMerge(t.split("\\s+")[0]))
			throw new IllegalArgumentException("Step " + number + ": \"" + t + "\" needs two references to earlier results, e.g. \"" +
				MergeOperation.fromLabel(t.split("\\s+")[0]).label() + " @1 @2\" (@0 is the input image)");
		int input = number - 1;
		final Matcher in = INPUT.matcher(t);
		final int networkInput;
		final String afterInput;
		if (in.matches()) {
			networkInput = in.group(1).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(in.group(1));
			afterInput = in.group(2).trim();
		}
		else {
			networkInput = input;
			afterInput = t;
		}
		final Matcher network = NETWORK.matcher(afterInput);
		if (network.matches()) {
			if (networkInput >= number)
				throw new IllegalArgumentException("Step " + number + ": @" + networkInput + " names a step that has not run yet; " +
					"allowed: @0 (the input image) to @" + (number - 1));
			try {
				String options = network.group(1) == null ? "" : network.group(1).trim();
				MacroOptions parsed = NetworkSpec.parseOptions(options);
				final String resolved = withFiles(NetworkSpec.KEYS, parsed, f -> new File(f).getAbsolutePath(), options);
				if (!resolved.equals(options)) { // the model file made absolute here, where the step is checked
					options = resolved;
					parsed = NetworkSpec.parseOptions(options);
				}
				if (!parsed.has("stack") && !parsed.has("slice"))
					options = options.isEmpty() ? "stack" : options + " stack";
				return new Step(number, java.util.Collections.singletonList(networkInput), text.trim(),
					new NetworkWork(options, parsed, NetworkSpec.parse(options)));
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("Step " + number + " (" + RUN_NETWORK + "): " + e.getMessage(), e);
			}
		}
		if (in.matches()) {
			input = in.group(1).length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(in.group(1));
			if (input >= number)
				throw new IllegalArgumentException("Step " + number + ": @" + in.group(1) + " names a step that has not run yet; " +
					"allowed: @0 (the input image) to @" + (number - 1));
			t = in.group(2).trim();
		}
		if (t.isEmpty())
			throw new IllegalArgumentException("Step " + number + " is empty; known commands: " + LayerCommand.knownLabels());
		String label;
		String options;
		final Matcher m = RECORDED.matcher(t);
		if (m.matches()) {
			label = m.group(1).trim();
			options = m.group(2) == null ? "" : m.group(2);
			final int length = labelLength(label);
			if (length != label.length())
				throw unknown(number, t);
		}
		else {
			final int length = labelLength(t);
			if (length < 0)
				throw unknown(number, t);
			label = t.substring(0, length);
			options = t.substring(length).trim();
		}
		final LayerCommand command = commandOf(label);
		final LayerSpec spec;
		MacroOptions parsed;
		try {
			parsed = command.parse(options);
			final String resolved = withFiles(command.keys(), parsed, f -> new File(f).getAbsolutePath(), options);
			if (!resolved.equals(options)) { // every file it names made absolute here, where the step is checked
				options = resolved;
				parsed = command.parse(options);
			}
			if (!parsed.has("stack") && !parsed.has("slice"))
				options = options.isEmpty() ? "stack" : options + " stack";
			spec = command.spec(command.parse(options));
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(prefix(number, command) + e.getMessage(), e);
		}
		return new Step(number, java.util.Collections.singletonList(input), text.trim(), new CommandWork(command, options, parsed, spec));
	}

	/** @return whether {@code word} names a merge step (Concat, Add, Multiply, in any case) */
	private static boolean isMerge(final String word) {
		for (final MergeOperation m : MergeOperation.values())
			if (m.label().equalsIgnoreCase(word))
				return true;
		return false;
	}

	/**
	 * @return the options with every file value ({@link Key#namesFile}) mapped, or {@code unchanged}
	 *         when that changes no value (so that a step keeps its text exactly)
	 */
	private static String withFiles(final List<Key> keys, final MacroOptions parsed, final Function<String, String> file,
		final String unchanged)
	{
		final StringBuilder b = new StringBuilder();
		boolean changed = false;
		for (final String key : parsed.keys()) {
			String value = parsed.text(key, null);
			b.append(b.length() == 0 ? "" : " ").append(key);
			if (value != null) {
				if (namesFile(keys, key) && !value.trim().isEmpty()) {
					final String mapped = file.apply(value.trim());
					changed |= !mapped.equals(value);
					value = mapped;
				}
				b.append('=').append(MacroOptions.quote(value));
			}
		}
		return changed || unchanged == null ? b.toString() : unchanged;
	}

	private static boolean namesFile(final List<Key> keys, final String key) {
		for (final Key k : keys)
			if (k.name().equals(key))
				return k.namesFile();
		return false;
	}

	private static IllegalArgumentException unknown(final int number, final String text) {
		return new IllegalArgumentException("Step " + number + ": unknown command in \"" + text + "\"; known commands: " +
			LayerCommand.knownLabels() + ", \"" + RUN_NETWORK + "\", and of two inputs " + String.join(", ", MergeOperation.labels()) +
			" (e.g. \"Concat @1 @2\"). Write a step as a menu label followed by its macro options, e.g. " +
			"\"Max Pooling... size=2 stride=2\"");
	}

	private static String prefix(final int number, final LayerCommand command) {
		return "Step " + number + " (" + command.label() + "): ";
	}

	/** @return the length of the command label {@code text} starts with, or -1 */
	private static int labelLength(final String text) {
		final String t = text.toLowerCase(Locale.ROOT);
		int best = -1;
		for (final LayerCommand c : LayerCommand.values()) {
			for (final String candidate : candidates(c)) {
				if (t.startsWith(candidate) && (t.length() == candidate.length() || Character.isWhitespace(t.charAt(candidate.length()))))
					best = Math.max(best, candidate.length());
			}
		}
		return best;
	}

	private static LayerCommand commandOf(final String label) {
		final String l = label.toLowerCase(Locale.ROOT);
		for (final LayerCommand c : LayerCommand.values())
			for (final String candidate : candidates(c))
				if (candidate.equals(l))
					return c;
		throw new IllegalStateException("no command for " + label);
	}

	private static String[] candidates(final LayerCommand c) {
		final String full = c.label().toLowerCase(Locale.ROOT);
		return full.endsWith("...") ? new String[] { full, full.substring(0, full.length() - 3) } : new String[] { full };
	}

	/** @return the step's number in its pipeline, from 1 */
	public int number() {
		return number;
	}

	/** @return the number of the step whose result this step works on (its first input); 0 for the input image */
	public int input() {
		return inputs.get(0);
	}

	/** @return the numbers of the steps whose results this step works on, in order; 0 for the input image */
	public List<Integer> inputs() {
		return inputs;
	}

	/** @return the step as written */
	public String text() {
		return text;
	}

	/** @return the label of what it runs, e.g. {@code "Conv2D..."} or {@code "Concat"} */
	public String label() {
		return work.label();
	}

	/** @return the suffix of its results' names, e.g. {@code "conv2d"} or {@code "concat"} */
	public String fileSuffix() {
		return work.fileSuffix();
	}

	/**
	 * @return the options handed to the plugin: as written, every file path made absolute (against the
	 *         working folder where the step was parsed), plus {@code stack} unless {@code stack} or
	 *         {@code slice} was given; "" for a merge
	 */
	public String options() {
		return work.options();
	}

	/**
	 * @return the step as {@link #parse} reads it anywhere: its inputs ({@code @N}), label and
	 *         {@link #options()}, every file path absolute; what a cluster job hands its executors
	 */
	public String resolvedText() {
		return textWith(work.options());
	}

	private String textWith(final String options) {
		return inputs.size() == 1 ? "@" + input() + " " + work.label() + (options.isEmpty() ? "" : " " + options)
			: work.label() + " @" + inputs.get(0) + " @" + inputs.get(1);
	}

	/** @return the files the step names (weights, biases, kernel file), absolute, in the order of its options */
	public List<File> files() {
		final List<File> files = new ArrayList<>();
		work.optionsWithFiles(f -> {
			files.add(new File(f));
			return f;
		});
		return files;
	}

	/**
	 * @param fingerprint what to write in place of each file path
	 * @return {@link #resolvedText()} with every file path replaced by {@code fingerprint}'s text for it
	 */
	public String textWithFiles(final Function<File, String> fingerprint) {
		return textWith(work.optionsWithFiles(f -> fingerprint.apply(new File(f))));
	}

	/** @return the parameters in effect, defaults filled in, e.g. {@code "alpha 0.1: f(x) = x > 0 ? x : alpha*x"} */
	public String describe() {
		return work.describe();
	}

	/** @return a short caption for pictures, e.g. {@code "Max Pooling 2x2"} */
	public String caption() {
		return work.caption();
	}

	/**
	 * Runs a step of one input through the command's own code. The input is never changed: in-place
	 * activations work on a copy.
	 *
	 * @param input the input image
	 * @param inputName the input's name; the result is named {@code <inputName>_<suffix>}
	 * @return the result, its image titled with its name
	 * @throws IllegalArgumentException when the parameters do not fit the image (the command's own
	 *         message, prefixed with the step number and the image)
	 */
	public FeatureMap run(final ImagePlus input, final String inputName) {
		return run(java.util.Collections.singletonList(input), inputName, inputName + "_" + work.fileSuffix());
	}

	/**
	 * As {@link #run(ImagePlus, String)}, with the result's name given (as a run's {@link OutputNames} plan it).
	 *
	 * @param input the input image
	 * @param inputName the input's name, for messages
	 * @param name the result's name
	 * @return the result, its image titled {@code name}
	 */
	public FeatureMap run(final ImagePlus input, final String inputName, final String name) {
		return run(java.util.Collections.singletonList(input), inputName, name);
	}

	/**
	 * Runs the step on its inputs, never changing them.
	 *
	 * @param inputs one image per {@link #inputs()}, in order
	 * @param inputName the first input's name, for messages
	 * @param name the result's name
	 * @return the result, its image titled {@code name}
	 * @throws IllegalArgumentException when the parameters do not fit the images (the message prefixed with
	 *         the step number and the image)
	 */
	public FeatureMap run(final List<ImagePlus> inputs, final String inputName, final String name) {
		final long start = System.nanoTime();
		final ImagePlus result;
		final String[] note = new String[1];
		try {
			result = work.apply(inputs, note);
		}
		catch (final IllegalArgumentException e) {
			final ImagePlus input = inputs.get(0);
			throw new IllegalArgumentException("Step " + number + " (" + work.label() + "): on " + inputName + " (" + input.getWidth() +
				"x" + input.getHeight() + "): " + e.getMessage(), e);
		}
		final long millis = (System.nanoTime() - start) / 1_000_000;
		result.setTitle(name);
		return new FeatureMap(name, result, this, millis, note[0]);
	}

	/**
	 * Adds this step to a network of a pipeline's steps, whose tensor {@code @N} is step N's result ({@code @0} the
	 * input): a command as its layer, a merge as its layer of two inputs, a Run Network step as its model's nodes for
	 * the shape of its input ({@code @N/<node>}, the chosen output {@code @N}).
	 *
	 * @param builder the network being built; the tensors this step reads are in it
	 * @param shapes the shape of every tensor {@code @K} made so far, by K; receives this step's
	 * @throws IllegalArgumentException when the step cannot be a part of a network of planes (a 3D layer, a vector
	 *         output), naming the step and why, or when it does not fit its inputs' shapes
	 */
	void addTo(final Network.Builder builder, final java.util.Map<Integer, Shape> shapes) {
		final String[] reads = new String[inputs.size()];
		final List<Shape> in = new ArrayList<>();
		for (int i = 0; i < reads.length; i++) {
			reads[i] = tensor(inputs.get(i));
			in.add(shapes.get(inputs.get(i)));
		}
		shapes.put(number, work.addTo(builder, tensor(number), reads, in, "Step " + number + " (" + work.label() + ")"));
	}

	/**
	 * @param step a step's number, 0 for the input
	 * @return the name of its result in a network of a pipeline's steps, e.g. {@code "@3"}
	 */
	static String tensor(final int step) {
		return "@" + step;
	}

	@Override
	public String toString() {
		return number + ". " + text;
	}
}
