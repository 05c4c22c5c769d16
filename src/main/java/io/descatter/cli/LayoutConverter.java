package io.descatter.cli;

import io.descatter.spectra.io.Layout;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class LayoutConverter implements ITypeConverter<Layout> {
    @Override
    public Layout convert(String value) {
        try {
            return Layout.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a layout: use wide, quasar or columnar");
        }
    }
}
