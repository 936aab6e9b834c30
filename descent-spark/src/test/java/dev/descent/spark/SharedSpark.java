package dev.descent.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of the test JVM: local mode with two threads, the driver on
 * 127.0.0.1, no web UI, warnings only. The commands under test find it as the default session
 * and leave it running; it stops when the JVM exits.
 */
final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("descent-spark-tests")
                    .master("local[2]")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return session;
    }
}
