package dev.descent.nn;

import dev.descent.internal.blas.OpenBlas;
import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;
import java.util.Arrays;

/**
 * The input columns of a training batch that are not 0 in every row, for a first layer that
 * multiplies those alone ({@link FullyConnectedLayer#skipZeroColumns}), and the work matrices
 * that hold the kept columns, the matching weight rows and their gradient.
 */
final class ZeroColumns {
    /**
     * Rows a batch is first probed on, to leave most batches without enough zeros unread:
     * 16, then 4 times as many each time the rows so far leave enough columns 0.
     */
    static final int PROBE_ROWS = 16;

    /**
     * Multiply-adds a left-out column must save per value the subset costs to copy: the
     * copies (a scan of the batch, its kept columns, the kept weight rows and the gradient
     * written back) ran at about 0.2 ns a value on the development machine, a multiply-add of
     * these products at about 0.023 ns on one thread, so 8 is about break-even.
     */
    static final int COPY_COST = 8;

    private final int[] columns;
    private int count = -1;
    final Views input;
    final Views weights;
    final Views gradient;

    ZeroColumns(Precision precision, int inputSize) {
        columns = new int[inputSize];
        input = new Views(precision, false, inputSize);
        weights = new Views(precision, true, inputSize);
        gradient = new Views(precision, true, inputSize);
    }

    /** The kept columns, in increasing order: the first {@link #count()} values. */
    int[] columns() {
        return columns;
    }

    /** How many columns the last {@link #find} kept, or -1 for the whole batch. */
    int count() {
        return count;
    }

    /** Forgets the last batch: the next backward pass uses every column. */
    void clear() {
        count = -1;
    }

    /**
     * Finds the kept columns of batch {@code x} for a layer of {@code width} outputs where
     * multiplying by them alone {@link #pays}; returns their number, or -1 (and keeps none)
     * to multiply the whole batch.
     */
    int find(Matrix x, int width) {
        count = -1;
        int rows = x.rows();
        int all = x.cols();
        // A batch rarely has more than half its columns 0 (digits: 37% at batch 64).
        if (!saves(rows, all, width, all / 2)) {
            return -1;
        }
        for (int probe = PROBE_ROWS; ; probe *= 4) {
            int probed = Math.min(probe, rows);
            int kept = x.nonzeroColumns(probed, columns);
            // The first rows keep at most the columns of the whole batch, so they save at
            // least as much.
            if (!saves(rows, all, width, kept)) {
                return -1;
            }
            if (probed == rows) {
                count = kept > 0 && splitsAlike(rows, all, width, kept) ? kept : -1;
                return count;
            }
        }
    }

    /**
     * Whether multiplying a batch of {@code rows} by only {@code kept} of its {@code columns}
     * saves {@link #COPY_COST} multiply-adds per value copied, and its products split over as
     * many threads as the whole ones.
     */
    static boolean pays(int rows, int columns, int width, int kept) {
        return saves(rows, columns, width, kept) && splitsAlike(rows, columns, width, kept);
    }

    /** The cost half of {@link #pays}: it holds for fewer kept columns if for more. */
    static boolean saves(int rows, int columns, int width, int kept) {
        long saved = 2L * rows * width * (columns - kept);
        long copied = rows * (2L * columns + kept) + (long) width * (columns + kept);
        return saved >= COPY_COST * copied;
    }

    /**
     * Whether the forward product and the weight gradient with {@code kept} columns split
     * like those with all: otherwise the subset runs on one thread where the whole ran on
     * all (784-64-10 at batch 64 on two threads, 188 instead of 158 microseconds a step).
     */
    static boolean splitsAlike(int rows, int columns, int width, int kept) {
        return OpenBlas.partsFor(rows, width, kept) == OpenBlas.partsFor(rows, width, columns)
                && OpenBlas.partsFor(kept, width, rows)
                        == OpenBlas.partsFor(columns, width, rows);
    }

    /**
     * Work matrices with one side the kept count, the other the batch's rows or the layer's
     * width: one block of storage, as large as the largest shape asked for, and a view of it
     * per shape, made once. Views are kept for the last {@value #SIDES} other sides, so that
     * an epoch whose last batch is partial makes none anew.
     */
    static final class Views {
        private static final int SIDES = 4;
        private final Precision precision;
        private final boolean keptRows;
        private final int mostKept;
        private Matrix storage;
        private int largestSide;
        private final int[] sides = new int[SIDES];
        private final Matrix[][] views = new Matrix[SIDES][];
        private int nextSlot;

        /**
         * @param keptRows whether the kept count is the row count (else the column count)
         * @param mostKept the largest kept count
         */
        Views(Precision precision, boolean keptRows, int mostKept) {
            this.precision = precision;
            this.keptRows = keptRows;
            this.mostKept = mostKept;
            Arrays.fill(sides, -1);
        }

        /** A (kept x side) or (side x kept) matrix; contents undefined. */
        Matrix of(int kept, int side) {
            if (side > largestSide) {
                storage = Matrix.zeros(precision, 1, Math.max(1, mostKept * side));
                largestSide = side;
                Arrays.fill(sides, -1);
            }
            int slot = 0;
            while (slot < SIDES && sides[slot] != side) {
                slot++;
            }
            if (slot == SIDES) {
                slot = nextSlot;
                nextSlot = (nextSlot + 1) % SIDES;
                sides[slot] = side;
                views[slot] = new Matrix[mostKept + 1];
            }
            Matrix view = views[slot][kept];
            if (view == null) {
                view = keptRows ? storage.view(0, kept, side) : storage.view(0, side, kept);
                views[slot][kept] = view;
            }
            return view;
        }
    }
}
