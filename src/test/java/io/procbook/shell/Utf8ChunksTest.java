package io.procbook.shell;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8ChunksTest {

    @Test
    void everySplitOfMultiByteTextDecodesWhole() {
        String text = "aé€😀z";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int cut1 = 0; cut1 <= bytes.length; cut1++) {
            for (int cut2 = cut1; cut2 <= bytes.length; cut2++) {
                Utf8Chunks d = new Utf8Chunks();
                String s = d.decode(bytes, 0, cut1) + d.decode(bytes, cut1, cut2 - cut1)
                        + d.decode(bytes, cut2, bytes.length - cut2);
                assertEquals(text, s, "cuts at " + cut1 + ", " + cut2);
            }
        }
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        Utf8Chunks d = new Utf8Chunks();
        assertEquals("\uFFFDa", d.decode(new byte[] {(byte) 0x80, 'a'}, 0, 2));
    }
}
