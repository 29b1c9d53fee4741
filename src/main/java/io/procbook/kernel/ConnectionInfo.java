package io.procbook.kernel;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contents of a Jupyter connection file: where the five sockets listen and how messages are signed.
 *
 * <p>A port of 0 means "any free port" (the kernel then reports the port it bound); Jupyter clients always
 * give real ports, tests use 0 to avoid racing for free ports. An empty key (messages unsigned, as the
 * messaging spec allows) is accepted on a loopback address only.
 */
record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
                      int hbPort, String key, String signatureScheme) {

    ConnectionInfo {
        if (!transport.equals("tcp") && !transport.equals("ipc")) {
            throw new IllegalArgumentException("connection file: transport must be \"tcp\" or \"ipc\", not \"" + transport + "\"");
        }
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("connection file: ip is empty");
        }
        if (key.isEmpty() && transport.equals("tcp") && !isLoopback(ip)) {
            throw new IllegalArgumentException("connection file: the key is empty, which turns message signing off,"
                    + " and ip " + ip + " is not a loopback address: anyone who can reach these ports could run"
                    + " code; give a key or listen on 127.0.0.1");
        }
    }

    /** Whether {@code ip} (a literal address or a host name) is this host's loopback; false if unknown. */
    private static boolean isLoopback(String ip) {
        String host = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (host.equals("*")) return false;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether messages are signed: false for an empty key, which the kernel then warns about. */
    boolean signed() {
        return !key.isEmpty();
    }

    static ConnectionInfo read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonObject o;
        try {
            o = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connection file " + file + " is not a JSON object: " + e.getMessage(), e);
        }
        return new ConnectionInfo(
                string(o, "transport", "tcp"),
                string(o, "ip", "127.0.0.1"),
                port(o, "shell_port"), port(o, "iopub_port"), port(o, "stdin_port"), port(o, "control_port"),
                port(o, "hb_port"),
                string(o, "key", ""),
                string(o, "signature_scheme", "hmac-sha256"));
    }

    /** Without the key: a connection printed into a log must not hand out the right to run code. */
    @Override
    public String toString() {
        return "ConnectionInfo[" + transport + "://" + ip + " shell=" + shellPort + " iopub=" + iopubPort + " stdin="
                + stdinPort + " control=" + controlPort + " hb=" + hbPort + " key=" + (key.isEmpty() ? "none" : "***")
                + " scheme=" + signatureScheme + "]";
    }

    /** The ZMQ endpoint a socket binds to for the given port (as libzmq and jupyter_client spell it). */
    String endpoint(int port) {
        if (transport.equals("ipc")) {
            return "ipc://" + ip + "-" + port;
        }
        String host = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        return "tcp://" + host + ":" + (port == 0 ? "*" : Integer.toString(port));
    }

    boolean ipv6() {
        return transport.equals("tcp") && ip.contains(":");
    }

    private static String string(JsonObject o, String name, String fallback) {
        try {
            return Json.string(o, name, fallback);
        } catch (BadRequestException e) {
            throw new IllegalArgumentException("connection file: " + e.getMessage());
        }
    }

    private static int port(JsonObject o, String name) {
        int port;
        try {
            port = Json.requiredInteger(o, name);
        } catch (BadRequestException e) {
            throw new IllegalArgumentException("connection file: " + e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("connection file: " + name + " = " + port + " is not a port number");
        }
        return port;
    }
}
