package io.hyperstream.sampler.algorithm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Each trial's parameters in model coordinates, and the trials in ascending order of each
 * numeric parameter, kept from one ask to the next: a trial's parameters never change, so a
 * study of 1,000 trials that gains one trial per ask needs one conversion and one insertion per
 * parameter instead of 1,000 map lookups and a sort. A trial is known by its number and checked
 * by the identity of its parameter map, so a view built anew is still read correctly.
 */
final class TrialCoordinates {

    private final Map<String, Column> columns = new HashMap<>();

    /** The column of one dimension (a new one if the dimension's distribution changed). */
    Column column(SearchDimension dim) {
        Column column = columns.get(dim.name());
        if (column == null || !column.dim.equals(dim)) {
            column = new Column(dim);
            columns.put(dim.name(), column);
        }
        return column;
    }

    /** One dimension's coordinate of every trial seen, by trial number. */
    static final class Column {

        /** Trials waiting to be placed in the order above which the order is rebuilt by a sort. */
        private static final int INSERTION_LIMIT = 16;

        final SearchDimension dim;
        private Object[] source = new Object[64];
        private double[] values = new double[64];
        /** Trial numbers with a value, ascending by value, then by number. */
        private int[] order = new int[64];
        private int ordered;
        private boolean[] inOrder = new boolean[64];
        private int[] pending = new int[16];
        private int pendingCount;
        private boolean stale;

        Column(SearchDimension dim) {
            this.dim = dim;
        }

        /** The trial's coordinate in this dimension, NaN if the trial does not have the parameter. */
        double get(FrozenTrial trial) {
            int number = trial.number();
            if (number >= source.length) {
                grow(number + 1);
            }
            Map<String, Object> params = trial.params();
            if (source[number] != params) {
                double value = params.containsKey(dim.name()) ? dim.toModel(params.get(dim.name())) : Double.NaN;
                if (source[number] != null && Double.compare(values[number], value) != 0 && inOrder[number]) {
                    stale = true;
                }
                values[number] = value;
                source[number] = params;
                if (!dim.isCategorical() && !inOrder[number] && !Double.isNaN(value)) {
                    if (pendingCount == pending.length) {
                        pending = Arrays.copyOf(pending, pendingCount * 2);
                    }
                    pending[pendingCount++] = number;
                    inOrder[number] = true;
                }
            }
            return values[number];
        }

        /** The coordinate last read for a trial number (after {@link #get}). */
        double value(int number) {
            return values[number];
        }

        /**
         * Trial numbers of every trial read so far that has the parameter, ascending by
         * coordinate (ties by number); the first {@link #size()} entries are valid.
         */
        int[] order() {
            if (stale) {
                rebuild();
            } else if (pendingCount > INSERTION_LIMIT) {
                for (int i = 0; i < pendingCount; i++) {
                    order[ordered++] = pending[i];
                }
                pendingCount = 0;
                sortOrder();
            } else {
                for (int i = 0; i < pendingCount; i++) {
                    insert(pending[i]);
                }
                pendingCount = 0;
            }
            return order;
        }

        int size() {
            return ordered;
        }

        private void insert(int number) {
            double v = values[number];
            int lo = 0;
            int hi = ordered;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (before(order[mid], v, number)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(order, lo, order, lo + 1, ordered - lo);
            order[lo] = number;
            ordered++;
        }

        /** Whether trial {@code a} sorts before a trial of value {@code v} and number {@code number}. */
        private boolean before(int a, double v, int number) {
            int c = Double.compare(values[a], v);
            return c < 0 || (c == 0 && a < number);
        }

        private void rebuild() {
            ordered = 0;
            for (int number = 0; number < inOrder.length; number++) {
                if (inOrder[number]) {
                    if (Double.isNaN(values[number])) {
                        inOrder[number] = false;
                    } else {
                        order[ordered++] = number;
                    }
                }
            }
            pendingCount = 0;
            stale = false;
            sortOrder();
        }

        private void sortOrder() {
            // Sort by (value, number) through a primitive sort of packed keys would lose precision;
            // a boxed sort of at most a few thousand numbers runs once per rebuild.
            Integer[] boxed = new Integer[ordered];
            for (int i = 0; i < ordered; i++) {
                boxed[i] = order[i];
            }
            Arrays.sort(boxed, (a, b) -> {
                int c = Double.compare(values[a], values[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int i = 0; i < ordered; i++) {
                order[i] = boxed[i];
            }
        }

        private void grow(int minimum) {
            int size = Math.max(minimum, source.length * 2);
            source = Arrays.copyOf(source, size);
            values = Arrays.copyOf(values, size);
            order = Arrays.copyOf(order, size);
            inOrder = Arrays.copyOf(inOrder, size);
        }
    }
}
