package io.hyperstream.results.rest;

/** A request that gets a problem body instead of a result: an unknown id or a bad parameter. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    private ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** 404: the study or trial named in the detail is not known. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "urn:hyperstream:problem:not-found", "Not found", detail);
    }

    /** 400: the parameter named in the detail is not acceptable. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "urn:hyperstream:problem:bad-request", "Bad request", detail);
    }

    /** 409: the request does not fit the study's current state, such as a study id already used. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "urn:hyperstream:problem:conflict", "Conflict", detail);
    }

    /** 401: a mutating request without the configured API token. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "urn:hyperstream:problem:unauthorized", "Unauthorized", detail);
    }

    /** 413: a request body larger than the configured limit. */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "urn:hyperstream:problem:payload-too-large", "Payload too large", detail);
    }

    /** 503: Kafka did not take a command. */
    public static ProblemException brokerUnavailable(String detail) {
        return new ProblemException(503, "urn:hyperstream:problem:broker-unavailable", "Broker unavailable", detail);
    }

    /** The problem body of this exception for a request path. */
    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance);
    }

    public int status() {
        return status;
    }
}
