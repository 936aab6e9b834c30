package dev.descent.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of a sweep as CSV, Markdown and JSON. */
final class SweepTable {
    /** The CSV header line, without its line end. */
    static final String CSV_HEADER = "per_class,hidden,learn_rate,test_accuracy,best_iteration,"
            + "epochs,iterations,stop_reason,diagnosis,seconds";

    private SweepTable() {}

    /** One line per run, numbers with '.' in their shortest exact form, lines ended by '\n'. */
    static String csv(List<DigitsRun.Summary> rows) {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (DigitsRun.Summary row : rows) {
            DigitsRun.Settings s = row.settings();
            csv.append(s.perClass()).append(',').append(s.hidden()).append(',')
                    .append(Json.number(s.learnRate())).append(',')
                    .append(Json.number(row.testAccuracy())).append(',')
                    .append(row.bestIteration()).append(',').append(row.epochs()).append(',')
                    .append(row.iterations()).append(',').append(cell(row.stopReason()))
                    .append(',').append(cell(row.diagnosis())).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", row.seconds())).append('\n');
        }
        return csv.toString();
    }

    /** A Markdown table, accuracy with one decimal as in the lesson's line. */
    static String markdown(List<DigitsRun.Summary> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| per class | hidden | learn rate | test accuracy | best iteration | epochs |"
                + " diagnosis | seconds |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---|---:|\n");
        for (DigitsRun.Summary row : rows) {
            DigitsRun.Settings s = row.settings();
            md.append(String.format(Locale.ROOT,
                    "| %d | %d | %s | %.1f%% | %d | %d | %s | %.1f |%n",
                    s.perClass(), s.hidden(), Json.number(s.learnRate()), row.testAccuracy(),
                    row.bestIteration(), row.epochs(), row.diagnosis().replace("|", "/"),
                    row.seconds()));
        }
        return md.toString();
    }

    /** The JSON object of one run. */
    static Map<String, Object> json(DigitsRun.Summary row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("per_class", row.settings().perClass());
        json.put("hidden", row.settings().hidden());
        json.put("learn_rate", row.settings().learnRate());
        json.put("test_accuracy", row.testAccuracy());
        json.put("best_iteration", row.bestIteration());
        json.put("epochs", row.epochs());
        json.put("iterations", row.iterations());
        json.put("stop_reason", row.stopReason());
        json.put("diagnosis", row.diagnosis());
        json.put("fit", row.fit());
        json.put("learn_rate_regime", row.rate());
        json.put("remedy", row.remedy());
        json.put("seconds", row.seconds());
        return json;
    }

    /** RFC 4180: quoted when it holds a comma, quote or line end. */
    private static String cell(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
