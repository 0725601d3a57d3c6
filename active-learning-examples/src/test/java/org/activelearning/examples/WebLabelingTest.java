package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web oracle end to end, in child JVMs: label over HTTP, SIGKILL mid-training, resume, finish. */
class WebLabelingTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Server(Process process, String base, BufferedReader out) {}

    private Server start(Path data, Path session, String... more) throws Exception {
        Process p = CliTestSupport.child(ProcessBuilder.Redirect.DISCARD, CliTestSupport.concat(new String[] {"run",
            "--data", data.toString(), "--oracle", "web", "--listen", "127.0.0.1:0", "--stem", "imagenet", "--epochs",
            "1", "--min-steps", "0", "--target-train-accuracy", "0", "--batch-size", "8", "--initial", "6", "-k", "4", "--rounds", "2", "--session",
            session.toString(), "--device", "cpu"}, more));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Label in your browser: ")) {
                String url = line.substring("Label in your browser: ".length());
                return new Server(p, url.endsWith("/") ? url.substring(0, url.length() - 1) : url, out);
            }
        }
        throw new AssertionError("the server did not start");
    }

    private JsonObject next(Server s) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.base() + "/api/next?annotator=ana"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private HttpRequest answer(Server s, long id, int label) {
        return HttpRequest.newBuilder(URI.create(s.base() + "/api/answer")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"annotator\":\"ana\",\"id\":\"" + id + "\",\"label\":\""
                        + label + "\"}")).build();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "background training: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void acknowledgedAnswersSurviveASigkillDuringTrainingAndAreNeverAskedAgain(boolean background) throws Exception {
        String[] mode = background ? new String[] {"--background-training"} : new String[0];
        Path data = dir.resolve("data");
        SyntheticImages.writeCifarDirectory(data, 60, 20, 2);
        CifarDataset truth = CifarDataset.load(data, CifarDataset.Split.TRAIN);
        Path session = dir.resolve("web");

        Server first = start(data, session, mode);
        Set<Long> acknowledged = new LinkedHashSet<>();
        long id = next(first).get("id").getAsLong();
        // the six initial answers; the sixth one's acknowledgement starts round 1's training
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(answer(first, id, truth.label((int) id)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            acknowledged.add(id);
            id = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("next").get("id").getAsLong();
        }
        long lastId = id;
        CompletableFuture<HttpResponse<String>> training = http.sendAsync(answer(first, lastId,
                truth.label((int) lastId)), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        boolean sixthAcknowledged;
        try {
            sixthAcknowledged = training.get(10, TimeUnit.SECONDS).statusCode() == 200;
        } catch (Exception killedFirst) {
            sixthAcknowledged = false;
        }
        if (sixthAcknowledged) {
            acknowledged.add(lastId);
        }
        JournalState<Integer> killed = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(killed.labels().keySet()).containsAll(acknowledged);

        Server second = start(data, session, mode);
        List<Long> asked = new ArrayList<>();
        try {
            JsonObject n = next(second);
            while (!n.get("status").getAsString().equals("done")) {
                if (n.get("status").getAsString().equals("wait")) {
                    Thread.sleep(100);
                    n = next(second);
                    continue;
                }
                long q = n.get("id").getAsLong();
                asked.add(q);
                HttpResponse<String> r = http.send(answer(second, q, truth.label((int) q)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                n = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("next");
            }
            assertThat(n.get("status").getAsString()).isEqualTo("done");
            assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).as("the run ends after the final training")
                    .isTrue();
            assertThat(second.process().exitValue()).isZero();
        } finally {
            second.process().destroyForcibly();
        }
        assertThat(asked).doesNotContainAnyElementsOf(acknowledged).doesNotHaveDuplicates();
        JournalState<Integer> end = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(end.labels()).hasSize(6 + 4 + 4);
        assertThat(end.labels().keySet()).containsAll(acknowledged);
        for (Long q : end.labels().keySet()) {
            assertThat(end.labels().get(q)).isEqualTo(truth.label(q.intValue()));
        }
        List<String> metrics = java.nio.file.Files.readAllLines(session.resolve("metrics.csv"));
        if (!background) {
            assertThat(metrics).hasSize(1 + 3);
        }
        assertThat(metrics.get(metrics.size() - 1)).endsWith(",true");
        assertThat(java.nio.file.Files.readAllLines(session.resolve("labels.csv"))).hasSize(1 + 14);
    }

    @Test
    void withBackgroundTrainingTheSessionEndsWithAFinalModelOnEveryLabel() throws Exception {
        Path data = dir.resolve("data");
        SyntheticImages.writeCifarDirectory(data, 60, 20, 4);
        CifarDataset truth = CifarDataset.load(data, CifarDataset.Split.TRAIN);
        Path session = dir.resolve("background");
        Server server = start(data, session, "--background-training");
        int answered = 0;
        try {
            JsonObject n = next(server);
            while (!n.get("status").getAsString().equals("done")) {
                if (n.get("status").getAsString().equals("wait")) {
                    Thread.sleep(100);
                    n = next(server);
                    continue;
                }
                long q = n.get("id").getAsLong();
                HttpResponse<String> r = http.send(answer(server, q, truth.label((int) q)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                answered++;
                n = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("next");
            }
            assertThat(server.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(server.process().exitValue()).isZero();
        } finally {
            server.process().destroyForcibly();
        }
        assertThat(answered).isEqualTo(6 + 4 + 4);
        List<String> metrics = java.nio.file.Files.readAllLines(session.resolve("metrics.csv"));
        // one row per trained model, the last one final and trained on all 14 labels
        String[] last = metrics.get(metrics.size() - 1).split(",");
        assertThat(last[last.length - 1]).isEqualTo("true");
        assertThat(last[1]).isEqualTo("14");
    }

    @Test
    void aSessionLabeledAtTheConsoleOneDayIsFinishedInTheBrowserTheNext() throws Exception {
        Path data = dir.resolve("data");
        SyntheticImages.writeCifarDirectory(data, 60, 20, 5);
        CifarDataset truth = CifarDataset.load(data, CifarDataset.Split.TRAIN);
        Path session = dir.resolve("both");
        CliTestSupport.Result console = CliTestSupport.run("0\n0\n0\n", "run", "--data", data.toString(), "--oracle",
                "console", "--stem", "imagenet", "--epochs", "1", "--min-steps", "0", "--target-train-accuracy", "0", "--batch-size", "8", "--initial",
                "6", "-k", "4", "--rounds", "2", "--session", session.toString(), "--device", "cpu", "--no-color",
                "--annotator", "carla");
        assertThat(console.exit()).as(console.err()).isZero();
        assertThat(LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers()).labels()).hasSize(3);

        Server web = start(data, session);
        try {
            JsonObject n = next(web);
            assertThat(n.get("position").getAsInt()).as("the console's batch goes on where it stopped").isEqualTo(4);
            while (n.get("status").getAsString().equals("query")) {
                long q = n.get("id").getAsLong();
                HttpResponse<String> r = http.send(answer(web, q, truth.label((int) q)),
                        HttpResponse.BodyHandlers.ofString());
                n = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("next");
            }
            assertThat(web.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            web.process().destroyForcibly();
        }
        JournalState<Integer> end = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(end.labels()).hasSize(14);
        assertThat(end.entries().stream().filter(e -> e.type() == org.activelearning.core.journal.JournalEntry.Type.LABEL)
                .map(org.activelearning.core.journal.JournalEntry::annotator).distinct()).containsExactly("carla", "ana");
    }
}
