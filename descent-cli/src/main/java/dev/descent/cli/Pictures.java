package dev.descent.cli;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a picture drawn with Java2D as PNG, or as SVG when the file name ends in {@code .svg}.
 * Files are written atomically ({@link AtomicFiles}).
 */
final class Pictures {
    /** The PNG text keyword of a picture's title (PNG specification, 11.3.4.2). */
    static final String TITLE_KEYWORD = "Title";
    static final String PNG_METADATA = "javax_imageio_png_1.0";

    private Pictures() {}

    /** Draws a picture onto a white canvas of the size given to {@link #write}. */
    @FunctionalInterface
    interface Painter {
        void paint(Graphics2D g);
    }

    /**
     * Writes the picture {@code painter} draws to {@code file}.
     *
     * @throws IllegalArgumentException if the name does not end in .png or .svg
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, int width, int height, Painter painter) throws IOException {
        write(file, width, height, null, painter);
    }

    /**
     * Writes the picture {@code painter} draws to {@code file}, a PNG with {@code title} (ASCII,
     * or {@code null} for none) as its "Title" text, which image viewers and tests can read.
     *
     * @throws IllegalArgumentException if the name does not end in .png or .svg
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, int width, int height, String title, Painter painter)
            throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            writeSvg(file, width, height, painter);
        } else if (name.endsWith(".png")) {
            BufferedImage image = render(width, height, painter);
            AtomicFiles.write(file, out -> writePng(image, title, out));
        } else {
            throw new IllegalArgumentException(
                    "picture file name must end in .png or .svg, got '" + file.getFileName() + "'");
        }
    }

    private static void writePng(BufferedImage image, String title, OutputStream out)
            throws IOException {
        if (title == null) {
            ImageIO.write(image, "png", out);
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", TITLE_KEYWORD);
            entry.setAttribute("value", title);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
            root.appendChild(text);
            metadata.mergeTree(PNG_METADATA, root);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    /** {@code text}, cut at a word and ended with "..." if it is wider than {@code width}. */
    static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "...") > width) {
            int space = cut.lastIndexOf(' ');
            cut = space > 0 ? cut.substring(0, space) : cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    /**
     * {@code text} broken at spaces into lines no wider than {@code width}, at most {@code
     * maxLines} of them; the last is {@link #fit cut} if the text goes on.
     */
    static List<String> wrap(String text, FontMetrics metrics, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && lines.size() < maxLines - 1
                && metrics.stringWidth(rest) > width) {
            int end = rest.length();
            int space = rest.lastIndexOf(' ', end);
            while (space > 0 && metrics.stringWidth(rest.substring(0, space)) > width) {
                space = rest.lastIndexOf(' ', space - 1);
            }
            if (space <= 0) {
                break;
            }
            lines.add(rest.substring(0, space));
            rest = rest.substring(space + 1).strip();
        }
        if (!rest.isEmpty()) {
            lines.add(fit(rest, metrics, width));
        }
        return lines;
    }

    /** The picture as an RGB image. */
    static BufferedImage render(int width, int height, Painter painter) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paintOnWhite(g, width, height, painter);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void writeSvg(Path file, int width, int height, Painter painter)
            throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paintOnWhite(g, width, height, painter);
        PageSize page = new PageSize(0, 0, width, height);
        AtomicFiles.write(file, out ->
                new SVGProcessor().getDocument(g.getCommands(), page).writeTo(out));
    }

    private static void paintOnWhite(Graphics2D g, int width, int height, Painter painter) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g);
    }
}
