package org.activelearning.examples;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the PyTorch twin of the throughput benchmark ({@code pytorch_reference_benchmark.py}, shipped
 * in this jar) in a child Python process, so that DJL and PyTorch are measured on the same machine in
 * the same invocation and their ratio means something.
 */
final class PytorchReference {

    private static final String SCRIPT = "pytorch_reference_benchmark.py";

    /**
     * What the reference printed.
     *
     * @param lines its JSON lines, verbatim
     * @param imagesPerSecond images/s by {@code train@BATCH} and {@code score@BATCH}
     */
    record Result(List<String> lines, Map<String, Double> imagesPerSecond) {}

    private PytorchReference() {}

    /**
     * Checks before any measurement that the interpreter runs and has torch and torchvision, so that a
     * wrong path fails in seconds rather than after the DJL half of the benchmark.
     *
     * @param python the Python interpreter
     * @throws IOException naming the interpreter, what it printed and how to install PyTorch
     * @throws InterruptedException if interrupted while waiting for it
     */
    static void check(String python) throws IOException, InterruptedException {
        execute(python, List.of("-c", "import torch, torchvision"), "import torch, torchvision");
    }

    /**
     * Runs the reference for one stem.
     *
     * @param python the Python interpreter
     * @param stem {@code cifar} or {@code imagenet}
     * @param trainBatches training batch sizes
     * @param scoreBatches scoring batch sizes
     * @param trainImages images per timed training epoch
     * @param scoreImages images per timed scoring pass
     * @param threads PyTorch intra-op threads, as many as the JVM sees cores
     * @return its figures
     * @throws IOException if Python cannot run or the script fails, naming the interpreter and what it printed
     * @throws InterruptedException if interrupted while waiting for it
     */
    static Result run(String python, String stem, int[] trainBatches, int[] scoreBatches, int trainImages,
            int scoreImages, int threads) throws IOException, InterruptedException {
        Path script = Files.createTempFile("pytorch_reference", ".py");
        try {
            try (InputStream in = PytorchReference.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is missing from the class path; rebuild the examples jar");
                }
                Files.write(script, in.readAllBytes());
            }
            return parse(execute(python, List.of(script.toString(), "--stem", stem,
                    "--train-batches", join(trainBatches), "--score-batches", join(scoreBatches),
                    "--train-images", Integer.toString(trainImages), "--score-images", Integer.toString(scoreImages),
                    "--threads", Integer.toString(threads)), SCRIPT));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Runs Python with arguments and returns its standard output; failures name the interpreter and its errors. */
    private static String execute(String python, List<String> args, String what)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python);
        command.addAll(args);
        Path stderr = Files.createTempFile("pytorch_reference", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            } catch (IOException e) {
                throw new IOException("Cannot start the PyTorch reference with --pytorch-reference=" + python + " ("
                        + e.getMessage() + "); pass a Python 3 interpreter that has torch and torchvision, e.g. "
                        + "/usr/bin/python3 after 'apt-get install python3-torch python3-torchvision'", e);
            }
            p.getOutputStream().close();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
                String tail = String.join(" | ", err.subList(Math.max(0, err.size() - 3), err.size()));
                throw new IOException("The PyTorch reference (" + python + ": " + what + ") exited with " + exit
                        + ": " + tail + "; it needs torch and torchvision (Debian: apt-get install python3-torch "
                        + "python3-torchvision)");
            }
            return stdout;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Reads the reference's JSON lines; a line without the expected fields is an error naming it. */
    static Result parse(String stdout) throws IOException {
        List<String> lines = new ArrayList<>();
        Map<String, Double> speed = new LinkedHashMap<>();
        for (String line : stdout.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String bench;
            int batch;
            double ips;
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                bench = o.get("bench").getAsString();
                batch = o.get("batch").getAsInt();
                ips = o.get("images_per_s").getAsDouble();
            } catch (RuntimeException e) {
                throw new IOException("Unexpected line from the PyTorch reference (it needs the fields bench, batch "
                        + "and images_per_s): " + line, e);
            }
            if (!bench.equals("train") && !bench.equals("score")) {
                throw new IOException("Unexpected bench '" + bench + "' from the PyTorch reference: " + line);
            }
            lines.add(line);
            speed.put(bench + "@" + batch, ips);
        }
        if (speed.isEmpty()) {
            throw new IOException("The PyTorch reference printed no measurements");
        }
        return new Result(List.copyOf(lines), speed);
    }

    private static String join(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
