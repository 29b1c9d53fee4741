package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code %maven [--repo URL]... [--allow-http] group:artifact:version...}: resolve artifacts and their runtime
 * dependencies from Maven Central (and the given repositories) with the local ~/.m2 cache, as the Maven
 * settings (~/.m2/settings.xml: mirrors, proxies, credentials) say, then add them to the session and to every
 * child process started afterwards. Downloads whose checksums do not match fail; plain-http repositories need
 * {@code --allow-http} (see {@link MavenResolver}).
 */
final class MavenMagic implements Magic {

    private final Set<Path> added = new LinkedHashSet<>();

    @Override public String name() { return "maven"; }
    @Override public boolean cellMagic() { return false; }
    @Override public String usage() { return "%maven [--repo URL]... [--allow-http] GROUP:ARTIFACT:VERSION..."; }

    @Override
    public String summary() {
        return "Resolve from Maven Central (~/.m2, settings.xml) with dependencies; add to session and children.";
    }

    @Override
    public Engine.ExecuteOutcome run(String args, String body, MagicContext ctx) {
        List<String> coordinates = new ArrayList<>();
        List<String> repos = new ArrayList<>();
        boolean allowHttp = false;
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals("--repo") || words[i].equals("-r")) {
                if (i + 1 >= words.length) throw new MagicException("--repo needs a URL; usage: " + usage());
                repos.add(words[++i]);
            } else if (words[i].startsWith("--repo=")) {
                repos.add(words[i].substring("--repo=".length()));
            } else if (words[i].equals("--allow-http")) {
                allowHttp = true;
            } else if (words[i].startsWith("-")) {
                throw new MagicException("unknown option " + words[i] + "; usage: " + usage());
            } else {
                coordinates.add(words[i]);
            }
        }
        if (coordinates.isEmpty()) throw new MagicException("no artifact given; usage: " + usage());
        for (String r : repos) {
            if (!r.matches("(?i)(https?|file)://.+")) throw new MagicException("not a repository URL: " + r);
        }
        // The settings are read at each %maven, as Maven reads them at each build: a fix applies at once.
        MavenResolver r = new MavenResolver(MavenResolver.configuredLocalRepository(), MavenSettings.ofThisUser());
        List<Path> files = r.resolve(coordinates, repos, allowHttp, line -> ctx.out().stream("stderr", line + "\n"));
        List<Path> fresh = new ArrayList<>();
        for (Path f : files) {
            synchronized (this) {
                if (!added.add(f)) continue;
            }
            ctx.addClasspath(f);
            fresh.add(f);
        }
        StringBuilder sb = new StringBuilder("Resolved " + String.join(", ", coordinates) + ": " + files.size()
                + " jar" + (files.size() == 1 ? "" : "s") + (fresh.size() < files.size()
                ? " (" + (files.size() - fresh.size()) + " already on the class path)" : "") + "\n");
        for (Path f : fresh) sb.append("  ").append(f.getFileName()).append('\n');
        ctx.out().stream("stdout", sb.toString());
        return Engine.ExecuteOutcome.ok(null);
    }
}
