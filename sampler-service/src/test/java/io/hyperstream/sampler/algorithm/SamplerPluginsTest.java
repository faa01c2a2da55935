package io.hyperstream.sampler.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hyperstream.model.spec.SamplerSpec;
import io.hyperstream.sampler.TestSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerPluginsTest {

    @TempDir
    Path dir;

    /** A user's plug-in, compiled and packed into a jar as its own build would. */
    private static final String PLUGIN_SOURCE = """
            package com.example.hpo;

            import io.hyperstream.model.spec.FloatDistribution;
            import io.hyperstream.model.spec.ParamSpec;
            import io.hyperstream.sampler.algorithm.RandomSampler;
            import io.hyperstream.sampler.algorithm.Sampler;
            import io.hyperstream.sampler.algorithm.SamplerPlugin;
            import io.hyperstream.sampler.algorithm.StudyView;
            import java.util.Map;

            public final class LowestFirst implements SamplerPlugin {
                public String name() { return "lowest_first"; }
                public Sampler create(Map<String, Object> options, long seed) {
                    RandomSampler random = new RandomSampler(seed);
                    return new Sampler() {
                        public Object sampleIndependent(StudyView s, int n, Map<String, Object> p, ParamSpec param) {
                            return n == 0 ? ((FloatDistribution) param.distribution()).low() : random.sampleIndependent(s, n, p, param);
                        }
                    };
                }
            }
            """;

    private Path pluginJar() throws IOException {
        Path src = dir.resolve("src/com/example/hpo/LowestFirst.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, PLUGIN_SOURCE);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(), src.toString());
        assertThat(status).as("the plug-in compiles").isZero();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = plugins.resolve("lowest-first.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + SamplerPlugin.class.getName()));
            out.write("com.example.hpo.LowestFirst\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.writeString(plugins.resolve("README.txt"), "not a jar: ignored");
        return plugins;
    }

    @Test
    void aJarInThePluginFolderAddsASamplerSelectableByName() throws IOException {
        List<SamplerPlugin> plugins = SamplerPlugins.load(getClass().getClassLoader(), pluginJar());
        SamplerRegistry registry = SamplerRegistry.withPlugins(plugins);

        assertThat(plugins).extracting(SamplerPlugin::name).containsExactly("centre_first", "lowest_first");
        assertThat(registry.names()).contains("random", "tpe", "centre_first", "lowest_first");
        Sampler sampler = registry.create(new SamplerSpec("lowest_first", Map.of(), 7L), 7L);
        var spec = TestSpecs.toSpec(TestSpecs.parse("""
                {"name":"p","direction":"minimize","search_space":[{"name":"x","type":"float","low":2,"high":5}],
                 "objective":{"kind":"synthetic","max_epochs":1},"budget":{"n_trials":3}}"""));
        assertThat(sampler.sampleTrial(StudyView.empty(spec), 0)).containsEntry("x", 2.0);
    }

    @Test
    void thePluginOnTheClassPathIsFoundWithoutAFolder() {
        SamplerRegistry registry = SamplerRegistry.withPlugins(SamplerPlugins.load(getClass().getClassLoader(), null));

        assertThat(registry.names()).contains("centre_first");
        assertThatThrownBy(() -> registry.create(new SamplerSpec("centre_first", Map.of("x", 1), 1L), 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no options");
        assertThatThrownBy(() -> registry.create(new SamplerSpec("nope", Map.of(), 1L), 1L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sampler.type 'nope' is unknown").hasMessageContaining("centre_first");
    }

    @Test
    void aPluginCannotTakeABuiltInNameOrABadOne() {
        assertThatThrownBy(() -> SamplerRegistry.withPlugins(List.of(plugin("tpe"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is named 'tpe', which a built-in sampler already uses");
        assertThatThrownBy(() -> SamplerRegistry.withPlugins(List.of(plugin("mine"), plugin("mine"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already uses");
        assertThatThrownBy(() -> SamplerRegistry.withPlugins(List.of(plugin("My Sampler"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has the name 'My Sampler'");
        assertThatThrownBy(() -> SamplerPlugins.load(getClass().getClassLoader(), dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    private static SamplerPlugin plugin(String name) {
        return new SamplerPlugin() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Sampler create(Map<String, Object> options, long seed) {
                return new RandomSampler(seed);
            }
        };
    }
}
