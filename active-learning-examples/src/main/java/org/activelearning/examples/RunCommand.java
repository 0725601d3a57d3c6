package org.activelearning.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.ActiveLearningLoopBuilder;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.core.LoggingListener;
import org.activelearning.core.LoopResult;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.Metrics;
import org.activelearning.core.Oracle;
import org.activelearning.core.Pool;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.Pretrained;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.ResNetLearnerBuilder;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.ImageDataset;
import org.activelearning.djl.data.PlanarImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The CIFAR-10 least-confidence scenario: N rounds of k queries answered at the console or simulated. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run active learning on CIFAR-10 with a ResNet-18, labeled by you or simulated.",
            "",
            "Each round trains on the labels so far, scores the pool and asks the oracle to label the k most",
            "informative images; a final training follows the last round. Running the same command with the",
            "same --session directory resumes where it stopped."
        })
public final class RunCommand implements Callable<Integer> {

    /** Who answers the queries. */
    public enum OracleKind {
        /** A person at the console. */
        console,
        /** The data set's ground truth, optionally with noise. */
        simulated,
        /** People in browsers, on the labeling page ({@code --listen}). */
        web
    }

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    DataOptions dataOptions;

    @CommandLine.Mixin
    ImagesOptions images = new ImagesOptions();

    @Option(names = "--initial", paramLabel = "N", defaultValue = "100",
            description = "Randomly chosen images labeled before the first round. Default: ${DEFAULT-VALUE}")
    int initial;

    @Option(names = {"-k", "--query-size"}, paramLabel = "K", defaultValue = "20",
            description = "Images queried per round. Default: ${DEFAULT-VALUE}")
    int querySize;

    @Option(names = {"-n", "--rounds"}, paramLabel = "N", defaultValue = "5",
            description = "Query rounds. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "least-confidence",
            description = "least-confidence, margin, entropy, bald, variation-ratios, mean-std, coreset, badge or"
                    + " random. Default: ${DEFAULT-VALUE}")
    String strategy;

    @CommandLine.Mixin
    SelectionOptions selection = new SelectionOptions();

    @Option(names = "--stem", paramLabel = "STEM", defaultValue = "CIFAR",
            description = "ResNet-18 stem: CIFAR (3x3, best accuracy) or IMAGENET (7x7 + max-pool, ~8x faster)."
                    + " Default: ${DEFAULT-VALUE}")
    ResNet18.Stem stem;

    @Option(names = "--pretrained", paramLabel = "FILE|zoo",
            description = "Fine-tune ImageNet-pretrained weights: a TorchScript ResNet-18 embedding file, a URL, or"
                    + " 'zoo' for the DJL model zoo (needs network once).")
    String pretrained;

    @CommandLine.Mixin
    RecipeOptions recipe = new RecipeOptions();

    @Option(names = "--scoring-batch-size",
            description = "Scoring batch size. Default: 256, or 64 for the CIFAR stem on a CPU (faster there)")
    Integer scoringBatchSize;

