package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.eval.ConfusionMatrix;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Node;

/** confusion.png: its title names the data it shows, and the picture is wide enough for it. */
class ConfusionPlotTest {
    @TempDir Path temp;

    private Path blobs() throws IOException {
        return Blobs.write(temp);
    }

    /** Runs train on the blobs with {@code more} options; returns the title of confusion.png. */
    private String[] trainTitleAndExpected(String on, String... more) throws IOException {
        Path out = temp.resolve(on);
        List<String> args = new ArrayList<>(List.of("train", "--data", blobs().toString(),
                "--layers", "fc:3,softmax", "--epochs", "2", "--json", "--out", out.toString()));
        args.addAll(List.of(more));

        CommandRunner run = CommandRunner.run(args.toArray(String[]::new));

        assertThat(run.status()).as(run.err()).isZero();
        String expected = String.format(Locale.ROOT, "%s (accuracy %.1f%%, %d observations)",
                on, Double.parseDouble(value(run.out(), "test_accuracy")),
                Integer.parseInt(value(run.out(), "test_count")));
        return new String[] {title(out.resolve("confusion.png")), expected};
    }

    @Test
    void theTitleNamesTestDataWhenTestDataIsGiven() throws IOException {
        String[] titles = trainTitleAndExpected("Test data", "--test-data", blobs().toString(),
                "--validation-split", "0.2");

        assertThat(titles[0]).isEqualTo(titles[1]).endsWith(", 30 observations)");
    }

    @Test
    void theTitleNamesValidationDataWhenThereIsNoTestData() throws IOException {
        String[] titles = trainTitleAndExpected("Validation data", "--validation-split", "0.2");

        assertThat(titles[0]).isEqualTo(titles[1]).endsWith(", 6 observations)");
    }

    @Test
    void theTitleNamesTrainingDataWithoutValidationOrTestData() throws IOException {
        String[] titles = trainTitleAndExpected("Training data");

        assertThat(titles[0]).isEqualTo(titles[1]).endsWith(", 30 observations)");
    }

    @Test
    void thePictureIsWideEnoughForTheTitleWithTwoClasses() throws IOException {
        ConfusionMatrix matrix = ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1, 0},
                List.of("setosa", "versicolor"));
        Path file = temp.resolve("confusion.png");

        ConfusionPlot.write(file, matrix, "Validation data");

        String heading = "Validation data (accuracy 66.7%, 3 observations)";
        assertThat(title(file)).isEqualTo(heading);
        int needed = 2 * 20 + titleWidth(heading);
        assertThat(ImageIO.read(file.toFile()).getWidth()).isGreaterThanOrEqualTo(needed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"setosa,versicolor,virginica", "Iris setosa from the Gaspe peninsula,"
            + "Iris versicolor from the Gaspe peninsula,Iris virginica from the Gaspe peninsula"})
    void cellsLeaveRoomAroundTheWidestColumnLabelAndPercentage(String classes) {
        List<String> names = List.of(classes.split(","));
        ConfusionMatrix matrix = ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {0, 1, 2},
                names);

        ConfusionPlot.Layout layout = ConfusionPlot.layout(matrix, "Validation data");

        FontMetrics label = ConfusionPlot.metrics(ConfusionPlot.LABEL_FONT);
        int widest = names.stream().mapToInt(label::stringWidth).max().orElseThrow();
        FontMetrics inCell = ConfusionPlot.metrics(new Font(Font.SANS_SERIF, Font.PLAIN, 20));
        assertThat(layout.cell()).isGreaterThanOrEqualTo(widest + 12)
                .isGreaterThanOrEqualTo(inCell.stringWidth("100%") + 12);
    }

    /** The width of {@code text} in the title font, bold 16 point, as drawn in the PNG. */
    private static int titleWidth(String text) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 16)).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    private static String value(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.eE]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    /** The PNG "Title" text of {@code file}, or null. */
    static String title(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
                return find(root);
            } finally {
                reader.dispose();
            }
        }
    }

    private static String find(Node node) {
        if ("tEXtEntry".equals(node.getNodeName())) {
            Node keyword = node.getAttributes().getNamedItem("keyword");
            if ("Title".equals(keyword.getNodeValue())) {
                return node.getAttributes().getNamedItem("value").getNodeValue();
            }
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            String found = find(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
