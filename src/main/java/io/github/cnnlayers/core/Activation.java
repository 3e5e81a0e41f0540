package io.github.cnnlayers.core;

import java.util.Optional;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.view.Views;

/**
 * An element-wise activation function with PyTorch's semantics, as a {@link PlaneLayer} and in place.
 * NaN stays NaN. A new activation is a subclass (usually a one-line {@link #apply(double)} and its
 * {@link #range()}) and a factory method here.
 * <p>
 * In place, a raw value that means zero ({@code zero}) is taken: 0 for float images, 32768 for
 * ImageJ's signed 16-bit images (calibrated value = raw - 32768). For a value {@code v},
 * {@code x = v - zero} goes through the function and {@code zero + f(x)} is stored, rounded and
 * clamped to the type's range for integer types. Float planes backed by an array are processed in
 * parallel chunks straight over the array; anything else through ImgLib2's {@link LoopBuilder}.
 */
public abstract class Activation implements PlaneLayer {

	/**
	 * Values per thread at the least: a 64 x 64 plane (4,096 values, a few microseconds) split over 2
	 * threads took 0.28 ms per ReLU in a macro, on 1 thread 0.08 ms.
	 */
	static final int MIN_PER_THREAD = 1 << 16;


	private final String name;

	/** @param name the function's name, e.g. "ReLU" */
	protected Activation(final String name) {
		this.name = name;
	}

	/** @return ReLU: {@code f(x) = max(0, x)} (PyTorch {@code relu}) */
	public static Activation relu() {
		return new Relu();
	}

	/**
	 * @param alpha the negative slope (PyTorch {@code negative_slope}); a finite 32-bit float
	 * @return Leaky ReLU: {@code f(x) = x} for {@code x > 0}, {@code alpha * x} otherwise (PyTorch {@code leaky_relu})
	 * @throws IllegalArgumentException when alpha is not finite or not a 32-bit float
	 */
	public static Activation leakyRelu(final double alpha) {
		return new LeakyRelu(alpha);
	}

