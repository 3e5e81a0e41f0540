/** One class per menu command under Plugins &gt; CNN Layers: dialogs, validation, hand-off to the core. */
package io.github.cnnlayers.plugins;
