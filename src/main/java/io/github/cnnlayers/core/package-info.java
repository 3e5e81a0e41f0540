/** The math of the CNN layers, on ImgLib2 alone: no ImageJ 1.x types. */
package io.github.cnnlayers.core;
