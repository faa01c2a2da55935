package io.hyperstream.results.service;

import io.hyperstream.model.TrialState;
import io.hyperstream.model.spec.Direction;
import io.hyperstream.model.spec.StudySpec;
import io.hyperstream.results.importance.FanovaEvaluator;
import io.hyperstream.results.importance.ImportanceEvaluator;
import io.hyperstream.results.importance.ImportanceTrial;
import io.hyperstream.results.importance.Importances;
import io.hyperstream.results.importance.PedAnovaEvaluator;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Parameter importances of a study's complete trials, by fANOVA or PED-ANOVA. Results are kept
 * per study, method, seed, objective and set of complete trials: a study's complete trials only
 * grow, so their count identifies the set, and a finished study's fANOVA is computed once.
 */
@Singleton
public class StudyImportances {

    private static final Logger LOG = Logger.getLogger(StudyImportances.class);
    private static final int CACHED_RESULTS = 64;

    /** The methods, by the name the API takes. */
    public enum Method {
        FANOVA("fanova"),
        PED_ANOVA("ped-anova");

        private final String apiName;

        Method(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        /** The method of an API name (any case), or null. */
        public static Method parse(String name) {
            for (Method m : values()) {
                if (m.apiName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            return null;
        }
    }

    /**
     * A study's importances.
     *
     * @param objective  the objective whose values were explained, from 0
     * @param seed       the forest's seed (fANOVA only)
     * @param trials     the complete trials used
     * @param excluded   parameters left out because some complete trials lack them (conditional ones)
     * @param message    why {@code importances} is empty, else null
     */
    public record Report(String studyId, String method, int objective, Long seed, int trials,
                         List<Importances.Importance> importances, List<String> excluded, String message) {
    }

    private final Map<String, Report> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Report> eldest) {
            return size() > CACHED_RESULTS;
        }
    };

    /**
     * Computes (or recalls) importances.
     *
     * @param rows      the study's trials (from its index)
     * @param requested parameter names to assess, or null for all every complete trial has
     * @throws IllegalArgumentException naming a requested parameter that is not in the search space
     */
    public Report compute(String studyId, StudySpec spec, List<TrialRow> rows, Method method, long seed, int objective,
                          List<String> requested) {
        List<ImportanceTrial> complete = new ArrayList<>();
        long numbers = 0;
        for (TrialRow row : rows) {
            Double target = row.value(objective);
            if (row.state() == TrialState.COMPLETE && target != null) {
                complete.add(new ImportanceTrial(row.number(), row.params(), target));
                numbers += row.number();
            }
        }
        Long usedSeed = method == Method.FANOVA ? seed : null;
        String key = String.join("|", studyId, method.apiName(), String.valueOf(usedSeed), String.valueOf(objective),
                String.valueOf(requested), String.valueOf(complete.size()), String.valueOf(numbers));
        synchronized (cache) {
            Report cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ImportanceEvaluator evaluator = method == Method.FANOVA ? new FanovaEvaluator(seed) : new PedAnovaEvaluator();
        boolean lowerIsBetter = spec.directions().get(objective) == Direction.MINIMIZE;
        long started = System.nanoTime();
        Importances.Result result = Importances.compute(spec.searchSpace(), complete, requested, evaluator, lowerIsBetter);
        LOG.debugf("study %s: %s importances of %d trials in %.0f ms", studyId, method.apiName(), result.trials(),
                (System.nanoTime() - started) / 1e6);
        Report report = new Report(studyId, method.apiName(), objective, usedSeed, result.trials(),
                result.importances(), result.excluded(), result.message());
        synchronized (cache) {
            cache.put(key, report);
        }
        return report;
    }
}
