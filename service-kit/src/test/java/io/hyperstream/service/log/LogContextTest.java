package io.hyperstream.service.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class LogContextTest {

    @Test
    void aTrialContextHoldsTheStudyAndTrialUntilClosed() {
        try (LogContext context = LogContext.trial("study-a", 7)) {
            assertThat(MDC.get("studyId")).isEqualTo("study-a");
            assertThat(MDC.get("trialNumber")).isEqualTo("7");
        }
        assertThat(MDC.get("studyId")).isNull();
        assertThat(MDC.get("trialNumber")).isNull();
    }

    @Test
    void contextsNestAndRestoreWhatWasThere() {
        try (LogContext study = LogContext.study("study-a")) {
            try (LogContext trial = LogContext.trial("study-b", 2)) {
                assertThat(MDC.get("studyId")).isEqualTo("study-b");
                assertThat(MDC.get("trialNumber")).isEqualTo("2");
            }
            assertThat(MDC.get("studyId")).isEqualTo("study-a");
            assertThat(MDC.get("trialNumber")).isNull();
        }
        assertThat(MDC.get("studyId")).isNull();
    }
}
