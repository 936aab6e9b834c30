package dev.descent.shallow;

import dev.descent.optim.batch.AdaptiveGradientDescent;
import dev.descent.optim.batch.AdaptiveMomentumGradientDescent;
import dev.descent.optim.batch.DistributedEvaluator;
import dev.descent.optim.batch.EpochRecord;
import dev.descent.optim.batch.FullBatchTrainer;
import dev.descent.optim.batch.GradientDescent;
import dev.descent.optim.batch.GradientDescentMomentum;
import dev.descent.optim.batch.Objective;
import dev.descent.optim.batch.ResilientBackpropagation;
import dev.descent.optim.batch.ScaledConjugateGradient;
import dev.descent.optim.batch.StoppingCriteria;
import dev.descent.optim.batch.TrainingFunction;
import dev.descent.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * MATLAB's {@code train} for shallow networks: divides the observations, builds the training,
 * validation and test objectives on the processed inputs, and runs the training function in
 * {@link FullBatchTrainer} (MATLAB's loop: stopping checks in the order goal, epochs, time,
 * min_grad, max_fail; a validation failure only on a strictly worse validation performance;
 * the weights of the best validation epoch returned). With max_fail 0 the validation set is
 * merged into training, as newer MATLAB releases do.
 */
public final class ShallowTrainer {
    private ShallowTrainer() {}

    /** Receives training progress. */
    public interface Listener {
        /** A line of MATLAB's command-line output (no line terminator). */
        default void line(String text) {}

        /** The record row of an epoch, epoch 0 first, as it is made. */
        default void epoch(EpochRecord record) {}

        /**
         * Asked after each epoch's row; true stops the run at the next check with "User stop."
         * (MATLAB's Stop Training button). Called on the training thread.
         */
        default boolean stopRequested() {
            return false;
        }
    }

    /**
     * Builds the training objective of a configured network from its training indices: the
     * seam through which the objective's evaluations run elsewhere, for example on Spark.
     */
    @FunctionalInterface
    public interface TrainingObjective {
        Objective create(ShallowNetwork configured, int[] trainInd) throws IOException;
    }

    /**
     * Training objectives whose blocks are held and evaluated by {@code evaluator}; the
     * executors read the observations with {@code reader}, which must give the same rows as
     * the data handed to {@link ShallowNetwork#train}. Results are bit-identical to the
     * in-memory objective (see {@link ShallowObjective}) as long as every machine computes
     * the same floating-point operations (same OpenBLAS kernels and thread count).
     */
    public static TrainingObjective distributed(DistributedEvaluator evaluator,
            ShallowData.Reader reader, int rows) {
        return (net, trainInd) -> new ShallowObjective(net.model(), net.regularization(),
                evaluator.open(net.shardLoader(reader, trainInd, rows)));
    }

