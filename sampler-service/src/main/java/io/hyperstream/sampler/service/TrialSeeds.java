package io.hyperstream.sampler.service;

import java.util.SplittableRandom;

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

    /**
     * The seed of a sampler that takes over a study after {@code scheduledTrials} trials were
     * scheduled by another one. A sampler rebuilt with the study's own seed would repeat the
     * random draws of the study's first trials; this one is reproducible for a given study seed
     * and takeover point. With no trial scheduled yet it is the study's seed, so that nothing
     * distinguishes the study from one that ran without interruption.
     */
    public static long resumedSamplerSeed(long samplerSeed, int scheduledTrials) {
        if (scheduledTrials == 0) {
            return samplerSeed;
        }
        return new SplittableRandom(samplerSeed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (scheduledTrials + 1L));
    }
}
