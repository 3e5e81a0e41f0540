/** The bridge between ImageJ 1.x and the ImgLib2 core: zero-copy pixel views, result images, macro options. */
package io.github.cnnlayers.ij;
