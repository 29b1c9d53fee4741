package io.procbook.shell.help;

import java.util.Map;

/** The character an HTML entity of a Javadoc comment stands for ({@code &lt;}, {@code &#64;}, {@code &mdash;}). */
final class HtmlEntities {

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("amp", "&"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("mdash", "\u2014"),
            Map.entry("ndash", "\u2013"), Map.entry("hellip", "\u2026"), Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"), Map.entry("times", "\u00d7"),
            Map.entry("divide", "\u00f7"), Map.entry("le", "\u2264"), Map.entry("ge", "\u2265"),
            Map.entry("ne", "\u2260"), Map.entry("plusmn", "\u00b1"), Map.entry("minus", "\u2212"),
            Map.entry("deg", "\u00b0"), Map.entry("middot", "\u00b7"), Map.entry("bull", "\u2022"),
            Map.entry("rarr", "\u2192"), Map.entry("larr", "\u2190"), Map.entry("harr", "\u2194"),
            Map.entry("uarr", "\u2191"), Map.entry("darr", "\u2193"), Map.entry("rArr", "\u21d2"),
            Map.entry("infin", "\u221e"), Map.entry("pi", "\u03c0"), Map.entry("micro", "\u00b5"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"), Map.entry("rdquo", "\u201d"),
            Map.entry("sect", "\u00a7"), Map.entry("para", "\u00b6"), Map.entry("euro", "\u20ac"),
            Map.entry("lceil", "\u2308"), Map.entry("rceil", "\u2309"), Map.entry("lfloor", "\u230a"),
            Map.entry("rfloor", "\u230b"), Map.entry("sup2", "\u00b2"), Map.entry("frac12", "\u00bd"));

    private HtmlEntities() { }

    /**
     * @param name the entity's name without {@code &} and {@code ;}: {@code lt}, {@code #64}, {@code #x40}
     * @return its text; an unknown entity as written
     */
    static String decode(String name) {
        String named = NAMED.get(name);
        if (named != null) return named;
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) return Character.toString(Integer.parseInt(name.substring(2), 16));
            if (name.startsWith("#")) return Character.toString(Integer.parseInt(name.substring(1)));
        } catch (IllegalArgumentException e) {
            // not a code point: shown as written
        }
        return "&" + name + ";";
    }
}
