/**
 * The layers as SciJava {@link org.scijava.command.Command}s, for Fiji scripts ({@code #@} parameters,
 * {@code CommandService}) and PyImageJ ({@code ij.command().run(...)}): a thin façade that turns typed
 * parameters into the macro options string and calls the menu command's own plugin class, so the
 * checks, messages and results are exactly those of {@code run("Conv2D...", ...)}.
 * <p>
 * The commands have no menu path and are not visible in menus or the search bar (the ImageJ 1.x
 * commands under Plugins &gt; CNN Layers stay the only entries); scripts call them by class.
 * Parameter names are the macro keys. Every command leaves its input unchanged and returns a new
 * image as output {@code result}; invalid parameters cancel the command with the plugin's message
 * ({@code module.isCanceled()}, {@code module.getCancelReason()}).
 */
package io.github.cnnlayers.scijava;
