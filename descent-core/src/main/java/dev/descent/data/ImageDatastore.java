package dev.descent.data;

import dev.descent.util.Rng;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Labelled images, as MATLAB's {@code imageDatastore(folder, 'IncludeSubfolders', true,
 * 'LabelSource', 'foldernames')}: each item is a relative path whose label is its immediate
 * parent folder's name. Items are ordered by path (character order), whatever order the file
 * system lists them in; classes are sorted by character code ("1" &lt; "10" &lt; "2").
 *
 * <p>Images are decoded only by {@link #readAll()} and {@link #read(int[])}, to grey values in
 * [0, 1] as {@link GreyImages} describes. All images must have one size: the size given with
 * {@link #withImageSize}, or else the size of the first item of the original datastore. When
 * they differ, the error names the first image of a size other than the one most images have.
 * Subsets and split parts share the source and keep the full class list, so their label
 * indices agree.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ImageDatastore {
    private final ImageSource source;
    private final List<String> files;
    private final int[] labels;
    private final List<String> classes;
    /** The item whose size all others must have, unless a size is given. */
    private final String reference;
    private final int height;
    private final int width;
    private final String note;
    private final int skippedFiles;

    private ImageDatastore(ImageSource source, List<String> files, int[] labels,
            List<String> classes, String reference, int height, int width, String note,
            int skippedFiles) {
        this.source = source;
        this.files = files;
        this.labels = labels;
        this.classes = classes;
        this.reference = reference;
        this.height = height;
        this.width = width;
        this.note = note;
        this.skippedFiles = skippedFiles;
    }

    /**
     * The image files under {@code root} (png, jpg, jpeg, bmp, gif, tif, tiff in any case),
     * recursively. Names starting with '.' are hidden and skipped with their folders; other
     * files are skipped and counted in {@link #note()}. Files directly in {@code root} are
     * labelled with the root folder's name.
     *
     * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
     * @throws java.nio.file.NotDirectoryException if it is not a folder
     * @throws MalformedDataException if it holds no image files
     */
    public static ImageDatastore fromFolder(Path root) throws IOException {
        FolderScanner.Scan scan = FolderScanner.scan(root);
        String note = FolderScanner.note(scan, root);
        if (scan.files().isEmpty()) {
            throw new MalformedDataException("no image files ("
                    + String.join(", ", FolderScanner.EXTENSIONS) + ") found under " + root
                    + (note.isEmpty() ? "" : "; " + note));
        }
        int skipped = scan.skippedOther().size() + scan.skippedHidden().size();
        return create(new FolderImageSource(root), scan.files(), scan.labels(), note, skipped);
    }

    /**
     * Items of {@code source} named {@code files} (paths such as {@code 3/00042.png}) with one
     * label each; they are sorted by name as a folder's files are.
     *
     * @throws IllegalArgumentException if there are no files, the lists differ in length or a
     *     name repeats
     */
    public static ImageDatastore of(ImageSource source, List<String> files, List<String> labels) {
        Objects.requireNonNull(source, "source");
        if (files.isEmpty() || files.size() != labels.size()) {
            throw new IllegalArgumentException("files and labels must be non-empty lists of the"
                    + " same length, got " + files.size() + " and " + labels.size());
        }
        Integer[] order = new Integer[files.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(files::get));
        List<String> sortedFiles = new ArrayList<>(files.size());
        List<String> sortedLabels = new ArrayList<>(files.size());
        for (int i : order) {
            String name = files.get(i);
            if (!sortedFiles.isEmpty() && sortedFiles.get(sortedFiles.size() - 1).equals(name)) {
                throw new IllegalArgumentException(
                        "files must be distinct, got '" + name + "' twice");
            }
            sortedFiles.add(name);
            sortedLabels.add(labels.get(i));
        }
        return create(source, sortedFiles, sortedLabels, "", 0);
    }

    private static ImageDatastore create(ImageSource source, List<String> files,
            List<String> labelNames, String note, int skipped) {
        int[] labels = new int[files.size()];
        List<String> classes = ClassNames.index(labelNames, labels);
        return new ImageDatastore(source, List.copyOf(files), labels, classes, files.get(0), 0,
                0, note, skipped);
    }

    /**
     * This datastore requiring every image to be {@code height x width}, instead of the size
     * of the first item.
     *
     * @throws IllegalArgumentException if a size is &lt; 1
     */
    public ImageDatastore withImageSize(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image size must be at least 1x1, got " + height + "x" + width);
        }
        return new ImageDatastore(source, files, labels, classes, reference, height, width,
                note, skippedFiles);
    }

    /** Number of items. */
    public int size() {
        return files.size();
    }

    /** Item names: paths relative to the root, separated by '/'. */
    public List<String> files() {
        return files;
    }

    /** Label name of each item, in item order. */
    public List<String> labels() {
        List<String> names = new ArrayList<>(labels.length);
        for (int label : labels) {
            names.add(classes.get(label));
        }
        return Collections.unmodifiableList(names);
    }

    /** Class index of each item into {@link #classes()} (a copy). */
    public int[] labelIndices() {
        return labels.clone();
    }

    /** Class names sorted by character code, including classes a subset has no items of. */
    public List<String> classes() {
        return classes;
    }

    /** Number of items of each class, in class order (MATLAB {@code countEachLabel}). */
    public Map<String, Integer> countEachLabel() {
        int[] counts = new int[classes.size()];
        for (int label : labels) {
            counts[label]++;
        }
        Map<String, Integer> table = new LinkedHashMap<>();
        for (int k = 0; k < counts.length; k++) {
            table.put(classes.get(k), counts[k]);
        }
        return Collections.unmodifiableMap(table);
    }

    /** Where the items are: the root folder, or the in-memory source's description. */
    public ImageSource source() {
        return source;
    }

    /** Files and hidden entries skipped by the folder scan that made the original datastore. */
    public int skippedFiles() {
        return skippedFiles;
    }

    /**
     * One line on what the folder scan skipped, for example {@code skipped 2 files that are not
     * png/jpg/... (e.g. cat/Thumbs.db) and 1 hidden entry (.DS_Store) under data}; empty when
     * nothing was skipped.
     */
    public String note() {
        return note;
    }

    /** The items at {@code indices}, in that order. */
    public ImageDatastore subset(int[] indices) {
        List<String> picked = new ArrayList<>(indices.length);
        int[] pickedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Objects.checkIndex(indices[i], files.size());
            picked.add(files.get(indices[i]));
            pickedLabels[i] = labels[indices[i]];
        }
        return new ImageDatastore(source, List.copyOf(picked), pickedLabels, classes, reference,
                height, width, note, skippedFiles);
    }

    /** A copy with the items in random order (MATLAB {@code shuffle}). */
    public ImageDatastore shuffle(Rng rng) {
        return subset(rng.permutation(files.size()));
    }

    /**
     * Splits each label's items in item order (MATLAB {@code splitEachLabel(imds, p1, ...)}).
     * Values all below 1 are fractions: part p takes floor(c * p) of a label's c items, and
     * the fractions must sum to at most 1. Values all at least 1 are whole counts taken from
     * every label. One more part than values is returned; it gets the rest. Each part keeps
     * item order.
     *
     * @throws IllegalArgumentException if fractions and counts are mixed, the fractions sum to
     *     more than 1, or the counts sum to more than the smallest label's item count
     */
    public DatastoreSplit splitEachLabel(double... values) {
        return split(null, values);
    }

    /**
     * As {@link #splitEachLabel(double...)} with each label's items taken in random order (MATLAB
     * {@code 'randomized'}): one {@code rng.permutation} per label with items, in class order.
     */
    public DatastoreSplit splitEachLabel(Rng rng, double... values) {
        return split(Objects.requireNonNull(rng, "rng"), values);
    }

    private DatastoreSplit split(Rng rng, double[] values) {
        LabelSplitter.Result result = LabelSplitter.split(labels, classes, rng, values, "files");
        List<ImageDatastore> parts = new ArrayList<>();
        for (int[] part : result.parts()) {
            parts.add(subset(part));
        }
        return new DatastoreSplit(parts, result.warnings());
    }

    /**
     * Decodes every item: N rows of height*width grey values in [0, 1], row-major, with the
     * class list of this datastore.
     *
     * @throws MalformedDataException if an image cannot be decoded or has the wrong size
     */
    public LabeledData readAll() throws IOException {
        int[] all = new int[files.size()];
        Arrays.setAll(all, i -> i);
        return read(all);
    }

    /**
     * Decodes the items at {@code indices}, in that order, as {@link #readAll()} does.
     *
     * @throws MalformedDataException if an image cannot be decoded or has the wrong size
     */
    public LabeledData read(int[] indices) throws IOException {
        for (int index : indices) {
            Objects.checkIndex(index, files.size());
        }
        GreyImage first = indices.length > 0 ? source.read(files.get(indices[0])) : null;
        int[] size = expectedSize(first, indices.length > 0 ? files.get(indices[0]) : null);
        int pixels = size[0] * size[1];
        float[] features = new float[valueCount(indices.length, size[0], size[1])];
        int[] picked = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            String name = files.get(indices[i]);
            GreyImage image = i == 0 ? first : source.read(name);
            if (image.height() != size[0] || image.width() != size[1]) {
                throw sizeMismatch(indices);
            }
            System.arraycopy(image.values(), 0, features, i * pixels, pixels);
            picked[i] = labels[indices[i]];
        }
        return new LabeledData(features, indices.length, pixels, picked, classes, size[0],
                size[1]);
    }

    /** The most values one feature array holds (the JDK's largest safe array length). */
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    /**
     * The number of grey values of {@code images} images of {@code height x width} pixels.
     *
     * @throws DataTooLargeException if it is more than {@link #MAX_VALUES}; the message gives
     *     rows x features, the limit and what to shrink
     */
    public static int valueCount(long images, int height, int width)
            throws DataTooLargeException {
        long pixels = (long) height * width;
        long values = images * pixels;
        if (pixels != 0 && (values / pixels != images || values > MAX_VALUES)) {
            throw new DataTooLargeException(String.format(Locale.ROOT, "%d images of %dx%d "
                    + "pixels are %d rows x %d features = %s values, more than the %d one array "
                    + "holds; use fewer images or smaller ones (scale them down)", images,
                    height, width, images, pixels, values / pixels == images
                            ? Long.toString(values) : "over " + Long.MAX_VALUE, MAX_VALUES));
        }
        return (int) values;
    }

    /** Decodes item {@code index} without checking its size. */
    public GreyImage readImage(int index) throws IOException {
        return source.read(files.get(Objects.checkIndex(index, files.size())));
    }

    /** The size every image must have: the one given, or the reference item's. */
    private int[] expectedSize(GreyImage first, String firstName) throws IOException {
        if (height > 0) {
            return new int[] {height, width};
        }
        GreyImage model = reference.equals(firstName) ? first : source.read(reference);
        return new int[] {model.height(), model.width()};
    }

    /** The error for images of different sizes, naming the first one of the wrong size. */
    private MalformedDataException sizeMismatch(int[] indices) throws IOException {
        Map<String, String> sizeOf = new LinkedHashMap<>();
        sizeOf.put(reference, source.read(reference).size());
        for (int index : indices) {
            String name = files.get(index);
            if (!sizeOf.containsKey(name)) {
                sizeOf.put(name, source.read(name).size());
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        sizeOf.values().forEach(size -> counts.merge(size, 1, Integer::sum));
        String expected = height > 0 ? height + "x" + width : mostCommon(counts);
        String odd = null;
        for (int index : indices) {
            if (odd == null && !sizeOf.get(files.get(index)).equals(expected)) {
                odd = files.get(index);
            }
        }
        odd = odd == null ? reference : odd;
        String expectation;
        if (height > 0) {
            expectation = "the size asked for";
        } else {
            String example = sizeOf.entrySet().stream().filter(e -> e.getValue().equals(expected))
                    .findFirst().orElseThrow().getKey();
            expectation = "like " + counts.get(expected) + " of the " + sizeOf.size()
                    + " images (e.g. " + example + ")";
        }
        return new MalformedDataException(String.format("image %s in %s is %s (height x width),"
                + " expected %s, %s", odd, source.description(), sizeOf.get(odd), expected,
                expectation));
    }

    /** The size with the largest count; ties go to the first, which is the reference's. */
    private static String mostCommon(Map<String, Integer> counts) {
        String common = null;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            if (common == null || entry.getValue() > counts.get(common)) {
                common = entry.getKey();
            }
        }
        return common;
    }

    @Override
    public String toString() {
        return "ImageDatastore(" + files.size() + " images of " + classes.size() + " classes from "
                + source.description() + ")";
    }
}
