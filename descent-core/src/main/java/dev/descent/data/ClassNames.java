package dev.descent.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects label names in order of appearance and maps them to class indices in MATLAB
 * categorical order: names sorted by character code, so "1" &lt; "10" &lt; "2".
 */
final class ClassNames {
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** A provisional index for {@code name}: its order of first appearance. */
    int add(String name) {
        Integer index = seen.get(name);
        if (index == null) {
            index = names.size();
            seen.put(name, index);
            names.add(name);
        }
        return index;
    }

    /** The names seen so far, sorted by character code. */
    List<String> sorted() {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String::compareTo);
        return List.copyOf(sorted);
    }

    /** Replaces provisional indices from {@link #add} by indices into {@link #sorted()}. */
    void remap(int[] provisional) {
        List<String> sorted = sorted();
        int[] sortedIndex = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            sortedIndex[i] = sorted.indexOf(names.get(i));
        }
        for (int i = 0; i < provisional.length; i++) {
            provisional[i] = sortedIndex[provisional[i]];
        }
    }

    /** Class indices of {@code labels} into their sorted distinct names, which it returns. */
    static List<String> index(List<String> labels, int[] indices) {
        ClassNames classes = new ClassNames();
        for (int i = 0; i < labels.size(); i++) {
            indices[i] = classes.add(labels.get(i));
        }
        classes.remap(indices);
        return classes.sorted();
    }

    /** {@code names} as a short list for messages: "a, b, c" or "a, b, c, ... (12 in all)". */
    static String preview(List<String> names, int limit) {
        if (names.size() <= limit) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, limit)) + ", ... (" + names.size() + " in all)";
    }
}
