package io.descatter.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all tests: no UI, two shuffle partitions, bound to the loopback interface. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            System.setProperty("spark.master", "local[2]"); // DescatterSpark.session() then finds it too
            session = SparkSession.builder().appName("descatter-spark tests").master("local[2]")
                    .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", 2)
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }
}
