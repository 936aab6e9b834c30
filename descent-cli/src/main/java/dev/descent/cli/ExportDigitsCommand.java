package dev.descent.cli;

import dev.descent.data.BuiltinDigits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the built-in digits as an image folder tree that {@code --data} reads back. */
@Command(
        name = "export-digits",
        description = "Writes the 10,000 built-in digits as DIR/<digit>/<n>.png (8-bit grey, "
                + "28x28) and their licence notice as DIR/NOTICE.md.",
        mixinStandardHelpOptions = true)
final class ExportDigitsCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object of the results on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a folder; give a folder to write the "
                    + "digits into");
        }
        int count = BuiltinDigits.export(dir);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("images", count);
            result.put("folder", dir.toString());
            out.println(Json.toString(result));
        } else {
            out.println("Wrote " + count + " images to " + dir + " (one folder per digit)");
        }
        out.flush();
        return 0;
    }
}
