/**
 * The headless pipeline: the course notes' demo (Conv2D, ReLU, Leaky ReLU, Max Pooling) and
 * user-defined chains of steps written in the macro syntax, run by calling the commands' own
 * {@code process} methods (never {@code IJ.run}, never a dialog), with the embedded sample images.
 */
package io.github.cnnlayers.pipeline;
