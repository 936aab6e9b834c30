package dev.descent.nn;

import dev.descent.tensor.Matrix;
import dev.descent.tensor.Precision;

/**
 * A reusable work matrix with a fixed number of columns whose row count follows the batch size,
 * so that steady-state training allocates nothing: storage grows to the largest batch seen and
 * the view for the current row count is kept until the row count changes.
 */
final class RowBuffer {
    private final Precision precision;
    private final int cols;
    private Matrix storage;
    private Matrix view;

    RowBuffer(Precision precision, int cols) {
        this.precision = precision;
        this.cols = cols;
    }

    /** A {@code rows x cols} matrix; its contents are whatever the last user left. */
    Matrix rows(int rows) {
        if (storage == null || storage.rows() < rows) {
            storage = Matrix.zeros(precision, rows, cols);
            view = storage;
        }
        if (view.rows() != rows) {
            view = rows == storage.rows() ? storage : storage.rowRange(0, rows);
        }
        return view;
    }
}
