package dev.aiguard.llm.internal.detect;

/**
 * Hashed features of one text: parallel arrays of bucket indices and values (an index may repeat; consumers add).
 *
 * @param indices bucket per entry
 * @param values  value per entry
 * @param size    entries used
 */
public record SparseVector(int[] indices, float[] values, int size) {
}
