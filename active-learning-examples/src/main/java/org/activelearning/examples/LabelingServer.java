package org.activelearning.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.activelearning.core.Answer;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.Probabilities;
import org.activelearning.djl.data.PlanarImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labeling page and its JSON API, on the JDK's own HTTP server: one page, the next query per
 * annotator, images by id, answers, undo, progress and the learning curve.
 *
 * <p>Safety: it binds to 127.0.0.1 unless told otherwise; on any other address every request must
 * carry the access token printed at start ({@code ?token=} or the {@code X-Token} header). Images
 * are addressed by id and served only to the annotator who holds them; request bodies are limited
 * to {@value #MAX_BODY} bytes and validated; an answer for an id the annotator does not hold is
 * refused with 409 and changes nothing. An answer is acknowledged only once it is in the journal.
 */
final class LabelingServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabelingServer.class);
    /** Largest request body accepted, in bytes. */
    static final int MAX_BODY = 4096;
    private static final Pattern ANNOTATOR = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,40}");

    private final LabelingDesk<PlanarImage, Integer> desk;
    private final List<String> classes;
    private final LongFunction<PlanarImage> images;
    private final LongFunction<float[]> guesses;
    private final Path curve;
    private final String token;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "labeling-http");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts the server.
     *
     * @param address where to listen; a loopback address needs no token
     * @param desk the labeling desk
     * @param classes the class names, in label order
     * @param images the image of an id (shown as it is, scaled up in the browser without smoothing)
     * @param guesses the model's class probabilities for an id, or null while there is no model
     * @param curve the learning-curve PNG to serve (may not exist yet)
     * @throws IOException if the address cannot be bound, naming it
     */
    LabelingServer(InetSocketAddress address, LabelingDesk<PlanarImage, Integer> desk, List<String> classes,
            LongFunction<PlanarImage> images, LongFunction<float[]> guesses, Path curve) throws IOException {
        this.desk = desk;
        this.classes = List.copyOf(classes);
        this.images = images;
        this.guesses = guesses;
        this.curve = curve;
        this.token = address.getAddress().isLoopbackAddress() ? null
                : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        try {
            this.server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new IOException("Cannot listen on " + address + ": " + Errors.reason(e) + "; choose another "
                    + "--listen address or port", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The port listened on (useful with port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    /** The access token, or null on a loopback address. */
    String token() {
        return token;
    }

    /** The page's URL, with the token when one is needed. */
    String url(String host) {
        return "http://" + host + ":" + port() + "/" + (token == null ? "" : "?token=" + token);
    }

    private void handle(HttpExchange ex) throws IOException {
        // not try-with-resources: its resource is closed before a catch block could answer with an error
        try {
            Map<String, String> query = query(ex.getRequestURI());
            if (token != null && !tokenMatches(query.get("token"), ex.getRequestHeaders().getFirst("X-Token"))) {
                send(ex, 401, error("missing or wrong access token; open the URL printed when the server started"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (method + " " + path) {
                case "GET /" -> sendResource(ex, "web/index.html", "text/html; charset=utf-8");
                case "GET /api/config" -> send(ex, 200, config());
                case "GET /api/next" -> send(ex, 200, next(annotator(query.get("annotator"))));
                case "GET /api/ahead" -> send(ex, 200, describe(desk.ahead(annotator(query.get("annotator")))));
                case "GET /api/status" -> send(ex, 200, tree(desk.status()));
                case "GET /api/image" -> image(ex, query);
                case "GET /api/curve.png" -> curve(ex);
                case "POST /api/answer" -> answer(ex);
                case "POST /api/undo" -> undo(ex);
                default -> send(ex, path.startsWith("/api/") || "GET".equals(method) ? 404 : 405,
                        error("no " + method + " " + path));
            }
        } catch (BadRequest e) {
            send(ex, e.status, error(e.getMessage()));
        } catch (RuntimeException | IOException e) {
            LOG.warn("Request {} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            send(ex, 500, error(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            ex.close();
        }
    }

    /** A client error with its HTTP status. */
    private static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private boolean tokenMatches(String fromQuery, String fromHeader) {
        String given = fromQuery != null ? fromQuery : fromHeader;
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static String annotator(String name) {
        if (name == null || !ANNOTATOR.matcher(name).matches()) {
            throw new BadRequest(400, "annotator must be 1 to 40 letters, digits, spaces or ._@-, got "
                    + (name == null ? "none" : "'" + name + "'"));
        }
        return name;
    }

    private JsonObject config() {
        JsonObject o = new JsonObject();
        o.add("classes", JsonValues.GSON.toJsonTree(classes));
        return o;
    }

    private JsonObject next(String annotator) {
        return describe(desk.next(annotator));
    }

    private JsonObject describe(LabelingDesk.Next<PlanarImage> n) {
        JsonObject o = new JsonObject();
        o.addProperty("status", n.status().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("round", n.round());
        if (n.query() != null) {
            long id = n.query().id();
            o.addProperty("id", id);
            o.addProperty("position", n.position());
            o.addProperty("batch", n.batchSize());
            float[] p = guesses == null ? null : guesses.apply(id);
            if (p != null) {
                o.add("guesses", JsonValues.GSON.toJsonTree(topThree(p)));
            }
        }
        o.add("progress", tree(desk.status()));
        return o;
    }

    private List<Map<String, Object>> topThree(float[] p) {
        Integer[] order = new Integer[p.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int k = 0; k < Math.min(3, order.length); k++) {
            out.add(Map.of("class", classes.get(order[k]), "p", Math.round(p[order[k]] * 1000) / 1000.0));
        }
        return out;
    }

    private void image(HttpExchange ex, Map<String, String> query) throws IOException {
        String who = annotator(query.get("annotator"));
        long id = id(query.get("id"));
        if (!desk.holds(who, id)) {
            throw new BadRequest(403, "image " + id + " is not assigned to " + who);
        }
        PlanarImage img = images.apply(id);
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(img.width(), img.height(),
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                png.setRGB(x, y, img.get(0, y, x) << 16 | img.get(1, y, x) << 8 | img.get(2, y, x));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(png, "png", bytes);
        // an id's image never changes: the browser may keep the one it preloaded
        ex.getResponseHeaders().set("Cache-Control", "private, max-age=600");
        send(ex, 200, bytes.toByteArray(), "image/png");
    }

    private void curve(HttpExchange ex) throws IOException {
        if (curve == null || !Files.isRegularFile(curve)) {
            throw new BadRequest(404, "no learning curve yet: it appears after the first training");
        }
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(ex, 200, Files.readAllBytes(curve), "image/png");
    }

    private void answer(HttpExchange ex) throws IOException {
        JsonObject body = body(ex);
        String who = annotator(string(body, "annotator"));
        long id = id(string(body, "id"));
        double seconds = body.has("seconds") && body.get("seconds").isJsonPrimitive()
                ? body.get("seconds").getAsDouble() : Double.NaN;
        if (!(Double.isNaN(seconds) || (seconds >= 0 && seconds < 86_400))) {
            throw new BadRequest(400, "seconds must be between 0 and 86400, got " + seconds);
        }
        boolean skip = body.has("skip") && body.get("skip").isJsonPrimitive() && body.get("skip").getAsBoolean();
        Answer<Integer> a;
        if (skip) {
            a = Answer.skip(id, "skipped in the browser");
        } else {
            int label = (int) id(string(body, "label"));
            if (label >= classes.size()) {
                throw new BadRequest(400, "label " + label + " is not a class; classes are 0 to " + (classes.size() - 1));
            }
            a = Answer.of(id, label);
        }
        try {
            desk.answer(who, Double.isNaN(seconds) ? a : a.withSeconds(seconds));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(409, e.getMessage());
        }
        // acknowledged: the answer is in the journal; the next query comes with the acknowledgement
        JsonObject o = new JsonObject();
        o.addProperty("saved", id);
        o.add("next", next(who));
        send(ex, 200, o);
    }

    private void undo(HttpExchange ex) throws IOException {
        String who = annotator(string(body(ex), "annotator"));
        try {
            long id = desk.undo(who);
            JsonObject o = new JsonObject();
            o.addProperty("undone", id);
            o.add("next", next(who));
            send(ex, 200, o);
        } catch (IllegalStateException e) {
            throw new BadRequest(409, e.getMessage());
        }
    }

    private static JsonObject body(HttpExchange ex) throws IOException {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest(413, "request body larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new BadRequest(400, "the body must be a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BadRequest(400, "the body is not JSON: " + e.getMessage());
        }
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            throw new BadRequest(400, "field '" + field + "' is missing");
        }
        return e.getAsString();
    }

    private static long id(String s) {
        if (s == null || !s.matches("\\d{1,18}")) {
            throw new BadRequest(400, "expected a non-negative whole number, got " + (s == null ? "none" : "'" + s + "'"));
        }
        return Long.parseLong(s);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** A status map as JSON, with measurements that are NaN written as null. */
    private static JsonElement tree(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, v) -> o.add(String.valueOf(k), tree(v)));
            return o;
        }
        if (value instanceof Double d) {
            return JsonValues.num(d);
        }
        return JsonValues.GSON.toJsonTree(value);
    }

    private static JsonObject error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o;
    }

    private void sendResource(HttpExchange ex, String name, String type) throws IOException {
        try (InputStream in = LabelingServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            send(ex, 200, in.readAllBytes(), type);
        }
    }


    private static void send(HttpExchange ex, int status, JsonElement body) throws IOException {
        send(ex, status, JsonValues.GSON.toJson(body).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        // the answer that finished the session is still being written: let exchanges in flight complete
        server.stop(2);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