	/** @return the logistic sigmoid {@code f(x) = 1 / (1 + e^-x)} (PyTorch {@code sigmoid}) */
	public static Activation sigmoid() {
		return new Activation("Sigmoid") {

			@Override
			public double apply(final double x) {
				return 1 / (1 + Math.exp(-x));
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(0, false, 1, false);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/** @return the hyperbolic tangent {@code f(x) = tanh(x)} (PyTorch {@code tanh}) */
	public static Activation tanh() {
		return new Activation("Tanh") {

			@Override
			public double apply(final double x) {
				return Math.tanh(x);
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(-1, false, 1, false);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/**
	 * @param alpha the value approached for x to -inf is -alpha (PyTorch {@code alpha}); a finite 32-bit float
	 * @return ELU: {@code f(x) = x} for {@code x > 0}, {@code alpha * (e^x - 1)} otherwise (PyTorch {@code elu});
	 *         f(-0) = +0 as in PyTorch
	 * @throws IllegalArgumentException when alpha is not finite or not a 32-bit float
	 */
	public static Activation elu(final double alpha) {
		return new Elu(alpha);
	}

	/**
	 * @return GELU in its exact form {@code f(x) = x * Phi(x) = 0.5 * x * (1 + erf(x / sqrt(2)))} (PyTorch
	 *         {@code gelu} with {@code approximate='none'}), evaluated as {@code 0.5 * x * erfc(-x / sqrt(2))} so
	 *         that it keeps its relative accuracy for negative x, where {@code 1 + erf} cancels
	 */
	public static Activation gelu() {
		return new Activation("GELU") {

			@Override
			public double apply(final double x) {
				return 0.5 * x * Erf.erfc(-x * SQRT_HALF);
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(GELU_MIN, true, Double.POSITIVE_INFINITY, false);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/**
	 * @return the error function {@code f(x) = erf(x) = 2/sqrt(pi) * integral_0^x e^(-t^2) dt} (PyTorch {@code erf}, ONNX
	 *         {@code Erf}), from {@link Erf#erf(double)} in double, rounded once to float
	 */
	public static Activation erf() {
		return new Activation("Erf") {

			@Override
			public double apply(final double x) {
				return Erf.erf(x);
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(-1, true, 1, true);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/** @return SiLU (swish): {@code f(x) = x * sigmoid(x) = x / (1 + e^-x)} (PyTorch {@code silu}) */
	public static Activation silu() {
		return new Activation("SiLU") {

			@Override
			public double apply(final double x) {
				return x / (1 + Math.exp(-x));
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(SILU_MIN, true, Double.POSITIVE_INFINITY, false);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	private static final double SQRT_HALF = Math.sqrt(0.5);

	/**
	 * GELU's smallest value, {@code x Phi(x)} at x = -0.75179152469356 (where {@code Phi(x) + x phi(x) = 0}),
	 * found by bisection in double precision and rounded down in its last digit, so that it is a true bound.
	 */
	static final double GELU_MIN = -0.1699712074799037;

	/**
	 * SiLU's smallest value, {@code -W(1/e)} (W: Lambert's function), at x = -1 - W(1/e) = -1.27846454276107,
	 * rounded down in its last digit.
	 */
	static final double SILU_MIN = -0.2784645427610739;

	/**
	 * @param alpha the ELU's alpha, a finite 32-bit float (ONNX's default 1.67326319217681884765625)
	 * @param gamma the scale, a finite 32-bit float (ONNX's default 1.05070102214813232421875)
	 * @return SELU: {@code gamma * x} for {@code x > 0}, {@code gamma * alpha * (e^x - 1)} otherwise (PyTorch {@code selu},
	 *         ONNX {@code Selu})
	 * @throws IllegalArgumentException when a parameter is not finite or not a 32-bit float
	 */
	public static Activation selu(final double alpha, final double gamma) {
		FloatRange.check("Alpha", alpha);
		FloatRange.check("Gamma", gamma);
		final double a = (float) alpha, g = (float) gamma;
		return new Activation("SELU") {

			@Override
			public double apply(final double x) {
				return x > 0 ? g * x : g * (a * Math.expm1(x)) + 0.0;
			}

			@Override
			public ValueBounds range() {
				return g > 0 && a > 0 ? new ValueBounds(-g * a, false, Double.POSITIVE_INFINITY, false) : ValueBounds.ALL;
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/**
	 * @param alpha the slope, a finite 32-bit float (ONNX's default 0.2; PyTorch's {@code hardsigmoid} is 1/6)
	 * @param beta the offset, a finite 32-bit float (ONNX's default 0.5)
	 * @return the hard sigmoid {@code max(0, min(1, alpha * x + beta))} (ONNX {@code HardSigmoid}), in float
	 * @throws IllegalArgumentException when a parameter is not finite or not a 32-bit float
	 */
	public static Activation hardSigmoid(final double alpha, final double beta) {
		FloatRange.check("Alpha", alpha);
		FloatRange.check("Beta", beta);
		final float a = (float) alpha, b = (float) beta;
		return new Activation("Hard sigmoid") {

			@Override
			public double apply(final double x) {
				return Double.isNaN(x) ? x : Math.max(0f, Math.min(1f, a * (float) x + b));
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(0, true, 1, true);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/**
	 * @return softplus {@code f(x) = log(1 + e^x)} (ONNX {@code Softplus}; PyTorch's {@code softplus} with beta 1,
	 *         whose threshold 20 changes the result by less than 1e-8), evaluated as {@code max(x, 0) + log1p(e^-|x|)}
	 */
	public static Activation softplus() {
		return new Activation("Softplus") {

			@Override
			public double apply(final double x) {
				return Double.isNaN(x) ? x : Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
			}

			@Override
			public ValueBounds range() {
				return new ValueBounds(0, false, Double.POSITIVE_INFINITY, false);
			}

			@Override
			public boolean identityOnNonNegative() {
				return false;
			}
		};
	}

	/** @return the function's name, e.g. "ReLU" */
	public String name() {
		return name;
	}

	/**
	 * @param x a value
	 * @return the function's value at x, in double precision (stored as float on 32-bit images)
	 */
	public abstract double apply(double x);

	/**
	 * @return whether {@code f(x) = x} for every {@code x >= 0}: such a function cannot change an image
	 *         that holds no negative values (8-bit, unsigned 16-bit, RGB). Otherwise its results are not
	 *         whole numbers in general and it needs a 32-bit image.
	 */
	public abstract boolean identityOnNonNegative();

	/**
	 * @return the values the function takes on finite inputs, e.g. (0, 1) for the sigmoid, [-0.17, inf) for
	 *         GELU: what an image must hold for the results not to be rounded or clamped
	 */
	public abstract ValueBounds range();

	/** Replaces {@code a[i]} by {@code f(a[i])} for {@code from <= i < to}; subclasses may have a faster loop. */
	protected void applyToArray(final float[] a, final int from, final int to) {
		for (int i = from; i < to; i++)
			a[i] = (float) apply(a[i]);
	}

	/**
	 * Applies the function in place.
	 *
	 * @param image the pixels to change
	 * @param zero the raw value meaning 0
	 * @param <T> pixel type
	 */
	public <T extends RealType<T>> void applyInPlace(final RandomAccessibleInterval<T> image, final double zero) {
		final Object array = RowReader.backingArray(image);
		if (zero == 0 && array instanceof float[]) {
			final float[] a = (float[]) array;
			RowChunks.forEach(a.length, MIN_PER_THREAD, r -> applyToArray(a, (int) r.start, (int) r.end));
			return;
		}
		final boolean integer = Views.iterable(image).firstElement() instanceof IntegerType;
		LoopBuilder.setImages(image).multiThreaded().forEachPixel(t -> {
			final double v = zero + apply(t.getRealDouble() - zero);
			t.setReal(integer ? Math.max(t.getMinValue(), Math.min(t.getMaxValue(), Math.rint(v))) : v);
		});
	}

	/** @return {@link #applyToArray} as a function of a row, for a layer to apply as it writes each row */
	RowFunction rowFunction() {
		return this::applyToArray;
	}

	/**
	 * @return {@code producer} with this function applied to each value as it writes each row, when it can take it
	 *         ({@link Layer#thenApplying}): the floats this layer would compute from the producer's float output
	 */
	@Override
	public Optional<Layer> appliedAfter(final Layer producer) {
		return producer.thenApplying(this);
	}

	@Override
	public long[] outputSize(final long width, final long height) {
		return new long[] { width, height };
	}

	@Override
	public ReceptiveField receptiveField() {
		return ReceptiveField.POINT;
	}

	/** @return whether the results fit the input type: true when {@link #identityOnNonNegative()} */
	@Override
	public boolean keepsType() {
		return identityOnNonNegative();
	}

	/** Writes {@code f(source)} into {@code target} (of the same size). */
	@Override
	public <S extends RealType<S>, T extends RealType<T>> void compute(final RandomAccessibleInterval<S> source,
		final RandomAccessibleInterval<T> target)
	{
		OutputGeometry.checkTarget(target, outputSize(source.dimension(0), source.dimension(1)));
		final Cursor<S> in = Views.flatIterable(source).cursor();
		final Cursor<T> out = Views.flatIterable(target).cursor();
		while (in.hasNext())
			out.next().setReal(in.next().getRealDouble());
		applyInPlace(target, 0);
	}

	@Override
	public String toString() {
		return name;
	}

	/** ReLU, with a branch-free array loop. */
	private static final class Relu extends Activation {

		Relu() {
			super("ReLU");
		}

		@Override
		public double apply(final double x) {
			return x < 0 ? 0 : x;
		}

		@Override
		public ValueBounds range() {
			return ValueBounds.NON_NEGATIVE;
		}

		@Override
		public boolean identityOnNonNegative() {
			return true;
		}

		@Override
		protected void applyToArray(final float[] a, final int from, final int to) {
			// branch-free: random signs would make a branch mispredict half of the time
			for (int i = from; i < to; i++)
				a[i] = Math.max(a[i], 0f);
		}
	}

	/** Leaky ReLU, with a branch-free exact array loop. */
	private static final class LeakyRelu extends Activation {

		private final float a;

		LeakyRelu(final double alpha) {
			super("Leaky ReLU");
			FloatRange.check("Alpha", alpha);
			this.a = (float) alpha;
		}

		@Override
		public double apply(final double x) {
			return x > 0 ? x : a * (float) x; // in float, as PyTorch computes on 32-bit tensors
		}

		/** @return all numbers for alpha &gt; 0; else [0, inf), since alpha * x &gt;= 0 for x &lt;= 0 */
		@Override
		public ValueBounds range() {
			return a > 0 ? ValueBounds.ALL : ValueBounds.NON_NEGATIVE;
		}

		@Override
		public boolean identityOnNonNegative() {
			return true;
		}

		@Override
		protected void applyToArray(final float[] px, final int from, final int to) {
			// branch-free and exact: v + a*0 = v for v > 0, 0 + a*v = a*v otherwise; NaN stays NaN
			for (int i = from; i < to; i++) {
				final float v = px[i];
				px[i] = Math.max(v, 0f) + a * Math.min(v, 0f);
			}
		}
	}

	/** ELU, computed with {@code expm1} so that small negative x keep their relative accuracy. */
	private static final class Elu extends Activation {

		private final double alpha;

		Elu(final double alpha) {
			super("ELU");
			FloatRange.check("Alpha", alpha);
			this.alpha = (float) alpha;
		}

		@Override
		public double apply(final double x) {
			// + 0.0 makes f(-0) = +0, as PyTorch's alpha * (exp(x) - 1) gives
			return x > 0 ? x : alpha * Math.expm1(x) + 0.0;
		}

		@Override
		public boolean identityOnNonNegative() {
			return true;
		}

		/** @return (-alpha, inf) for alpha &gt; 0; else [0, inf), since alpha * (e^x - 1) &gt;= 0 for x &lt;= 0 */
		@Override
		public ValueBounds range() {
			return alpha > 0 ? new ValueBounds(-alpha, false, Double.POSITIVE_INFINITY, false) : ValueBounds.NON_NEGATIVE;
		}
	}
}
