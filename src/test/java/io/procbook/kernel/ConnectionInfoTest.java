package io.procbook.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionInfoTest {
    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path p = dir.resolve("kernel.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void readsWhatJupyterClientWrites() throws Exception {
        ConnectionInfo c = ConnectionInfo.read(write("""
                {"shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796, "control_port": 53797,
                 "hb_port": 53798, "ip": "127.0.0.1", "key": "a0436f6c-1916", "transport": "tcp",
                 "signature_scheme": "hmac-sha256", "kernel_name": "procbook"}"""));
        assertEquals(53794, c.shellPort());
        assertEquals(53798, c.hbPort());
        assertEquals("a0436f6c-1916", c.key());
        assertEquals("tcp://127.0.0.1:53797", c.endpoint(c.controlPort()));
        assertEquals("tcp://127.0.0.1:*", c.endpoint(0));
        assertTrue(!c.toString().contains("a0436f6c-1916"), "the key never appears in logs: " + c);
    }

    @Test
    void ipcAndIpv6Endpoints() {
        ConnectionInfo ipc = new ConnectionInfo("ipc", "/tmp/kernel-1", 1, 2, 3, 4, 5, "", "hmac-sha256");
        assertEquals("ipc:///tmp/kernel-1-4", ipc.endpoint(4));
        ConnectionInfo v6 = new ConnectionInfo("tcp", "::1", 1, 2, 3, 4, 5, "", "hmac-sha256");
        assertEquals("tcp://[::1]:5", v6.endpoint(5));
        assertTrue(v6.ipv6());
    }

    @Test
    void defaultsForOptionalFields() throws Exception {
        ConnectionInfo c = ConnectionInfo.read(write("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}"""));
        assertEquals("tcp", c.transport());
        assertEquals("127.0.0.1", c.ip());
        assertEquals("", c.key());
        assertEquals("hmac-sha256", c.signatureScheme());
    }

    @Test
    void badFilesGiveClearErrors() throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.read(write("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4}""")));
        assertTrue(missing.getMessage().contains("hb_port"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.read(write("""
                {"shell_port": 70000, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}""")));
        assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.read(write("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5, "transport": "udp"}""")));
        assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.read(write("not json")));
    }

    @Test
    void ipcTransportIsRefusedAtStartInsteadOfSilentlyUsingTcp() {
        ConnectionInfo ipc = new ConnectionInfo("ipc", dir.resolve("k").toString(), 1, 2, 3, 4, 5, "", "hmac-sha256");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Kernel.start(ipc, new FakeEngine(), History.inMemory(10), () -> { }));
        assertTrue(e.getMessage().contains("ipc"), e.getMessage());
    }

    @Test
    void anEmptyKeyIsAcceptedOnLoopbackOnly() throws Exception {
        for (String ip : new String[] {"127.0.0.1", "::1", "localhost", "127.0.0.2"}) {
            new ConnectionInfo("tcp", ip, 1, 2, 3, 4, 5, "", "hmac-sha256");
        }
        for (String ip : new String[] {"0.0.0.0", "*", "::", "192.0.2.7"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ConnectionInfo("tcp", ip, 1, 2, 3, 4, 5, "", "hmac-sha256"));
            assertTrue(e.getMessage().contains("key is empty") && e.getMessage().contains(ip), e.getMessage());
            new ConnectionInfo("tcp", ip, 1, 2, 3, 4, 5, "k", "hmac-sha256"); // with a key: fine
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionInfo.read(write("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "0.0.0.0", "key": ""}""")));
        assertTrue(e.getMessage().contains("listen on 127.0.0.1"), e.getMessage());
    }
}
