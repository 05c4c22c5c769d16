package io.descatter.cli;

import io.descatter.spectra.io.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error while a person watches (a console is attached); silent in pipes, scripts
 * and tests, so logs stay clean.
 */
final class ConsoleProgress implements Progress, AutoCloseable {
    private final String task;
    private final String unit;
    private final long unitSize;
    private ProgressBar bar;

    private ConsoleProgress(String task, String unit, long unitSize) {
        this.task = task;
        this.unit = unit;
        this.unitSize = unitSize;
    }

    /** A bar counting bytes in MB. */
    static ConsoleProgress bytes(String task) {
        return new ConsoleProgress(task, " MB", 1 << 20);
    }

    /** A bar counting items (spectra, steps). */
    static ConsoleProgress items(String task, String unit) {
        return new ConsoleProgress(task, " " + unit, 1);
    }

    @Override
    public void update(long done, long total) {
        if (System.console() == null) return;
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(unit, unitSize)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }
        if (total > 0 && bar.getMax() != total) bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
