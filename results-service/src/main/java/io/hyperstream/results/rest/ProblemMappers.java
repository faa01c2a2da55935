package io.hyperstream.results.rest;

import com.mongodb.MongoException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns errors of the REST API into RFC 7807 problem bodies. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    /** Unknown paths, wrong methods and the like, in the same shape as the API's own errors. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(),
                e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response storeUnavailable(MongoException e, UriInfo uri) {
        LOG.errorf("%s: MongoDB error: %s", path(uri), e.toString());
        return respond(new Problem("urn:hyperstream:problem:store-unavailable", "Store unavailable", 503,
                "the results store cannot be read: " + e.getMessage(), path(uri)));
    }

    /** Anything else is a defect: logged with its stack, answered as a problem without internals. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "%s: unexpected error", path(uri));
        return respond(new Problem("urn:hyperstream:problem:internal", "Internal server error", 500,
                "the results service failed to answer this request (" + e.getClass().getSimpleName()
                        + "); its log has the details", path(uri)));
    }

    /** A problem response; a 401 also names the scheme it wants. */
    static Response respond(Problem problem) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"hyperstream\"");
        }
        return response.build();
    }

    static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
