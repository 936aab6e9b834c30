package dev.descent.cli;

import dev.descent.nn.Layer;
import dev.descent.nn.LayerSpec;
import dev.descent.nn.Layers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link LayerTrace} as text, in the lesson's notation: layer l of the network is a fully
 * connected step z_l = a_(l-1) W_l + b_l (a_0 = x; W is inputs x outputs, so products read left
 * to right) and its activation a_l = f(z_l); the error signal is delta_l = dL/dz_l, and
 * dW_l = a_(l-1)^T delta_l, db_l = delta_l, dL/da_(l-1) = delta_l W_l^T.
 */
final class TraceReport {
    private TraceReport() {}

    /** The symbol of each layer's output, and of its input (the previous output). */
    private static List<String> symbols(LayerTrace.Result trace) {
        List<String> out = new ArrayList<>();
        int l = 0;
        String previous = "x";
        for (LayerTrace.LayerStep step : trace.layers()) {
            LayerSpec spec = step.spec();
            String symbol;
            if (spec instanceof LayerSpec.FeatureInput) {
                symbol = "x";
            } else if (spec instanceof LayerSpec.FullyConnected) {
                l++;
                symbol = "z" + l;
            } else if (spec instanceof LayerSpec.Activation) {
                symbol = "a" + l;
            } else if (spec instanceof LayerSpec.Dropout) {
                symbol = previous + "~";
            } else if (spec instanceof LayerSpec.Softmax) {
                symbol = "p";
            } else {
                symbol = step.layer().name();
            }
            out.add(symbol);
            previous = symbol;
        }
        return out;
    }

    static void print(LayerTrace.Result trace, long seed, PrintWriter out) {
        List<LayerTrace.LayerStep> steps = trace.layers();
        List<String> symbols = symbols(trace);
        out.printf("Network %s (%d parameters, float64), seed %d, one example%n",
                Layers.describe(trace.network().specs()), trace.network().parameters().size(),
                seed);
        out.printf("x = %s, target = %s, learning rate %s%n", Numbers.vector(trace.x()),
                Numbers.vector(trace.target()), Numbers.format(trace.learnRate()));
        out.println("Weights W are inputs x outputs, so z = a W + b reads left to right.");

        out.println();
        out.println("Forward pass");
        for (int i = 1; i < steps.size() - 1; i++) {
            LayerTrace.LayerStep step = steps.get(i);
            String in = symbols.get(i - 1);
            String formula = forwardFormula(step, in, symbols.get(i));
            out.printf("  %-16s %s = %s%n", step.layer().name(), formula,
                    Numbers.vector(step.output()));
        }
        String last = symbols.get(steps.size() - 2);
        LayerTrace.LayerStep output = steps.get(steps.size() - 1);
        out.printf("  %-16s L = %s = %s%n", output.layer().name(),
                trace.network().isClassification() ? "-sum_k t_k ln " + last + "_k"
                        : "1/2 sum_k (" + last + "_k - t_k)^2",
                Numbers.format(trace.loss()));

        out.println();
        out.println("Backward pass (delta_l = dL/dz_l, the error signal)");
        int fusedBelow = -1;
        if (trace.fused()) {
            fusedBelow = steps.size() - 2;
            out.printf("  %-16s dL/d%s = p - t (softmax and cross-entropy together) = %s%n",
                    output.layer().name() + "+" + steps.get(fusedBelow).layer().name(),
                    symbols.get(fusedBelow - 1), Numbers.vector(trace.lossGradient()));
        } else {
            out.printf("  %-16s dL/d%s = %s = %s%n", output.layer().name(), last,
                    trace.network().isClassification() ? "-t / " + last
                            : last + " - t", Numbers.vector(trace.lossGradient()));
        }
        boolean deltaShown = false;
        for (int i = steps.size() - 2; i >= 1; i--) {
            LayerTrace.LayerStep step = steps.get(i);
            if (step.outputGrad() == null) {
                continue;
            }
            printBackward(step, symbols.get(i - 1), symbols.get(i), deltaShown, out);
            deltaShown = step.spec() instanceof LayerSpec.Activation;
        }

        out.println();
        out.printf("Update (gradient descent: W <- W - %s dW, b <- b - %s db)%n",
                Numbers.format(trace.learnRate()), Numbers.format(trace.learnRate()));
        for (LayerTrace.LayerStep step : steps) {
            for (LayerTrace.ParameterStep p : step.parameters()) {
                out.printf("  %-16s %s%n  %16s %s%n", p.name(),
                        Numbers.matrix(p.value(), p.rows(), p.cols()), "->",
                        Numbers.matrix(p.updated(), p.rows(), p.cols()));
            }
        }
        out.println();
        double change = trace.lossNew() - trace.loss();
        out.printf("Loss after the update: %s (was %s): %s.%n", Numbers.format(trace.lossNew()),
                Numbers.format(trace.loss()), change < 0
                        ? "decreased by " + Numbers.format(-change)
                        : change == 0 ? "unchanged" : "increased by " + Numbers.format(change)
                                + " (the learning rate is too large for this step)");
    }

