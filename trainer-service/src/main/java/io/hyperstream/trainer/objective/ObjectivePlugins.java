package io.hyperstream.trainer.objective;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/** Finds {@link ObjectivePlugin}s on a class path and in the jars of a plug-in folder. */
public final class ObjectivePlugins {

    private ObjectivePlugins() {
    }

    /**
     * The plug-ins visible to {@code parent} plus those in the {@code *.jar} files of {@code dir}
     * (none when {@code dir} is null), in a stable order: by kind.
     */
    public static List<ObjectivePlugin> load(ClassLoader parent, Path dir) {
        ClassLoader loader = parent;
        if (dir != null) {
            loader = new URLClassLoader(jarUrls(dir), parent);
        }
        List<ObjectivePlugin> plugins = new ArrayList<>();
        for (ObjectivePlugin plugin : ServiceLoader.load(ObjectivePlugin.class, loader)) {
            plugins.add(plugin);
        }
        plugins.sort(Comparator.comparing(ObjectivePlugin::kind, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(plugins);
    }

    private static URL[] jarUrls(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the objective plug-in folder " + dir + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("a jar in " + dir + " has no valid URL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the objective plug-in folder " + dir, e);
        }
    }
}
