package io.hyperstream.results.security;

import io.hyperstream.model.Json;
import io.hyperstream.results.config.ResultsConfig;
import io.hyperstream.results.rest.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The results API's token ({@code hyperstream.results.api-token}): when it is set, every request
 * except the platform endpoints under {@code /q/} (health, metrics) must carry it, as
 * {@code Authorization: Bearer <token>}, as the {@code hyperstream_token} cookie, or once as
 * {@code ?access_token=<token>}, which sets that cookie so that a browser opening the dashboard
 * with it keeps access (its requests and live-update streams send the cookie). Without a token
 * the API is open, as on a developer's machine.
 */
@Singleton
public class ApiTokenFilter {

    /** The cookie that carries the token for a browser. */
    public static final String COOKIE = "hyperstream_token";
    /** Runs before the API's and the static resources' handlers. */
    private static final int PRIORITY = 1000;
    private static final Logger LOG = Logger.getLogger(ApiTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;

    public ApiTokenFilter(ResultsConfig config) {
        this.token = config.apiToken().map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void register(@Observes Filters filters) {
        if (token.isEmpty()) {
            LOG.info("hyperstream.results.api-token is not set: the results API answers anyone who can reach it");
            return;
        }
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.startsWith("/q/")) {
            context.next();
            return;
        }
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        String query = context.request().getParam("access_token");
        Cookie cookie = context.request().getCookie(COOKIE);
        String given = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim()
                : query != null ? query : cookie != null ? cookie.getValue() : null;
        if (given != null && matches(given)) {
            if (query != null && given.equals(query)) {
                context.response().addCookie(Cookie.cookie(COOKIE, query).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
            }
            context.next();
            return;
        }
        String detail = given == null
                ? "this API needs its token: send Authorization: Bearer <token> (hyperstream.results.api-token)"
                : "the token given is not this API's token";
        context.response().setStatusCode(401)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer realm=\"hyperstream\"")
                .end(Json.write(new Problem("about:blank", "Unauthorized", 401, detail, path)));
    }

    /** Compares in constant time, so that the answer's timing does not tell how much of a guess was right. */
    private boolean matches(String given) {
        return MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
    }
}
