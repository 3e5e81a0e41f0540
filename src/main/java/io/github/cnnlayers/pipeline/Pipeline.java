package io.github.cnnlayers.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import ij.ImagePlus;
import io.github.cnnlayers.layers.LayerCommand;

/**
 * A graph of {@link Step}s, each working on the previous step's result, on the one it names with
 * {@code @N}, or on two it names ({@code Concat @2 @5}), written in the macro syntax:
 * {@code Pipeline.parse("Conv2D... preset=[sobel x] stride=2", "Leaky ReLU... alpha=0.1", "Max Pooling... size=2")}.
 * Running it keeps every step's result, named {@code <input>_<suffix of step 1>_<suffix of step 2>...},
 * e.g. {@code cell_conv2d}, {@code cell_conv2d_leakyrelu}, {@code cell_conv2d_leakyrelu_maxpooling}
 * (the rule, and what happens when two names would be the same, is {@link OutputNames}'s).
 */
public final class Pipeline {

	private final List<Step> steps;

	/** @param steps the steps, in order; at least one */
	public Pipeline(final List<Step> steps) {
		if (steps.isEmpty())
			throw new IllegalArgumentException("A pipeline needs at least one step; known commands: " + LayerCommand.knownLabels());
		this.steps = Collections.unmodifiableList(new ArrayList<>(steps));
	}

	/**
	 * Parses and checks steps, numbered from 1.
	 *
	 * @param steps the steps in macro syntax
	 * @return the pipeline
	 * @throws IllegalArgumentException naming every bad step (one line each)
	 */
	public static Pipeline parse(final String... steps) {
		return parse(Arrays.asList(steps));
	}

	/**
	 * Parses and checks steps, numbered from 1.
	 *
	 * @param steps the steps in macro syntax
	 * @return the pipeline
	 * @throws IllegalArgumentException naming every bad step (one line each)
	 */
	public static Pipeline parse(final List<String> steps) {
		final List<Step> parsed = new ArrayList<>();
		final List<String> errors = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			try {
				parsed.add(Step.parse(i + 1, steps.get(i)));
			}
			catch (final IllegalArgumentException e) {
				errors.add(e.getMessage());
			}
		}
		if (!errors.isEmpty())
			throw new IllegalArgumentException(String.join("\n", errors));
		return new Pipeline(parsed);
	}

	/** @return the steps, in order */
	public List<Step> steps() {
		return steps;
	}

	/**
	 * Runs every step in turn; the input is never changed. The results are named by
	 * {@link OutputNames#of}: {@code <input>_<suffix of step 1>_...}, numbered by step where two would
	 * be the same.
	 *
	 * @param input the input image
	 * @param inputName the input's name, the start of every result's name
	 * @return one result per step, in order
	 * @throws IllegalArgumentException when a step's parameters do not fit its input (naming the step)
	 */
	public List<FeatureMap> run(final ImagePlus input, final String inputName) {
		return run(input, OutputNames.of(this, inputName));
	}

	/**
	 * Runs every step in turn; the input is never changed.
	 *
	 * @param input the input image
	 * @param names the results' names, planned for the whole run ({@link OutputNames#plan})
	 * @return one result per step, in order, named as planned
	 * @throws IllegalArgumentException when a step's parameters do not fit its input (naming the step)
	 */
	public List<FeatureMap> run(final ImagePlus input, final OutputNames names) {
		final List<FeatureMap> results = new ArrayList<>(steps.size());
		for (int i = 0; i < steps.size(); i++) {
			final Step step = steps.get(i);
			final String name = names.maps().get(i);
			final List<ImagePlus> inputs = new ArrayList<>();
			for (final int in : step.inputs())
				inputs.add(in == 0 ? input : results.get(in - 1).image());
			results.add(step.run(inputs, step.input() == 0 ? names.input() : results.get(step.input() - 1).name(), name));
		}
		return results;
	}

	/**
	 * @param inputName an input's name
	 * @return the names {@link #run} gives the results, in step order, e.g. {@code cell_conv2d} ({@link OutputNames#of})
	 */
	public List<String> outputNames(final String inputName) {
		return OutputNames.of(this, inputName).maps();
	}

	/**
	 * @return every step's {@link Step#resolvedText()}, in order: {@link #parse} gives the same pipeline
	 *         from them in any working folder
	 */
	public List<String> resolvedSteps() {
		final List<String> texts = new ArrayList<>(steps.size());
		for (final Step s : steps)
			texts.add(s.resolvedText());
		return texts;
	}

	/** @return whether every step works on the previous step's result alone */
	public boolean isChain() {
		for (final Step s : steps)
			if (s.inputs().size() != 1 || s.input() != s.number() - 1)
				return false;
		return true;
	}
}
