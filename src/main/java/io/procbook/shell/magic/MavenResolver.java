package io.procbook.shell.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Resolves Maven coordinates with their runtime dependencies through Apache Maven Resolver: the local
 * repository (~/.m2/repository, the settings' or -Dmaven.repo.local) first, then Maven Central and any extra
 * repositories, through the mirrors, proxies and credentials of the Maven settings ({@link MavenSettings}).
 *
 * <p>Integrity: every download is checked against the repository's checksums and a mismatch (or a missing
 * checksum) fails the resolution, where the resolver's default only warns; plain-http repositories are used
 * only when allowed explicitly.
 */
final class MavenResolver {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final RepositorySystem system = Shared.SYSTEM;
    private final Path localRepository;
    private final MavenSettings settings;

    /**
     * @param localRepository the local repository, or null for the settings' (or the default)
     * @param settings        the Maven settings to honour
     */
    MavenResolver(Path localRepository, MavenSettings settings) {
        this.settings = settings;
        this.localRepository = localRepository != null ? localRepository
                : settings.localRepository() != null ? settings.localRepository() : defaultLocalRepository();
    }

    /** -Dmaven.repo.local if set, else ~/.m2/repository (the settings may name another, see the constructor). */
    static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** -Dmaven.repo.local if set, else null (the settings' or the default). */
    static Path configuredLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : null;
    }

    /**
     * @param coordinates  {@code group:artifact[:extension[:classifier]]:version}, each
     * @param repositories extra remote repository URLs, searched after Maven Central
     * @param allowHttp    whether plain-http repositories and mirrors may be used
     * @param progress     told of each download, one line each
     * @return the files of the artifacts and all their runtime dependencies, in class path order
     * @throws MagicException naming the artifact that could not be resolved, and why (a checksum mismatch
     *                        too), or a plain-http repository or mirror when {@code allowHttp} is false
     */
    List<Path> resolve(List<String> coordinates, List<String> repositories, boolean allowHttp,
                       Consumer<String> progress) {
        for (String r : repositories) {
            if (!allowHttp && MavenSettings.isPlainHttp(r)) {
                throw new MagicException("the repository " + r + " uses plain http, whose downloads anyone on the"
                        + " way can change; use https, or allow it with %maven --allow-http");
            }
        }
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        // Model building activates profiles by JDK version and OS; it needs the system properties for that.
        session.setSystemProperties(System.getProperties());
        session.setTransferListener(new Progress(progress));
        session.setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL); // over every repository's own
        session.setMirrorSelector(settings.mirrors(allowHttp));
        session.setProxySelector(settings.proxies());
        session.setAuthenticationSelector(settings.authentications());
        session.setOffline(settings.offline());

        RepositoryPolicy policy = new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY,
                RepositoryPolicy.CHECKSUM_POLICY_FAIL);
        List<RemoteRepository> declared = new ArrayList<>();
        declared.add(new RemoteRepository.Builder("central", "default", CENTRAL).setPolicy(policy).build());
        for (int i = 0; i < repositories.size(); i++) {
            declared.add(new RemoteRepository.Builder("repo" + (i + 1), "default", repositories.get(i))
                    .setPolicy(policy).build());
        }
        // Through the settings: a mirror stands in for what it mirrors, with its proxy and credentials.
        List<RemoteRepository> remotes = system.newResolutionRepositories(session, declared);
        CollectRequest collect = new CollectRequest();
        for (String c : coordinates) {
            try {
                collect.addDependency(new Dependency(new DefaultArtifact(c), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new MagicException("bad coordinates '" + c + "': expected group:artifact:version "
                        + "(or group:artifact:extension:classifier:version)");
            }
        }
        collect.setRepositories(remotes);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        try {
            List<Path> files = new ArrayList<>();
            for (ArtifactResult r : system.resolveDependencies(session, request).getArtifactResults()) {
                files.add(r.getArtifact().getFile().toPath());
            }
            return files;
        } catch (DependencyResolutionException e) {
            throw new MagicException("cannot resolve " + String.join(", ", coordinates) + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) msg = t.getMessage();
        }
        return msg;
    }

    /** The resolver's components, made once (tens of milliseconds) and shared: they keep no state of a request. */
    private static final class Shared {
        static final RepositorySystem SYSTEM = new RepositorySystemSupplier().get();
    }

    /** One line per finished download: what, how big, how fast. */
    private static final class Progress extends AbstractTransferListener {
        private final Consumer<String> out;

        Progress(Consumer<String> out) {
            this.out = out;
        }

        @Override
        public void transferStarted(TransferEvent event) {
            if (event.getRequestType() == TransferEvent.RequestType.GET) {
                out.accept("Downloading " + event.getResource().getRepositoryUrl()
                        + event.getResource().getResourceName());
            }
        }

        @Override
        public void transferSucceeded(TransferEvent event) {
            if (event.getRequestType() != TransferEvent.RequestType.GET) return;
            long bytes = event.getTransferredBytes();
            long ms = Math.max(1, System.currentTimeMillis() - event.getResource().getTransferStartTime());
            out.accept(String.format(Locale.ROOT, "Downloaded %s (%s at %.0f kB/s)",
                    event.getResource().getResourceName(), size(bytes), bytes / 1.024 / ms));
        }

        private static String size(long bytes) {
            return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                                    : String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
        }
    }
}
