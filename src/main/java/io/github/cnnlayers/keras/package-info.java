/**
 * Keras models in pure Java: a Keras 2 {@code model.save} {@code .h5} or Keras 3 {@code .keras} file read into
 * its architecture ({@link io.github.cnnlayers.keras.KerasModel}), and for a concrete input shape the same layers
 * as a {@link io.github.cnnlayers.network.Network} of this project's {@code core} layers, with the file's weights.
 */
package io.github.cnnlayers.keras;
