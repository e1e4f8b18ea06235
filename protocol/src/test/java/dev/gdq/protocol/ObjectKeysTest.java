package dev.gdq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Object keys come only from ids that cannot read as paths. */
class ObjectKeysTest {

    @Test
    void keysOfTheContract() {
        assertThat(ObjectKeys.image("job-01ABC", 7)).isEqualTo("jobs/job-01ABC/7.png");
        assertThat(ObjectKeys.taskManifest("job-01ABC", 2)).isEqualTo("jobs/job-01ABC/tasks/2.json");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "/abs", "a\\b", "%2e%2e", "%2F", ".hidden", "-x", "_x",
        "a b", "a\u0000b", "a\nb", "job\u200b1", "\uff41",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void pathLikeOrNonAsciiJobIdsAreRefused(String jobId) {
        assertThat(ObjectKeys.isValidJobId(jobId)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKeys.image(jobId, 0)).withMessageContaining("job id");
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKeys.taskManifest(jobId, 0));
    }

    @Test
    void nullJobIdAndNegativeIndicesAreRefused() {
        assertThat(ObjectKeys.isValidJobId(null)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKeys.image("job-1", -1));
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKeys.taskManifest("job-1", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"job-01M8MCC16RDWMRCB0Y6JMSRYWY", "job-2f1e0d9c-8a4b-4c1e-9f00-123456789abc", "a", "a.b_c-d"})
    void idsOfTheApiAndOfProducersAreAccepted(String jobId) {
        assertThat(ObjectKeys.isValidJobId(jobId)).isTrue();
    }
}
