/**
 * The headless pipeline: the course notes' demo (Conv2D, ReLU, Leaky ReLU, Max Pooling) and user-defined
 * chains of steps written in the macro syntax, each parsed once into the registry's typed spec and run
 * through the same code as the menu commands (never {@code IJ.run}, never a dialog), with the embedded
 * sample images.
 */
package io.github.cnnlayers.pipeline;
