package dev.descent.tensor;

/** Whether a matrix product reads an operand as stored or transposed (BLAS {@code trans}). */
public enum Transpose {
    NO,
    YES
}
