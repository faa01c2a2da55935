package io.hyperstream.sampler.plugin;

import io.hyperstream.model.spec.CategoricalDistribution;
import io.hyperstream.model.spec.FloatDistribution;
import io.hyperstream.model.spec.IntDistribution;
import io.hyperstream.model.spec.ParamSpec;
import io.hyperstream.sampler.algorithm.RandomSampler;
import io.hyperstream.sampler.algorithm.Sampler;
import io.hyperstream.sampler.algorithm.SamplerPlugin;
import io.hyperstream.sampler.algorithm.StudyView;
import java.util.Map;

/**
 * A user's sampler as a plug-in would add it: trial 0 at the centre of every numeric range (the
 * first choice of a categorical), random afterwards. Registered in META-INF/services of the test
 * class path.
 */
public final class CentreFirstPlugin implements SamplerPlugin {

    @Override
    public String name() {
        return "centre_first";
    }

    @Override
    public Sampler create(Map<String, Object> options, long seed) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("sampler.options: centre_first takes no options, but got " + options.keySet());
        }
        RandomSampler random = new RandomSampler(seed);
        return new Sampler() {
            @Override
            public Object sampleIndependent(StudyView study, int trialNumber, Map<String, Object> paramsSoFar, ParamSpec param) {
                if (trialNumber > 0) {
                    return random.sampleIndependent(study, trialNumber, paramsSoFar, param);
                }
                if (param.distribution() instanceof FloatDistribution f && f.step() == null) {
                    return f.log() ? Math.sqrt(f.low() * f.high()) : (f.low() + f.high()) / 2;
                }
                if (param.distribution() instanceof IntDistribution i && i.step() == 1 && !i.log()) {
                    return (i.low() + i.high()) / 2;
                }
                if (param.distribution() instanceof CategoricalDistribution c) {
                    return c.choices().get(0);
                }
                return random.sampleIndependent(study, trialNumber, paramsSoFar, param);
            }
        };
    }
}
