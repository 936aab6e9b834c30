package dev.descent.data;

import java.io.IOException;
import java.nio.file.Path;

/** Image files under a root folder; item names are paths relative to it, with '/'. */
final class FolderImageSource implements ImageSource {
    private final Path root;

    FolderImageSource(Path root) {
        this.root = root;
    }

    @Override
    public GreyImage read(String name) throws IOException {
        return GreyImages.read(root.resolve(name), name + " (under " + root + ")");
    }

    @Override
    public String description() {
        return root.toString();
    }
}