    private static String forwardFormula(LayerTrace.LayerStep step, String in, String out) {
        LayerSpec spec = step.spec();
        if (spec instanceof LayerSpec.FullyConnected fc) {
            String l = out.substring(1);
            return out + " = " + in + " W" + l + (fc.hasBias() ? " + b" + l : "");
        } else if (spec instanceof LayerSpec.Activation activation) {
            return out + " = " + activation.function().id() + "(" + in + ")";
        } else if (spec instanceof LayerSpec.Dropout dropout) {
            return out + " = " + in + " * mask / " + Numbers.format(1 - dropout.probability());
        } else if (spec instanceof LayerSpec.Softmax) {
            return "p = softmax(" + in + ")";
        }
        return out + " = " + step.layer().name() + "(" + in + ")";
    }

    /**
     * One layer's backward lines; {@code deltaShown} when the layer above (an activation)
     * already printed this fully connected layer's delta.
     */
    private static void printBackward(LayerTrace.LayerStep step, String in, String out,
            boolean deltaShown, PrintWriter text) {
        Layer layer = step.layer();
        String name = String.format("  %-16s ", layer.name());
        String indent = " ".repeat(name.length());
        LayerSpec spec = step.spec();
        if (spec instanceof LayerSpec.FullyConnected) {
            String l = out.substring(1);
            if (!deltaShown) {
                text.printf("%sdelta%s = dL/d%s = %s%n", name, l, out,
                        Numbers.vector(step.outputGrad()));
            } else {
                text.printf("%s(delta%s from above)%n", name, l);
            }
            for (LayerTrace.ParameterStep p : step.parameters()) {
                boolean weights = p.name().endsWith("/weights");
                text.printf("%s%s = %s = %s%n", indent, (weights ? "dW" : "db") + l,
                        weights ? in + "^T delta" + l : "delta" + l,
                        Numbers.matrix(p.gradient(), p.rows(), p.cols()));
            }
            if (step.inputGrad() != null) {
                text.printf("%sdL/d%s = delta%s W%s^T = %s%n", indent, in, l, l,
                        Numbers.vector(step.inputGrad()));
            }
        } else if (spec instanceof LayerSpec.Activation activation) {
            double[] derivative = new double[step.input().length];
            for (int j = 0; j < derivative.length; j++) {
                derivative[j] = activation.function().derivative(step.input()[j],
                        step.output()[j], activation.scale());
            }
            String f = activation.function().id();
            String l = out.substring(1);
            text.printf("%sdelta%s = dL/d%s * %s'(%s) = %s * %s = %s%n", name, l, out, f, in,
                    Numbers.vector(step.outputGrad()), Numbers.vector(derivative),
                    Numbers.vector(step.inputGrad()));
        } else if (spec instanceof LayerSpec.Dropout) {
            text.printf("%sdL/d%s = dL/d%s * mask / (1 - p) = %s%n", name, in, out,
                    Numbers.vector(step.inputGrad()));
        } else if (spec instanceof LayerSpec.Softmax) {
            text.printf("%sdL/d%s = p * (g - sum_k g_k p_k), g = dL/dp = %s%n", name, in,
                    Numbers.vector(step.inputGrad()));
        } else {
            text.printf("%sdL/d%s = %s%n", name, in, Numbers.vector(step.inputGrad()));
        }
    }

    /** The trace as plain values for {@link Json}. */
    static Map<String, Object> json(LayerTrace.Result trace, long seed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("layers", Layers.describe(trace.network().specs()));
        result.put("seed", seed);
        result.put("x", trace.x());
        result.put("target", trace.target());
        result.put("learning_rate", trace.learnRate());
        List<Object> layers = new ArrayList<>();
        for (LayerTrace.LayerStep step : trace.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", step.layer().name());
            layer.put("type", step.spec().describe());
            layer.put("output", step.output());
            layer.put("dL_doutput", step.outputGrad());
            layer.put("dL_dinput", step.inputGrad());
            Map<String, Object> parameters = new LinkedHashMap<>();
            for (LayerTrace.ParameterStep p : step.parameters()) {
                Map<String, Object> array = new LinkedHashMap<>();
                array.put("rows", p.rows());
                array.put("cols", p.cols());
                array.put("value", p.value());
                array.put("gradient", p.gradient());
                array.put("value_new", p.updated());
                parameters.put(p.name(), array);
            }
            layer.put("parameters", parameters);
            layers.add(layer);
        }
        result.put("trace", layers);
        result.put("prediction", trace.prediction());
        result.put("loss", trace.loss());
        result.put("dL_dprediction", trace.fused() ? null : trace.lossGradient());
        result.put("prediction_new", trace.predictionNew());
        result.put("loss_new", trace.lossNew());
        return result;
    }
}
