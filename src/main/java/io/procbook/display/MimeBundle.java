package io.procbook.display;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of representations of one value, keyed by mime type, as Jupyter front ends show them: the
 * front end picks the richest one it understands. Text types hold a {@code String}; images hold base64 text;
 * {@code application/json} holds a JSON-shaped object (Map, List, String, Number, Boolean or a Gson JsonElement).
 *
 * <pre>{@code
 * display(MimeBundle.builder().html("<b>hi</b>").text("hi").build());
 * }</pre>
 *
 * <p>Instances are safe to share between threads.
 */
public final class MimeBundle {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String LATEX = "text/latex";
    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String JSON = "application/json";

    private final Map<String, Object> data;
    private final Map<String, Object> metadata;

    private MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {
        this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** @return a builder for a new bundle */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a bundle with only {@code text/plain} */
    public static MimeBundle text(String text) {
        return builder().text(text).build();
    }

    /** @return a bundle with {@code text/html} (and the same text as a plain fallback) */
    public static MimeBundle html(String html) {
        return builder().html(html).text(html).build();
    }

    /** @return a bundle with {@code text/markdown} (and the same text as a plain fallback) */
    public static MimeBundle markdown(String markdown) {
        return builder().markdown(markdown).text(markdown).build();
    }

    /** @return mime type to content, in insertion order; unmodifiable */
    public Map<String, Object> data() {
        return data;
    }

    /** @return mime type to that representation's metadata (e.g. image width); unmodifiable */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** @return the {@code text/plain} form, or {@code null} */
    public String plainText() {
        Object t = data.get(TEXT);
        return t == null ? null : t.toString();
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }

    /** Collects representations; not thread-safe (build on one thread, then share the bundle). */
    public static final class Builder {
        private final Map<String, Object> data = new LinkedHashMap<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder() { }

        /** Adds {@code text/plain}. */
        public Builder text(String text) { return put(TEXT, text); }

        /** Adds {@code text/html}. */
        public Builder html(String html) { return put(HTML, html); }

        /** Adds {@code text/markdown}. */
        public Builder markdown(String markdown) { return put(MARKDOWN, markdown); }

        /** Adds {@code text/latex}, e.g. {@code "$e^{i\\pi} = -1$"}. */
        public Builder latex(String latex) { return put(LATEX, latex); }

        /** Adds {@code image/svg+xml} from the SVG document text. */
        public Builder svg(String svg) { return put(SVG, svg); }

        /** Adds {@code image/png} from the PNG file bytes (encoded as base64 here). */
        public Builder png(byte[] png) { return put(PNG, Base64.getEncoder().encodeToString(png)); }

        /** Adds {@code image/jpeg} from the JPEG file bytes (encoded as base64 here). */
        public Builder jpeg(byte[] jpeg) { return put(JPEG, Base64.getEncoder().encodeToString(jpeg)); }

        /**
         * Adds {@code application/json} from a JSON-shaped object: Map, List, String, Number, Boolean.
         */
        public Builder json(Object json) { return put(JSON, json); }

        /**
         * Adds {@code application/json} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not valid JSON
         */
        public Builder jsonText(String json) {
            try {
                return put(JSON, JsonParser.parseString(Objects.requireNonNull(json, "json")));
            } catch (JsonParseException e) {
                throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
            }
        }

        /**
         * Adds (or replaces) the representation of any mime type.
         *
         * @throws NullPointerException if either argument is null
         */
        public Builder put(String mimeType, Object content) {
            data.put(Objects.requireNonNull(mimeType, "mimeType"), Objects.requireNonNull(content, mimeType));
            return this;
        }

        /** Adds one metadata entry for a mime type, e.g. {@code metadata("image/png", "width", 200)}. */
        @SuppressWarnings("unchecked")
        public Builder metadata(String mimeType, String key, Object value) {
            Object m = metadata.computeIfAbsent(Objects.requireNonNull(mimeType), k -> new LinkedHashMap<String, Object>());
            ((Map<String, Object>) m).put(Objects.requireNonNull(key), value);
            return this;
        }

        /**
         * @return the bundle
         * @throws IllegalStateException if no representation was added
         */
        public MimeBundle build() {
            if (data.isEmpty()) throw new IllegalStateException("a mime bundle needs at least one representation");
            return new MimeBundle(data, metadata);
        }
    }
}
