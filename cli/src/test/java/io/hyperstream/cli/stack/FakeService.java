package io.hyperstream.cli.stack;

import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a Quarkus service in {@link LocalStackTest}, packaged as a service jar: prints
 * how it was started, then serves {@code /q/health/ready} on {@code -Dquarkus.http.port} (UP).
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        run("up");
    }

    static void run(String mode) throws Exception {
        System.out.println("input arguments " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        System.out.println("working directory " + System.getProperty("user.dir"));
        if (mode.equals("crash")) {
            System.out.println("boom: cannot connect to the store");
            System.exit(3);
        }
        boolean up = mode.equals("up");
        HttpServer server = HttpServer.create(
                new InetSocketAddress("127.0.0.1", Integer.getInteger("quarkus.http.port")), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("listening");
        Thread.sleep(Long.MAX_VALUE);
    }
}
