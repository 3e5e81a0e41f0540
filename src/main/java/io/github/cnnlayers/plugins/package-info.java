/**
 * The menu commands under Plugins &gt; CNN Layers: two plugin classes registered by argument in
 * {@code plugins.config}, which read dialogs or macro options, hand them to the registry
 * ({@link io.github.cnnlayers.layers.LayerCommand}) and show the result; any failure stops a macro.
 */
package io.github.cnnlayers.plugins;
