package io.procbook.shell.magic;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
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
 * repository (~/.m2/repository, or -Dmaven.repo.local) first, then Maven Central and any extra repositories.
 */
final class MavenResolver {

    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final Path localRepository;

    MavenResolver(Path localRepository) {
        this.localRepository = localRepository;
    }

    static Path defaultLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * @param coordinates  {@code group:artifact[:extension[:classifier]]:version}, each
     * @param repositories extra remote repository URLs, searched after Maven Central
     * @param progress     told of each download, one line each
     * @return the files of the artifacts and all their runtime dependencies, in class path order
     * @throws MagicException naming the artifact that could not be resolved, and why
     */
    List<Path> resolve(List<String> coordinates, List<String> repositories, Consumer<String> progress) {
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session,
                new LocalRepository(localRepository.toFile())));
        // Model building activates profiles by JDK version and OS; it needs the system properties for that.
        session.setSystemProperties(System.getProperties());
        session.setTransferListener(new Progress(progress));

        List<RemoteRepository> remotes = new ArrayList<>();
        remotes.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
        for (int i = 0; i < repositories.size(); i++) {
            remotes.add(new RemoteRepository.Builder("repo" + (i + 1), "default", repositories.get(i)).build());
        }
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
