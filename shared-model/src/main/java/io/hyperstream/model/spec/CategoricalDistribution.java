package io.hyperstream.model.spec;

import java.util.List;
import java.util.Objects;

/** A parameter that takes one of a list of choices (strings, numbers, booleans or null). */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("choices must hold at least one value, but got " + choices);
        }
        if (choices.stream().distinct().count() != choices.size()) {
            throw new IllegalArgumentException("choices must be distinct, but got " + choices);
        }
        choices = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(choices));
    }

    @Override
    public Object toExternal(double internal) {
        int index = (int) Math.round(internal);
        if (index < 0 || index >= choices.size()) {
            throw new IllegalArgumentException("choice index " + index + " out of range 0.." + (choices.size() - 1));
        }
        return choices.get(index);
    }

    @Override
    public double toInternal(Object external) {
        int index = indexOf(external);
        if (index < 0) {
            throw new IllegalArgumentException("value " + external + " is not one of " + choices);
        }
        return index;
    }

    @Override
    public boolean contains(Object external) {
        return indexOf(external) >= 0;
    }

    private int indexOf(Object external) {
        for (int i = 0; i < choices.size(); i++) {
            Object choice = choices.get(i);
            if (Objects.equals(choice, external)) {
                return i;
            }
            if (choice instanceof Number a && external instanceof Number b && a.doubleValue() == b.doubleValue()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }

    @Override
    public String typeName() {
        return "categorical";
    }
}
