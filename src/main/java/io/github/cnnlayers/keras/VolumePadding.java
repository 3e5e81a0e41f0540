package io.github.cnnlayers.keras;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import io.github.cnnlayers.core.Layer3D;
import io.github.cnnlayers.core.ReceptiveField;

/**
 * Zeros added to (or, where negative, voxels cut from) each side of a volume: what TensorFlow's uneven 'same'
 * padding adds before a 3D convolution, and what Keras cuts from a 3D transposed convolution's full output.
 */
final class VolumePadding implements Layer3D {

	/** Voxels added before and after depth, height and width; negative cuts. */
	private final int front, back, top, bottom, left, right;

	VolumePadding(int front, int back, int top, int bottom, int left, int right) {
		this.front = front;
		this.back = back;
		this.top = top;
		this.bottom = bottom;
		this.left = left;
		this.right = right;
	}

	/** The padded (cut) size {W, H, D}. */
	@Override
	public long[] outputSize(long width, long height, long depth) {
		long[] out = { width + left + right, height + top + bottom, depth + front + back };
		if (out[0] < 1 || out[1] < 1 || out[2] < 1)
			throw new IllegalArgumentException(this + " leaves nothing of a volume of " + depth + " x " + height + " x " + width +
				" (D x H x W)");
		return out;
	}

	/** Output voxel o is input voxel o - (left, top, front): a shift, cut or zero-padded. */
	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.volume(ReceptiveField.window(1, 1, left), ReceptiveField.window(1, 1, top), ReceptiveField.window(1, 1, front));
	}

	/** Copies each channel shifted by (left, top, front), zeros outside the input. */
	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(List<? extends RandomAccessibleInterval<S>> inputs,
		List<? extends RandomAccessibleInterval<T>> outputs)
	{
		for (int c = 0; c < inputs.size(); c++) {
			RandomAccess<S> in = Views.extendZero(inputs.get(c)).randomAccess();
			Cursor<T> out = Views.flatIterable(outputs.get(c)).localizingCursor();
			while (out.hasNext()) {
				out.fwd();
				in.setPosition(out.getLongPosition(0) - left, 0);
				in.setPosition(out.getLongPosition(1) - top, 1);
				in.setPosition(out.getLongPosition(2) - front, 2);
				out.get().setReal(in.get().getRealDouble());
			}
		}
	}

	/** E.g. "Pad 3D (front 0, back 1, top 0, bottom 1, left 0, right 1)". */
	@Override
	public String toString() {
		return "Pad 3D (front " + front + ", back " + back + ", top " + top + ", bottom " + bottom + ", left " + left + ", right " +
			right + ")";
	}
}
