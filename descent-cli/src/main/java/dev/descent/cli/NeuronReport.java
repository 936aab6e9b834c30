package dev.descent.cli;

import dev.descent.tensor.ActivationFunction;
import java.io.PrintWriter;

/** The single neuron's walkthrough as readable text. */
final class NeuronReport {
    private NeuronReport() {}

    private static String n(double v) {
        return Numbers.format(v);
    }

    /** A number in a product or difference: negative values in parentheses. */
    private static String term(double v) {
        return v < 0 ? "(" + n(v) + ")" : n(v);
    }

    static void print(NeuronWalkthrough.Result r, PrintWriter out) {
        String f = r.activation().id();
        int count = r.x().length;
        out.printf("Single neuron: yhat = %s(z), z = %s (no bias); loss L = 1/2 (y - yhat)^2%n",
                f, weightedSum(count));
        out.printf("x = %s, w = %s, y = %s, learning rate %s%n", Numbers.vector(r.x()),
                Numbers.vector(r.w()), n(r.y()), n(r.learnRate()));

        out.println();
        out.println("Forward pass");
        StringBuilder products = new StringBuilder();
        for (int i = 0; i < count; i++) {
            products.append(i == 0 ? "" : " + ").append(term(r.w()[i])).append(" * ")
                    .append(term(r.x()[i]));
        }
        out.printf("  z        = %s = %s = %s%n", weightedSum(count), products, n(r.z()));
        out.printf("  yhat     = %s(z) = %s(%s) = %s%n", f, f, n(r.z()), n(r.yhat()));
        out.printf("  L        = 1/2 (y - yhat)^2 = 1/2 (%s - %s)^2 = %s%n", n(r.y()),
                term(r.yhat()), n(r.loss()));

        out.println();
        out.println("Backward pass (chain rule: dL/dw_i = dL/dyhat * dyhat/dz * dz/dw_i)");
        out.printf("  dL/dyhat = yhat - y = %s - %s = %s%n", n(r.yhat()), term(r.y()),
                n(r.dLdyhat()));
        out.printf("  dyhat/dz = %s'(z) = %s%n", f, derivativeRule(r));
        out.printf("  dL/dz    = dL/dyhat * dyhat/dz = %s * %s = %s%n", term(r.dLdyhat()),
                term(r.dyhatDz()), n(r.dLdz()));
        for (int i = 0; i < count; i++) {
            out.printf("  dL/dw%d   = dL/dz * x%d = %s * %s = %s%n", i + 1, i + 1,
                    term(r.dLdz()), term(r.x()[i]), n(r.dLdw()[i]));
        }

        out.println();
        out.println("Update (gradient descent: w_i <- w_i - learning rate * dL/dw_i)");
        for (int i = 0; i < count; i++) {
            out.printf("  w%d = %s - %s * %s = %s%n", i + 1, n(r.w()[i]), n(r.learnRate()),
                    term(r.dLdw()[i]), n(r.wNew()[i]));
        }

        out.println();
        if (r.deadRelu()) {
            out.printf("The neuron did not fire: z = %s <= 0, where ReLU outputs 0 and its "
                    + "gradient is zero.%n", n(r.z()));
            out.println("So dL/dz = 0 and every dL/dw_i = 0: the weights do not move, and no");
            out.println("step of gradient descent on this example will revive the neuron.");
        }
        double change = r.lossNew() - r.loss();
        String verdict = change < 0 ? "decreased by " + n(-change)
                : change == 0 ? "did not change" : "increased by " + n(change)
                        + " (the learning rate is too large for this step)";
        out.printf("New loss: z = %s, yhat = %s, L = %s (was %s): the loss %s.%n", n(r.zNew()),
                n(r.yhatNew()), n(r.lossNew()), n(r.loss()), verdict);
    }

    private static String weightedSum(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(i == 1 ? "" : " + ").append("w").append(i).append(" x").append(i);
        }
        return text.toString();
    }

    private static String derivativeRule(NeuronWalkthrough.Result r) {
        ActivationFunction f = r.activation();
        return switch (f) {
            case RELU -> r.z() > 0 ? "1 (because z > 0)" : "0 (because z <= 0)";
            case LEAKY_RELU -> r.z() > 0 ? "1 (because z > 0)"
                    : n(r.dyhatDz()) + " (the leak, because z <= 0)";
            case TANH -> "1 - yhat^2 = 1 - " + term(r.yhat()) + "^2 = " + n(r.dyhatDz());
            case SIGMOID -> "yhat (1 - yhat) = " + n(r.yhat()) + " * (1 - " + n(r.yhat())
                    + ") = " + n(r.dyhatDz());
            case LINEAR -> "1";
        };
    }
}
