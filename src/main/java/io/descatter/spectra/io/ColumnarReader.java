package io.descatter.spectra.io;

import io.descatter.spectra.BadInputException;
import io.descatter.spectra.SpectraChunk;
import io.descatter.spectra.WavenumberAxis;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a columnar file (first column wavenumbers, one column per spectrum) whole: each spectrum is a column,
 * so no spectrum is complete before the last line. Columnar files are for a few spectra; use wide for many.
 */
final class ColumnarReader extends CsvSpectraReader {
    private final String[] ids;
    private final double[][] spectra;
    private int nextSpectrum;

    ColumnarReader(CsvTokenizer tok, InputSource.Opened opened, ReadOptions options, String[] first, long firstLine,
            boolean secondRecord) throws IOException {
        super(tok, opened, options);
        int columns = first.length;
        if (columns < 2) {
            throw new BadInputException(tok.source(), firstLine, 0, "a columnar file needs a wavenumber column and at least one spectrum column");
        }
        boolean hasHeader = Double.isNaN(parseFinite(first[0], tok.decimalMark()));
        ids = hasHeader ? Arrays.copyOfRange(first, 1, columns) : null;
        int n = columns - 1;
        if (columns > 1 << 16) { // before the column arrays are made: too many would be out of memory instead
            throw new BadInputException(tok.source(), firstLine, 0, columns + " columns: too many spectra for the columnar layout"
                    + " (is this a wide file? use --input-layout wide)");
        }
        double[] wn = new double[1024];
        double[][] cols = new double[n][1024];
        long[] lines = new long[1024];
        int points = 0;
        if (!hasHeader) {
            // The first record is data, already taken out of the tokenizer.
            for (int s = 0; s < n; s++) cols[s][0] = value(first[s + 1], s + 1, firstLine);
            wn[0] = parseFinite(first[0], tok.decimalMark());
            lines[0] = firstLine;
            points = 1;
        }
        boolean pending = secondRecord;
        while (pending || tok.next()) {
            pending = false;
            if (tok.isBlank() || tok.startsComment()) continue;
            long line = tok.recordLine();
            if (tok.count() != columns) {
                if (!tok.terminated() && tok.count() < columns) {
                    throw new BadInputException(tok.source(), line, tok.count(), "the file ends in the middle of a row ("
                            + tok.count() + " of " + columns + " cells): truncated file?");
                }
                throw new BadInputException(tok.source(), line, Math.min(tok.count(), columns) + 1, "row has " + tok.count()
                        + " cells but " + (hasHeader ? "the header" : "the first row") + " has " + columns);
            }
            if (points == wn.length) {
                wn = Arrays.copyOf(wn, points * 2);
                lines = Arrays.copyOf(lines, points * 2);
                for (int s = 0; s < n; s++) cols[s] = Arrays.copyOf(cols[s], points * 2);
            }
            double w;
            try {
                w = tok.number(0);
            } catch (NumberFormatException e) {
                char mark = CellSplitter.decimalMarkOf(tok.cell(0));
                if (mark != 0 && mark != tok.decimalMark()) throw notANumber(tok.cell(0), 0, line);
                w = Double.NaN;
            }
            if (!Double.isFinite(w)) {
                throw new BadInputException(tok.source(), line, 1, "wavenumber \"" + abbreviate(tok.cell(0)) + "\" is not a finite number");
            }
            wn[points] = w;
            lines[points] = line;
            for (int s = 0; s < n; s++) cols[s][points] = value(s + 1, line);
            points++;
        }
        if (points < 2) {
            throw new BadInputException(tok.source(), 0, 0, points == 0 ? "no spectra: the file has a header but no data rows"
                    : "only one wavenumber row: a spectrum needs at least 2 points");
        }
        double[] axis = Arrays.copyOf(wn, points);
        int bad = WavenumberAxis.firstOrderViolation(axis);
        if (bad >= 0) {
            String what = axis[bad] == axis[bad - 1] ? "duplicate wavenumber " + axis[bad] + " (also on line " + lines[bad - 1] + ")"
                    : "wavenumber " + axis[bad] + " breaks the " + (axis[1] > axis[0] ? "ascending" : "descending") + " order of the first column";
            throw new BadInputException(tok.source(), lines[bad], 1, what);
        }
        spectra = new double[n][];
        for (int s = 0; s < n; s++) spectra[s] = cols[s].length == points ? cols[s] : Arrays.copyOf(cols[s], points);
        List<MetaColumn> meta = hasHeader ? List.of(MetaColumn.named("id")) : List.of();
        schema = new TableSchema(tok.source(), Layout.COLUMNAR, tok.delimiter(), WavenumberAxis.of(axis), meta, null)
                .withDecimalMark(tok.decimalMark());
    }

    @Override
    public long expectedSpectra() {
        return spectra.length; // read whole when opened
    }

    @Override
    public int read(SpectraChunk chunk) {
        chunk.clear();
        while (!chunk.isFull() && nextSpectrum < spectra.length) {
            String[] meta = ids == null ? new String[0] : new String[] {ids[nextSpectrum]};
            chunk.addRow(spectra[nextSpectrum], 0, meta, 0);
            spectra[nextSpectrum] = null; // handed out: let it go
            nextSpectrum++;
        }
        return chunk.rows();
    }
}
