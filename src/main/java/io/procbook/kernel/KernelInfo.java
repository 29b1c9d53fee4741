package io.procbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The content of kernel_info_reply. */
final class KernelInfo {
    static final String IMPLEMENTATION = "procbook";

    private KernelInfo() { }

    static JsonObject content(String languageVersion) {
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", languageVersion);
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("codemirror_mode", "text/x-java");
        language.addProperty("pygments_lexer", "java");

        int feature = Runtime.version().feature();
        JsonArray links = new JsonArray();
        links.add(link("Java " + feature + " API", "https://docs.oracle.com/en/java/javase/" + feature + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/" + feature + "/jshell/"));

        JsonObject c = new JsonObject();
        c.addProperty("status", "ok");
        c.addProperty("protocol_version", MessageFactory.PROTOCOL_VERSION);
        c.addProperty("implementation", IMPLEMENTATION);
        c.addProperty("implementation_version", implementationVersion());
        c.add("language_info", language);
        c.addProperty("banner", "procbook " + implementationVersion() + ": Java " + languageVersion
                + " (JShell) with multiprocessing for notebooks");
        c.add("help_links", links);
        c.addProperty("debugger", false);
        // Protocol 5.5's list of optional features: none (no debugger, no subshells). Saying so lets a front end
        // that asks (JupyterLab 4 checks for "kernel subshells") know rather than guess.
        c.add("supported_features", new JsonArray());
        return c;
    }

    /** The jar's Implementation-Version when the manifest has one, else the version this source belongs to. */
    static String implementationVersion() {
        String v = KernelInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }

    private static JsonObject link(String text, String url) {
        JsonObject o = new JsonObject();
        o.addProperty("text", text);
        o.addProperty("url", url);
        return o;
    }
}
