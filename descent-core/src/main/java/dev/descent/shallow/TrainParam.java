package dev.descent.shallow;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MATLAB's {@code net.trainParam}: the stopping criteria shared by every training function plus
 * the parameters of one of them (sigma and lambda for trainscg, lr for traingd, ...), with the
 * defaults of reference section 4.6. Mutable, like MATLAB's struct; {@link #copy()} before
 * sharing.
 */
public final class TrainParam {
    private final String trainFcn;
    private int epochs = 1000;
    private double goal = 0;
    private int maxFail = 6;
    private double minGrad;
    private double time = Double.POSITIVE_INFINITY;
    private int show = 25;
    private boolean showCommandLine = false;
    private final Map<String, Double> algorithm = new LinkedHashMap<>();

    private TrainParam(String trainFcn) {
        this.trainFcn = trainFcn;
    }

    /**
     * The defaults of {@code trainFcn}: trainscg, traingd, traingdm, traingda, traingdx or
     * trainrp.
     *
     * @throws IllegalArgumentException for another name
     */
    public static TrainParam defaults(String trainFcn) {
        String name = trainFcn.trim().toLowerCase(Locale.ROOT);
        TrainParam p = new TrainParam(name);
        p.minGrad = 1e-5;
        switch (name) {
            case "trainscg" -> {
                p.minGrad = 1e-6;
                p.algorithm.put("sigma", 5.0e-5);
                p.algorithm.put("lambda", 5.0e-7);
            }
            case "traingd" -> p.algorithm.put("lr", 0.01);
            case "traingdm" -> {
                p.algorithm.put("lr", 0.01);
                p.algorithm.put("mc", 0.9);
            }
            case "traingda" -> {
                p.algorithm.put("lr", 0.01);
                p.algorithm.put("lr_inc", 1.05);
                p.algorithm.put("lr_dec", 0.7);
                p.algorithm.put("max_perf_inc", 1.04);
            }
            case "traingdx" -> {
                p.algorithm.put("lr", 0.01);
                p.algorithm.put("mc", 0.9);
                p.algorithm.put("lr_inc", 1.05);
                p.algorithm.put("lr_dec", 0.7);
                p.algorithm.put("max_perf_inc", 1.04);
            }
            case "trainrp" -> {
                p.algorithm.put("lr", 0.01);
                p.algorithm.put("delt_inc", 1.2);
                p.algorithm.put("delt_dec", 0.5);
                p.algorithm.put("delta0", 0.07);
                p.algorithm.put("deltamax", 50.0);
            }
            default -> throw new IllegalArgumentException("unknown training function '"
                    + trainFcn + "', expected trainscg, traingd, traingdm, traingda, traingdx "
                    + "or trainrp");
        }
        return p;
    }

    /** A copy that can be changed independently. */
    public TrainParam copy() {
        TrainParam c = new TrainParam(trainFcn);
        c.epochs = epochs;
        c.goal = goal;
        c.maxFail = maxFail;
        c.minGrad = minGrad;
        c.time = time;
        c.show = show;
        c.showCommandLine = showCommandLine;
        c.algorithm.putAll(algorithm);
        return c;
    }

    /** The training function these parameters belong to. */
    public String trainFcn() {
        return trainFcn;
    }

    /** Maximum number of iterations (default 1000). */
    public int epochs() {
        return epochs;
    }

    public TrainParam epochs(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("epochs must be at least 0, got " + value);
        }
        epochs = value;
        return this;
    }

    /** Performance goal (default 0). */
    public double goal() {
        return goal;
    }

    public TrainParam goal(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("goal must be at least 0, got " + value);
        }
        goal = value;
        return this;
    }

    /** Validation failures allowed (default 6); 0 merges validation into training. */
    public int maxFail() {
        return maxFail;
    }

    public TrainParam maxFail(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("max_fail must be at least 0, got " + value);
        }
        maxFail = value;
        return this;
    }

    /** Smallest gradient norm before stopping (trainscg 1e-6, others 1e-5). */
    public double minGrad() {
        return minGrad;
    }

    public TrainParam minGrad(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("min_grad must be at least 0, got " + value);
        }
        minGrad = value;
        return this;
    }

    /** Maximum training time in seconds (default Inf). */
    public double time() {
        return time;
    }

    public TrainParam time(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("time must be at least 0, got " + value);
        }
        time = value;
        return this;
    }

    /** Epochs between command-line status lines (default 25). */
    public int show() {
        return show;
    }

    public TrainParam show(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("show must be at least 1, got " + value);
        }
        show = value;
        return this;
    }

    /** Whether status lines are printed (default false, as MATLAB). */
    public boolean showCommandLine() {
        return showCommandLine;
    }

    public TrainParam showCommandLine(boolean value) {
        showCommandLine = value;
        return this;
    }

    /** An algorithm parameter by MATLAB's name, for example {@code sigma} or {@code lr}. */
    public double get(String name) {
        Double value = algorithm.get(name);
        if (value == null) {
            throw new IllegalArgumentException(trainFcn + " has no parameter '" + name
                    + "'; it has " + algorithm.keySet());
        }
        return value;
    }

    /** Sets an algorithm parameter that {@link #trainFcn()} has. */
    public TrainParam set(String name, double value) {
        get(name);
        algorithm.put(name, value);
        return this;
    }

    /** Every parameter by MATLAB's name, the shared ones first. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", epochs);
        map.put("goal", goal);
        map.put("max_fail", maxFail);
        map.put("min_grad", minGrad);
        map.put("time", time);
        map.put("show", show);
        map.put("showCommandLine", showCommandLine);
        map.putAll(algorithm);
        return map;
    }
}
