package io.procbook.shell.magic;

import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code %maven} takes from Maven's settings files, read by Maven's own settings builder (so property
 * references and encrypted passwords work as in Maven): mirrors, proxies, the servers' credentials (for the
 * repositories and mirrors with their ids), the local repository and offline mode. Profiles and their
 * repositories are not read. The user's file is {@code ~/.m2/settings.xml}; the global one
 * {@code $MAVEN_HOME/conf/settings.xml} where Maven is installed.
 *
 * <p>Plain {@code http://} is refused everywhere unless allowed explicitly: a mirror in these files that uses
 * it is an error naming the mirror, and a repository that a dependency's POM declares with it is blocked, as
 * Maven 3.8.1 and later block it.
 */
final class MavenSettings {

    /** The mirror Maven itself uses to block plain-http repositories declared by POMs. */
    static final String HTTP_BLOCKER = "procbook-http-blocker";

    private final Settings settings;
    private final List<Server> servers;
    private final List<Proxy> proxies;

    private MavenSettings(Settings settings, List<Server> servers, List<Proxy> proxies) {
        this.settings = settings;
        this.servers = servers;
        this.proxies = proxies;
    }

    /** No settings at all (no file exists). */
    static MavenSettings none() {
        return new MavenSettings(new Settings(), List.of(), List.of());
    }

    /** The user's and the global settings of this machine, as Maven finds them. */
    static MavenSettings ofThisUser() {
        Path user = Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        String mavenHome = System.getProperty("maven.home", System.getenv("MAVEN_HOME"));
        Path global = mavenHome == null ? null : Path.of(mavenHome, "conf", "settings.xml");
        return read(user, global, Path.of(System.getProperty("user.home"), ".m2", "settings-security.xml"));
    }

    /**
     * Reads settings files (each may be missing or null) and decrypts their passwords.
     *
     * @throws MagicException naming the file and the problem, if a file is malformed or a password cannot be
     *                        decrypted
     */
    static MavenSettings read(Path user, Path global, Path security) {
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        if (user != null && Files.isRegularFile(user)) request.setUserSettingsFile(user.toFile());
        if (global != null && Files.isRegularFile(global)) request.setGlobalSettingsFile(global.toFile());
        request.setSystemProperties(System.getProperties());
        Settings s;
        try {
            s = new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        } catch (SettingsBuildingException e) {
            throw new MagicException("cannot read Maven settings: " + problems(e.getProblems()));
        }
        DefaultSecDispatcher dispatcher = new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                security == null ? new File("settings-security.xml").getAbsolutePath() : security.toString());
        SettingsDecryptionResult decrypted = new DefaultSettingsDecrypter(dispatcher)
                .decrypt(new DefaultSettingsDecryptionRequest(s));
        List<SettingsProblem> errors = decrypted.getProblems().stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING).toList();
        if (!errors.isEmpty()) {
            throw new MagicException("cannot decrypt the passwords in the Maven settings: " + problems(errors));
        }
        return new MavenSettings(s, decrypted.getServers(), decrypted.getProxies());
    }

    private static String problems(List<SettingsProblem> problems) {
        List<String> lines = new ArrayList<>();
        for (SettingsProblem p : problems) lines.add(p.getMessage() + " (" + p.getLocation() + ")");
        return String.join("; ", lines);
    }

    /** The local repository the settings name, or null. */
    Path localRepository() {
        String l = settings.getLocalRepository();
        return l == null || l.isBlank() ? null : Path.of(l);
    }

    boolean offline() {
        return settings.isOffline();
    }

    /**
     * The settings' mirrors, then the blocker of plain-http repositories from POMs (unless allowed).
     *
     * @throws MagicException if a mirror uses plain http and {@code allowHttp} is false
     */
    MirrorSelector mirrors(boolean allowHttp) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            if (!allowHttp && isPlainHttp(m.getUrl())) {
                throw new MagicException("the mirror '" + m.getId() + "' in the Maven settings uses plain http ("
                        + m.getUrl() + "), whose downloads anyone on the way can change; use https, or allow it"
                        + " with %maven --allow-http");
            }
            selector.add(m.getId(), m.getUrl(), m.getLayout(), false, m.isBlocked(), m.getMirrorOf(),
                    m.getMirrorOfLayouts());
        }
        if (!allowHttp) {
            selector.add(HTTP_BLOCKER, "http://0.0.0.0/", "default", false, true, "external:http:*", null);
        }
        return selector;
    }

    /** The active proxies, each for its protocol, with its credentials and the hosts that bypass it. */
    ProxySelector proxies() {
        DefaultProxySelector selector = new DefaultProxySelector();
        for (Proxy p : proxies) {
            if (!p.isActive()) continue;
            Authentication auth = p.getUsername() == null ? null
                    : new AuthenticationBuilder().addUsername(p.getUsername()).addPassword(p.getPassword()).build();
            selector.add(new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth),
                    p.getNonProxyHosts());
        }
        return selector;
    }

    /** Each server's credentials, for the repository or mirror with its id. */
    AuthenticationSelector authentications() {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (Server s : servers) {
            AuthenticationBuilder b = new AuthenticationBuilder().addUsername(s.getUsername())
                    .addPassword(s.getPassword()).addPrivateKey(s.getPrivateKey(), s.getPassphrase());
            selector.add(s.getId(), b.build());
        }
        return selector;
    }

    static boolean isPlainHttp(String url) {
        return url != null && url.toLowerCase(Locale.ROOT).startsWith("http://");
    }
}
