package io.hyperstream.trainer.mlp;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets ND4J up for many small operations, once per JVM, before anything else touches it.
 *
 * <ul>
 * <li>Shape information is cached for every array ({@link CachingShapeInfoProvider}, through
 *     ND4J's {@code shapeinfoprovider} property, which a {@code -D} option may still override).</li>
 * <li>The executioner's default {@code SCOPE_PANIC} mode checks the workspace of every input of
 *     every operation; DL4J's own layers never misuse workspaces, so the checks are turned off.</li>
 * </ul>
 *
 * <p>What must be set before the JVM starts (one native thread through {@code OMP_NUM_THREADS},
 * JavaCPP's memory accounting) is the launcher's job: see the README's resource-control section.
 */
public final class Nd4jSetup {

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
        done = true;
    }
}
