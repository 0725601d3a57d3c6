package org.activelearning.examples;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Pool;
import org.activelearning.core.strategy.TopK;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmarks that print JSON lines: training and scoring throughput of both stems at two batch
 * sizes with the ratio of scoring to a raw forward pass in the same process (and, on request, to
 * the same workloads in PyTorch run by {@link PytorchReference} in the same invocation), top-k selection
 * against a full sort on ten million scores, the heap of a ten-million-id pool, and heap and
 * resident memory across rounds on a 50,000-image pool. Nothing here is asserted; the numbers
 * are for reading.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print throughput and memory figures as JSON lines (one object per measurement).")
public final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Small sizes, for checking that the benchmark runs.")
    boolean quick;

    @Option(names = "--sections", split = ",", defaultValue = "throughput,selection,pool,memory",
            description = "Which to run; also labeling (a scripted annotator's waiting time with synchronous and"
                    + " background training, minutes on a CPU). Default: ${DEFAULT-VALUE}")
    List<String> sections;

    @CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--rounds", defaultValue = "20", description = "Rounds of the memory benchmark. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--repeats", defaultValue = "1",
            description = "Throughput runs per stem, alternating DJL and the PyTorch reference; with more than one, "
                    + "medians are printed too, as this shared machine's speed drifts. Default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--pytorch-reference", paramLabel = "PYTHON",
            description = "Also run the throughput workloads in PyTorch with this Python interpreter (it needs torch "
                    + "and torchvision) and print DJL/PyTorch ratios, both measured in this run.")
    String pytorchReference;

    private static final List<String> SECTIONS = List.of("throughput", "selection", "pool", "memory",
            LabelingTimeBenchmark.SECTION);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    /**
     * Creates the command.
     *
     * @param out where the JSON lines go
     */
    public BenchmarkCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String section : sections) {
            if (!SECTIONS.contains(section)) {
                problems.add("--sections: unknown section '" + section + "'; use " + String.join(", ", SECTIONS));
            }
        }
        if (repeats < 1) {
            problems.add("--repeats must be >= 1, got " + repeats);
        }
        if (rounds < 1) {
            problems.add("--rounds must be >= 1, got " + rounds);
        }
        device.validate(problems);
        if (!problems.isEmpty()) {
            // a usage error, like the other commands': status 2 with the usage hint
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        if (pytorchReference != null) {
            PytorchReference.check(pytorchReference);
        }
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("bench", "machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("quick", quick);
        emit(machine);
        for (String section : sections) {
            switch (section) {
                case "throughput" -> {
                    for (ResNet18.Stem stem : ResNet18.Stem.values()) {
                        throughput(stem);
                    }
                }
                case "selection" -> selection();
                case "pool" -> pool();
                case LabelingTimeBenchmark.SECTION -> LabelingTimeBenchmark.run(quick, device.device, this::emit);
                default -> memory();
            }
        }
        return 0;
    }

    /**
     * Runs the throughput workloads of one stem {@code repeats} times, each DJL run followed by the
     * PyTorch reference if requested, and prints per-run ratios and, over several runs, medians.
     */
    private void throughput(ResNet18.Stem stem) throws IOException, InterruptedException {
        String stemName = stem.name().toLowerCase(Locale.ROOT);
        Map<String, List<Double>> djlSeries = new LinkedHashMap<>();
        Map<String, List<Double>> torchSeries = new LinkedHashMap<>();
        for (int rep = 1; rep <= repeats; rep++) {
            Map<String, Double> djl = throughputOnce(stem, rep);
            Map<String, Double> torch = pytorchReference == null ? Map.of() : reference(stemName);
            for (Map.Entry<String, Double> e : djl.entrySet()) {
                djlSeries.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                Double theirs = torch.get(e.getKey());
                if (theirs == null) {
                    continue;
                }
                torchSeries.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(theirs);
                Map<String, Object> m = comparison("djl_vs_pytorch", stemName, e.getKey());
                m.put("djl_images_per_s", round(e.getValue()));
                m.put("pytorch_images_per_s", round(theirs));
                m.put("ratio", round(e.getValue() / theirs));
                m.put("repeat", rep);
                emit(m);
            }
        }
        if (repeats == 1) {
            return;
        }
        for (Map.Entry<String, List<Double>> e : djlSeries.entrySet()) {
            Map<String, Object> m = comparison("median", stemName, e.getKey());
            m.put("repeats", repeats);
            m.put("djl_images_per_s", round(median(e.getValue())));
            List<Double> theirs = torchSeries.get(e.getKey());
            if (theirs != null && theirs.size() == e.getValue().size()) {
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < theirs.size(); i++) {
                    ratios.add(e.getValue().get(i) / theirs.get(i));
                }
                m.put("pytorch_images_per_s", round(median(theirs)));
                m.put("median_ratio", round(median(ratios)));
                m.put("min_ratio", round(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()));
                m.put("max_ratio", round(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
            }
            emit(m);
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The start of a line about one measure, from its key {@code train@BATCH} or {@code score@BATCH}. */
    private static Map<String, Object> comparison(String bench, String stemName, String key) {
        String[] what = key.split("@");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", bench);
        m.put("stem", stemName);
        m.put("measure", what[0]);
        m.put("batch", Integer.parseInt(what[1]));
        return m;
    }

    /** The start of a DJL measurement line. */
    private static Map<String, Object> measurement(String bench, String stemName, ResNetLearner learner, int batch,
            double imagesPerSecond) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", bench);
        m.put("framework", "djl");
        m.put("stem", stemName);
        m.put("device", Arrays.toString(learner.devices()));
        m.put("batch", batch);
        m.put("images_per_s", round(imagesPerSecond));
        return m;
    }

    // quick mode only checks that everything runs: tiny batches, one or two of each

    private int[] trainBatches() {
        return quick ? new int[] {8, 16} : new int[] {32, 64};
    }

    private int[] scoreBatches() {
        return quick ? new int[] {16, 32} : new int[] {64, 256};
    }

    private int trainImages(String stemName) {
        return quick ? 32 : (stemName.equals("cifar") ? 640 : 2560);
    }

    private int scoreImages(String stemName) {
        return quick ? 64 : (stemName.equals("cifar") ? 1024 : 4096);
    }

    /** Runs the PyTorch reference for one stem, prints its lines and returns images/s by measure key. */
    private Map<String, Double> reference(String stemName) throws IOException, InterruptedException {
        PytorchReference.Result ref = PytorchReference.run(pytorchReference, stemName, trainBatches(),
                scoreBatches(), trainImages(stemName), scoreImages(stemName),
                Runtime.getRuntime().availableProcessors());
        ref.lines().forEach(out::println);
        return ref.imagesPerSecond();
    }

    /** One DJL run of every training and scoring batch size; returns images/s by measure key. */
    private Map<String, Double> throughputOnce(ResNet18.Stem stem, int rep) {
        String stemName = stem.name().toLowerCase(Locale.ROOT);
        int trainImages = trainImages(stemName);
        int scoreImages = scoreImages(stemName);
        CifarDataset data = SyntheticImages.generate(Math.max(trainImages, scoreImages), 99);
        List<PlanarImage> images = new ArrayList<>();
        List<LabeledExample<PlanarImage, Integer>> labeled = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            images.add(data.image(i));
            if (i < trainImages) {
                labeled.add(new LabeledExample<>(i, data.image(i), data.label(i)));
            }
        }
        Map<String, Double> djl = new LinkedHashMap<>();
        for (int trainBatch : trainBatches()) {
            try (ResNetLearner learner = ResNetLearner.builder().setClassNames(data.classes()).optStem(stem)
                    .optEpochs(1).optBatchSize(trainBatch).optDevice(device.device).build()) {
                learner.fit(labeled.subList(0, Math.min(labeled.size(), 2 * trainBatch))); // warm-up
                long t0 = System.nanoTime();
                learner.fit(labeled);
                double train = trainImages / seconds(t0);
                djl.put("train@" + trainBatch, train);
                Map<String, Object> m = measurement("train", stemName, learner, trainBatch, train);
                m.put("repeat", rep);
                emit(m);
            }
        }
        for (int scoreBatch : scoreBatches()) {
            try (ResNetLearner learner = ResNetLearner.builder().setClassNames(data.classes()).optStem(stem)
                    .optEpochs(1).optBatchSize(16).optScoringBatchSize(scoreBatch).optDevice(device.device).build()) {
                learner.fit(labeled.subList(0, 16)); // initializes the weights; their values do not matter here
                learner.predictProbabilities(images.subList(0, scoreBatch)); // warm-up
                long t0 = System.nanoTime();
                learner.predictProbabilities(images.subList(0, scoreImages));
                double score = scoreImages / seconds(t0);
                double raw = rawForward(stem, data.classes().size(), scoreBatch,
                        Math.max(1, scoreImages / scoreBatch), learner.devices()[0]);
                djl.put("score@" + scoreBatch, score);
                Map<String, Object> m = measurement("score", stemName, learner, scoreBatch, score);
                m.put("raw_forward_images_per_s", round(raw));
                m.put("score_to_raw_ratio", round(score / raw));
                m.put("repeat", rep);
                emit(m);
            }
        }
        return djl;
    }

    /**
     * Images per second of bare forward passes of the same network over one prebuilt float batch:
     * no uint8 conversion, normalization, softmax or copy back beyond the logits, so that
     * scoring's overhead shows as a ratio.
     */
    private static double rawForward(ResNet18.Stem stem, int classes, int batch, int passes, Device device) {
        try (Model model = Model.newInstance("raw-forward", device, "PyTorch")) {
            SequentialBlock net = ResNet18.network(stem, classes);
            model.setBlock(net);
            Shape shape = new Shape(batch, 3, 32, 32);
            net.initialize(model.getNDManager(), DataType.FLOAT32, shape);
            NDArray x = model.getNDManager().randomNormal(shape);
            double seconds = 0;
            for (int p = -1; p < passes; p++) { // pass -1 warms up
                try (NDManager step = model.getNDManager().newSubManager()) {
                    long t0 = System.nanoTime();
                    net.forward(new ParameterStore(step, false), new NDList(x), false)
                            .singletonOrThrow().toFloatArray();
                    if (p >= 0) {
                        seconds += seconds(t0);
                    }
                }
            }
            return passes * batch / seconds;
        }
    }

    private void selection() {
        int n = quick ? 1_000_000 : 10_000_000;
        int k = 1000;
        SplittableRandom rnd = new SplittableRandom(5);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rnd.nextDouble();
        }
        double best = Double.MAX_VALUE;
        double bestSort = Double.MAX_VALUE;
        long checksum = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                top.offer(i, scores[i]);
            }
            checksum += top.result().ids()[0];
            best = Math.min(best, (System.nanoTime() - t0) / (double) n);
            double[] copy = scores.clone();
            t0 = System.nanoTime();
            Arrays.sort(copy);
            checksum += (long) copy[n - 1];
            bestSort = Math.min(bestSort, (System.nanoTime() - t0) / (double) n);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "selection");
        m.put("scores", n);
        m.put("k", k);
        m.put("topk_ns_per_item", round(best));
        m.put("full_sort_ns_per_item", round(bestSort));
        m.put("sort_to_topk_ratio", round(bestSort / best));
        m.put("checksum", checksum);
        emit(m);
    }

    private void pool() {
        int n = quick ? 1_000_000 : 10_000_000;
        long before = usedHeap();
        Pool<Long> pool = Pool.range(0, n, id -> id);
        for (long id = 0; id < n; id += 10) {
            pool.markLabeled(id);
        }
        long after = usedHeap();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "pool_heap");
        m.put("ids", n);
        m.put("labeled", pool.labeledCount());
        m.put("heap_bytes", after - before);
        m.put("bytes_per_id", round((after - before) / (double) n));
        emit(m);
    }

    private void memory() throws IOException {
        int n = quick ? 2_000 : 50_000;
        int r = quick ? Math.min(rounds, 3) : rounds;
        CifarDataset data = SyntheticImages.generate(n, 7);
        List<PlanarImage> pool = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pool.add(data.image(i));
        }
        long firstRss = -1;
        long firstHeap = -1;
        try (ResNetLearner learner = ResNetLearner.builder().setClassNames(data.classes())
                .optStem(ResNet18.Stem.IMAGENET).optEpochs(1).optDevice(device.device).build()) {
            for (int round = 1; round <= r; round++) {
                List<LabeledExample<PlanarImage, Integer>> labeled = new ArrayList<>();
                for (int i = 0; i < 100 * round; i++) {
                    labeled.add(new LabeledExample<>(i, data.image(i), data.label(i)));
                }
                long t0 = System.nanoTime();
                learner.fit(labeled);
                for (int from = 0; from < n; from += 1024) {
                    learner.predictProbabilities(pool.subList(from, Math.min(n, from + 1024)));
                }
                long heap = usedHeap();
                long rss = status("VmRSS");
                if (round == 1) {
                    firstRss = rss;
                    firstHeap = heap;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bench", "memory_round");
                m.put("pool", n);
                m.put("round", round);
                m.put("seconds", round(seconds(t0)));
                m.put("heap_mb", heap >> 20);
                m.put("rss_mb", rss >> 10);
                m.put("peak_rss_mb", status("VmHWM") >> 10);
                emit(m);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bench", "memory_summary");
        m.put("pool", n);
        m.put("rounds", r);
        m.put("pool_bytes_mb", round(n * (double) CifarDataset.IMAGE_BYTES / (1 << 20)));
        m.put("rss_growth_after_round_1_mb", (status("VmRSS") - firstRss) >> 10);
        m.put("heap_growth_after_round_1_mb", (usedHeap() - firstHeap) >> 20);
        emit(m);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A field of /proc/self/status in kB, or -1 where there is none. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void emit(Map<String, ?> fields) {
        out.println(JsonValues.object(fields));
        out.flush();
    }
}
