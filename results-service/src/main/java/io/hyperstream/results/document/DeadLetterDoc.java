package io.hyperstream.results.document;

/** Field names of the {@code dead_letters} collection: one document per dead letter, {@code _id} = eventId. */
public final class DeadLetterDoc {

    public static final String COLLECTION = "dead_letters";

    public static final String ID = "_id";
    public static final String STUDY_ID = "studyId";
    public static final String TIMESTAMP = "timestamp";
    public static final String SERVICE = "service";
    public static final String SOURCE_TOPIC = "sourceTopic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String PAYLOAD = "payload";
    public static final String ERROR = "error";

    private DeadLetterDoc() {
    }
}
