package org.activelearning.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One round's row of a session's {@code metrics.csv} and {@code metrics.jsonl}: the model's test
 * accuracy (overall and per class), how it trained, how long each step took and what the person
 * answered. A field that was not measured is NaN in memory, {@code NaN} in CSV and {@code null} in
 * JSON.
 *
 * @param round the round (0 is never recorded; the final training has the number after the last
 *     query round)
 * @param labels labels the round's model was trained on
 * @param accuracy test accuracy
 * @param perClass test accuracy per class name, in class order
 * @param poolConfidence the model's mean top-class probability on a sample of the pool (runs
 *     without a test set), else NaN
 * @param trainLoss training loss at the end of the fit
 * @param trainAccuracy training accuracy at the end of the fit
 * @param trainSteps optimizer steps taken
 * @param trainSeconds seconds spent training
 * @param scoreSeconds seconds spent scoring the pool
 * @param selectSeconds seconds spent selecting, besides scoring
 * @param oracleSeconds seconds spent waiting for answers, summed over every process that asked
 * @param queried queries of the round's batch
 * @param labeled labels that stand from the batch
 * @param skipped skips that stand from the batch
 * @param annotatorSeconds the seconds people spent on the answers this round's model was trained
 *     on (every earlier round's), from the journal; NaN when unknown
 * @param last true for the final training
 */
record RoundRecord(int round, int labels, double accuracy, Map<String, Double> perClass, double poolConfidence,
        double trainLoss,
        double trainAccuracy, double trainSteps, double trainSeconds, double scoreSeconds, double selectSeconds,
        double oracleSeconds, int queried, int labeled, int skipped, double annotatorSeconds, boolean last) {

    RoundRecord {
        perClass = perClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
    }

    /**
     * The same round after more of its batch was answered by a later process: the model, its
     * evaluation and its timings stay; the answer counts are replaced and the oracle time added.
     */
    RoundRecord withAnswers(int queried, int labeled, int skipped, double moreOracleSeconds) {
        double oracle = (Double.isNaN(oracleSeconds) ? 0 : oracleSeconds) + moreOracleSeconds;
        return new RoundRecord(round, labels, accuracy, perClass, poolConfidence, trainLoss, trainAccuracy, trainSteps, trainSeconds,
                scoreSeconds, selectSeconds, oracle, queried, labeled, skipped, annotatorSeconds, last);
    }

    /** The same round with the answer counts the journal holds for it (the journal is the truth). */
    RoundRecord withCounts(int queried, int labeled, int skipped) {
        return new RoundRecord(round, labels, accuracy, perClass, poolConfidence, trainLoss, trainAccuracy, trainSteps, trainSeconds,
                scoreSeconds, selectSeconds, oracleSeconds, queried, labeled, skipped, annotatorSeconds, last);
    }

    /** The CSV header for these classes, matching {@link #csvValues(List)}. */
    static List<String> csvHeader(List<String> classNames) {
        List<String> h = new ArrayList<>(List.of("round", "labels", "accuracy"));
        classNames.forEach(c -> h.add("accuracy/" + c));
        h.addAll(List.of("pool_confidence", "train_loss", "train_accuracy", "train_steps", "train_s", "score_s", "select_s", "oracle_s",
                "queried", "labeled", "skipped", "annotator_s", "final"));
        return h;
    }

    /** The values of this row in {@link #csvHeader(List)} order. */
    List<Object> csvValues(List<String> classNames) {
        List<Object> v = new ArrayList<>(List.of(round, labels, num(accuracy)));
        classNames.forEach(c -> v.add(num(perClass.getOrDefault(c, Double.NaN))));
        v.addAll(List.of(num(poolConfidence), num(trainLoss), num(trainAccuracy), num(trainSteps), num(trainSeconds), num(scoreSeconds),
                num(selectSeconds), num(oracleSeconds), queried, labeled, skipped, num(annotatorSeconds), last));
        return v;
    }

    /** The JSON object of this row, with {@code null} for what was not measured. */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("round", round);
        o.addProperty("labels", labels);
        o.add("accuracy", JsonValues.num(accuracy));
        JsonObject pc = new JsonObject();
        perClass.forEach((c, a) -> pc.add(c, JsonValues.num(a)));
        o.add("per_class", pc);
        o.add("pool_confidence", JsonValues.num(poolConfidence));
        o.add("train_loss", JsonValues.num(trainLoss));
        o.add("train_accuracy", JsonValues.num(trainAccuracy));
        o.add("train_steps", JsonValues.num(trainSteps));
        o.add("train_s", JsonValues.num(trainSeconds));
        o.add("score_s", JsonValues.num(scoreSeconds));
        o.add("select_s", JsonValues.num(selectSeconds));
        o.add("oracle_s", JsonValues.num(oracleSeconds));
        o.addProperty("queried", queried);
        o.addProperty("labeled", labeled);
        o.addProperty("skipped", skipped);
        o.add("annotator_s", JsonValues.num(annotatorSeconds));
        o.addProperty("final", last);
        return o;
    }

    /**
     * Reads a row written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    static RoundRecord fromJson(JsonObject o) {
        Map<String, Double> pc = new LinkedHashMap<>();
        if (o.has("per_class") && o.get("per_class").isJsonObject()) {
            o.getAsJsonObject("per_class").entrySet().forEach(e -> pc.put(e.getKey(), num(e.getValue())));
        }
        return new RoundRecord(integer(o, "round"), integer(o, "labels"), num(o.get("accuracy")), pc,
                num(o.get("pool_confidence")), num(o.get("train_loss")), num(o.get("train_accuracy")), num(o.get("train_steps")),
                num(o.get("train_s")), num(o.get("score_s")), num(o.get("select_s")), num(o.get("oracle_s")),
                integer(o, "queried"), integer(o, "labeled"), integer(o, "skipped"), num(o.get("annotator_s")),
                o.has("final") && o.get("final").getAsBoolean());
    }

    private static int integer(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is missing or not a number");
        }
        return e.getAsInt();
    }

    private static double num(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }


    /** Six significant digits, NaN for a value not measured. */
    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v)
                : (Double.isNaN(v) ? "NaN" : "Infinity");
    }
}
