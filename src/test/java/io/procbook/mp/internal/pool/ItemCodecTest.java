package io.procbook.mp.internal.pool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The packed and serialized forms of a chunk's items come back as they went, after a caller's header. */
class ItemCodecTest {

    private static List<Object> roundTrip(List<?> items) throws Exception {
        byte[] b = ItemCodec.encode(items, 3);
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(3);
        List<Object> back = ItemCodec.read(in, ItemCodecTest.class.getClassLoader(), null);
        assertFalse(in.hasRemaining(), "the encoding is exactly as long as its contents");
        return back;
    }

    @Test
    void eachKindComesBack() throws Exception {
        List<List<?>> cases = List.of(
                List.of(1, -2, Integer.MAX_VALUE),
                List.of(1L, Long.MIN_VALUE),
                List.of("a", "", "€ and ü"),
                Arrays.asList(1, null, 3),        // a null: serialized
                List.of(1, 2L, "mixed"),          // mixed types: serialized
                new LinkedList<>(List.of(7, 8)),   // not random access
                new ArrayList<>(),                // empty
                List.of(List.of(1, 2), 3.5));      // other Serializable values
        for (List<?> items : cases) assertEquals(items, roundTrip(items), items.toString());
    }

    @Test
    void aTruncatedEncodingIsAnIOExceptionNotAWrongList() {
        byte[] b = ItemCodec.encode(List.of(1, 2, 3), 0);
        ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(b, b.length - 2));
        assertThrows(IOException.class, () -> ItemCodec.read(in, ItemCodecTest.class.getClassLoader(), null));
    }
}
