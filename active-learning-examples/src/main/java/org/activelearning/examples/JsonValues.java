package org.activelearning.examples;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * JSON values as the examples write them with Gson: measurements rounded to six significant
 * digits, and {@code null} for what was not measured (NaN or infinite), which JSON cannot hold.
 */
final class JsonValues {

    /** Compact Gson that keeps nulls (a missing measurement is written as null, not dropped). */
    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private static final MathContext SIX_DIGITS = new MathContext(6);

    private JsonValues() {}

    /** Six significant digits, or null. */
    static JsonElement num(double v) {
        // through toPlainString: never an exponent such as 1.23457E+6 in the file
        return Double.isFinite(v)
                ? new JsonPrimitive(new BigDecimal(BigDecimal.valueOf(v).round(SIX_DIGITS).toPlainString()))
                : JsonNull.INSTANCE;
    }

    /** An array of {@link #num} values. */
    static JsonArray nums(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(num(v));
        }
        return a;
    }

    /**
     * A JSON object of measurement fields: numbers as given (NaN as null), booleans and strings,
     * in the map's order.
     */
    static String object(Map<String, ?> fields) {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        fields.forEach((k, v) -> {
            if (v instanceof Double d && !Double.isFinite(d)) {
                o.add(k, JsonNull.INSTANCE);
            } else if (v instanceof Number n) {
                o.addProperty(k, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(k, b);
            } else {
                o.addProperty(k, v == null ? null : String.valueOf(v));
            }
        });
        return GSON.toJson(o);
    }
}
