package io.hyperstream.results.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.hyperstream.model.StudyState;
import io.hyperstream.model.TrialState;
import org.junit.jupiter.api.Test;

class StateRankTest {

    @Test
    void trialsMoveFromWaitingToRunningToOneFinishedState() {
        assertThat(StateRank.advances(null, TrialState.WAITING)).isTrue();
        assertThat(StateRank.advances(TrialState.WAITING, TrialState.RUNNING)).isTrue();
        assertThat(StateRank.advances(TrialState.WAITING, TrialState.COMPLETE)).isTrue();
        assertThat(StateRank.advances(TrialState.RUNNING, TrialState.PRUNED)).isTrue();
        assertThat(StateRank.advances(TrialState.RUNNING, TrialState.FAIL)).isTrue();
    }

    @Test
    void trialsNeverMoveBackNorFromOneFinishedStateToAnother() {
        assertThat(StateRank.advances(TrialState.RUNNING, TrialState.WAITING)).isFalse();
        assertThat(StateRank.advances(TrialState.RUNNING, TrialState.RUNNING)).isFalse();
        for (TrialState finished : new TrialState[] {TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL}) {
            for (TrialState next : TrialState.values()) {
                assertThat(StateRank.advances(finished, next)).as("%s -> %s", finished, next).isFalse();
            }
        }
    }

    @Test
    void finishedTrialStatesShareTheHighestRank() {
        for (TrialState state : TrialState.values()) {
            assertThat(StateRank.of(state) == 3).as(state.name()).isEqualTo(state.isFinished());
        }
        assertThat(StateRank.of(TrialState.WAITING)).isLessThan(StateRank.of(TrialState.RUNNING));
    }

    @Test
    void studiesMoveFromRunningToCompleteOrRejectedOnly() {
        assertThat(StateRank.advances(null, StudyState.REJECTED)).isTrue();
        assertThat(StateRank.advances(StudyState.RUNNING, StudyState.COMPLETE)).isTrue();
        assertThat(StateRank.advances(StudyState.COMPLETE, StudyState.RUNNING)).isFalse();
        assertThat(StateRank.advances(StudyState.COMPLETE, StudyState.REJECTED)).isFalse();
        assertThat(StateRank.advances(StudyState.REJECTED, StudyState.COMPLETE)).isFalse();
    }
}
