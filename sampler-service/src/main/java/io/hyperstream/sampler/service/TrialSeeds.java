package io.hyperstream.sampler.service;

/** Derives the seed of each trial's objective from the study's sampler seed. */
public final class TrialSeeds {

    private TrialSeeds() {
    }

    /**
     * {@code 10007 * samplerSeed + trialNumber} (wrapping on overflow): the seeding protocol of
     * the benchmark problems, so that a study and its seed fix every trial's training run.
     */
    public static long trialSeed(long samplerSeed, int trialNumber) {
        return 10007L * samplerSeed + trialNumber;
    }
}
