/**
 * The layers as commands: the registry of every command under Plugins &gt; CNN Layers
 * ({@link io.github.cnnlayers.layers.LayerCommand}), their macro keys with defaults written once
 * ({@link io.github.cnnlayers.layers.Key}), and a typed spec per kind of layer, parsed once from a macro
 * string into the layer it builds once ({@link io.github.cnnlayers.layers.LayerSpec}). The dialogs
 * ({@code plugins}), the headless pipeline, the SciJava commands and the Spark job all go through it, so they
 * accept and reject the same input with the same messages.
 */
package io.github.cnnlayers.layers;
