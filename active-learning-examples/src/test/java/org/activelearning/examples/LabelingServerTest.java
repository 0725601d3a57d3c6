package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.LabelingSession;
import org.activelearning.core.Pool;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelingServerTest {

    @TempDir
    Path dir;

    private final CifarDataset data = SyntheticImages.generate(30, 3);
    private final HttpClient http = HttpClient.newHttpClient();
    private LabelJournal<Integer> journal;
    private LabelingServer server;

    private LabelingServer start(InetAddress address) throws Exception {
        journal = LabelJournal.open(dir.resolve("journal.jsonl"), LabelCodec.integers());
        ConsoleOracleTest.FixedImageLearner learner = new ConsoleOracleTest.FixedImageLearner();
        LabelingSession<PlanarImage, Integer> session = ActiveLearningLoop
                .builder(Pool.range(0, data.size(), id -> data.image((int) id)), learner)
                .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(4))
                .optJournal(journal).buildSession();
        LabelingDesk<PlanarImage, Integer> desk = new LabelingDesk<>(session, 2, 1, Duration.ofMinutes(5),
                System::nanoTime, null);
        server = new LabelingServer(new InetSocketAddress(address, 0), desk, data.classes(),
                id -> data.image((int) id), id -> null, dir.resolve("curve.png"));
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (journal != null) {
            journal.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    @Test
    void twoAnnotatorsNeverGetTheSameImageAndAnswersAreJournaledBeforeTheAcknowledgement() throws Exception {
        start(InetAddress.getLoopbackAddress());
        assertThat(server.token()).as("no token on loopback").isNull();
        assertThat(get("/").body()).contains("<title>Active learning: label images</title>");
        assertThat(json(get("/api/config")).getAsJsonArray("classes")).hasSize(10);
        JsonObject ana = json(get("/api/next?annotator=ana"));
        JsonObject ben = json(get("/api/next?annotator=ben"));
        assertThat(ana.get("status").getAsString()).isEqualTo("query");
        long anaId = ana.get("id").getAsLong();
        long benId = ben.get("id").getAsLong();
        assertThat(anaId).isNotEqualTo(benId);
        HttpResponse<String> png = get("/api/image?annotator=ana&id=" + anaId);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(get("/api/image?annotator=ana&id=" + benId).statusCode()).as("ben's image").isEqualTo(403);

        // the page preloads the image after this one: it is held for ana and comes next
        JsonObject ahead = json(get("/api/ahead?annotator=ana"));
        long anaAhead = ahead.get("id").getAsLong();
        assertThat(anaAhead).isNotIn(anaId, benId);
        assertThat(get("/api/image?annotator=ana&id=" + anaAhead).statusCode()).isEqualTo(200);
        HttpResponse<String> saved = post("/api/answer", "{\"annotator\":\"ana\",\"id\":\"" + anaId
                + "\",\"label\":\"3\",\"seconds\":1.5}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json(saved).get("saved").getAsLong()).isEqualTo(anaId);
        // on disk when acknowledged
        assertThat(LabelJournal.read(dir.resolve("journal.jsonl"), LabelCodec.integers()).labels())
                .containsEntry(anaId, 3);
        long anaNext = json(saved).getAsJsonObject("next").get("id").getAsLong();
        assertThat(anaNext).as("the preloaded image is the next one").isEqualTo(anaAhead);

        HttpResponse<String> undone = post("/api/undo", "{\"annotator\":\"ana\"}");
        assertThat(json(undone).get("undone").getAsLong()).isEqualTo(anaId);
        assertThat(json(undone).getAsJsonObject("next").get("id").getAsLong()).isEqualTo(anaId);
    }

    @Test
    void wrongIdsAndMalformedBodiesGetAClearClientErrorAndChangeNothing() throws Exception {
        start(InetAddress.getLoopbackAddress());
        long anaId = json(get("/api/next?annotator=ana")).get("id").getAsLong();
        long benId = json(get("/api/next?annotator=ben")).get("id").getAsLong();
        HttpResponse<String> notHers = post("/api/answer", "{\"annotator\":\"ana\",\"id\":\"" + benId
                + "\",\"label\":\"1\"}");
        assertThat(notHers.statusCode()).isEqualTo(409);
        assertThat(json(notHers).get("error").getAsString()).contains("is not assigned to ana (another annotator holds it)");
        assertThat(post("/api/answer", "not json").statusCode()).isEqualTo(400);
        assertThat(json(post("/api/answer", "{\"annotator\":\"ana\",\"id\":\"" + anaId + "\"}")).get("error")
                .getAsString()).contains("field 'label' is missing");
        assertThat(json(post("/api/answer", "{\"annotator\":\"ana\",\"id\":\"" + anaId + "\",\"label\":\"42\"}"))
                .get("error").getAsString()).contains("label 42 is not a class; classes are 0 to 9");
        assertThat(json(post("/api/answer", "{\"annotator\":\"<script>\",\"id\":\"1\",\"label\":\"1\"}")).get("error")
                .getAsString()).contains("annotator must be 1 to 40 letters");
        assertThat(post("/api/answer", "{\"x\":\"" + "a".repeat(LabelingServer.MAX_BODY) + "\"}").statusCode())
                .isEqualTo(413);
        assertThat(post("/api/undo", "{\"annotator\":\"ben\"}").statusCode()).isEqualTo(409);
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(LabelJournal.read(dir.resolve("journal.jsonl"), LabelCodec.integers()).labels()).isEmpty();
    }

    @Test
    void offLoopbackEveryRequestNeedsTheToken() throws Exception {
        start(InetAddress.getByName("0.0.0.0"));
        String token = server.token();
        assertThat(token).hasSize(32);
        assertThat(server.url("example")).endsWith("/?token=" + token);
        HttpResponse<String> without = get("/api/config");
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.body()).contains("missing or wrong access token");
        assertThat(get("/api/config?token=wrong").statusCode()).isEqualTo(401);
        assertThat(get("/?token=" + token).statusCode()).isEqualTo(200);
        HttpResponse<String> header = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/api/next?annotator=ana")).header("X-Token", token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(header.statusCode()).isEqualTo(200);
    }
}
