package io.hyperstream.trainer.mlp;

import java.lang.reflect.Field;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets ND4J up for many small operations, once per JVM, before anything else touches it.
 *
 * <ul>
 * <li>Shape information is cached for every array ({@link CachingShapeInfoProvider}, through
 *     ND4J's {@code shapeinfoprovider} property, which a {@code -D} option may still override).</li>
 * <li>Sub-array layouts of broadcasts and reductions are cached ({@link CachingTadManager}),
 *     put into the executioner's field, as ND4J offers no setting for it; if that fails, ND4J's
 *     own manager stays and training is merely slower.</li>
 * <li>The executioner's default {@code SCOPE_PANIC} mode checks the workspace of every input of
 *     every operation; DL4J's own layers never misuse workspaces, so the checks are turned off.</li>
 * </ul>
 *
 * <p>What must be set before the JVM starts (one native thread through {@code OMP_NUM_THREADS},
 * JavaCPP's memory accounting) is the launcher's job: see the README's resource-control section.
 */
public final class Nd4jSetup {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jSetup.class);

    /** ND4J's backend property naming the shape-information provider class. */
    static final String SHAPE_INFO_PROVIDER = "shapeinfoprovider";

    private static boolean done;

    private Nd4jSetup() {
    }

    /** Applies the settings; later calls do nothing. */
    public static synchronized void apply() {
        if (done) {
            return;
        }
        if (System.getProperty(SHAPE_INFO_PROVIDER) == null) {
            System.setProperty(SHAPE_INFO_PROVIDER, CachingShapeInfoProvider.class.getName());
        }
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        if (!(Nd4j.getShapeInfoProvider() instanceof CachingShapeInfoProvider)) {
            LOG.warn("ND4J was set up before the trainer could install its shape cache (shape provider {}); "
                    + "training is slower", Nd4j.getShapeInfoProvider().getClass().getName());
        }
        installTadCache();
        done = true;
    }

    private static void installTadCache() {
        try {
            Field field = NativeOpExecutioner.class.getDeclaredField("tadManager");
            field.setAccessible(true);
            field.set(Nd4j.getExecutioner(), new CachingTadManager());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot install the TAD cache in ND4J ({}); its own manager stays, training is slower", e.toString());
        }
    }

    /** Whether both caches are in place (for tests). */
    static boolean cachesInstalled() {
        return Nd4j.getExecutioner().getTADManager() instanceof CachingTadManager
                && Nd4j.getShapeInfoProvider() instanceof CachingShapeInfoProvider;
    }
}
