package io.hyperstream.model;

/** The life of a study: running once accepted, then complete; or rejected at submission. */
public enum StudyState {
    RUNNING,
    COMPLETE,
    REJECTED
}
