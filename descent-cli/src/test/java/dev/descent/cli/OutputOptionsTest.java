package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The output folder as the user named it, whatever had to be created. */
class OutputOptionsTest {
    @Command(name = "probe")
    static final class Probe {
        @Mixin OutputOptions output;
    }

    @Test
    void aRelativeFolderStaysRelativeWhenItsParentsAreCreated() throws IOException {
        // Files.createDirectories answers with an absolute path when it makes parents; the
        // JSON of patternnet then listed absolute paths for one --out and relative for others.
        Path relative = Path.of("target", "output-options-" + System.nanoTime(), "a", "b");
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--out", relative.toString());

        Path folder = probe.output.outDirectory();

        assertThat(folder).isEqualTo(relative);
        assertThat(Files.isDirectory(relative)).isTrue();
    }
}
