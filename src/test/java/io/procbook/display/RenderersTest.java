package io.procbook.display;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class RenderersTest {

    interface Shape { }

    record Square(int side) implements Shape { }

    record Temperature(double celsius) implements Renderable {
        @Override
        public MimeBundle toMimeBundle() {
            return MimeBundle.builder().text(celsius + " C").html("<b>" + celsius + "</b> &deg;C").build();
        }
    }

    @AfterEach
    void unregister() {
        Renderers.unregister(Shape.class);
        Renderers.unregister(Square.class);
    }

    @Test
    void bufferedImageRendersAsPng() throws Exception {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(1, 1, 0xFFFF0000);
        MimeBundle b = Renderers.render(img);
        byte[] png = Base64.getDecoder().decode((String) b.data().get(MimeBundle.PNG));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(5, back.getWidth());
        assertEquals(3, back.getHeight());
        assertEquals(0xFFFF0000, back.getRGB(1, 1));
        assertEquals("BufferedImage 5x3", b.plainText());
        assertEquals(Map.of("width", 5, "height", 3), b.metadata().get(MimeBundle.PNG));
    }

    @Test
    void collectionsAndValuesRenderAsPlainText() {
        assertEquals("[1, 2]", Renderers.render(List.of(1, 2)).plainText());
        assertEquals("{a=1}", Renderers.render(Map.of("a", 1)).plainText());
        assertEquals("\"a\\\"b\\n\"", Renderers.render("a\"b\n").plainText());
        assertEquals("'x'", Renderers.render('x').plainText());
        assertEquals("null", Renderers.render(null).plainText());
        assertEquals("String[2] { \"a\", null }", Renderers.render(new String[] {"a", null}).plainText());
        assertEquals("int[2][] { int[1] { 1 }, int[0] {} }", Renderers.render(new int[][] {{1}, {}}).plainText());
        assertEquals(List.of(MimeBundle.TEXT), List.copyOf(Renderers.render(42).data().keySet()));
    }

    @Test
    void renderableChoosesItsOwnBundle() {
        MimeBundle b = Renderers.render(new Temperature(21.5));
        assertEquals("<b>21.5</b> &deg;C", b.data().get(MimeBundle.HTML));
        assertEquals("21.5 C", b.plainText());
    }

    @Test
    void userRendererForTheNearestSupertypeWins() {
        Renderers.register(Shape.class, s -> MimeBundle.html("<i>shape</i>"));
        assertEquals("<i>shape</i>", Renderers.render(new Square(2)).data().get(MimeBundle.HTML));
        Renderers.register(Square.class, s -> MimeBundle.builder().svg("<svg/>").text("square " + s.side()).build());
        assertEquals("square 2", Renderers.render(new Square(2)).plainText());
        Renderers.unregister(Square.class);
        assertEquals("<i>shape</i>", Renderers.render(new Square(2)).data().get(MimeBundle.HTML));
    }

    @Test
    void aMimeBundleRendersAsItself() {
        MimeBundle b = MimeBundle.text("x");
        assertSame(b, Renderers.render(b));
    }

    @Test
    void badRegistrationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Renderers.unregister(Object.class));
        assertThrows(NullPointerException.class, () -> Renderers.register(Shape.class, null));
        Renderers.register(Shape.class, s -> null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Renderers.render(new Square(1)));
        assertTrue(e.getMessage().contains(Square.class.getName()));
    }
}
