/**
 * Networks: the layers of {@code core} wired as a graph of named tensors, each the C planes of one sample,
 * with layers of one input ({@link io.github.cnnlayers.core.Layer}) and of several
 * ({@link io.github.cnnlayers.core.MergeLayer}); planned (every tensor's shape, the peak memory) before
 * anything is allocated, and run freeing each intermediate tensor after its last consumer. Pure Java and
 * ImgLib2: no {@code ij.*}.
 */
package io.github.cnnlayers.network;
