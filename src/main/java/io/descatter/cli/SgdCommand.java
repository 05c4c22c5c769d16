package io.descatter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "sgd")
public final class SgdCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return ExitCode.OK;
    }
}
