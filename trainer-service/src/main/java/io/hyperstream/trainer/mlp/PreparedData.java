package io.hyperstream.trainer.mlp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data set split and standardized for training: the rows of each split as row-major floats,
 * scaled with the training rows' mean and deviation. Plain Java.
 *
 * @param dataset the whole data set
 * @param split   which rows are in which split
 * @param train   standardized training features
 * @param valid   standardized validation features
 * @param test    standardized test features (empty without a test split)
 */
public record PreparedData(TabularDataset dataset, StratifiedSplit split, float[] train, float[] valid, float[] test) {

    /** Splits and standardizes a data set. */
    public static PreparedData of(TabularDataset dataset, double validFraction, double testFraction, long splitSeed) {
        StratifiedSplit split = StratifiedSplit.of(dataset.labels(), dataset.classes().size(), validFraction, testFraction,
                splitSeed);
        Standardizer scaler = Standardizer.fit(dataset.features(), split.train());
        return new PreparedData(dataset, split, scaler.transform(dataset.features(), split.train()),
                scaler.transform(dataset.features(), split.valid()), scaler.transform(dataset.features(), split.test()));
    }

    /** The class indices of the given rows. */
    public int[] labels(int[] rows) {
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = dataset.labels()[rows[i]];
        }
        return labels;
    }

    /** The class names. */
    public List<String> classes() {
        return dataset.classes();
    }

    /**
     * The few data sets a trainer used last, so that trials of one study do not read and split the
     * file again; an entry is read anew when the file changes.
     */
    static final class Cache {

        private static final int ENTRIES = 4;

        private record Key(Path file, FileTime modified, long size, String target, double validFraction,
                           double testFraction, long splitSeed) {
        }

        private final Map<Key, PreparedData> entries = new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PreparedData> eldest) {
                return size() > ENTRIES;
            }
        };

        synchronized PreparedData load(Path file, MlpSettings settings) throws IOException {
            Key key = new Key(file.toAbsolutePath().normalize(), Files.getLastModifiedTime(file), Files.size(file),
                    settings.target(), settings.validFraction(), settings.testFraction(), settings.splitSeed());
            PreparedData data = entries.get(key);
            if (data == null) {
                data = of(TabularDataset.readCsv(file, settings.target()), settings.validFraction(),
                        settings.testFraction(), settings.splitSeed());
                entries.put(key, data);
            }
            return data;
        }
    }
}
