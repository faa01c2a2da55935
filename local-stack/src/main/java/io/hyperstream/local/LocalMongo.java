package io.hyperstream.local;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on the loopback interface, in memory or
 * backed by an H2 file. A stand-in for machines without a real MongoDB: it has no transactions
 * and no change streams, so Hyperstream writes idempotent upserts.
 */
public final class LocalMongo implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;

    private LocalMongo(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port  the port, 0 for a free one
     * @param file  the H2 database file to keep data in, null to keep it in memory
     */
    public static LocalMongo start(int port, Path file) {
        MongoBackend backend;
        if (file == null) {
            backend = new MemoryBackend();
        } else {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the store folder for " + file, e);
            }
            backend = new H2Backend(file.toAbsolutePath().toString());
        }
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port == 0 ? Ports.free() : port);
        return new LocalMongo(server, server.getLocalAddress());
    }

    /** The connection string for the MongoDB driver, such as {@code mongodb://127.0.0.1:27017}. */
    public String connectionString() {
        return connectionString;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
