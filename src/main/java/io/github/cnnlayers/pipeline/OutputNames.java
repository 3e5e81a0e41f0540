package io.github.cnnlayers.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names one input's run through one pipeline gives its outputs: a name per step's result (the
 * file name without {@code .tif}/{@code .png}) and the montage's. The one rule for output names, used
 * by the command line and the Spark job, decided for a whole run before anything is written, so that
 * no two outputs of a run share a file:
 * <ol>
 * <li>a step's result is named {@code <name of what it works on>_<command suffix>}, e.g.
 * {@code cell_conv2d_leakyrelu} (the shipped names);</li>
 * <li>steps of one pipeline that would get the same name are numbered by their step:
 * {@code a_leakyrelu_step1}, {@code a_leakyrelu_step2} (two Leaky ReLUs both on {@code @0}); the
 * steps after them are named from these;</li>
 * <li>a name that an earlier input or pipeline of the run has already taken (e.g. inputs {@code a} and
 * {@code a_relu} with steps ReLU, ReLU both give {@code a_relu_relu}) gets {@code _2}, {@code _3}, ... in
 * the later one.</li>
 * </ol>
 * The montage is {@code <input>_montage} (rule 3 applies to it too).
 */
public final class OutputNames implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The suffix of the montage's name: {@code <input>_montage.png}. */
	public static final String MONTAGE_SUFFIX = "_montage";

	/** What rule 2 puts between a name and the step number: {@code a_leakyrelu_step2}. */
	public static final String STEP_NUMBER = "_step";

	private final String input;
	private final ArrayList<String> maps;
	private final String montage;

	private OutputNames(final String input, final List<String> maps, final String montage) {
		this.input = input;
		this.maps = new ArrayList<>(maps);
		this.montage = montage;
	}

	/**
	 * The names of one input through one pipeline, alone in its run (rules 1 and 2).
	 *
	 * @param pipeline the steps
	 * @param input the input's name, the start of every output name
	 * @return the names
	 */
	public static OutputNames of(final Pipeline pipeline, final String input) {
		return plan(Collections.singletonList(input), Collections.singletonList(pipeline), Collections.singletonList("")).get(0).get(0);
	}

	/**
	 * The names of a run of one pipeline over several inputs (rules 1 to 3).
	 *
	 * @param inputs the inputs' names, all different, in the run's order
	 * @param pipeline the steps
	 * @return one per input, in order; no two output files of the run have the same name
	 */
	public static List<OutputNames> plan(final List<String> inputs, final Pipeline pipeline) {
		final List<OutputNames> names = new ArrayList<>(inputs.size());
		for (final List<OutputNames> n : plan(inputs, Collections.singletonList(pipeline), Collections.singletonList("")))
			names.add(n.get(0));
		return names;
	}

	/**
	 * The names of a run of several pipelines over several inputs (rules 1 to 3); pipeline {@code k}'s
	 * outputs start with {@code <input><suffixes[k]>}.
	 *
	 * @param inputs the inputs' names, all different, in the run's order
	 * @param pipelines the pipelines, in the run's order
	 * @param suffixes one per pipeline, e.g. {@code ""} and {@code "_learned"}
	 * @return per input, per pipeline, the names; no two output files of the run have the same name
	 */
	public static List<List<OutputNames>> plan(final List<String> inputs, final List<Pipeline> pipelines, final List<String> suffixes) {
		final List<boolean[]> numbered = new ArrayList<>(pipelines.size());
		for (final Pipeline p : pipelines)
			numbered.add(numberedSteps(p));
		final Set<String> taken = new HashSet<>();
		final List<List<OutputNames>> all = new ArrayList<>(inputs.size());
		for (final String input : inputs) {
			final List<OutputNames> perPipeline = new ArrayList<>(pipelines.size());
			for (int k = 0; k < pipelines.size(); k++) {
				final String prefix = input + suffixes.get(k);
				final List<String> maps = names(pipelines.get(k), prefix, numbered.get(k));
				for (int i = 0; i < maps.size(); i++) {
					final String free = free(maps.get(i), taken);
					if (!free.equals(maps.get(i))) // rename this result and the ones made from it
						maps.set(i, free);
					taken.add(free);
					rename(pipelines.get(k), prefix, numbered.get(k), maps, i + 1);
				}
				final String montage = free(prefix + MONTAGE_SUFFIX, taken);
				taken.add(montage);
				perPipeline.add(new OutputNames(prefix, maps, montage));
			}
			all.add(perPipeline);
		}
		return all;
	}

	/**
	 * @return which steps rule 2 numbers: those whose names are shared, the earliest shared name first
	 *         (numbering a step renames the steps made from it, which may settle their clash)
	 */
	private static boolean[] numberedSteps(final Pipeline pipeline) {
		final boolean[] numbered = new boolean[pipeline.steps().size()];
		for (boolean changed = true; changed;) {
			changed = false;
			final List<String> names = names(pipeline, "", numbered);
			final Map<String, Integer> count = new HashMap<>();
			for (final String n : names)
				count.merge(n, 1, Integer::sum);
			for (int i = 0; i < names.size() && !changed; i++)
				if (count.get(names.get(i)) > 1)
					for (int j = i; j < names.size(); j++)
						if (names.get(j).equals(names.get(i))) {
							numbered[j] = true;
							changed = true;
						}
		}
		return numbered;
	}

	private static List<String> names(final Pipeline pipeline, final String prefix, final boolean[] numbered) {
		final List<String> names = new ArrayList<>(pipeline.steps().size());
		for (int i = 0; i < numbered.length; i++)
			names.add(name(pipeline.steps().get(i), prefix, names, numbered[i]));
		return names;
	}

	/** Names steps {@code from} on again after an earlier result was renamed by rule 3. */
	private static void rename(final Pipeline pipeline, final String prefix, final boolean[] numbered, final List<String> names,
		final int from)
	{
		for (int i = from; i < numbered.length; i++)
			names.set(i, name(pipeline.steps().get(i), prefix, names, numbered[i]));
	}

	private static String name(final Step s, final String prefix, final List<String> earlier, final boolean numbered) {
		return (s.input() == 0 ? prefix : earlier.get(s.input() - 1)) + "_" + s.fileSuffix() +
			(numbered ? STEP_NUMBER + s.number() : "");
	}

	private static String free(final String name, final Set<String> taken) {
		if (!taken.contains(name))
			return name;
		int i = 2;
		while (taken.contains(name + "_" + i))
			i++;
		return name + "_" + i;
	}

	/** @return the input's name (with the pipeline's suffix), the start of every output name */
	public String input() {
		return input;
	}

	/** @return each step's result's name, in step order, e.g. {@code cell_conv2d} */
	public List<String> maps() {
		return Collections.unmodifiableList(maps);
	}

	/** @return the montage's name, e.g. {@code cell_montage} */
	public String montage() {
		return montage;
	}

	/**
	 * @return the one file that --tile writes ({@link StreamedNetworkRun}): the last step's result as a TIFF, named
	 *         as the untiled run names it
	 */
	public String streamedFile() {
		return maps.get(maps.size() - 1) + ".tif";
	}

	/**
	 * @return the file names written, in the order written: {@code <map>.tif}, {@code <map>.png} for
	 *         every step, then {@code <montage>.png}
	 */
	public List<String> fileNames() {
		final List<String> files = new ArrayList<>(2 * maps.size() + 1);
		for (final String m : maps) {
			files.add(m + ".tif");
			files.add(m + ".png");
		}
		files.add(montage + ".png");
		return files;
	}
}
