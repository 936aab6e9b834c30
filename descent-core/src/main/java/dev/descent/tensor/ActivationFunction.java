package dev.descent.tensor;

/**
 * The element-wise functions of the activation layers, each with its derivative written in
 * terms of the input z and the output a = f(z) (whichever is cheaper).
 */
public enum ActivationFunction {
    /** max(0, z); derivative 0 at z = 0 (MATLAB's choice); NaN passes through. */
    RELU("relu"),
    /** z for z &gt; 0, scale * z otherwise (MATLAB leakyReluLayer, default scale 0.01). */
    LEAKY_RELU("leakyrelu"),
    TANH("tanh"),
    /** 1 / (1 + e^-z). */
    SIGMOID("sigmoid"),
    /** The identity (for the single-neuron walkthrough and linear models). */
    LINEAR("linear");

    private final String id;

    ActivationFunction(String id) {
        this.id = id;
    }

    /** The lower-case name used in layer lists, for example {@code leakyrelu}. */
    public String id() {
        return id;
    }

    /** f(z); {@code scale} is used by leaky ReLU only. */
    public double apply(double z, double scale) {
        return switch (this) {
            case RELU -> Math.max(z, 0.0);
            case LEAKY_RELU -> z > 0 ? z : scale * z;
            case TANH -> Math.tanh(z);
            case SIGMOID -> sigmoid(z);
            case LINEAR -> z;
        };
    }

    /** f'(z), given z and a = f(z). */
    public double derivative(double z, double a, double scale) {
        return switch (this) {
            case RELU -> z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> z > 0 ? 1.0 : scale;
            case TANH -> 1.0 - a * a;
            case SIGMOID -> a * (1.0 - a);
            case LINEAR -> 1.0;
        };
    }

    private static double sigmoid(double z) {
        // Written so that neither branch overflows exp.
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** The function named {@code id} (case-insensitive; {@code leaky-relu} also accepted). */
    public static ActivationFunction parse(String id) {
        String key = id.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        for (ActivationFunction f : values()) {
            if (f.id.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "activation must be relu, leakyrelu, tanh, sigmoid or linear, got " + id);
    }
}
