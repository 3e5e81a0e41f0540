/**
 * Reading ONNX models ({@code .onnx}) in pure Java, without protobuf-java: {@link io.github.cnnlayers.onnx.OnnxModel}
 * is the entry point, giving the graph, its nodes, attributes and tensors as immutable typed objects. The
 * protobuf wire format is decoded here, every length checked against the bytes present; a tensor's declared size
 * is checked against its data before anything is allocated; external data is read only from the model's folder.
 * Bad input gives an {@link io.github.cnnlayers.onnx.OnnxFormatException} naming the problem. Networks are not
 * run here. No ImageJ or ImgLib2 types, and nothing else of this project.
 */
package io.github.cnnlayers.onnx;
