package dev.descent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Workload names past the size limits are refused in one line, before anything is built. */
class WorkloadTest {

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(Benchmark.parseWorkloads("fashion-h16384-b1024,fashion-n60000-h256-b60000"))
                .containsExactly(new Workload("fashion-h16384-b1024", "fashion", 16384, 1024, 0),
                        new Workload("fashion-n60000-h256-b60000", "fashion", 256, 60000,
                                60000));
    }

    @Test
    void aWiderLayerOrALargerProductNamesTheWorkloadAndTheLimit() {
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h99999999-b64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--workloads: H in fashion-h99999999-b64 must be a whole number"
                        + " from 1 to 16384, got 99999999");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h2147483647-b64"))
                .hasMessage("--workloads: H in fashion-h2147483647-b64 must be a whole number"
                        + " from 1 to 16384, got 2147483647");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-n1000-h200000-b64"))
                .hasMessage("--workloads: H in fashion-n1000-h200000-b64 must be a whole number"
                        + " from 1 to 16384, got 200000");
        assertThatThrownBy(() -> Benchmark.parseWorkloads("fashion-h16384-b1025"))
                .hasMessage("--workloads: H times B in fashion-h16384-b1025 must be at most"
                        + " 16777216, got 16384 x 1025 = 16793600");
    }
}
