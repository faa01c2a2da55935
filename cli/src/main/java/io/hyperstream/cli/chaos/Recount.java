package io.hyperstream.cli.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A study's trials recounted from the event log.
 *
 * @param scheduled      distinct trial numbers scheduled (TrialScheduled on the trials topic)
 * @param finished       distinct trial numbers with at least one terminal event
 * @param terminalEvents distinct terminal events (by event id: a record stored twice counts once)
 * @param rerun          trials with terminal events from more than one attempt (a trial run to its end again)
 * @param maxAttempt     the highest attempt number any event of the study carries
 * @param byState        trials by the state of their first terminal event in log order
 */
record Recount(int scheduled, int finished, int terminalEvents, int rerun, int maxAttempt, Map<String, Integer> byState) {

    static Recount of(List<LoggedEvent> events) {
        Set<Integer> scheduled = new HashSet<>();
        Map<Integer, Set<String>> terminalIds = new HashMap<>();
        Map<Integer, Set<Integer>> terminalAttempts = new HashMap<>();
        Map<Integer, String> firstState = new HashMap<>();
        int maxAttempt = 0;
        for (LoggedEvent e : events) {
            maxAttempt = Math.max(maxAttempt, e.attempt());
            if ("TrialScheduled".equals(e.type())) {
                scheduled.add(e.trialNumber());
            } else if (e.isTerminal()) {
                terminalIds.computeIfAbsent(e.trialNumber(), n -> new HashSet<>()).add(e.eventId());
                terminalAttempts.computeIfAbsent(e.trialNumber(), n -> new HashSet<>()).add(e.attempt());
                firstState.putIfAbsent(e.trialNumber(), e.terminalState());
            }
        }
        Map<String, Integer> byState = new TreeMap<>();
        firstState.values().forEach(s -> byState.merge(s, 1, Integer::sum));
        int terminal = terminalIds.values().stream().mapToInt(Set::size).sum();
        int rerun = (int) terminalAttempts.values().stream().filter(a -> a.size() > 1).count();
        return new Recount(scheduled.size(), terminalIds.size(), terminal, rerun, maxAttempt, byState);
    }
}
