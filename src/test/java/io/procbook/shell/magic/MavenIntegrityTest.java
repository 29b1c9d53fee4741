package io.procbook.shell.magic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code %maven}'s resolver against repositories made here: a download whose checksum does not match fails
 * and is not kept, plain http needs to be allowed, and the Maven settings' mirrors, proxies and (encrypted)
 * credentials are used as Maven uses them. Every repository is a folder or a server on 127.0.0.1, and a
 * mirror of everything keeps Maven Central out of it.
 */
class MavenIntegrityTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
    }

    /** Writes {@code group:artifact:1.0} (a jar and a POM, with SHA-1 files) into a repository folder. */
    private static void publish(Path repo, String group, String artifact, boolean tamperJar) throws Exception {
        Path d = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve("1.0");
        Files.createDirectories(d);
        byte[] pom = ("<project><modelVersion>4.0.0</modelVersion><groupId>" + group + "</groupId><artifactId>"
                + artifact + "</artifactId><version>1.0</version></project>").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(jar)) {
            z.putNextEntry(new ZipEntry("procbook-test.txt"));
            z.write(artifact.getBytes(StandardCharsets.UTF_8));
        }
        String base = artifact + "-1.0";
        Files.write(d.resolve(base + ".pom"), pom);
        Files.writeString(d.resolve(base + ".pom.sha1"), sha1(pom));
        Files.write(d.resolve(base + ".jar"), jar.toByteArray());
        byte[] published = tamperJar ? "what the checksum was made for".getBytes(StandardCharsets.UTF_8)
                : jar.toByteArray();
        Files.writeString(d.resolve(base + ".jar.sha1"), sha1(published));
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    private Path settings(String body) throws IOException {
        return Files.writeString(dir.resolve("settings.xml"), "<settings>" + body + "</settings>");
    }

    private static String mirror(String id, String url) {
        return "<mirrors><mirror><id>" + id + "</id><mirrorOf>*</mirrorOf><url>" + url + "</url></mirror></mirrors>";
    }

    private static boolean cached(Path local, String artifact) throws IOException {
        try (var files = Files.walk(local)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(artifact + "-1.0.jar"));
        }
    }

    @Test
    void aDownloadWhoseChecksumDoesNotMatchFailsAndIsNotKept() throws Exception {
        Path repo = dir.resolve("repo");
        publish(repo, "test.procbook", "tampered", true);
        publish(repo, "test.procbook", "intact", false);
        Path local = dir.resolve("local");
        MavenSettings s = MavenSettings.read(settings(mirror("folder", repo.toUri().toString())), null, null);
        MagicException e = assertThrows(MagicException.class, () -> new MavenResolver(local, s)
                .resolve(List.of("test.procbook:tampered:1.0"), List.of(), false, line -> { }));
        assertTrue(e.getMessage().toLowerCase().contains("checksum"), e.getMessage());
        assertFalse(cached(local, "tampered"), "the tampered jar was kept in the local repository");
        List<Path> ok = new MavenResolver(local, s).resolve(List.of("test.procbook:intact:1.0"), List.of(), false,
                line -> { });
        assertEquals(1, ok.size());
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() throws Exception {
        Path local = dir.resolve("local");
        MagicException repo = assertThrows(MagicException.class, () -> new MavenResolver(local, MavenSettings.none())
                .resolve(List.of("test.procbook:any:1.0"), List.of("http://127.0.0.1:9/"), false, line -> { }));
        assertTrue(repo.getMessage().contains("--allow-http"), repo.getMessage());
        MavenSettings s = MavenSettings.read(settings(mirror("plain", "http://127.0.0.1:9/")), null, null);
        MagicException mirror = assertThrows(MagicException.class, () -> new MavenResolver(local, s)
                .resolve(List.of("test.procbook:any:1.0"), List.of(), false, line -> { }));
        assertTrue(mirror.getMessage().contains("'plain'") && mirror.getMessage().contains("--allow-http"),
                mirror.getMessage());
    }

    @Test
    void theSettingsMirrorProxyAndEncryptedCredentialsAreUsed() throws Exception {
        Path repo = dir.resolve("repo");
        publish(repo, "test.procbook", "behind-a-proxy", false);
        startServer(repo);
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = "the-master-password";
        Path security = Files.writeString(dir.resolve("settings-security.xml"), "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(master, "settings.security") + "</master></settingsSecurity>");
        Path file = settings(mirror("company", "http://repo.example.invalid/maven2")
                + "<servers><server><id>company</id><username>reader</username><password>"
                + cipher.encryptAndDecorate("s3cret", master) + "</password></server></servers>"
                + "<proxies><proxy><id>p</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host>"
                + "<port>" + server.getAddress().getPort() + "</port><username>proxyuser</username>"
                + "<password>proxypass</password></proxy></proxies>");
        Path local = dir.resolve("local");
        List<Path> files = new MavenResolver(local, MavenSettings.read(file, null, security))
                .resolve(List.of("test.procbook:behind-a-proxy:1.0"), List.of(), true, line -> { });
        assertEquals(1, files.size());
        assertTrue(cached(local, "behind-a-proxy"));
        assertTrue(seen.stream().anyMatch(r -> r.startsWith("http://repo.example.invalid/maven2/test/procbook/")
                && r.contains("proxy=proxyuser:proxypass") && r.contains("server=reader:s3cret")), seen.toString());
    }

    /**
     * A forward proxy on 127.0.0.1 that serves {@code repo} for any host, once it has the proxy's and the
     * repository's credentials (asking for each as HTTP does), and notes what came with each request.
     */
    private void startServer(Path repo) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            try (x) {
                String proxy = credentials(x, "Proxy-Authorization");
                String user = credentials(x, "Authorization");
                seen.add(x.getRequestURI() + " proxy=" + proxy + " server=" + user);
                if (proxy == null) {
                    x.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                    x.sendResponseHeaders(407, -1);
                } else if (user == null) {
                    x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"repository\"");
                    x.sendResponseHeaders(401, -1);
                } else {
                    Path f = repo.resolve(x.getRequestURI().getPath().substring("/maven2/".length()));
                    if (!Files.isRegularFile(f)) {
                        x.sendResponseHeaders(404, -1);
                        return;
                    }
                    byte[] b = Files.readAllBytes(f);
                    x.sendResponseHeaders(200, x.getRequestMethod().equals("HEAD") ? -1 : b.length);
                    if (!x.getRequestMethod().equals("HEAD")) {
                        try (OutputStream o = x.getResponseBody()) {
                            o.write(b);
                        }
                    }
                }
            }
        });
        server.start();
    }

    private static String credentials(HttpExchange x, String header) {
        String v = x.getRequestHeaders().getFirst(header);
        if (v == null || !v.startsWith("Basic ")) return null;
        return new String(Base64.getDecoder().decode(v.substring(6)), StandardCharsets.UTF_8);
    }
}
