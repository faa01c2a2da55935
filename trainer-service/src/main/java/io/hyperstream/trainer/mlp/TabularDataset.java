package io.hyperstream.trainer.mlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A classification data set read from a CSV file with a header row: numeric feature columns and
 * one target column whose distinct values are the classes.
 *
 * @param source       where it was read from (for messages)
 * @param featureNames the feature columns, in file order
 * @param features     one row of feature values per example
 * @param labels       the class index of each example, into {@code classes}
 * @param classes      the class names, numeric ones in numeric order, others alphabetically
 */
public record TabularDataset(String source, List<String> featureNames, double[][] features, int[] labels,
                             List<String> classes) {

    public TabularDataset {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows for " + labels.length + " labels");
        }
        featureNames = List.copyOf(featureNames);
        classes = List.copyOf(classes);
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** Number of feature columns. */
    public int featureCount() {
        return featureNames.size();
    }

    /** How many examples each class has, by class index. */
    public long[] classCounts() {
        long[] counts = new long[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Reads a CSV file: a header row, then one example per line; every column but {@code target}
     * must be numeric. Errors name the file, line and column.
     */
    public static TabularDataset readCsv(Path file, String target) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IllegalArgumentException("data set " + file + " is empty: a header row is required");
            }
            List<String> header = splitLine(stripBom(headerLine));
            int targetColumn = header.indexOf(target);
            if (targetColumn < 0) {
                throw new IllegalArgumentException("data set " + file + " has no target column '" + target
                        + "'; its columns are " + header);
            }
            List<String> featureNames = new ArrayList<>(header);
            featureNames.remove(targetColumn);
            if (featureNames.isEmpty()) {
                throw new IllegalArgumentException("data set " + file + " has no feature column besides '" + target + "'");
            }
            List<double[]> rows = new ArrayList<>();
            List<String> targets = new ArrayList<>();
            String line;
            int lineNumber = 1;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = splitLine(line);
                if (cells.size() != header.size()) {
                    throw new IllegalArgumentException("data set " + file + " line " + lineNumber + " has " + cells.size()
                            + " columns, but the header has " + header.size());
                }
                double[] row = new double[featureNames.size()];
                int f = 0;
                for (int c = 0; c < cells.size(); c++) {
                    if (c == targetColumn) {
                        continue;
                    }
                    row[f++] = number(cells.get(c), file, lineNumber, header.get(c));
                }
                String label = className(cells.get(targetColumn));
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("data set " + file + " line " + lineNumber + " has no value in target column '"
                            + target + "'");
                }
                rows.add(row);
                targets.add(label);
            }
            return fromRows(file.toString(), featureNames, rows, targets);
        }
    }

    /** A data set from rows of feature values and their class names. */
    public static TabularDataset fromRows(String source, List<String> featureNames, List<double[]> rows,
                                          List<String> targets) {
        TreeSet<String> distinct = new TreeSet<>(CLASS_ORDER);
        distinct.addAll(targets);
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("data set " + source + " needs at least 2 classes in its target column, but has "
                    + distinct);
        }
        List<String> classes = new ArrayList<>(distinct);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] labels = new int[targets.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = index.get(targets.get(i));
        }
        return new TabularDataset(source, featureNames, rows.toArray(new double[0][]), labels, classes);
    }

    /** Numeric class names in numeric order, then the others alphabetically. */
    static final Comparator<String> CLASS_ORDER = (a, b) -> {
        Double x = parse(a);
        Double y = parse(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.compareTo(b);
    };

    /** A class value as a name: "2.0" and "2" are the same class, named "2". */
    static String className(String cell) {
        String trimmed = cell.trim();
        Double value = parse(trimmed);
        if (value != null && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return trimmed;
    }

    private static Double parse(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(String cell, Path file, int line, String column) {
        Double value = parse(cell.trim());
        if (value == null) {
            throw new IllegalArgumentException("data set " + file + " line " + line + " column '" + column
                    + "' is not a finite number: '" + cell + "'");
        }
        return value;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Splits one CSV line on commas, honouring double-quoted cells ("" is a quote inside one). */
    static List<String> splitLine(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }
}
