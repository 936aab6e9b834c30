package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An empty path option (which would mean the current folder) is refused, naming it. */
class EmptyPathOptionsTest {
    private static final String IRIS = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("examples/iris.csv").toString();

    @TempDir Path temp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "train --data EMPTY --layers fc:3,softmax | --data is empty; give a file or folder (. for"
                + " the current folder)",
        "train --data IRIS --layers fc:3,softmax --validation-data BLANK | --validation-data is"
                + " empty; give a file or folder (. for the current folder)",
        "train --data IRIS --layers fc:3,softmax --test-data EMPTY | --test-data is empty; give a"
                + " file or folder (. for the current folder)",
        "train --data IRIS --layers fc:3,softmax --labels EMPTY | --labels is empty; give a file",
        "classify --model EMPTY --data IRIS | --model is empty; give a file",
        "classify --model m.descent --data EMPTY | --data is empty; give a file or folder (. for"
                + " the current folder)",
        "patternnet --data EMPTY | --data is empty; give a file or folder (. for the current"
                + " folder)",
        "fitnet --data EMPTY | --data is empty; give a file",
        "digits --data EMPTY | --data is empty; give a folder (. for the current one)",
        "predict --model EMPTY --data IRIS | --model is empty; give a file",
        "train --data IRIS --layers fc:3,softmax --resume EMPTY | --resume is empty; give a file"})
    void anEmptyPathOptionIsRefusedNamingIt(String command, String message) {
        String[] args = command.replace("IRIS", IRIS).split(" ");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].equals("EMPTY") ? "" : args[i].equals("BLANK") ? " " : args[i];
        }
        if (!args[0].equals("classify")) {
            args = Arrays.copyOf(args, args.length + 2);
            args[args.length - 2] = "--out";
            args[args.length - 1] = temp.resolve("out").toString();
        }

        CommandRunner run = CommandRunner.run(args);

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("descent: " + message + System.lineSeparator());
    }
}
