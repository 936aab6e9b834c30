package dev.descent.data;

import java.io.IOException;

/**
 * Where the pixels of an {@link ImageDatastore}'s items come from: a folder of image files or
 * images held in memory. Items are named by relative paths such as {@code 3/00042.png}.
 * Implementations must be safe to read from several threads.
 */
public interface ImageSource {
    /**
     * Reads the item {@code name} as grey values in [0, 1].
     *
     * @throws MalformedDataException if the item cannot be decoded; the message names it
     */
    GreyImage read(String name) throws IOException;

    /** Where the items are, for messages: a folder path, or for example "built-in digits". */
    String description();
}
