package dev.descent.spark;

import org.apache.spark.sql.SparkSession;
import scala.Option;

/** Finds or starts the Spark session of a {@code --spark MASTER} option. */
final class SparkSessions {
    private SparkSessions() {}

    /**
     * A session, and whether the caller started it (and so stops it).
     *
     * @param owned false for a session the JVM already had
     */
    record Connected(SparkSession session, boolean owned) {}

    /**
     * Uses the session this JVM already has (spark-submit, a notebook, a test), or connects to
     * {@code master}; a local master binds the driver to 127.0.0.1.
     *
     * @throws IllegalArgumentException naming the master when Spark does not start
     */
    static Connected connect(String master) {
        Option<SparkSession> existing = SparkSession.getDefaultSession();
        if (existing.isDefined()) {
            return new Connected(existing.get(), false);
        }
        SparkSession.Builder builder = SparkSession.builder().appName("descent").master(master);
        if (master.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession session;
        try {
            session = builder.getOrCreate();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--spark " + master + ": Spark did not start: "
                    + rootMessage(e), e);
        }
        session.sparkContext().setLogLevel("WARN");
        return new Connected(session, true);
    }

    /** The first line of the innermost message of {@code e} (Spark's own when it wraps). */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof org.apache.spark.SparkException || m == null) {
            m = e.getMessage();
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
