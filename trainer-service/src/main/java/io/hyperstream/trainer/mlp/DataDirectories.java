package io.hyperstream.trainer.mlp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The folders a trainer looks in for data sets named in objective settings, in order. Plain Java.
 *
 * <p>A relative folder is tried against the working directory and then against the Hyperstream
 * repository holding it (if any), so that {@code data/} and {@code ../shared/datasets/} work both
 * from the repository root, where the local launcher starts trainers, and from a module folder,
 * where tests run.
 */
public final class DataDirectories {

    /** The folders tried when none are configured. */
    public static final List<String> DEFAULTS = List.of("data", "../shared/datasets");

    private final List<Path> folders;
    private final String property;

    public DataDirectories(List<Path> folders, String property) {
        this.folders = List.copyOf(folders);
        this.property = property;
    }

    /** The configured folders (relative ones resolved as described above) in order, without duplicates. */
    public static DataDirectories resolve(List<String> configured, Path workingDir, String property) {
        Path cwd = workingDir.toAbsolutePath().normalize();
        Optional<Path> home = repositoryRoot(cwd);
        Set<Path> folders = new LinkedHashSet<>();
        for (String entry : configured) {
            Path path = Path.of(entry.trim());
            if (path.isAbsolute()) {
                folders.add(path.normalize());
                continue;
            }
            folders.add(cwd.resolve(path).normalize());
            home.ifPresent(root -> folders.add(root.resolve(path).normalize()));
        }
        return new DataDirectories(new ArrayList<>(folders), property);
    }

    /** The nearest folder at or above {@code start} that holds the root pom and trainer-service. */
    static Optional<Path> repositoryRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("trainer-service"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The folders, in lookup order. */
    public List<Path> folders() {
        return folders;
    }

    /**
     * The data set file, which must lie inside one of the data folders: a relative path in the
     * first folder holding it, an absolute path as given. A study spec is data from whoever may
     * write to the study-commands topic, so a path that leads out of the folders (an absolute path
     * elsewhere, {@code ..}) is refused rather than read, and an error never shows a file's content.
     */
    public Path find(String dataset) {
        Path given = Path.of(dataset);
        if (given.isAbsolute()) {
            Path normalized = given.normalize();
            if (!insideAFolder(normalized)) {
                throw new IllegalArgumentException("data set " + given + " (objective.settings.dataset) is outside the "
                        + "data folders " + folders + "; add its folder to " + property);
            }
            if (Files.isRegularFile(normalized)) {
                return normalized;
            }
            throw new IllegalArgumentException("data set " + given + " (objective.settings.dataset) does not exist");
        }
        boolean leadsOut = false;
        for (Path folder : folders) {
            Path base = folder.toAbsolutePath().normalize();
            Path candidate = base.resolve(given).normalize();
            if (!candidate.startsWith(base)) {
                leadsOut = true;
            } else if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("data set '" + dataset + "' (objective.settings.dataset) "
                + (leadsOut ? "leads out of" : "is in none of") + " the data folders " + folders + " (" + property + ")");
    }

    private boolean insideAFolder(Path path) {
        return folders.stream().anyMatch(folder -> path.startsWith(folder.toAbsolutePath().normalize()));
    }
}
