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

    /** The problem body of this exception for a request path. */
    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance);
    }

    public int status() {
        return status;
    }
}
