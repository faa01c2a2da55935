package io.hyperstream.results.rest;

import io.hyperstream.results.config.ResultsConfig;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards the API before a request is read: a body larger than
 * {@code hyperstream.results.max-body-size} is answered 413 as a problem body. (The API token is
 * checked by {@link io.hyperstream.results.security.ApiTokenFilter}.)
 */
@Singleton
public class RequestGuard {


    /** Read on first use: filters are created while the application starts, before config mappings exist. */
    private final Provider<ResultsConfig> config;
    private volatile Settings settings;

    private record Settings(long maxBodyBytes) {
    }

    public RequestGuard(Provider<ResultsConfig> config) {
        this.config = config;
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            ResultsConfig c = config.get();
            s = new Settings(c.maxBodySize().asLongValue());
            settings = s;
        }
        return s;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
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
