package io.hyperstream.trainer.config;

import io.hyperstream.trainer.mlp.DataDirectories;
import io.hyperstream.trainer.mlp.MlpClassifierObjective;
import io.hyperstream.trainer.objective.ObjectiveEnvironment;
import io.hyperstream.trainer.objective.ObjectivePlugin;
import io.hyperstream.trainer.objective.ObjectivePlugins;
import io.hyperstream.trainer.objective.ObjectiveRegistry;
import io.hyperstream.trainer.service.TrialEventPublisher;
import io.hyperstream.trainer.service.TrialRunner;
import io.hyperstream.trainer.service.VerdictBoard;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/** Builds the trainer's plain-Java parts from configuration. */
@Singleton
public class TrainerBeans {

    private static final Logger LOG = Logger.getLogger(TrainerBeans.class);

    @Produces
    @Singleton
    TrainerIdentity identity(TrainerConfig config) {
        return TrainerIdentity.of(config);
    }

    @Produces
    @Singleton
    ObjectiveRegistry objectives(TrainerConfig config) {
        DataDirectories data = DataDirectories.resolve(config.dataDirs(), Path.of(""),
                MlpClassifierObjective.DATA_DIRS_PROPERTY);
        ObjectiveEnvironment environment = new ObjectiveEnvironment(data.folders(), config.modelMemoryLimit().asLongValue());
        List<ObjectivePlugin> plugins = ObjectivePlugins.load(Thread.currentThread().getContextClassLoader(),
                config.pluginsDir().orElse(null));
        ObjectiveRegistry registry = ObjectiveRegistry.withPlugins(environment, plugins);
        for (ObjectivePlugin plugin : plugins) {
            LOG.infof("objective plug-in '%s' loaded (%s)", plugin.kind(), plugin.getClass().getName());
        }
        String threads = System.getenv("OMP_NUM_THREADS");
        LOG.infof("objectives: %s; data folders %s; model memory limit %.1f MB; OMP_NUM_THREADS=%s", registry.kinds(),
                data.folders(), environment.modelMemoryLimitBytes() / 1e6, threads == null ? "(unset)" : threads);
        if (threads == null) {
            LOG.warn("OMP_NUM_THREADS is not set: DL4J's native code will use every core; set it (to 1 for one "
                    + "trainer per core) in the environment that starts this trainer");
        }
        return registry;
    }

    @Produces
    @Singleton
    VerdictBoard verdictBoard() {
        return new VerdictBoard();
    }

    @Produces
    @Singleton
    TrialRunner runner(TrainerIdentity identity, ObjectiveRegistry objectives, TrialEventPublisher publisher,
                       VerdictBoard verdicts, TrainerConfig config) {
        return new TrialRunner(identity.id(), objectives, publisher, verdicts, config.verdictTimeout(),
                config.trialTimeout());
    }
}
