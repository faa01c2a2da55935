package io.hyperstream.results.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 7807 problem body ({@code application/problem+json}).
 *
 * @param type     a URI naming the kind of problem
 * @param title    a short summary of that kind
 * @param status   the HTTP status
 * @param detail   what was wrong with this request, naming the id or parameter
 * @param instance the path of the request
 */
@Schema(name = "Problem", description = "RFC 7807 problem details")
public record Problem(String type, String title, int status, String detail, String instance) {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
