package io.procbook.display;

import com.google.gson.JsonElement;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MimeBundleTest {

    @Test
    void builderKeepsEveryRepresentation() {
        MimeBundle b = MimeBundle.builder()
                .text("t").html("<p>h</p>").markdown("*m*").latex("$x^2$").svg("<svg/>")
                .png(new byte[] {1, 2, 3}).json(Map.of("k", List.of(1, 2)))
                .metadata(MimeBundle.PNG, "width", 10)
                .build();
        assertEquals(List.of("text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml",
                "image/png", "application/json"), List.copyOf(b.data().keySet()));
        assertArrayEquals(new byte[] {1, 2, 3}, Base64.getDecoder().decode((String) b.data().get("image/png")));
        assertEquals(Map.of("k", List.of(1, 2)), b.data().get("application/json"));
        assertEquals(Map.of("width", 10), b.metadata().get("image/png"));
        assertThrows(UnsupportedOperationException.class, () -> b.data().put("x", "y"));
    }

    @Test
    void jsonTextIsParsedOrRefused() {
        MimeBundle b = MimeBundle.builder().jsonText("{\"a\": [1, 2]}").build();
        assertEquals(2, ((JsonElement) b.data().get(MimeBundle.JSON)).getAsJsonObject().get("a").getAsJsonArray().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MimeBundle.builder().jsonText("{not json"));
        assertTrue(e.getMessage().startsWith("not valid JSON"));
    }

    @Test
    void emptyOrNullContentIsRefused() {
        assertThrows(IllegalStateException.class, () -> MimeBundle.builder().build());
        assertThrows(NullPointerException.class, () -> MimeBundle.builder().html(null));
    }

    @Test
    void shortcutsAddAPlainFallback() {
        assertEquals("<b>x</b>", MimeBundle.html("<b>x</b>").plainText());
        assertEquals("*x*", MimeBundle.markdown("*x*").data().get(MimeBundle.MARKDOWN));
    }
}