    /**
     * Trains a configured network in place of a copy; see {@link ShallowNetwork#train}.
     *
     * @param listener progress receiver; when null and trainParam.showCommandLine is set, the
     *     status lines go to standard output
     * @param objective builds the training objective; null builds it in memory
     */
    static ShallowTraining train(ShallowNetwork net, double[] x, int rows, double[] t, Rng rng,
            Listener listener, TrainingObjective objective) {
        TrainParam param = net.trainParam();
        Listener sink = listener != null ? listener
                : param.showCommandLine() ? new Listener() {
                    @Override
                    public void line(String text) {
                        System.out.println(text);
                    }
                } : new Listener() {};
        Division division = net.divide(rows, rng);
        if (param.maxFail() == 0) {
            division = division.mergeValidationIntoTraining();
        }
        if (division.trainInd().length == 0) {
            throw new IllegalArgumentException("the division leaves no training observations ("
                    + rows + " observations, ratios " + java.util.Arrays.toString(
                            net.divideRatios()) + ")");
        }
        double[] processed = net.processInputs(x, rows);
        requireNoNaN(net, processed, rows);
        Objective trainObjective;
        try {
            trainObjective = objective == null ? net.objective(processed, t, division.trainInd())
                    : objective.create(net, division.trainInd());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ToDoubleFunction<double[]> validation = subsetPerformance(net, processed, t,
                division.valInd());
        ToDoubleFunction<double[]> test = subsetPerformance(net, processed, t,
                division.testInd());

        TrainingFunction function = create(param);
        StoppingCriteria stopping = new StoppingCriteria(param.epochs(), param.goal(),
                Math.max(1, param.maxFail()), param.minGrad(),
                param.time() > 0 ? param.time() : Double.MIN_VALUE);
        String upper = function.name().toUpperCase(Locale.ROOT);
        boolean hasValidation = validation != null;
        double[] bestPerf = {Double.POSITIVE_INFINITY};
        List<EpochRecord> seen = new ArrayList<>();
        sink.line("Training " + net.name() + " with " + upper + ".");
        FullBatchTrainer trainer = new FullBatchTrainer(function).stopping(stopping);
        trainer.listener(record -> {
            seen.add(record);
            bestPerf[0] = Math.min(bestPerf[0], record.performance());
            sink.epoch(record);
            if (record.epoch() % param.show() == 0) {
                sink.line(status(record, bestPerf[0], param, hasValidation));
            }
            if (sink.stopRequested()) {
                trainer.requestStop();
            }
        });
        FullBatchTrainer.Result result = trainer.train(trainObjective, net.getwb(), validation,
                test);
        EpochRecord last = result.records().get(result.records().size() - 1);
        if (last.epoch() % param.show() != 0) {
            sink.line(status(last, bestPerf[0], param, hasValidation));
        }
        sink.line("Training with " + upper + " completed: " + result.stopReason().message());

        ShallowNetwork trained = net.copy().setwb(result.parameters());
        return new ShallowTraining(trained, record(net, param, division, result));
    }

    /**
     * NaN inputs would make every output and the performance NaN; MATLAB carries them along,
     * Descent refuses them up front (a feature that is NaN everywhere was already dropped).
     */
    private static void requireNoNaN(ShallowNetwork net, double[] processed, int rows) {
        int r = net.sizes()[0];
        int[] kept = net.inputRemoveConstantRows().kept();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < r; j++) {
                if (Double.isNaN(processed[i * r + j])) {
                    throw new IllegalArgumentException("observation " + (i + 1) + ", feature "
                            + (kept[j] + 1) + " is NaN; shallow training needs complete inputs"
                            + "; remove or fill in the missing values first");
                }
            }
        }
    }

    private static ToDoubleFunction<double[]> subsetPerformance(ShallowNetwork net,
            double[] processed, double[] t, int[] subset) {
        if (subset.length == 0) {
            return null;
        }
        ShallowObjective objective = net.objective(processed, t, subset);
        return objective::value;
    }

    /** MATLAB's status line, for example {@code Epoch 25/1000, Time 1.3, Performance ...}. */
    static String status(EpochRecord r, double bestPerf, TrainParam param,
            boolean hasValidation) {
        StringBuilder line = new StringBuilder();
        line.append("Epoch ").append(r.epoch()).append('/').append(param.epochs())
                .append(", Time ").append(MatlabFormat.num2str(Math.round(r.seconds() * 10) / 10.0))
                .append(", Performance ").append(MatlabFormat.num2str(bestPerf)).append('/')
                .append(MatlabFormat.num2str(param.goal()))
                .append(", Gradient ").append(MatlabFormat.num2str(r.gradientNorm())).append('/')
                .append(MatlabFormat.num2str(param.minGrad()));
        if (hasValidation) {
            line.append(", Validation Checks ").append(r.validationFailures()).append('/')
                    .append(param.maxFail());
        }
        return line.toString();
    }

    /** The training function {@code param} names, with its parameters. */
    static TrainingFunction create(TrainParam p) {
        return switch (p.trainFcn()) {
            case "trainscg" -> new ScaledConjugateGradient(p.get("sigma"), p.get("lambda"));
            case "traingd" -> new GradientDescent(p.get("lr"));
            case "traingdm" -> new GradientDescentMomentum(p.get("lr"), p.get("mc"));
            case "traingda" -> new AdaptiveGradientDescent(p.get("lr"), p.get("lr_inc"),
                    p.get("lr_dec"), p.get("max_perf_inc"));
            case "traingdx" -> new AdaptiveMomentumGradientDescent(p.get("lr"), p.get("mc"),
                    p.get("lr_inc"), p.get("lr_dec"), p.get("max_perf_inc"));
            case "trainrp" -> new ResilientBackpropagation(p.get("delt_inc"), p.get("delt_dec"),
                    p.get("delta0"), p.get("deltamax"));
            default -> throw new IllegalArgumentException("unknown training function "
                    + p.trainFcn());
        };
    }

    private static TrainingRecord record(ShallowNetwork net, TrainParam param,
            Division division, FullBatchTrainer.Result result) {
        List<EpochRecord> rows = result.records();
        int n = rows.size();
        double[] time = new double[n];
        double[] perf = new double[n];
        double[] vperf = new double[n];
        double[] tperf = new double[n];
        double[] gradient = new double[n];
        int[] valFail = new int[n];
        Map<String, double[]> states = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            EpochRecord r = rows.get(i);
            time[i] = r.seconds();
            perf[i] = r.performance();
            vperf[i] = r.validationPerformance();
            tperf[i] = r.testPerformance();
            gradient[i] = r.gradientNorm();
            valFail[i] = r.validationFailures();
            for (Map.Entry<String, Double> state : r.state().entrySet()) {
                states.computeIfAbsent(state.getKey(), k -> new double[n])[i] = state.getValue();
            }
        }
        double[] ratios = net.divideRatios();
        Map<String, Double> divideParam = Map.of("trainRatio", ratios[0], "valRatio", ratios[1],
                "testRatio", ratios[2]);
        return new TrainingRecord(param.trainFcn(), param.asMap(), net.performFcn().id(),
                net.regularization(), net.divideFcn().id(), divideParam, division,
                result.stopReason().message(), result.bestEpoch(), param.goal(), time, perf,
                vperf, tperf, gradient, valFail, states);
    }
}
