package dev.descent.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What {@code --plots} asks for. */
public enum PlotMode {
    /** No pictures. */
    NONE,
    /** Pictures written as PNG files into the output folder. */
    PNG,
    /** The PNG pictures, and the live training-progress page while training runs. */
    LIVE;

    /** Parses {@code none}, {@code png} or {@code live}, in any case. */
    static final class Converter implements ITypeConverter<PlotMode> {
        @Override
        public PlotMode convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "png" -> PNG;
                case "live" -> LIVE;
                default -> throw new TypeConversionException(
                        "expected none, png or live, got '" + value + "'");
            };
        }
    }
}
