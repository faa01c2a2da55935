package io.hyperstream.model.spec;

/**
 * The set of values a hyperparameter may take. Every value has an internal {@code double} form
 * (the index of a categorical choice, the number itself otherwise) that samplers work in.
 */
public sealed interface Distribution
        permits FloatDistribution, IntDistribution, CategoricalDistribution {

    /** The value a user sees (Double, Long, or a categorical choice) for an internal number. */
    Object toExternal(double internal);

    /** The internal number of an external value; throws if the value is not of this distribution. */
    double toInternal(Object external);

    /** Whether an external value lies in this distribution (bounds, step, choices). */
    boolean contains(Object external);

    /** Whether the distribution holds exactly one value. */
    boolean isSingle();

    /** The logical JSON name of this distribution's type. */
    String typeName();
}
