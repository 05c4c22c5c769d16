package io.descatter.spark;

import io.descatter.model.CorrectionModel;
import io.descatter.model.ModelStore;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A model file as it travels to the executors: the bytes of its zip (broadcast once per executor by Spark) and their
 * SHA-256. Each executor JVM loads a model once, whatever the partitions and tasks that use it, and each task thread
 * corrects with its own replica of the network (DL4J's networks are not thread-safe).
 */
public final class ModelBroadcast implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Models loaded in this JVM, by digest. */
    private static final ConcurrentMap<String, CorrectionModel> LOADED = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, ThreadLocal<CorrectionModel.Replica>> REPLICAS = new ConcurrentHashMap<>();

    private final String name;
    private final byte[] zip;
    private final String digest;

    private ModelBroadcast(String name, byte[] zip) {
        this.name = name;
        this.zip = zip;
        this.digest = sha256(zip);
    }

    /** The model in {@code file} (read here, on the driver). */
    public static ModelBroadcast of(Path file) throws IOException {
        return new ModelBroadcast(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /** The model file's name, for messages. */
    public String name() { return name; }

    /** The model, loaded once per JVM. */
    public CorrectionModel model() {
        return LOADED.computeIfAbsent(digest, d -> load());
    }

    /** This thread's replica of the network, made once per thread. */
    public ThreadLocal<CorrectionModel.Replica> replicas() {
        return REPLICAS.computeIfAbsent(digest, d -> ThreadLocal.withInitial(() -> model().replica()));
    }

    private CorrectionModel load() {
        try {
            Path tmp = Files.createTempFile("descatter-model-", ".zip");
            try {
                Files.write(tmp, zip);
                return ModelStore.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model " + name + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
