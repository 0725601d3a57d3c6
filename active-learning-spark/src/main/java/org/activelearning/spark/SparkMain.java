package org.activelearning.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The module's command line, for {@code spark-submit}: {@code run} (active learning over a pool on
 * the cluster, labels from a column) and {@code benchmark} (scoring images/s on Spark against
 * scoring in-process). The master comes from {@code spark-submit --master}; without spark-submit
 * it defaults to {@code local[2]}.
 */
@Command(name = "active-learning-spark", mixinStandardHelpOptions = true, version = "active-learning-spark 0.1.0",
        description = "Score and select from image pools on Apache Spark.",
        subcommands = {SparkRunCommand.class, SparkBenchmarkCommand.class, CommandLine.HelpCommand.class})
public final class SparkMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and exits with its status (0 success, 1 error, 2 usage error).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line, with errors printed as one line naming the problem (the stack trace goes to
     * the log at debug level).
     *
     * @return the command line
     */
    static CommandLine commandLine() {
        return new CommandLine(new SparkMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            org.slf4j.LoggerFactory.getLogger(SparkMain.class).debug("Command failed", e);
            cmd.getErr().println("Error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
    }
}
