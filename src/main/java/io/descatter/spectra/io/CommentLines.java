package io.descatter.spectra.io;

/**
 * Comment lines in text exports: lines that begin with {@code #} or {@code ;} (OPUS and other instruments' exports,
 * viewers such as Kazan's, NumPy's {@code savetxt} headers). They are skipped before the table starts and, in columnar
 * files, anywhere (a columnar row starts with a wavenumber, so such a line cannot be data). A marked line that holds two
 * or more numbers is not a comment but a commented header, as {@code numpy.savetxt(..., header=...)} writes one
 * ({@code # 1000,1001.9,...}), and in a semicolon-delimited file a line that starts with {@code ;} is a row whose first
 * cell is empty. Rows of a wide file are never skipped: an id may begin with {@code #}.
 */
final class CommentLines {
    private CommentLines() {
    }

    /** Whether the record in {@code b[from, to)} is a comment line (see the class). */
    static boolean isComment(byte[] b, int from, int to, char delimiter) {
        int p = skipBlanks(b, from, to);
        if (!startsComment(b, p, to, delimiter)) return false;
        int numbers = 0;
        int i = p + 1;
        while (i < to && numbers < 2) {
            while (i < to && isSeparator(b[i])) i++;
            int tokenStart = i;
            while (i < to && !isSeparator(b[i])) i++;
            if (i > tokenStart && isNumber(b, tokenStart, i)) numbers++;
        }
        return numbers < 2;
    }

    /** Whether the record in {@code b[from, to)} begins with a comment mark, whatever follows (columnar files). */
    static boolean startsComment(byte[] b, int from, int to, char delimiter) {
        int p = skipBlanks(b, from, to);
        return p < to && (b[p] == '#' || (b[p] == ';' && delimiter != ';'));
    }

    private static int skipBlanks(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t')) p++;
        return p;
    }

    private static boolean isSeparator(byte c) {
        return c == ',' || c == ';' || c == '\t' || c == ' ' || c == '#';
    }

    /** A plain decimal number: sign, digits with at most one point, an optional exponent. */
    private static boolean isNumber(byte[] b, int from, int to) {
        int i = from;
        if (i < to && (b[i] == '+' || b[i] == '-')) i++;
        int digits = 0;
        boolean point = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') digits++;
            else if (c == '.' && !point) point = true;
            else break;
        }
        if (digits == 0) return false;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '+' || b[i] == '-')) i++;
            int exp = i;
            while (i < to && b[i] >= '0' && b[i] <= '9') i++;
            if (i == exp) return false;
        }
        return i == to;
    }
}