    @CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--pool-limit", paramLabel = "N", defaultValue = "0",
            description = "Use only the first N training images as the pool (0 = all). Default: ${DEFAULT-VALUE}")
    int poolLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
            description = "Evaluate on only the first N test images (0 = all). Default: ${DEFAULT-VALUE}")
    int testLimit;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for selection, training and synthetic data."
            + " Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--oracle", defaultValue = "console",
            description = "console (you label), web (people label in browsers, see --listen) or simulated (ground"
                    + " truth). Default: ${DEFAULT-VALUE}")
    OracleKind oracle;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "With --oracle web: where the labeling page listens. Any address other than loopback"
                    + " requires the access token printed in the URL. Default: ${DEFAULT-VALUE}")
    String listen;

    @Option(names = "--background-training",
            description = "Train the next model while people label (--oracle console or web; a second"
                    + " ResNet-18 in memory); only the first and the final model are waited for.")
    boolean backgroundTraining;

    @Option(names = "--lease-minutes", paramLabel = "MIN", defaultValue = "10",
            description = "With --oracle web: an image not answered within this time goes back to the queue (a"
                    + " closed tab). Default: ${DEFAULT-VALUE}")
    int leaseMinutes;

    @Option(names = "--noise", defaultValue = "0",
            description = "Simulated oracle only: fraction of answers flipped to a wrong class. Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--session", paramLabel = "DIR", defaultValue = "sessions/default",
            description = "Session directory (journal, metrics, checkpoints, images, plot). Default: ${DEFAULT-VALUE}")
    Path session;

    @Option(names = "--annotator", description = "Name recorded with console answers. Default: your user name.")
    String annotator;

    @Option(names = "--no-color", description = "Do not draw images in the terminal; save PNGs and print paths.")
    boolean noColor;

    @Option(names = "--keep-checkpoints", description = "Keep every round's checkpoint, not only the latest.")
    boolean keepCheckpoints;

    private final InputStream in;
    private final PrintStream out;
    private final boolean interactive;

    /**
     * Creates the command with the console streams.
     *
     * @param in where console answers are read
     * @param out where the CLI and the console oracle write
     * @param interactive whether the output is a terminal (colour images, progress bars)
     */
    public RunCommand(InputStream in, PrintStream out, boolean interactive) {
        this.in = in;
        this.out = out;
        this.interactive = interactive;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (initial < 1) {
            problems.add("--initial must be >= 1, got " + initial);
        }
        if (querySize < 1) {
            problems.add("--query-size must be >= 1, got " + querySize);
        }
        if (rounds < 0) {
            problems.add("--rounds must be >= 0, got " + rounds);
        }
        recipe.validate(problems);
        recipe.validateFor(strategy, problems);
        selection.validate(problems);
        images.validate(problems);
        if (images.active() && images.imageSize > 32 && stem == ResNet18.Stem.CIFAR && pretrained == null) {
            problems.add("--image-size " + images.imageSize + " needs --stem IMAGENET: the CIFAR stem keeps full "
                    + "resolution through the network, " + (images.imageSize * images.imageSize / 1024)
                    + "x the compute of a 32-pixel image");
        }
        if (images.active() && (poolLimit != 0 || testLimit != 0)) {
            problems.add("--pool-limit and --test-limit apply to CIFAR-format data, not to image folders");
        }
        if (oracle == OracleKind.web) {
            try {
                WebLabeling.address(listen);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (leaseMinutes < 1) {
                problems.add("--lease-minutes must be >= 1, got " + leaseMinutes);
            }
        } else if (backgroundTraining && oracle == OracleKind.simulated) {
            problems.add("--background-training applies to people labeling (--oracle console or web); a simulated"
                    + " oracle never waits");
        }
        if (images.images != null && oracle == OracleKind.simulated) {
            problems.add("--oracle simulated needs the true labels: use --labeled-images DIR/<class>/<image>, or "
                    + "label --images yourself with --oracle console");
        }
        if (scoringBatchSize != null && scoringBatchSize < 1) {
            problems.add("--scoring-batch-size must be >= 1, got " + scoringBatchSize);
        }
        if (poolLimit < 0) {
            problems.add("--pool-limit must be >= 0 (0 = all), got " + poolLimit);
        }
        if (testLimit < 0) {
            problems.add("--test-limit must be >= 0 (0 = all), got " + testLimit);
        }
        if (!(noise >= 0 && noise <= 1)) {
            problems.add("--noise must be in [0, 1], got " + noise);
        }
        if (noise > 0 && oracle != OracleKind.simulated) {
            problems.add("--noise " + noise + " applies only to --oracle simulated");
        }
        try {
            QueryStrategies.byName(strategy);
        } catch (IllegalArgumentException e) {
            problems.add("--strategy: " + e.getMessage());
        }
        device.validate(problems);
        if (pretrained != null && !pretrained.equalsIgnoreCase("zoo") && !pretrained.contains("://")
                && !Files.isRegularFile(Path.of(pretrained))) {
            problems.add("--pretrained file " + pretrained + " does not exist");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        RunData data;
        if (images.active()) {
            data = RunData.folders(images);
        } else {
            ExampleData loaded = dataOptions.load(seed, out);
            if (poolLimit > loaded.train().size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--pool-limit " + poolLimit
                        + " is larger than the " + loaded.train().size() + " training images of "
                        + loaded.description());
            }
            if (testLimit > loaded.test().size()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--test-limit " + testLimit
                        + " is larger than the " + loaded.test().size() + " test images of " + loaded.description());
            }
            data = RunData.cifar(loaded, poolLimit, testLimit);
        }
        try (data) {
            return run(data);
        }
    }

    private int run(RunData data) throws Exception {
        ImageDataset train = data.train();
        ImageDataset test = data.test();
        if (initial > train.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--initial " + initial
                    + " is larger than the pool of " + train.size() + " images");
        }
        List<String> classNames = train.classes();
        Map<String, String> identity = new LinkedHashMap<>(data.identity());
        identity.put("classes", String.join("|", classNames));
        identity.put("seed", String.valueOf(seed));
        identity.put("initial", String.valueOf(initial));
        identity.put("initial-selection", selection.initialSelection.toLowerCase(java.util.Locale.ROOT));
        identity.put("strategy", QueryStrategies.byName(strategy).toString());
        identity.put("query-size", String.valueOf(querySize));
        identity.put("noise", String.valueOf(noise));

        Progress progress = new Progress(interactive, System.err);
        ResNetLearnerBuilder learnerBuilder = ResNetLearner.builder()
                .setClassNames(classNames)
                .optStem(stem)
                .optPretrained(pretrained == null ? null : Pretrained.parse(pretrained))
                .optDevice(device.device)
                .optSeed(seed)
                .optInputShape(3, images.active() ? images.imageSize : CifarDataset.SIZE,
                        images.active() ? images.imageSize : CifarDataset.SIZE)
                .optTrainingProgress(progress);
        if (scoringBatchSize != null) {
            learnerBuilder.optScoringBatchSize(scoringBatchSize);
        }
        // devices and pretrained weights are resolved before the session exists: a failed start (no GPU,
        // unreadable weights) must not write session.properties and so lock the directory to its settings
        ResNetLearner learner = recipe.configure(learnerBuilder).build();
        Session s;
        try {
            if (pretrained != null) {
                try {
                    learner.prepare();
                } catch (IllegalStateException e) {
                    throw new IllegalStateException(e.getMessage() + ". At the command line: export one with "
                            + "scripts/export_resnet18_torchscript.py and pass --pretrained /path/to/resnet18_embedding.pt",
                            e);
                }
            }
            s = Session.open(session, identity);
            data.assignIds(s.dir(), out);
            new SessionModel(stem, images.active() ? images.imageSize : CifarDataset.SIZE, classNames, pretrained,
                    data.folderRoot()).write(s.dir());
        } catch (IOException | RuntimeException e) {
            learner.close();
            throw e;
        }
        out.printf("Data: %s; pool %d images, %s, %d classes.%n", data.description(), train.size(),
                test == null ? "no test set (the round table shows the model's confidence on the pool)"
                        : "test " + test.size() + " images", classNames.size());
        java.util.Optional<RoundRecord> finished = new MetricsTable(s.metricsCsv(), s.metricsJsonl(), classNames)
                .finalRow();
        if (finished.isPresent() && finished.get().round() - 1 >= rounds) {
            learner.close();
            RoundRecord f = finished.get();
            out.printf(java.util.Locale.ROOT, "Session %s is finished: %d query rounds, final test accuracy %.4f with %d"
                    + " labels. Nothing to do; run with --rounds %d or more to continue it.%n", s.dir(), f.round() - 1,
                    f.accuracy(), f.labels(), f.round());
            return 0;
        }
        try (learner; LabelJournal<Integer> journal = LabelJournal.open(s.journal(), LabelCodec.integers())) {
            out.printf("Model: %s on %s; %s, k=%d, %d rounds, %s oracle.%n", learner.architecture(),
                    java.util.Arrays.toString(learner.devices()), strategy, querySize, rounds, oracle);
            JournalState<Integer> st = journal.initialState();
            if (!st.isEmpty()) {
                out.printf("Resuming session %s: %s, %d skipped, %s of round %d still to answer.%n", s.dir(),
                        Progress.plural(st.labels().size(), "label"), st.skipped().size(),
                        Progress.plural(st.pendingIds().length, "query", "queries"), st.lastRound());
                st.tornLine().ifPresent(t -> out.println("Note: ignored a torn last journal line (" + t + ")."));
                if (recipe.continueTraining) {
                    Path latest = Session.latestCheckpoint(s.dir());
                    if (latest != null) {
                        learner.loadCheckpoint(latest);
                    }
                }
            } else {
                out.printf("New session in %s.%n", s.dir());
            }
            InstrumentedLearner<PlanarImage, Integer> timed = new InstrumentedLearner<>(learner, progress);
            String title = "ResNet-18 (" + stem.name().toLowerCase() + " stem), " + strategy + ", k=" + querySize;
            RunRecorder recorder = new RunRecorder(s, out, classNames, timed, learner, keepCheckpoints, title,
                    new JournalCounts(st), test == null ? Math.min(PoolConfidence.SAMPLE, train.size()) : test.size(), test == null);
            Pool<PlanarImage> pool = data.pool();
            LabelsCsv labelsCsv = new LabelsCsv(s.dir().resolve(LabelsCsv.FILE), classNames, data::path, st);
            recorder.withAnnotatorTime(labelsCsv::secondsBefore);
            ActiveLearningLoopBuilder<PlanarImage, Integer> loop = ActiveLearningLoop.<PlanarImage, Integer>builder()
                    .setPool(pool)
                    .optRetiredIds(data.retired())
                    .setLearner(timed)
                    .setStrategy(selection.strategy(strategy))
                    .optInitialSelection(selection.initial(initial))
                    .optQuerySize(querySize)
                    .optScoringChunkSize(Math.max(learner.scoringBatchSize(), 1024))
                    .optStoppingCriterion(StoppingCriteria.maxRounds(rounds))
                    .optEvaluator(test != null ? ExampleData.evaluator(test, learner.scoringBatchSize())
                            : new PoolConfidence(train, PoolConfidence.SAMPLE, learner.scoringBatchSize(), seed))
                    .optJournal(journal)
                    .optSeed(seed)
                    .addListener(recorder)
                    .addListener(labelsCsv)
                    .addListener(new LoggingListener<>());
            if (oracle == OracleKind.web) {
                try (ResNetLearner second = backgroundTraining ? recipe.configure(learnerBuilder).build() : null) {
                    Metrics last = WebLabeling.serve(loop.buildSession(), pool, data, second, classNames, querySize,
                            rounds, WebLabeling.address(listen), Duration.ofMinutes(leaseMinutes), recorder,
                            labelsCsv, s, out);
                    out.println();
                    out.printf("Done: %s.%n", WebLabeling.headline(last));
                }
                printSession(s);
                return 0;
            }
            Oracle<PlanarImage, Integer> answerer;
            if (oracle == OracleKind.console) {
                // with background training the guesses come from the desk's selecting model
                List<LabelingDesk<PlanarImage, Integer>> desk = new ArrayList<>();
                ConsoleOracle console = new ConsoleOracle(
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, classNames,
                        images -> !desk.isEmpty() ? desk.get(0).predict(images)
                                : learner.isTrained() ? learner.predictProbabilities(images) : null,
                        interactive && !noColor && TerminalSize.colorCapable(), s.queries(),
                        annotator != null ? annotator : System.getProperty("user.name", "annotator"), rounds)
                        .withLogFile(s.dir().resolve("run.log")).withImageFiles(data::file, data::path);
                if (backgroundTraining) {
                    try (ResNetLearner second = recipe.configure(learnerBuilder).build()) {
                        ConsoleDesk.Outcome o = ConsoleDesk.run(loop.buildSession(), second, console, querySize, rounds,
                                recorder, labelsCsv, desk::add);
                        out.println();
                        if (o.finished()) {
                            out.printf("Done: %s.%n", WebLabeling.headline(o.last()));
                        } else {
                            out.println("Stopped. Every answer given so far is saved; run the same command to "
                                    + "continue.");
                        }
                    }
                    printSession(s);
                    return 0;
                }
                loop.addListener(console);
                answerer = console;
            } else {
                answerer = new SimulatedOracle<>(data::label, classNames.size(), noise, seed);
            }
            // Ctrl-C (SIGINT) runs the shutdown hooks and exits with status 130; say what survives it
            Thread interrupted = new Thread(() -> {
                out.println();
                out.println("Interrupted: every answer given so far is saved; run the same command to resume.");
                out.flush();
            }, "interrupted-message");
            Runtime.getRuntime().addShutdownHook(interrupted);
            LoopResult result;
            try {
                result = loop.setOracle(answerer).build().run();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupted);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run: the JVM is exiting
                }
            }
            out.println();
            switch (result.reason()) {
                case ORACLE_STOPPED -> out.printf("Stopped: %s.%nRun the same command to continue.%n", result.detail());
                default -> out.printf(java.util.Locale.ROOT, "Done: %s. %s %.4f.%n", result.detail(),
                        test == null ? "Final mean confidence on the pool" : "Final test accuracy",
                        result.state().metrics().get(test == null ? PoolConfidence.METRIC
                                : ClassificationEvaluator.ACCURACY).orElse(Double.NaN));
            }
            printSession(s);
            return 0;
        }
    }

    /** Where the session's files are, on lines that fit an 80-column terminal. */
    private void printSession(Session s) {
        out.printf("Session: %s%n", s.dir().toAbsolutePath());
        out.println("  journal.jsonl, labels.csv, metrics.csv, learning-curve.png, learning-curve-minutes.png");
    }
}
