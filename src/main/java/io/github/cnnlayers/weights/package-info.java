/**
 * Reading learned layer weights in pure Java: NumPy {@code .npy}/{@code .npz}, {@code .safetensors} and Keras
 * HDF5 ({@code .h5}, {@code .hdf5}, {@code .keras}). {@link io.github.cnnlayers.weights.WeightFile} is the entry
 * point; convolution weights always come out in PyTorch's layout {@code [C_out, C_in/groups, kh, kw]}.
 * Bad input gives an {@link java.lang.IllegalArgumentException} whose message names the problem and the allowed
 * values. No ImageJ or ImgLib2 types here.
 */
package io.github.cnnlayers.weights;
