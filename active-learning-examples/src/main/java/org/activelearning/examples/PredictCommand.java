package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.activelearning.core.Probabilities;
import org.activelearning.djl.Pretrained;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.ImageFolder;
import org.activelearning.djl.data.PlanarImage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Classifies a folder of images with a session's latest model and writes one CSV row per image:
 * its path relative to the folder, the predicted class and the probability of every class.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify every image below a folder with a session's latest model; write a CSV.")
public final class PredictCommand implements Callable<Integer> {

    @Option(names = "--session", paramLabel = "DIR", required = true, description = "The session directory of a run.")
    Path session;

    @Option(names = "--images", paramLabel = "DIR", required = true,
            description = "Images to classify (PNG, JPEG, BMP or GIF, anywhere below DIR).")
    Path images;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "predictions.csv",
            description = "The CSV to write. Default: ${DEFAULT-VALUE}")
    Path csv;

    @Option(names = "--batch-size", defaultValue = "64", description = "Images per prediction. Default: ${DEFAULT-VALUE}")
    int batchSize;

    @CommandLine.Mixin
    DeviceOption device;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    /**
     * Creates the command.
     *
     * @param out where the summary goes
     */
    public PredictCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = new ArrayList<>();
        device.validate(problems);
        if (batchSize < 1) {
            problems.add("--batch-size must be >= 1, got " + batchSize);
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        SessionModel model = SessionModel.read(session);
        Path checkpoint = latestCheckpoint(session);
        try (ImageFolder folder = ImageFolder.unlabeled(images.toAbsolutePath(), model.classes(), model.imageSize(),
                1L << 30);
                ResNetLearner learner = ResNetLearner.builder().setClassNames(model.classes()).optStem(model.stem())
                        .optPretrained(model.pretrained() == null ? null : Pretrained.parse(model.pretrained()))
                        .optInputShape(3, model.imageSize(), model.imageSize()).optDevice(device.device).build()) {
            learner.loadCheckpoint(checkpoint);
            Path parent = csv.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(csv.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
                List<String> header = new ArrayList<>(List.of("path", "predicted"));
                model.classes().forEach(c -> header.add("p(" + c + ")"));
                printer.printRecord(header);
                for (int from = 0; from < folder.size(); from += batchSize) {
                    int to = Math.min(folder.size(), from + batchSize);
                    List<PlanarImage> batch = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        batch.add(folder.image(i));
                    }
                    Probabilities p = learner.predictProbabilities(batch);
                    for (int r = 0; r < p.rows(); r++) {
                        List<String> row = new ArrayList<>();
                        row.add(folder.path(from + r));
                        int best = 0;
                        for (int c = 1; c < p.classes(); c++) {
                            if (p.get(r, c) > p.get(r, best)) {
                                best = c;
                            }
                        }
                        row.add(model.classes().get(best));
                        for (int c = 0; c < p.classes(); c++) {
                            row.add(String.format(Locale.ROOT, "%.6f", p.get(r, c)));
                        }
                        printer.printRecord(row);
                    }
                }
            }
            Files.move(tmp, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            out.printf("Wrote %s: %s classified with %s%s.%n", csv.toAbsolutePath(),
                    Progress.plural(folder.size(), "image"), checkpoint.getFileName(), folder.skipped().isEmpty() ? ""
                            : "; " + folder.skipped().size() + " unreadable files skipped, e.g. "
                                    + folder.skipped().keySet().iterator().next());
        }
        return 0;
    }

    private static Path latestCheckpoint(Path session) throws IOException {
        Path latest = Session.latestCheckpoint(session);
        if (latest == null) {
            throw new IOException("Session " + session + " has no trained model yet (no checkpoints/round-NNN.ckpt); "
                    + "run it until the first round has trained");
        }
        return latest;
    }
}
