package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void failedContentLeavesTheOldFileAndNoTemporaryFile(@TempDir Path folder)
            throws IOException {
        Path file = Files.writeString(folder.resolve("model.bin"), "old");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(1);
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void missingFolderIsAnIoError(@TempDir Path folder) {
        assertThatThrownBy(() -> AtomicFiles.writeString(folder.resolve("no/such.txt"), "x"))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aFolderWhereTheFileGoesIsNamedNotTheTemporaryFile(@TempDir Path folder)
            throws IOException {
        Path target = Files.createDirectory(folder.resolve("model.bin"));

        assertThatThrownBy(() -> AtomicFiles.writeString(target, "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessage(target + ": is a folder, so no file of that name can be written");

        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aTemporaryFileThatCannotBeMadeIsReportedAsTheTarget(@TempDir Path folder) {
        Path target = folder.resolve("no/such.txt");

        assertThatThrownBy(() -> AtomicFiles.writeString(target, "x"))
                .isInstanceOf(NoSuchFileException.class)
                .extracting(e -> ((NoSuchFileException) e).getFile())
                .isEqualTo(target.toAbsolutePath().toString());
    }
}
