package io.descatter.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class DelimiterConverter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
        return switch (value) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "tab", "\\t" -> '\t';
            case " ", "space", "whitespace" -> ' ';
            default -> throw new TypeConversionException("'" + value + "' is not a delimiter: use ',', ';', 'tab' or 'whitespace'");
        };
    }
}
