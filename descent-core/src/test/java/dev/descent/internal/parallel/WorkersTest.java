package dev.descent.internal.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkersTest {
    /** One call's parts: how often each ran, and whether each had ended when run returned. */
    private static final class Call implements Workers.Task {
        final int parts;
        final AtomicIntegerArray runs;
        final AtomicIntegerArray ended;

        Call(int parts) {
            this.parts = parts;
            runs = new AtomicIntegerArray(parts);
            ended = new AtomicIntegerArray(parts);
        }

        @Override
        public void run(int part, int count) {
            assertThat(count).isEqualTo(parts);
            runs.incrementAndGet(part);
            Thread.onSpinWait();
            ended.set(part, 1);
        }

        void assertRanOnceAndEnded(String what) {
            for (int p = 0; p < parts; p++) {
                assertThat(runs.get(p)).as("%s: runs of part %d of %d", what, p, parts)
                        .isEqualTo(1);
                assertThat(ended.get(p)).as("%s: part %d of %d ended", what, p, parts)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void everyPartRunsExactlyOnceAndHasEndedWhenRunReturns() {
        // Counts that grow and shrink, with more threads than this machine has cores, so that
        // helpers are preempted in the middle of claiming.
        int[] counts = {2, 8, 1, 5, 3, 8, 2};
        Call previous = null;
        for (int i = 0; i < 20_000; i++) {
            Call call = new Call(counts[i % counts.length]);
            Workers.run(call, call.parts);
            call.assertRanOnceAndEnded("call " + i);
            if (previous != null) {
                // No late helper ran a part of the previous call with this call's claims.
                previous.assertRanOnceAndEnded("call " + (i - 1) + " after call " + i);
            }
            previous = call;
        }
    }

    @Test
    void aFinishedGenerationHasNothingLeftToClaimWhateverThePartCount() throws Exception {
        Call call = new Call(3);
        Workers.run(call, 3);
        // A helper that read the last call's claims and only then resumes, after the next
        // call has set a larger part count but not yet published its generation.
        Field parts = Workers.class.getDeclaredField("parts");
        Field task = Workers.class.getDeclaredField("task");
        parts.setAccessible(true);
        task.setAccessible(true);
        Call next = new Call(5);
        parts.setInt(null, 5);
        task.set(null, next);
        try {
            Workers.runParts(Workers.generation(), 4);
        } finally {
            task.set(null, null);
        }
        assertThat(next.runs.get(3) + next.runs.get(4)).isZero();
        call.assertRanOnceAndEnded("the finished call");
    }

    @Test
    void aThreadRunsItsOwnPartFirstThenTheLowestLeft() throws Exception {
        for (int count : new int[] {4, Workers.MAX_MASKED + 9}) {
            Workers.run(new Call(2), 2);
            // Long enough for the helpers to be back waiting for a new generation; the one
            // faked below keeps the last number, so they stay out of it.
            Thread.sleep(10);
            java.util.List<Integer> order = new java.util.ArrayList<>();
            long generation = Workers.generation();
            Field claims = Workers.class.getDeclaredField("claims");
            Field parts = Workers.class.getDeclaredField("parts");
            Field task = Workers.class.getDeclaredField("task");
            claims.setAccessible(true);
            parts.setAccessible(true);
            task.setAccessible(true);
            java.util.concurrent.atomic.AtomicLong word =
                    (java.util.concurrent.atomic.AtomicLong) claims.get(null);
            long left = count <= Workers.MAX_MASKED ? (1L << count) - 1 : (1L << 31) | count;
            parts.setInt(null, count);
            task.set(null, (Workers.Task) (part, all) -> order.add(part));
            word.set(generation << 32 | left);
            try {
                Workers.runParts(generation, 2);
            } finally {
                task.set(null, null);
                word.set(generation << 32);
            }
            java.util.List<Integer> expected = new java.util.ArrayList<>();
            if (count <= Workers.MAX_MASKED) {
                // Part 2 is this thread's own; then 0, 1 and 3.
                expected.addAll(java.util.List.of(2, 0, 1, 3));
            } else {
                // More parts than the mask holds: in order, whoever claims them.
                for (int p = 0; p < count; p++) {
                    expected.add(p);
                }
            }
            assertThat(order).as("%d parts", count).isEqualTo(expected);
        }
        // And the pool still works after the fakes.
        Call after = new Call(3);
        Workers.run(after, 3);
        after.assertRanOnceAndEnded("after the faked claims");
    }

    @Test
    void moreThanTheMaskHoldsStillRunOnce() {
        for (int i = 0; i < 200; i++) {
            Call call = new Call(Workers.MAX_MASKED + 1 + i % 5);
            Workers.run(call, call.parts);
            call.assertRanOnceAndEnded("call " + i);
        }
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
    void partsAfterTheHelpersParkedStillRun() throws InterruptedException {
        Call first = new Call(2);
        Workers.run(first, 2);
        // Longer than the helpers spin, so that they have parked and must be woken.
        Thread.sleep(5);
        Call second = new Call(2);
        Workers.run(second, 2);
        first.assertRanOnceAndEnded("before the pause");
        second.assertRanOnceAndEnded("after the pause");
    }
}
