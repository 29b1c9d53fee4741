package io.procbook.shell.help;

/**
 * How a reference in a comment ({@code {@link java.util.List#of(Object...)}}, {@code @throws
 * java.io.IOException}) reads in text: as javadoc shows it, without packages and with a dot for the hash:
 * {@code List.of(Object...)}, {@code IOException}.
 */
final class References {

    private References() { }

    static String text(String signature) {
        String s = signature.strip();
        int hash = s.indexOf('#');
        if (hash < 0) return withoutPackage(s);
        String type = withoutPackage(s.substring(0, hash));
        String member = s.substring(hash + 1);
        int open = member.indexOf('(');
        if (open >= 0 && member.endsWith(")")) {
            StringBuilder params = new StringBuilder();
            for (String p : member.substring(open + 1, member.length() - 1).split(",")) {
                if (p.isBlank()) continue;
                if (params.length() > 0) params.append(", ");
                params.append(withoutPackage(p.strip()));
            }
            member = member.substring(0, open) + "(" + params + ")";
        }
        return type.isEmpty() ? member : type + "." + member;
    }

    /** {@code java.util.Map.Entry} reads {@code Map.Entry}; a package name stays whole. */
    private static String withoutPackage(String name) {
        String[] parts = name.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                return String.join(".", java.util.Arrays.copyOfRange(parts, i, parts.length));
            }
        }
        return name;
    }
}
