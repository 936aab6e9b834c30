package dev.descent.internal.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void everyPartRunsExactlyOnceWhicheverThreadClaimsIt() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        int[] seenParts = new int[1];
        for (int call = 0; call < 20_000; call++) {
            int parts = 1 + call % 4;
            Workers.run((part, count) -> {
                assertThat(count).isEqualTo(parts);
                runs.incrementAndGet(part);
            }, parts);
            for (int p = 0; p < 4; p++) {
                // A part claimed twice, or one left unclaimed (say by a helper that woke for
                // an older call), shows here before the next call starts.
                assertThat(runs.getAndSet(p, 0)).as("call %d, part %d of %d", call, p, parts)
                        .isEqualTo(p < parts ? 1 : 0);
            }
            seenParts[0] += parts;
        }
        assertThat(seenParts[0]).isEqualTo(50_000);
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersEnd() {
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        assertThatThrownBy(() -> Workers.run((part, parts) -> {
            runs.incrementAndGet(part);
            if (part == 1) {
                throw new IllegalArgumentException("part 1 failed");
            }
        }, 3)).isInstanceOf(IllegalArgumentException.class).hasMessage("part 1 failed");
        assertThat(new int[] {runs.get(0), runs.get(1), runs.get(2)}).containsExactly(1, 1, 1);

        // The failure is not left behind for the next task.
        Workers.run((part, parts) -> runs.incrementAndGet(part), 3);
        assertThat(new int[] {runs.get(0), runs.get(1), runs.get(2)}).containsExactly(2, 2, 2);
    }

    @Test
    void partsAfterAParkedSpellStillRun() throws InterruptedException {
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Workers.run((part, parts) -> runs.incrementAndGet(part), 2);
        // Longer than the helpers spin, so that they have parked and must be woken.
        Thread.sleep(5);
        Workers.run((part, parts) -> runs.incrementAndGet(part), 2);
        assertThat(new int[] {runs.get(0), runs.get(1)}).containsExactly(2, 2);
    }
}
