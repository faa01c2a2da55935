package io.hyperstream.trainer.objective;

/**
 * An objective added from outside Hyperstream, run for studies whose {@code objective.kind} is
 * its {@link #kind()}.
 *
 * <p>A plug-in is a jar holding an implementation of this interface (public, with a public
 * no-argument constructor) and the file
 * {@code META-INF/services/io.hyperstream.trainer.objective.ObjectivePlugin} that names it (the
 * {@link java.util.ServiceLoader} convention). Put the jar on trainer-service's class path or in
 * its plug-in folder ({@code hyperstream.trainer.plugins-dir}); the trainer logs the kinds it
 * loaded at start-up and refuses to start if two objectives claim one kind. The objective it
 * creates follows the {@link Objective} contract.
 */
public interface ObjectivePlugin {

    /** The {@code objective.kind} a spec uses: lower-case letters, digits, '-' and '_', not a built-in kind. */
    String kind();

    /** Creates the objective, once per trainer; {@code environment} says where data is and how much memory a model may take. */
    Objective create(ObjectiveEnvironment environment);
}
