package dev.descent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code descent --version}: the project version (filled in by Maven) and the Java runtime. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "descent " + projectVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                    + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }

    /** The version Maven wrote into {@code version.properties}, or "unknown". */
    static String projectVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
