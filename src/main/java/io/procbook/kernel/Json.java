package io.procbook.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;

/** Strict JSON parsing and typed field access for the protocol's JSON frames. */
final class Json {
    /** HTML escaping off: front ends read the JSON as is, and "<" in code and HTML output should stay readable. */
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() { }

    /**
     * Parses a JSON object strictly (Gson's default parser is lenient and would accept garbage such as
     * unquoted words) and requires that nothing follows it.
     *
     * @throws IllegalArgumentException if the text is not exactly one JSON object
     */
    static JsonObject parseObject(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            // The type adapter keeps the reader's strictness; JsonParser.parseReader would relax it.
            JsonElement e = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("trailing data after the JSON value");
            }
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static String string(JsonObject o, String name, String fallback) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new BadRequestException("'" + name + "' must be a string");
        }
        return e.getAsString();
    }

    static String requiredString(JsonObject o, String name) {
        String s = string(o, name, null);
        if (s == null) {
            throw new BadRequestException("'" + name + "' is missing");
        }
        return s;
    }

    static boolean bool(JsonObject o, String name, boolean fallback) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new BadRequestException("'" + name + "' must be true or false");
        }
        return e.getAsBoolean();
    }

    static int integer(JsonObject o, String name, int fallback) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new BadRequestException("'" + name + "' must be a number");
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new BadRequestException("'" + name + "' must be an integer");
        }
        return (int) d;
    }

    static int requiredInteger(JsonObject o, String name) {
        if (!o.has(name) || o.get(name).isJsonNull()) {
            throw new BadRequestException("'" + name + "' is missing");
        }
        return integer(o, name, 0);
    }

    static JsonObject object(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return new JsonObject();
        }
        if (!e.isJsonObject()) {
            throw new BadRequestException("'" + name + "' must be an object");
        }
        return e.getAsJsonObject();
    }
}
