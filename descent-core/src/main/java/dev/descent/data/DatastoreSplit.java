package dev.descent.data;

import java.util.List;

/**
 * The parts made by {@link ImageDatastore#splitEachLabel}, and warnings about them such as
 * {@code label C has no files in part 1}. The library never prints them; callers may.
 *
 * @param parts one datastore per split value plus one for the rest, in that order
 * @param warnings one line per label that is missing from a part
 */
public record DatastoreSplit(List<ImageDatastore> parts, List<String> warnings) {
    /** Copies both lists. */
    public DatastoreSplit {
        parts = List.copyOf(parts);
        warnings = List.copyOf(warnings);
    }

    /** Part {@code number}, counted from 1 as in the warnings. */
    public ImageDatastore part(int number) {
        return parts.get(number - 1);
    }
}
