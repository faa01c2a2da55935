package io.hyperstream.results.rest;

import io.hyperstream.results.config.ResultsConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards the API before a request is read: a body larger than
 * {@code hyperstream.results.max-body-size} is answered 413, and a mutating request (POST, PUT,
 * PATCH, DELETE) without {@code Authorization: Bearer <hyperstream.results.api-token>}, when a
 * token is configured, 401; both as problem bodies.
 */
@Singleton
public class RequestGuard {

    private static final Logger LOG = Logger.getLogger(RequestGuard.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String BEARER = "Bearer ";

    /** Read on first use: filters are created while the application starts, before config mappings exist. */
    private final Provider<ResultsConfig> config;
    private volatile Settings settings;

    private record Settings(Optional<byte[]> token, long maxBodyBytes) {
    }

    public RequestGuard(Provider<ResultsConfig> config) {
        this.config = config;
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            ResultsConfig c = config.get();
            s = new Settings(c.apiToken().filter(t -> !t.isBlank()).map(t -> t.trim().getBytes(StandardCharsets.UTF_8)),
                    c.maxBodySize().asLongValue());
            settings = s;
        }
        return s;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings().token().isEmpty()) {
            LOG.warn("no API token configured (hyperstream.results.api-token): POST /api/studies and"
                    + " POST /api/studies/{id}/stop are open to anyone who can reach this service");
        } else {
            LOG.info("mutating API requests need Authorization: Bearer <hyperstream.results.api-token>");
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        Optional<byte[]> token = settings().token();
        long maxBodyBytes = settings().maxBodyBytes();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                long bytes = Long.parseLong(length.trim());
                if (bytes > maxBodyBytes) {
                    return Optional.of(ProblemMappers.respond(tooLarge(bytes).toProblem(path)));
                }
            } catch (NumberFormatException e) {
                return Optional.of(ProblemMappers.respond(ProblemException.badRequest(
                        "Content-Length must be a number of bytes, but got '" + length + "'").toProblem(path)));
            }
        }
        if (token.isPresent() && MUTATING.contains(request.getMethod())) {
            String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.startsWith(BEARER)) {
                return Optional.of(ProblemMappers.respond(ProblemException.unauthorized(
                        "this request changes studies and needs the header Authorization: Bearer <API token>")
                        .toProblem(path)));
            }
            byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, token.get())) {
                return Optional.of(ProblemMappers.respond(ProblemException.unauthorized(
                        "the API token in the Authorization header is not the configured one").toProblem(path)));
            }
        }
        return Optional.empty();
    }

    /** The 413 for a body of {@code bytes}; also used when a body without Content-Length turns out too large. */
    ProblemException tooLarge(long bytes) {
        return ProblemException.tooLarge("the request body has " + bytes + " bytes, more than the "
                + maxBodyBytes() + " bytes allowed (hyperstream.results.max-body-size)");
    }

    /** The largest body accepted, in bytes. */
    long maxBodyBytes() {
        return settings().maxBodyBytes();
    }
}
