package io.hyperstream.cli.study;

import io.hyperstream.cli.CliException;
import io.hyperstream.cli.ExitCodes;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Makes and checks study ids: {@code <name>-<6 random characters>} unless the user gives one. */
public final class StudyIds {

    /** Letters, digits, '.', '_' and '-': safe in a Kafka key, a MongoDB id and a URL path. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_NAME_PART = 60;

    private StudyIds() {
    }

    /** A fresh id for a study of that name, such as {@code branin-k3x9ab}. */
    public static String generate(String studyName, RandomGenerator random) {
        StringBuilder id = new StringBuilder(slug(studyName)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** A user-given id, checked. */
    public static String check(String studyId) {
        if (studyId == null || !VALID.matcher(studyId).matches()) {
            throw new CliException(ExitCodes.BAD_INPUT, "--study-id must start with a letter or digit and hold"
                    + " only letters, digits, '.', '_' and '-' (at most 128 characters), but got '" + studyId + "'");
        }
        return studyId;
    }

    /** The study name reduced to id characters. */
    static String slug(String studyName) {
        String slug = studyName == null ? "" : studyName.trim()
                .replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[._-]+", "")
                .replaceAll("-+$", "");
        if (slug.length() > MAX_NAME_PART) {
            slug = slug.substring(0, MAX_NAME_PART);
        }
        return slug.isEmpty() ? "study" : slug;
    }
}
