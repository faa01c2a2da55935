package io.hyperstream.trainer.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objectives added as plug-ins: found with ServiceLoader, run by kind, refused when they clash. */
class ObjectivePluginsTest {

    private static final ObjectiveEnvironment ENVIRONMENT = new ObjectiveEnvironment(List.of(), 1 << 20);

    @Test
    void aPluginOnTheClassPathIsFoundAndRunsByItsKind() throws Exception {
        List<ObjectivePlugin> plugins = ObjectivePlugins.load(getClass().getClassLoader(), null);
        ObjectiveRegistry registry = ObjectiveRegistry.withPlugins(ENVIRONMENT, plugins);
        List<Integer> epochs = new ArrayList<>();

        Evaluation result = registry.forKind("constant").run(new TrialContext("s", 0, Map.of(), Map.of("value", 2.5),
                List.of("score"), 3, 1, (epoch, values, metrics) -> epochs.add(epoch) && false));

        assertThat(plugins).extracting(ObjectivePlugin::kind).containsExactly("constant");
        assertThat(registry.kinds()).containsExactly("constant", "mlp-classifier", "synthetic");
        assertThat(result.values()).containsExactly(2.5);
        assertThat(epochs).containsExactly(1, 2, 3);
    }

    @Test
    void aPluginMayNotTakeABuiltInKindOrAMalformedOne() {
        assertThatThrownBy(() -> ObjectiveRegistry.withPlugins(ENVIRONMENT, List.of(plugin("synthetic"))))
                .hasMessageContaining("has the kind 'synthetic', which the built-in objective already uses");
        assertThatThrownBy(() -> ObjectiveRegistry.withPlugins(ENVIRONMENT, List.of(plugin("Two Words"))))
                .hasMessageContaining("has the kind 'Two Words'; a kind is lower-case letters");
        assertThatThrownBy(() -> ObjectiveRegistry.withPlugins(ENVIRONMENT, List.of(plugin("twice"), plugin("twice"))))
                .hasMessageContaining("has the kind 'twice', which plug-in");
    }

    @Test
    void aMissingPluginFolderIsAnError() {
        assertThatThrownBy(() -> ObjectivePlugins.load(getClass().getClassLoader(), Path.of("no/such/folder")))
                .hasMessage("the objective plug-in folder no/such/folder does not exist or is not a folder");
    }

    @Test
    void anUnknownKindListsTheKindsThisTrainerRuns() {
        assertThatThrownBy(() -> ObjectiveRegistry.standard(ENVIRONMENT).forKind("xgboost"))
                .hasMessage("unknown objective kind 'xgboost'; this trainer runs: mlp-classifier, synthetic");
    }

    private static ObjectivePlugin plugin(String kind) {
        return new ObjectivePlugin() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Objective create(ObjectiveEnvironment environment) {
                return new Objective() {
                    @Override
                    public String kind() {
                        return kind;
                    }

                    @Override
                    public Evaluation run(TrialContext context) {
                        return Evaluation.single(context.metric(), 0);
                    }
                };
            }
        };
    }
}
